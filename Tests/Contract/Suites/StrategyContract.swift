import Foundation
import XCTest

/// The Strategies operations and `strategy_update`: the demo instances and every type, an
/// instance created, validated, started, reconfigured, stopped and deleted, and a running grid
/// whose signals, orders and fills stream while REST agrees. The server's one account and
/// engine are shared by the tests of a class, so each test uses instances of its own.
extension ContractSuite {
    func strategyReadsNeedAToken() throws {
        assertError(try api.call("listStrategies"), 401, "MISSING_TOKEN")
        assertError(try api.call("getStrategy", path: ["id": "grid_btc"]), 401, "MISSING_TOKEN")
        assertError(try api.call("listStrategyTypes"), 401, "MISSING_TOKEN")
        assertError(try api.call("getStrategyStats"), 401, "MISSING_TOKEN")
        let viewer = try account("viewer").client
        assertError(try viewer.call("startStrategy", path: ["id": "grid_btc"]), 403, "INSUFFICIENT_PERMISSION")
        assertError(try viewer.call("createStrategy", body: ["id": "x", "type": "rsi", "name": "x", "symbols": ["GOOG"]]), 403,
                    "INSUFFICIENT_PERMISSION")
    }

    /// A database's first start makes document A's `grid_btc` and an instance on a symbol of
    /// each other market, stopped; every type of the spec is listed with its schema and defaults.
    func theDemoStrategiesAndEveryTypeAreListed() throws {
        let viewer = try account("viewer").client
        let list = try viewer.call("listStrategies")
        XCTAssertEqual(list.status, 200, list.message.summary)
        let ids = (list["strategies"].array ?? []).compactMap { $0["id"]?.string }
        XCTAssertTrue(Set(["grid_btc", "sma_eurusd", "rsi_goog", "dual_momentum_kr"]).isSubset(of: ids), "\(ids)")
        XCTAssertEqual(list["total"].integer, ids.count)
        let grid = try viewer.call("getStrategy", path: ["id": "grid_btc"])
        XCTAssertEqual(grid.status, 200, grid.message.summary)
        XCTAssertEqual(grid["name"], "BTC Grid Trading")
        XCTAssertEqual(grid["version"], "1.0.0")
        XCTAssertEqual(grid["type"], "grid")
        XCTAssertEqual(grid["symbols"], ["BTC/USDT"])
        XCTAssertEqual(grid["config"]["spacing_pct"], 0.5)
        XCTAssertEqual(grid["config"]["levels"], 10)
        XCTAssertEqual(grid["config"]["use_atr"], false, "defaults filled in")
        assertError(try viewer.call("getStrategy", path: ["id": "no_such_strategy"]), 404, "STRATEGY_NOT_FOUND")
        assertError(try viewer.call("getStrategy", path: ["id": "Not Valid"]), 400, "VALIDATION_ERROR")

        let types = try viewer.call("listStrategyTypes")
        XCTAssertEqual(types.status, 200, types.message.summary)
        let names = (types["types"].array ?? []).compactMap { $0["type"]?.string }
        XCTAssertEqual(Set(names), ["grid", "rsi", "bollinger", "sma", "volatility_breakout", "magic_split", "infinity_bot",
                                    "range_trading", "dual_momentum", "all_weather", "haa"])
        let gridType = try XCTUnwrap(types["types"].array?.first { $0["type"] == "grid" })
        XCTAssertEqual(gridType["config_schema"]?["properties"]?["spacing_pct"]?["default"], 0.2)
        XCTAssertEqual(gridType["config_schema"]?["properties"]?["levels"]?["maximum"], 20)
        XCTAssertEqual(gridType["defaults"]?["levels"], 15)
        XCTAssertEqual(gridType["defaults"]?["warmup_candles"], 5)
    }

