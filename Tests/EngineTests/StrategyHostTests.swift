import Backends
import Primitives
import XCTest
@testable import Engine

/// A strategy for the host's tests: on each closed candle (after `skip` of them) it buys
/// `lots` at the market, or with `limit_offset_pct` a limit that far below the price; it
/// throws at candle `fail_at` and asks for an order of no quantity at candle `zero_at`.
struct ScriptedStrategy: Strategy {
    static let descriptor = StrategyDescriptor(
        type: "scripted", name: "Scripted", description: "Buys on every candle, fails when told (tests).",
        schema: ConfigSchema([
            .integer("lots", 100, min: 1, "Lots a buy."), .number("limit_offset_pct", 0, min: 0, max: 50, "0: market buys."),
            .integer("fail_at", 0, min: 0, "Throws at this candle (0: never)."),
            .integer("zero_at", 0, min: 0, "Asks for no quantity at this candle (0: never)."),
            .integer("orders", 1, min: 1, max: 10, "Buys asked for on each candle, in one decision."),
        ]))

    var config: StrategyConfig
    var candles = 0

    init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        self.config = config
    }

    mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) { self.config = config }

    mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        guard !context.isWarmUp else { return [] }
        candles += 1
        if candles == config.integer("fail_at") { throw StrategyError("candle \(candles) broke it") }
        let lots = candles == config.integer("zero_at") ? 0 : Int64(config.integer("lots"))
        let offset = config.number("limit_offset_pct")
        let limit = offset > 0 ? context.ticks(symbol, price: context.price(symbol) * (1 - offset / 100)) : nil
        return (0..<config.integer("orders")).map { index in
            .order(Signal(symbol: symbol, kind: .entry, side: .buy, quantity: lots, limit: limit, tag: candles * 10 + index,
                          reason: "candle \(candles)"))
        }
    }

    var state: JSONValue { .object([JSONMember("candles", .number(String(candles)))]) }

    mutating func restore(state: JSONValue) throws(StrategyError) {
        guard let candles = state["candles"]?.integer else { throw StrategyError("no candles in \(state)") }
        self.candles = candles
    }
}

final class StrategyHostTests: XCTestCase {
    static let t0 = 1_796_000_100_000  // on a minute boundary
    static let spec = SymbolSpec(key: SymbolKey("AAA-USDT")!, name: "AAA", market: .crypto, prices: UnitScale(digits: 2),
                                 quantities: UnitScale(digits: 4), source: .synthetic(seed: 3, startPrice: 10_000, sigma: 0.2))

    /// A market of one symbol (100.00 USDT) with a paper exchange holding 100,000 USDT.
    func core() -> MarketCore {
        let exchange = PaperExchange(settings: ExchangeSettings(startingBalances: ["USDT": ExactDecimal(100_000)]), symbols: [Self.spec],
                                     seed: 1)
        let settings = MarketSettings(feed: FeedSettings(speed: 1440, tickMilliseconds: 1_000), maxCatchUpMilliseconds: 10_000_000)
        return MarketCore(settings: settings, symbols: [SymbolStart(spec: Self.spec, price: 10_000)], sink: nil, now: Self.t0,
                          exchange: exchange, strategyTypes: [ScriptedStrategy.self])
    }

    func create(_ host: StrategyHost, _ id: String, _ config: [JSONMember]) throws {
        _ = try host.create(id: id, type: "scripted", name: id, symbols: [Self.spec.key], config: .object(config), at: Self.t0)
        try host.start(id: id, history: [[]], at: Self.t0)
    }

    func changes(_ core: MarketCore) -> ExchangeChanges {
        var changes = core.exchange!.takeChanges()
        core.strategies!.takeChanges(into: &changes)
        return changes
    }