    /// Create answers 201 with the configuration normalised; every refusal names its rule.
    func aStrategyIsCreatedValidatedAndDeleted() throws {
        let trader = try account("trader").client
        let created = try trader.call("createStrategy", body: [
            "id": "rsi_contract", "type": "rsi", "name": "Contract RSI", "symbols": ["ETH-USDT"], "config": ["period": 10],
        ])
        XCTAssertEqual(created.status, 201, created.message.summary)
        XCTAssertEqual(created["running"], false)
        XCTAssertEqual(created["symbols"], ["ETH/USDT"], "symbols in the slash form")
        XCTAssertEqual(created["config"]["period"], 10)
        XCTAssertEqual(created["config"]["oversold"], 30, "defaults filled in")
        XCTAssertEqual(created["stats"]["signals_generated"], 0)
        assertError(try trader.call("createStrategy", body: ["id": "rsi_contract", "type": "rsi", "name": "again", "symbols": ["GOOG"]]),
                    409, "CONFLICT")
        let tooShort = try trader.call("createStrategy", body: [
            "id": "rsi_bad", "type": "rsi", "name": "bad", "symbols": ["GOOG"], "config": ["period": 1],
        ])
        assertError(tooShort, 400, "VALIDATION_ERROR")
        XCTAssertEqual(tooShort["details"][0]?["field"], "body.config.period", tooShort.message.summary)
        let unknownSetting = try trader.call("createStrategy", body: [
            "id": "rsi_bad", "type": "rsi", "name": "bad", "symbols": ["GOOG"], "config": ["periodd": 10],
        ])
        assertError(unknownSetting, 400, "VALIDATION_ERROR")
        XCTAssertEqual(unknownSetting["details"][0]?["field"], "body.config.periodd", unknownSetting.message.summary)
        assertError(try trader.call("createStrategy", body: ["id": "rsi_bad", "type": "rsi", "name": "bad", "symbols": ["NOPE-USDT"]]),
                    404, "MARKET_001")
        assertError(try trader.call("createStrategy", body: ["id": "grid_bad", "type": "grid", "name": "bad", "symbols": ["GOOG", "005930"]]),
                    400, "VALIDATION_ERROR")
        let currencies = try trader.call("createStrategy", body: [
            "id": "momentum_bad", "type": "dual_momentum", "name": "bad", "symbols": ["BTC/USDT", "GOOG"],
        ])
        assertError(currencies, 400, "VALIDATION_ERROR")
        XCTAssertEqual(currencies["details"][0]?["field"], "body.symbols", currencies.message.summary)
        let crossed = try trader.call("createStrategy", body: [
            "id": "sma_bad", "type": "sma", "name": "bad", "symbols": ["GOOG"], "config": ["fast": 30, "slow": 10],
        ])
        assertError(crossed, 400, "VALIDATION_ERROR")

        let deleted = try trader.call("deleteStrategy", path: ["id": "rsi_contract"])
        XCTAssertEqual(deleted.status, 200, deleted.message.summary)
        XCTAssertEqual(deleted["message"], "Strategy 'rsi_contract' deleted successfully")
        assertError(try trader.call("getStrategy", path: ["id": "rsi_contract"]), 404, "STRATEGY_NOT_FOUND")
        assertError(try trader.call("deleteStrategy", path: ["id": "rsi_contract"]), 404, "STRATEGY_NOT_FOUND")
    }