    /// The open-order limit holds within one decision: of three limit buys asked for at once
    /// with `max_open_orders` 1, the first is placed and the other two refused and recorded.
    func testTheOpenOrderLimitCountsOrdersPlacedInTheSameDecision() throws {
        let core = core(), host = core.strategies!
        try create(host, "burst", [JSONMember("orders", .number("3")), JSONMember("limit_offset_pct", .number("5")),
                                   JSONMember("max_open_orders", .number("1"))])
        core.advance(to: Self.t0 + 60_000 + 1)
        let view = try XCTUnwrap(host.views.first { $0.id == "burst" })
        XCTAssertEqual(view.signalsGenerated, 3)
        XCTAssertEqual(view.ordersSubmitted, 1, "one order open at most")
        let changes = changes(core)
        let refused = changes.errors.filter { $0.message.contains("max_open_orders") }
        XCTAssertEqual(refused.count, 2, "\(changes.errors.map(\.message))")
        XCTAssertTrue(refused.allSatisfy { $0.severity == "warning" && $0.category == "strategy" })
        XCTAssertEqual(changes.orders.filter { $0.strategyID == "burst" }.count, 1)
    }

    /// Orders of one strategy that fill in the same batch are each handed to it: the decision on
    /// the first fill drops the others from the strategy's working orders (they no longer work),
    /// which once lost their fills (no `order_filled`, no count, no cash).
    func testEveryFillOfABatchReachesItsStrategy() throws {
        let core = core(), host = core.strategies!
        try create(host, "burst", [JSONMember("orders", .number("3"))])
        core.advance(to: Self.t0 + 60_000 + 1)
        let view = try XCTUnwrap(host.views.first { $0.id == "burst" })
        XCTAssertEqual(view.ordersSubmitted, 3, "three market buys in one decision")
        XCTAssertEqual(view.ordersFilled, 3, "each filled at once, and each counted")
        let filled = changes(core).strategyEvents.filter { $0.strategyID == "burst" && $0.kind == .orderFilled }
        XCTAssertEqual(filled.count, 3, "one order_filled per order")
        let position = core.exchange!.position(PositionKey(exchange: PositionKey.spot, symbol: Self.spec.key, strategyID: "burst"))
        XCTAssertEqual(position?.quantity, 300)
    }

    /// Resting orders that a market trade fills while the same trade closes a candle: the
    /// candle's decision sees them no longer working before their fills are handed out, and
    /// their fills still reach the strategy. Over two hours of the seeded feed, every order
    /// that ends Filled is counted and announced once.
    func testFillsOfOrdersADecisionSawEndedStillReachTheStrategy() throws {
        let core = core(), host = core.strategies!
        try create(host, "rester", [JSONMember("orders", .number("2")), JSONMember("limit_offset_pct", .number("0.05")),
                                    JSONMember("max_open_orders", .number("500")), JSONMember("max_position_pct", .number("100"))])
        var filledOrders: Set<String> = [], announced: [String] = []
        for minute in 1...120 {
            core.advance(to: Self.t0 + minute * 60_000 + 1)
            let changes = changes(core)
            filledOrders.formUnion(changes.orders.filter { $0.strategyID == "rester" && $0.status == .filled }.map(\.id))
            announced += changes.strategyEvents.filter { $0.kind == .orderFilled && $0.data["order_done"] == .bool(true) }
                .compactMap { event -> String? in
                    if case .string(let id) = event.data["order_id"] { return id }
                    return nil
                }
        }
        let view = try XCTUnwrap(host.views.first { $0.id == "rester" })
        XCTAssertGreaterThan(filledOrders.count, 10, "the walk fills resting buys")
        XCTAssertEqual(view.ordersFilled, filledOrders.count)
        XCTAssertEqual(announced.count, filledOrders.count, "one order_filled each")
        XCTAssertEqual(Set(announced), filledOrders)
    }