    /// Start, the refusals of a state (document A's 400s), a configuration change while it
    /// runs (aliases accepted, the normalised configuration answered), stop, delete.
    func aStrategyStartsStopsAndTakesANewConfiguration() throws {
        let trader = try account("trader").client
        let created = try trader.call("createStrategy", body: [
            "id": "grid_cycle", "type": "grid", "name": "Cycle", "symbols": ["005930"], "config": ["warmup_candles": 0, "levels": 3],
        ])
        XCTAssertEqual(created.status, 201, created.message.summary)
        assertError(try trader.call("stopStrategy", path: ["id": "grid_cycle"]), 400, "NOT_RUNNING")
        let started = try trader.call("startStrategy", path: ["id": "grid_cycle"])
        XCTAssertEqual(started.status, 200, started.message.summary)
        XCTAssertEqual(started["action"], "start")
        XCTAssertEqual(started["message"], "Strategy 'grid_cycle' started successfully")
        assertError(try trader.call("startStrategy", path: ["id": "grid_cycle"]), 400, "ALREADY_RUNNING")
        assertError(try trader.call("deleteStrategy", path: ["id": "grid_cycle"]), 400, "ALREADY_RUNNING")
        XCTAssertEqual(try trader.call("getStrategy", path: ["id": "grid_cycle"])["running"], true)

        let changed = try trader.call("updateStrategyConfig", path: ["id": "grid_cycle"], body: [
            "config": ["grid_spacing_pct": 1.5, "grid_levels": 4],
        ])
        XCTAssertEqual(changed.status, 200, changed.message.summary)
        XCTAssertEqual(changed["config"]["spacing_pct"], 1.5, "document A's names taken, the canonical ones answered")
        XCTAssertEqual(changed["config"]["levels"], 4)
        XCTAssertEqual(changed["config"]["warmup_candles"], 0, "the rest kept")
        XCTAssertEqual(changed["message"], "Strategy 'grid_cycle' config updated successfully")
        XCTAssertEqual(try trader.call("getStrategy", path: ["id": "grid_cycle"])["config"]["levels"], 4)
        let outOfRange = try trader.call("updateStrategyConfig", path: ["id": "grid_cycle"], body: ["config": ["levels": 21]])
        assertError(outOfRange, 400, "VALIDATION_ERROR")
        XCTAssertEqual(outOfRange["details"][0]?["field"], "body.config.levels", outOfRange.message.summary)
        assertError(try trader.call("updateStrategyConfig", path: ["id": "no_such_strategy"], body: ["config": ["levels": 2]]),
                    404, "STRATEGY_NOT_FOUND")

        let stopped = try trader.call("stopStrategy", path: ["id": "grid_cycle"])
        XCTAssertEqual(stopped.status, 200, stopped.message.summary)
        XCTAssertEqual(stopped["action"], "stop")
        XCTAssertEqual(try trader.call("getStrategy", path: ["id": "grid_cycle"])["running"], false)
        let open = try trader.call("listOrders", query: ["strategy_id": "grid_cycle"])
        XCTAssertEqual(open["total"], 0, "a stopped strategy leaves no order working: \(open.message.summary)")
        XCTAssertEqual(try trader.call("deleteStrategy", path: ["id": "grid_cycle"]).status, 200)
    }

    /// The engine's figures are the sums of its instances'.
    func engineStatsAddUpTheStrategies() throws {
        let viewer = try account("viewer").client
        let stats = try viewer.call("getStrategyStats")
        XCTAssertEqual(stats.status, 200, stats.message.summary)
        let list = try viewer.call("listStrategies")
        XCTAssertEqual(stats["total_strategies"], list["total"])
        XCTAssertEqual(stats["running_strategies"], list["running"])
        let signals = (list["strategies"].array ?? []).reduce(0) { $0 + ($1["signals_generated"]?.integer ?? 0) }
        XCTAssertLessThanOrEqual(signals, stats["total_signals_generated"].integer ?? -1, "counted since the list was read at most")
    }