    /// A strategy that throws is stopped and reported; one that asks for an impossible order
    /// too; the other strategy on the same symbol goes on trading.
    func testAFailingStrategyIsStoppedAndTheOthersGoOn() throws {
        let core = core(), host = core.strategies!
        try create(host, "good", [])
        try create(host, "broken", [JSONMember("fail_at", .number("2"))])
        try create(host, "zero", [JSONMember("zero_at", .number("1"))])
        core.advance(to: Self.t0 + 3 * 60_000 + 1)
        let views = Dictionary(uniqueKeysWithValues: host.views.map { ($0.id, $0) })
        XCTAssertEqual(views["good"]?.running, true)
        XCTAssertEqual(views["good"]?.signalsGenerated, 3, "a buy on each of three closed candles")
        XCTAssertEqual(views["good"]?.ordersSubmitted, 3)
        XCTAssertEqual(views["good"]?.ordersFilled, 3, "market buys fill")
        XCTAssertEqual(views["broken"]?.running, false)
        XCTAssertEqual(views["broken"]?.signalsGenerated, 1, "its first candle traded, its second threw")
        XCTAssertEqual(views["zero"]?.running, false)
        XCTAssertEqual(views["zero"]?.signalsGenerated, 0, "an impossible order is no signal")
        let position = core.exchange!.position(PositionKey(exchange: PositionKey.spot, symbol: Self.spec.key, strategyID: "good"))
        XCTAssertEqual(position?.quantity, 300, "the good strategy's position is its fills")

        let changes = changes(core)
        let failures = changes.strategyEvents.filter { $0.kind == .error }
        XCTAssertEqual(failures.map(\.strategyID).sorted(), ["broken", "zero"])
        XCTAssertEqual(failures.first { $0.strategyID == "broken" }?.data["message"], .string("candle 2 broke it"))
        XCTAssertTrue(failures.allSatisfy { !$0.running })
        XCTAssertEqual(changes.errors.filter { $0.severity == "error" }.count, 2)
        XCTAssertTrue(changes.errors.allSatisfy { $0.category == "strategy" })
        let stored = Dictionary(uniqueKeysWithValues: changes.strategies.map { ($0.id, $0) })
        XCTAssertEqual(stored["broken"]?.running, false, "stored stopped, so a restart does not resume it")
        XCTAssertEqual(changes.orders.filter { $0.strategyID == "good" }.count, 3, "orders tagged with the strategy id")
    }

    /// The risk limits refuse a signal, recorded with its reason, without stopping the strategy:
    /// open orders at `max_open_orders`, and a buy past `max_position_pct`.
    func testTheRiskLimitsRefuseSignalsWithTheirReasons() throws {
        let core = core(), host = core.strategies!
        try create(host, "resting", [JSONMember("limit_offset_pct", .number("20")), JSONMember("max_open_orders", .number("2"))])
        // 500,000 lots = 50 units at 100 USDT: 5,000 USDT, over 1 % of 100,000.
        try create(host, "big", [JSONMember("lots", .number("500000")), JSONMember("max_position_pct", .number("1"))])
        core.advance(to: Self.t0 + 3 * 60_000 + 1)
        let changes = changes(core)
        let signals = changes.strategyEvents.filter { $0.kind == .signalGenerated }
        let resting = signals.filter { $0.strategyID == "resting" }
        XCTAssertEqual(resting.map { $0.data["accepted"] }, [.bool(true), .bool(true), .bool(false)])
        guard case .string(let reason) = resting.last?.data["refusal"] ?? .null else { return XCTFail("no refusal reason") }
        XCTAssertTrue(reason.contains("max_open_orders"), reason)
        let big = signals.filter { $0.strategyID == "big" }
        XCTAssertEqual(big.count, 3)
        XCTAssertTrue(big.allSatisfy { $0.data["accepted"] == .bool(false) })
        guard case .string(let bigReason) = big.first?.data["refusal"] ?? .null else { return XCTFail("no refusal reason") }
        XCTAssertTrue(bigReason.contains("max_position_pct"), bigReason)
        XCTAssertEqual(changes.errors.filter { $0.severity == "warning" }.count, 4, "each refusal recorded")
        XCTAssertTrue(host.views.allSatisfy(\.running), "a refused signal stops nothing")
        XCTAssertEqual(host.view(id: "resting")?.ordersSubmitted, 2)
        XCTAssertEqual(host.view(id: "big")?.ordersSubmitted, 0)
    }