    /// A running grid streams `started`, its signals and the orders they made, which
    /// `order_update` shows and REST lists under the strategy's id; a fill comes back as
    /// `order_filled` with the strategy's position; stop streams `stopped` and cancels the
    /// rest.
    func aRunningGridStreamsItsSignalsOrdersAndFills() throws {
        let trader = try account("trader")
        // The market's updates keep the connection busy while the test waits for a fill.
        let socket = try accountSocket(trader, channels: ["strategies", "orders", "market:ETH-USDT"])
        defer { socket.close() }
        let created = try trader.client.call("createStrategy", body: [
            "id": "grid_stream", "type": "grid", "name": "Streaming grid", "symbols": ["ETH-USDT"],
            // The smallest reset threshold: a price that runs away upward gets the grid placed
            // again around it, so a buy level is never left far behind (see the fill below).
            "config": ["warmup_candles": 0, "levels": 4, "spacing_pct": 0.1, "reset_threshold_pct": 0.5],
        ])
        XCTAssertEqual(created.status, 201, created.message.summary)
        XCTAssertEqual(try trader.client.call("startStrategy", path: ["id": "grid_stream"]).status, 200)
        // Every order_update read along the way: the orders channel and the strategies channel
        // are two streams, in no set order between them.
        var orderUpdates: [JSONInstance] = []
        let started = try socket.receive(within: 5) { message in
            if message["type"] == "order_update" { orderUpdates.append(message) }
            return message["type"] == "strategy_update" && message["strategy_id"] == "grid_stream"
        }
        XCTAssertEqual(started["event"], "started", started.text)
        XCTAssertEqual(started["name"], "Streaming grid")
        XCTAssertEqual(started["running"], true)

        var submitted: [String] = []
        var signals = 0
        var firstFill: JSONInstance?
        _ = try socket.receive(within: 5) { message in
            if message["type"] == "order_update" { orderUpdates.append(message) }
            guard message["type"] == "strategy_update", message["strategy_id"] == "grid_stream" else { return false }
            if message["event"] == "order_filled", firstFill == nil { firstFill = message }
            if message["event"] == "signal_generated", signals < 4 {
                signals += 1
                XCTAssertEqual(message["data"]?["signal_type"], "Entry", message.text)
                XCTAssertEqual(message["data"]?["side"], "Buy", message.text)
            }
            if message["event"] == "order_submitted", let id = message["data"]?["order_id"]?.string { submitted.append(id) }
            return submitted.count == 4
        }
        XCTAssertGreaterThanOrEqual(signals, 4, "one buy a level below the price, at least")
        // The orders channel names the strategy of each of its orders (an order_update follows
        // once the order is stored, so it may come after the strategy's own events).
        func isSubmitted(_ message: JSONInstance) -> Bool {
            message["type"] == "order_update" && ((message["order_id"]?.string).map(submitted.contains) ?? false)
        }
        var announced = orderUpdates.filter(isSubmitted)
        if announced.isEmpty {
            announced.append(try socket.receive(within: 5) { message in
                if message["type"] == "strategy_update", message["event"] == "order_filled", firstFill == nil { firstFill = message }
                return isSubmitted(message)
            })
        }
        XCTAssertTrue(announced.allSatisfy { $0["strategy_id"] == "grid_stream" }, announced.map(\.text).joined(separator: "\n"))
        // Every order the stream announced is stored under the strategy's id (some may have
        // filled already).
        let listed = try trader.client.call("listOrders", query: [
            "strategy_id": "grid_stream", "status": "Pending,Open,PartiallyFilled,Filled,Cancelled,Rejected,Expired", "limit": "100",
        ])
        let stored = Set((listed["orders"].array ?? []).compactMap { $0["id"]?.string })
        XCTAssertTrue(Set(submitted).isSubset(of: stored), "\(submitted) not all in \(listed.message.summary)")
        XCTAssertTrue((listed["orders"].array ?? []).allSatisfy { $0["strategy_id"] == "grid_stream" })
        let detail = try trader.client.call("getStrategy", path: ["id": "grid_stream"])
        XCTAssertGreaterThanOrEqual(detail["stats"]["signals_generated"]?.integer ?? 0, 4, detail.message.summary)
        XCTAssertGreaterThanOrEqual(detail["stats"]["orders_submitted"]?.integer ?? 0, 4, detail.message.summary)
        XCTAssertEqual(detail["state"]["built"], true, "the grid's state: \(detail.message.summary)")
        XCTAssertFalse((detail["state"]["orders"]?.array ?? []).isEmpty, "the levels it means to hold: \(detail.message.summary)")

        // ETH-USDT's seeded random walk moves about 0.1 % a trade at this feed, either way, and
        // which way depends on the wall clock. A buy 0.1 % below usually fills within seconds,
        // but a walk that climbs from the start leaves it behind: about 4 % of runs in 45 s.
        // The grid decides at each one-minute candle close; with the 0.5 % reset, a close 0.9 %
        // above the anchor places the grid again around it, and each minute gets a new chance
        // (the chance of no fill drops to about 0.1 % in two minutes).
        let filled = try firstFill ?? socket.receive(within: 150) {
            $0["type"] == "strategy_update" && $0["strategy_id"] == "grid_stream" && $0["event"] == "order_filled"
        }
        let orderID = try XCTUnwrap(filled["data"]?["order_id"]?.string)

        XCTAssertEqual(try trader.client.call("stopStrategy", path: ["id": "grid_stream"]).status, 200)
        let stopped = try socket.receive(within: 5) {
            $0["type"] == "strategy_update" && $0["strategy_id"] == "grid_stream" && $0["event"] == "stopped"
        }
        XCTAssertEqual(stopped["running"], false)
        let open = try trader.client.call("listOrders", query: ["strategy_id": "grid_stream"])
        XCTAssertEqual(open["total"], 0, "stopping cancels what is still working: \(open.message.summary)")
        // Stopped, it trades no more: its position (if the grid holds one) is its fills.
        let all = try trader.client.call("listOrders", query: [
            "strategy_id": "grid_stream", "status": "Filled,Cancelled,PartiallyFilled", "limit": "100",
        ])
        var held = Decimal(0)
        for order in all["orders"].array ?? [] {
            let filledQuantity = try Self.decimal(order["filled_quantity"] ?? .null)
            held += order["side"] == "Buy" ? filledQuantity : -filledQuantity
        }
        XCTAssertGreaterThan((all["orders"].array ?? []).filter { (try? Self.decimal($0["filled_quantity"] ?? .null)) ?? 0 > 0 }.count, 0)
        XCTAssertTrue((all["orders"].array ?? []).contains { $0["id"]?.string == orderID }, "the filled order is one of its: \(filled.text)")
        let positions = try trader.client.call("listPositions", query: ["strategy_id": "grid_stream"])
        let quantity = try (positions["positions"].array ?? []).reduce(Decimal(0)) { $0 + (try Self.decimal($1["quantity"] ?? .null)) }
        XCTAssertEqual(quantity, held, "the strategy's position is the sum of its fills: \(positions.message.summary)")
        XCTAssertTrue((positions["positions"].array ?? []).allSatisfy { $0["strategy_id"] == "grid_stream" })
    }
}

/// The Strategies operations on SQLite.
final class SQLiteStrategyContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testStrategyReadsNeedAToken() throws { try suite.strategyReadsNeedAToken() }
    func testTheDemoStrategiesAndEveryTypeAreListed() throws { try suite.theDemoStrategiesAndEveryTypeAreListed() }
    func testAStrategyIsCreatedValidatedAndDeleted() throws { try suite.aStrategyIsCreatedValidatedAndDeleted() }
    func testAStrategyStartsStopsAndTakesANewConfiguration() throws { try suite.aStrategyStartsStopsAndTakesANewConfiguration() }
    func testEngineStatsAddUpTheStrategies() throws { try suite.engineStatsAddUpTheStrategies() }
    func testARunningGridStreamsItsSignalsOrdersAndFills() throws { try suite.aRunningGridStreamsItsSignalsOrdersAndFills() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The Strategies operations on PostgreSQL.
final class PostgresStrategyContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testStrategyReadsNeedAToken() throws { try suite.strategyReadsNeedAToken() }
    func testTheDemoStrategiesAndEveryTypeAreListed() throws { try suite.theDemoStrategiesAndEveryTypeAreListed() }
    func testAStrategyIsCreatedValidatedAndDeleted() throws { try suite.aStrategyIsCreatedValidatedAndDeleted() }
    func testAStrategyStartsStopsAndTakesANewConfiguration() throws { try suite.aStrategyStartsStopsAndTakesANewConfiguration() }
    func testEngineStatsAddUpTheStrategies() throws { try suite.engineStatsAddUpTheStrategies() }
    func testARunningGridStreamsItsSignalsOrdersAndFills() throws { try suite.aRunningGridStreamsItsSignalsOrdersAndFills() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