    /// Stopping cancels the strategy's working orders; a stored instance comes back running
    /// with its state, counters and orders, and decides on from there.
    func testAStoppedStrategyLeavesNoOrderAndARestoredOneResumes() throws {
        let core = core(), host = core.strategies!
        try create(host, "resting", [JSONMember("limit_offset_pct", .number("20"))])
        core.advance(to: Self.t0 + 2 * 60_000 + 1)
        XCTAssertEqual(core.exchange!.activeOrders.filter { $0.strategyID == "resting" }.count, 2)
        let records = changes(core).strategies
        let record = try XCTUnwrap(records.last { $0.id == "resting" })
        XCTAssertTrue(record.running)
        XCTAssertEqual(record.signalsGenerated, 2)

        // A new engine over the same exchange (as after a restart) takes the record back.
        let second = MarketCore(settings: core.settings, symbols: [SymbolStart(spec: Self.spec, price: 10_000)], sink: nil,
                                now: Self.t0 + 2 * 60_000 + 1, exchange: core.exchange, strategyTypes: [ScriptedStrategy.self])
        XCTAssertEqual(second.strategies!.restore([record], history: { _ in [[]] }, at: Self.t0 + 2 * 60_000 + 1), 1)
        let resumed = try XCTUnwrap(second.strategies!.view(id: "resting"))
        XCTAssertTrue(resumed.running)
        XCTAssertEqual(resumed.signalsGenerated, 2)
        XCTAssertEqual(second.strategies!.instances["resting"]?.orders.count, 2, "its working orders are its again")
        second.advance(to: Self.t0 + 3 * 60_000 + 1)
        XCTAssertEqual(second.strategies!.view(id: "resting")?.signalsGenerated, 3)
        let state = second.strategies!.instances["resting"]!.strategy!.state
        XCTAssertEqual(state["candles"], .number("3"), "it counted on from its stored state")

        try second.strategies!.stop(id: "resting", at: Self.t0 + 3 * 60_000 + 2)
        XCTAssertEqual(core.exchange!.activeOrders.filter { $0.strategyID == "resting" }.count, 0, "stopping cancels its orders")
        XCTAssertThrowsError(try second.strategies!.stop(id: "resting", at: Self.t0 + 3 * 60_000 + 3)) { error in
            XCTAssertEqual(error as? StrategyCommandError, .notRunning("resting"))
        }
    }

    /// The daily loss limit: once the strategy's equity (its cash flow and its positions at
    /// the price) is more than `daily_loss_limit_pct` of the quote's total below the day's
    /// start, buys are refused; sells still go.
    func testTheDailyLossLimitRefusesBuysOnceLost() throws {
        let core = core(), host = core.strategies!
        try create(host, "loser", [JSONMember("daily_loss_limit_pct", .number("2"))])
        var instance = try XCTUnwrap(host.instances["loser"])
        // Bought 30 units at 100 (3,000 USDT); the price is now 90: equity −300 against the
        // day's start of 0, and 2 % of 10,000 is 200.
        instance.cash = -3_000
        instance.dayStartEquity = 0
        instance.day = Self.t0 / 86_400_000
        let holding = StrategyContext.Holding(spec: Self.spec, price: 9_000, position: 300_000, entryPrice: 10_000)
        let context = StrategyContext(time: Self.t0, holdings: [holding], freeQuote: 7_000, totalQuote: 10_000)
        let buy = Signal(symbol: 0, kind: .entry, side: .buy, quantity: 100, reason: "more")
        let refusal = try XCTUnwrap(host.riskRefusal(buy, instance: instance, context: context))
        XCTAssertTrue(refusal.contains("daily_loss_limit_pct"), refusal)
        XCTAssertTrue(refusal.contains("300.00"), refusal)
        let sell = Signal(symbol: 0, kind: .exit, side: .sell, quantity: 300_000, reason: "out")
        XCTAssertNil(host.riskRefusal(sell, instance: instance, context: context), "an exit is never refused for a loss")
        // A smaller loss passes.
        var better = context
        better.holdings[0].price = 9_950
        XCTAssertNil(host.riskRefusal(buy, instance: instance, context: better))
    }
}
