import Foundation
import XCTest
@testable import Backends

/// The trading aggregates' storage contract: strategies, fills, positions with their FIFO
/// lots, balances and watchlists, on both backends.
extension ConformanceSuite {
    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)! }

    /// JSON text with sorted keys, so that PostgreSQL's normalized JSONB compares equal to the input.
    static func canonicalJSON(_ text: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func strategy(_ id: String, running: Bool = false, createdAt: Int = now) -> StrategyRecord {
        StrategyRecord(id: id, type: "grid", name: "Grid \(id)", version: "1.0.0", symbols: ["BTC/USDT", "삼성전자"],
                       config: #"{"levels": 10, "spacing": "0.5", "nested": {"on": true}}"#, running: running,
                       createdAt: createdAt, updatedAt: createdAt)
    }

    /// Asserts that `body` throws the `StorageError` case `matches` accepts.
    func assertStorageError(_ body: () async throws -> Void, _ matches: (StorageError) -> Bool, _ message: String,
                            file: StaticString = #filePath, line: UInt = #line) async {
        do {
            try await body()
            XCTFail("no error: \(message)", file: file, line: line)
        } catch let error as StorageError {
            XCTAssertTrue(matches(error), "\(message): \(error)", file: file, line: line)
        } catch {
            XCTFail("\(message): \(error)", file: file, line: line)
        }
    }

    // MARK: Strategies

    func strategiesRoundTripWithJSONAndRefuseDuplicateIDs() async throws {
        let grid = Self.strategy("grid_btc")
        try await backend.write { r throws(StorageError) in
            try r.strategies.insert(grid)
            try r.strategies.insert(Self.strategy("dca-eth", running: true))
        }
        let stored = try await backend.read { r throws(StorageError) in try r.strategies.find(id: "grid_btc") }
        XCTAssertEqual(stored?.symbols, ["BTC/USDT", "삼성전자"])
        XCTAssertEqual(stored.flatMap { Self.canonicalJSON($0.config) }, Self.canonicalJSON(grid.config))
        var expected = grid
        expected.config = stored?.config ?? ""
        XCTAssertEqual(stored, expected)
        let ids = try await backend.read { r throws(StorageError) in try r.strategies.list().map(\.id) }
        XCTAssertEqual(ids, ["dca-eth", "grid_btc"], "ordered by id")
        let missing = try await backend.read { r throws(StorageError) in try r.strategies.find(id: "nope") }
        XCTAssertNil(missing)
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.strategies.insert(Self.strategy("grid_btc")) }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "duplicate strategy id")
        var broken = Self.strategy("broken")
        broken.config = "[1, 2]"
        let refused = broken
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.strategies.insert(refused) }
        }, { if case .constraintViolation = $0 { true } else { false } }, "config that is not a JSON object")
    }

    func strategyConfigRunningStateAndCountersChange() async throws {
        try await backend.write { r throws(StorageError) in
            try r.strategies.insert(Self.strategy("a"))
            try r.strategies.insert(Self.strategy("b", running: true))
        }
        let updated = try await backend.write { r throws(StorageError) in
            try r.strategies.updateConfig(id: "a", config: #"{"levels": 20}"#, at: Self.now + 1)
        }
        XCTAssertTrue(updated)
        let updatedMissing = try await backend.write { r throws(StorageError) in
            try r.strategies.updateConfig(id: "zz", config: "{}", at: Self.now + 1)
        }
        XCTAssertFalse(updatedMissing)
        let started = try await backend.write { r throws(StorageError) in try r.strategies.setRunning(id: "a", running: true, at: Self.now + 2) }
        XCTAssertTrue(started)
        let stopped = try await backend.write { r throws(StorageError) in try r.strategies.setRunning(id: "b", running: false, at: Self.now + 3) }
        XCTAssertTrue(stopped)
        let counted = try await backend.write { r throws(StorageError) in
            try r.strategies.addToStats(id: "a", signals: 5, ordersSubmitted: 4, ordersFilled: 3, marketData: 1000, at: Self.now + 4)
            try r.strategies.addToStats(id: "a", signals: 1, marketData: 1, at: Self.now + 5)
            try r.strategies.addToStats(id: "b", ordersFilled: 2, at: Self.now + 6)
            return try r.strategies.addToStats(id: "zz", signals: 1, at: Self.now + 6)
        }
        XCTAssertFalse(counted, "no such strategy")
        let a = try await backend.read { r throws(StorageError) in try r.strategies.find(id: "a") }
        XCTAssertEqual(a.flatMap { Self.canonicalJSON($0.config) }, Self.canonicalJSON(#"{"levels":20}"#))
        XCTAssertEqual(a?.running, true)
        XCTAssertEqual(a.map { [$0.signalsGenerated, $0.ordersSubmitted, $0.ordersFilled, $0.marketDataProcessed] }, [6, 4, 3, 1001])
        XCTAssertEqual(a?.updatedAt, Self.now + 5)
        let totals = try await backend.read { r throws(StorageError) in try r.strategies.totals() }
        XCTAssertEqual(totals, StrategyTotals(total: 2, running: 1, signalsGenerated: 6, ordersSubmitted: 4, ordersFilled: 5,
                                              marketDataProcessed: 1001))
        let deleted = try await backend.write { r throws(StorageError) in try r.strategies.delete(id: "b") }
        XCTAssertTrue(deleted)
        let deletedAgain = try await backend.write { r throws(StorageError) in try r.strategies.delete(id: "b") }
        XCTAssertFalse(deletedAgain)
        let left = try await backend.read { r throws(StorageError) in try r.strategies.totals() }
        XCTAssertEqual(left, StrategyTotals(total: 1, running: 1, signalsGenerated: 6, ordersSubmitted: 4, ordersFilled: 3,
                                            marketDataProcessed: 1001))
        let empty = try await backend.write { r throws(StorageError) in
            try r.strategies.delete(id: "a")
            return try r.strategies.totals()
        }
        XCTAssertEqual(empty, StrategyTotals(total: 0, running: 0, signalsGenerated: 0, ordersSubmitted: 0, ordersFilled: 0,
                                             marketDataProcessed: 0))
    }

    // MARK: Fills

    static func fill(_ id: String, order: String, symbol: String = "BTC/USDT", side: String = "Buy", quantity: String = "0.1",
                     price: String = "50000", fee: String = "0.5", exchange: String = "paper", at time: Int) -> FillRecord {
        FillRecord(id: id, orderID: order, symbol: symbol, side: side, quantity: decimal(quantity), price: decimal(price),
                   fee: decimal(fee), liquidity: "taker", exchange: exchange, executedAt: time)
    }

    func fillsNeedTheirOrderAndListByOrder() async throws {
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.fills.insert(Self.fill("f0", order: "missing", at: Self.now)) }
        }, { if case .foreignKeyViolation = $0 { true } else { false } }, "fill of an unknown order")
        let fills = [Self.fill("f2", order: "o1", quantity: "0.2", fee: "0.00000001", exchange: "binance", at: Self.now + 2),
                     Self.fill("f1", order: "o1", quantity: "0.1", at: Self.now + 1)]
        try await backend.write { r throws(StorageError) in
            try r.orders.insert(Self.order("o1", quantity: "0.3"))
            try r.orders.insert(Self.order("o2"))
            for fill in fills { try r.fills.insert(fill) }
            try r.fills.insert(Self.fill("f3", order: "o2", at: Self.now))
        }
        let listed = try await backend.read { r throws(StorageError) in try r.fills.list(orderID: "o1") }
        XCTAssertEqual(listed, [fills[1], fills[0]], "oldest first")
        XCTAssertEqual(listed.last?.fee.description, "0.00000001")
        XCTAssertEqual(listed.last?.exchange, "binance")
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.fills.insert(Self.fill("f1", order: "o2", at: Self.now)) }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "duplicate fill id")
    }

    func executionsFilterPageAndCountNewestFirst() async throws {
        try await backend.write { r throws(StorageError) in
            try r.orders.insert(Self.order("o1"))
            try r.fills.insert(Self.fill("e1", order: "o1", at: Self.now))
            try r.fills.insert(Self.fill("e2", order: "o1", side: "Sell", at: Self.now + 1000))
            try r.fills.insert(Self.fill("e3", order: "o1", symbol: "005930", at: Self.now + 2000))
            try r.fills.insert(Self.fill("e4", order: "o1", side: "Sell", at: Self.now + 3000))
            try r.fills.insert(Self.fill("e5", order: "o1", at: Self.now + 3000))
        }
        let all = try await backend.read { r throws(StorageError) in try r.fills.executions().map(\.id) }
        XCTAssertEqual(all, ["e5", "e4", "e3", "e2", "e1"], "newest first, ties by id descending")
        let window = try await backend.read { r throws(StorageError) in
            try r.fills.executions(from: Self.now + 1000, to: Self.now + 3000).map(\.id)
        }
        XCTAssertEqual(window, ["e3", "e2"], "from inclusive, to exclusive")
        let sells = try await backend.read { r throws(StorageError) in try r.fills.executions(symbol: "BTC/USDT", side: "Sell").map(\.id) }
        XCTAssertEqual(sells, ["e4", "e2"])
        let page = try await backend.read { r throws(StorageError) in try r.fills.executions(symbol: "BTC/USDT", limit: 2, offset: 1).map(\.id) }
        XCTAssertEqual(page, ["e4", "e2"])
        let counts = try await backend.read { r throws(StorageError) in
            [try r.fills.count(), try r.fills.count(from: Self.now + 1000, to: Self.now + 3000),
             try r.fills.count(symbol: "BTC/USDT", side: "Sell"), try r.fills.count(from: Self.now + 3000, side: "Buy")]
        }
        XCTAssertEqual(counts, [5, 2, 2, 1])
        let history = try await backend.read { r throws(StorageError) in try r.fills.history(symbol: "BTC/USDT").map(\.id) }
        XCTAssertEqual(history, ["e1", "e2", "e4", "e5"], "oldest first, ties by id")
        let symbols = try await backend.read { r throws(StorageError) in try r.fills.symbols() }
        XCTAssertEqual(symbols, ["005930", "BTC/USDT"])
    }

    // MARK: Positions and lots

    static func position(_ id: String, exchange: String = "paper", symbol: String = "BTC/USDT", strategyID: String? = nil,
                         quantity: String = "0.3", at time: Int = now) -> PositionRecord {
        PositionRecord(id: id, exchange: exchange, symbol: symbol, strategyID: strategyID, side: "Buy", quantity: decimal(quantity),
                       entryPrice: decimal("40666.666666666666666667"), leverage: decimal("2.5"), openedAt: time, updatedAt: time)
    }

    func positionsAreUniquePerExchangeSymbolAndStrategy() async throws {
        let manual = Self.position("p1")
        try await backend.write { r throws(StorageError) in
            try r.strategies.insert(Self.strategy("grid_btc"))
            try r.positions.insert(manual)
            try r.positions.insert(Self.position("p2", strategyID: "grid_btc", at: Self.now + 1))
            try r.positions.insert(Self.position("p3", exchange: "binance", at: Self.now + 2))
            try r.positions.insert(Self.position("p4", symbol: "ETH/USDT", at: Self.now + 3))
        }
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.positions.insert(Self.position("p5")) }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "a second manual position")
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.positions.insert(Self.position("p6", strategyID: "grid_btc")) }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "a second position of one strategy")
        let found = try await backend.read { r throws(StorageError) in try r.positions.find(id: "p1") }
        XCTAssertEqual(found, manual)
        XCTAssertNil(found?.strategyID, "'' reads back as nil")
        let byKey = try await backend.read { r throws(StorageError) in
            [try r.positions.find(exchange: "paper", symbol: "BTC/USDT", strategyID: nil)?.id,
             try r.positions.find(exchange: "paper", symbol: "BTC/USDT", strategyID: "grid_btc")?.id,
             try r.positions.find(exchange: "kis", symbol: "BTC/USDT", strategyID: nil)?.id]
        }
        XCTAssertEqual(byKey, ["p1", "p2", nil])
        let btc = try await backend.read { r throws(StorageError) in try r.positions.list(symbol: "BTC/USDT").map(\.id) }
        XCTAssertEqual(btc, ["p1", "p2", "p3"])
        let all = try await backend.read { r throws(StorageError) in try r.positions.list().map(\.id) }
        XCTAssertEqual(all, ["p1", "p2", "p3", "p4"])
        var changed = manual
        changed.side = "Sell"
        changed.quantity = Self.decimal("0.1") + Self.decimal("0.2")
        changed.entryPrice = Self.decimal("41000.12345678")
        changed.realizedPnl = Self.decimal("-12.345")
        changed.leverage = Self.decimal("10")
        changed.updatedAt = Self.now + 9
        let update = changed
        let wasUpdated = try await backend.write { r throws(StorageError) in
            try r.positions.update(update)
        }
        XCTAssertTrue(wasUpdated)
        let reread = try await backend.write { r throws(StorageError) in try r.positions.find(id: "p1", forUpdate: true) }
        XCTAssertEqual(reread, changed)
        XCTAssertEqual(reread?.quantity.description, "0.3")
        var ghost = changed
        ghost.id = "ghost"
        let ghostUpdate = ghost
        let updatedGhost = try await backend.write { r throws(StorageError) in try r.positions.update(ghostUpdate) }
        XCTAssertFalse(updatedGhost)
    }

    func deletingAPositionRemovesItsLots() async throws {
        try await backend.write { r throws(StorageError) in
            try r.positions.insert(Self.position("p1"))
            try r.positions.addLot(LotRecord(id: "l1", positionID: "p1", quantity: Self.decimal("0.3"), price: Self.decimal("40000"),
                                             openedAt: Self.now))
        }
        let deleted = try await backend.write { r throws(StorageError) in try r.positions.delete(id: "p1") }
        XCTAssertTrue(deleted)
        let lots = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        XCTAssertEqual(lots, [])
        let gone = try await backend.read { r throws(StorageError) in try r.positions.find(id: "p1") }
        XCTAssertNil(gone)
        let deletedAgain = try await backend.write { r throws(StorageError) in try r.positions.delete(id: "p1") }
        XCTAssertFalse(deletedAgain)
    }

    func lotsNeedAPositionAndAPositiveQuantity() async throws {
        let orphan = LotRecord(id: "l0", positionID: "nope", quantity: Self.decimal("1"), price: Self.decimal("1"), openedAt: Self.now)
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.positions.addLot(orphan) }
        }, { if case .foreignKeyViolation = $0 { true } else { false } }, "lot of an unknown position")
        try await backend.write { r throws(StorageError) in try r.positions.insert(Self.position("p1")) }
        for (quantity, fee) in [("0", "0"), ("-1", "0"), ("1", "-0.01")] {
            let lot = LotRecord(id: "bad", positionID: "p1", quantity: Self.decimal(quantity), price: Self.decimal("1"),
                                fee: Self.decimal(fee), openedAt: Self.now)
            await assertStorageError({
                try await backend.write { r throws(StorageError) in try r.positions.addLot(lot) }
            }, { if case .constraintViolation = $0 { true } else { false } }, "lot of quantity \(quantity), fee \(fee)")
        }
    }

    func lotsAreConsumedOldestFirstWithProRatedFees() async throws {
        let lots = [
            LotRecord(id: "l-b", positionID: "p1", quantity: Self.decimal("0.2"), price: Self.decimal("41000"), fee: Self.decimal("0.9"),
                      openedAt: Self.now + 1),
            LotRecord(id: "l-a", positionID: "p1", quantity: Self.decimal("0.1"), price: Self.decimal("40000"), fee: Self.decimal("0.3"),
                      openedAt: Self.now),
            LotRecord(id: "l-c", positionID: "p1", quantity: Self.decimal("3"), price: Self.decimal("42000"), fee: Self.decimal("1"),
                      openedAt: Self.now + 1),
        ]
        try await backend.write { r throws(StorageError) in
            try r.positions.insert(Self.position("p1"))
            for lot in lots { try r.positions.addLot(lot) }
        }
        let ordered = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        XCTAssertEqual(ordered, [lots[1], lots[0], lots[2]], "by opening time, then id")
        let first = try await backend.write { r throws(StorageError) in try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("0.15")) }
        XCTAssertEqual(first, [
            ConsumedLot(lotID: "l-a", quantity: Self.decimal("0.1"), price: Self.decimal("40000"), fee: Self.decimal("0.3"), openedAt: Self.now),
            ConsumedLot(lotID: "l-b", quantity: Self.decimal("0.05"), price: Self.decimal("41000"), fee: Self.decimal("0.225"),
                        openedAt: Self.now + 1),
        ])
        let afterFirst = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        XCTAssertEqual(afterFirst.map(\.id), ["l-b", "l-c"], "the whole lot is deleted")
        XCTAssertEqual(afterFirst.first?.quantity, Self.decimal("0.15"))
        XCTAssertEqual(afterFirst.first?.fee.description, "0.675")
        // A third of a lot's fee is no finite decimal: the share rounds, the remainder keeps the sum exact.
        let second = try await backend.write { r throws(StorageError) in try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("1.15")) }
        XCTAssertEqual(second.map(\.lotID), ["l-b", "l-c"])
        XCTAssertEqual(second.last?.quantity, Self.decimal("1"))
        XCTAssertEqual(second.last?.fee.description, "0.333333333333333333")
        let afterSecond = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        XCTAssertEqual(afterSecond.map(\.quantity), [Self.decimal("2")])
        XCTAssertEqual(afterSecond.first?.fee.description, "0.666666666666666667")
        XCTAssertEqual((afterSecond.first?.fee ?? .zero) + (second.last?.fee ?? .zero), Self.decimal("1"))
        let nothing = try await backend.write { r throws(StorageError) in try r.positions.consumeLots(positionID: "p1", quantity: .zero) }
        XCTAssertEqual(nothing, [])
    }

    func consumingMoreThanTheLotsHoldChangesNothing() async throws {
        try await backend.write { r throws(StorageError) in
            try r.positions.insert(Self.position("p1"))
            try r.positions.addLot(LotRecord(id: "l1", positionID: "p1", quantity: Self.decimal("0.1"), price: Self.decimal("40000"),
                                             fee: Self.decimal("0.3"), openedAt: Self.now))
            try r.positions.addLot(LotRecord(id: "l2", positionID: "p1", quantity: Self.decimal("0.2"), price: Self.decimal("41000"),
                                             fee: Self.decimal("0.9"), openedAt: Self.now + 1))
        }
        let before = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        // Caught inside the transaction: consumeLots checks before it changes anything.
        let (error, during) = try await backend.write { r throws(StorageError) -> (StorageError?, [LotRecord]) in
            do throws(StorageError) {
                _ = try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("0.30000001"))
                return (nil, try r.positions.lots(positionID: "p1"))
            } catch {
                return (error, try r.positions.lots(positionID: "p1"))
            }
        }
        guard case .constraintViolation(let constraint) = error else { return XCTFail("expected a constraint violation, got \(String(describing: error))") }
        XCTAssertTrue(constraint.contains("p1"), constraint)
        XCTAssertEqual(during, before)
        // Thrown out of the transaction: an earlier consumption in it rolls back too.
        await assertStorageError({
            try await backend.write { r throws(StorageError) in
                _ = try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("0.15"))
                _ = try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("0.2"))
            }
        }, { if case .constraintViolation = $0 { true } else { false } }, "consuming beyond the lots")
        let after = try await backend.read { r throws(StorageError) in try r.positions.lots(positionID: "p1") }
        XCTAssertEqual(after, before)
        await assertStorageError({
            try await backend.write { r throws(StorageError) in _ = try r.positions.consumeLots(positionID: "p1", quantity: Self.decimal("-1")) }
        }, { if case .constraintViolation = $0 { true } else { false } }, "a negative quantity")
    }

    // MARK: Balances

    func balancesMoveExactlyBetweenFreeAndLocked() async throws {
        try await backend.write { r throws(StorageError) in
            try r.balances.set(BalanceRecord(asset: "USDT", free: Self.decimal("1000.10"), locked: Self.decimal("0"), updatedAt: Self.now))
            try r.balances.set(BalanceRecord(asset: "USDT", free: Self.decimal("0.1"), updatedAt: Self.now + 1))
            try r.balances.credit(asset: "USDT", amount: Self.decimal("0.2"), at: Self.now + 2)
            try r.balances.credit(asset: "BTC", amount: Self.decimal("0.00000001"), at: Self.now + 3)
        }
        let usdt = try await backend.read { r throws(StorageError) in try r.balances.find(asset: "USDT") }
        XCTAssertEqual(usdt, BalanceRecord(asset: "USDT", free: Self.decimal("0.3"), locked: .zero, updatedAt: Self.now + 2))
        XCTAssertEqual(usdt?.free.description, "0.3")
        let assets = try await backend.read { r throws(StorageError) in try r.balances.list().map(\.asset) }
        XCTAssertEqual(assets, ["BTC", "USDT"])
        let moves = try await backend.write { r throws(StorageError) in
            [try r.balances.lock(asset: "USDT", amount: Self.decimal("0.25"), at: Self.now + 4),
             try r.balances.lock(asset: "USDT", amount: Self.decimal("0.05000001"), at: Self.now + 5),
             try r.balances.unlock(asset: "USDT", amount: Self.decimal("0.05"), at: Self.now + 6),
             try r.balances.unlock(asset: "USDT", amount: Self.decimal("0.2000001"), at: Self.now + 7),
             try r.balances.settleLocked(asset: "USDT", amount: Self.decimal("0.15"), at: Self.now + 8),
             try r.balances.settleLocked(asset: "USDT", amount: Self.decimal("0.05000001"), at: Self.now + 9),
             try r.balances.debit(asset: "USDT", amount: Self.decimal("0.1"), at: Self.now + 10),
             try r.balances.debit(asset: "USDT", amount: Self.decimal("0.00000001"), at: Self.now + 11),
             try r.balances.debit(asset: "KRW", amount: Self.decimal("1"), at: Self.now + 12),
             try r.balances.lock(asset: "KRW", amount: .zero, at: Self.now + 12)]
        }
        XCTAssertEqual(moves, [true, false, true, false, true, false, true, false, false, false])
        let after = try await backend.read { r throws(StorageError) in try r.balances.find(asset: "USDT") }
        // free 0.3 − 0.25 + 0.05 − 0.1 = 0; locked 0.25 − 0.05 − 0.15 = 0.05.
        XCTAssertEqual(after, BalanceRecord(asset: "USDT", free: .zero, locked: Self.decimal("0.05"), updatedAt: Self.now + 10))
        let krw = try await backend.read { r throws(StorageError) in try r.balances.find(asset: "KRW") }
        XCTAssertNil(krw, "a refused debit creates nothing")
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.balances.credit(asset: "USDT", amount: Self.decimal("-1"), at: Self.now) }
        }, { if case .constraintViolation = $0 { true } else { false } }, "a negative credit")
    }

    func concurrentDebitsNeverOverdraw() async throws {
        try await backend.write { r throws(StorageError) in try r.balances.set(BalanceRecord(asset: "USDT", free: Self.decimal("1.0"), updatedAt: Self.now)) }
        let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    try await backend.write { r throws(StorageError) in
                        try r.balances.debit(asset: "USDT", amount: Self.decimal("0.1"), at: Self.now + index)
                    }
                }
            }
            var accepted = 0
            for try await debited in group where debited { accepted += 1 }
            return accepted
        }
        XCTAssertEqual(accepted, 10)
        let left = try await backend.read { r throws(StorageError) in try r.balances.find(asset: "USDT")?.free }
        XCTAssertEqual(left, .zero)
    }

    // MARK: Watchlists

    func watchlistsBelongToAUserAndHoldUniqueSymbols() async throws {
        let ann = Self.user("ann")
        let bob = Self.user("bob")
        let tech = WatchlistRecord(id: "w1", userID: ann.id, name: "반도체 관련주", description: "chips", createdAt: Self.now,
                                   updatedAt: Self.now, items: [WatchlistItemRecord(symbol: "000660", addedAt: Self.now),
                                                                WatchlistItemRecord(symbol: "005930", addedAt: Self.now - 1)])
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.watchlists.create(tech) }
        }, { if case .foreignKeyViolation = $0 { true } else { false } }, "watchlist of an unknown user")
        try await backend.write { r throws(StorageError) in
            try r.users.insert(ann)
            try r.users.insert(bob)
            try r.watchlists.create(tech)
            try r.watchlists.create(WatchlistRecord(id: "w2", userID: ann.id, name: "crypto", createdAt: Self.now + 1, updatedAt: Self.now + 1))
            try r.watchlists.create(WatchlistRecord(id: "w3", userID: bob.id, name: "반도체 관련주", createdAt: Self.now, updatedAt: Self.now))
        }
        await assertStorageError({
            try await backend.write { r throws(StorageError) in
                try r.watchlists.create(WatchlistRecord(id: "w4", userID: ann.id, name: "crypto", createdAt: Self.now, updatedAt: Self.now))
            }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "the same name twice for one user")
        try await backend.write { r throws(StorageError) in
            try r.watchlists.addItem(watchlistID: "w2", symbol: "BTC/USDT", at: Self.now + 10)
            try r.watchlists.addItem(watchlistID: "w2", symbol: "ETH/USDT", at: Self.now + 20)
        }
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.watchlists.addItem(watchlistID: "w2", symbol: "BTC/USDT", at: Self.now + 30) }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "a symbol twice on one list")
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.watchlists.addItem(watchlistID: "nope", symbol: "BTC/USDT", at: Self.now) }
        }, { if case .foreignKeyViolation = $0 { true } else { false } }, "an item on an unknown list")
        let lists = try await backend.read { r throws(StorageError) in try r.watchlists.list(userID: ann.id) }
        XCTAssertEqual(lists.map(\.id), ["w1", "w2"])
        XCTAssertEqual(lists.first?.items.map(\.symbol), ["005930", "000660"], "items by the time they were added")
        XCTAssertEqual(lists.first?.description, "chips")
        XCTAssertEqual(lists.last?.items, [WatchlistItemRecord(symbol: "BTC/USDT", addedAt: Self.now + 10),
                                           WatchlistItemRecord(symbol: "ETH/USDT", addedAt: Self.now + 20)])
        XCTAssertEqual(lists.last?.updatedAt, Self.now + 20, "adding an item marks the list updated")
        XCTAssertNil(lists.last?.description)
        let removed = try await backend.write { r throws(StorageError) in
            [try r.watchlists.removeItem(watchlistID: "w2", symbol: "ETH/USDT", at: Self.now + 40),
             try r.watchlists.removeItem(watchlistID: "w2", symbol: "ETH/USDT", at: Self.now + 50)]
        }
        XCTAssertEqual(removed, [true, false])
        let w2 = try await backend.read { r throws(StorageError) in try r.watchlists.find(id: "w2") }
        XCTAssertEqual(w2, WatchlistRecord(id: "w2", userID: ann.id, name: "crypto", createdAt: Self.now + 1, updatedAt: Self.now + 40,
                                           items: [WatchlistItemRecord(symbol: "BTC/USDT", addedAt: Self.now + 10)]))
        let bobs = try await backend.read { r throws(StorageError) in try r.watchlists.list(userID: bob.id) }
        XCTAssertEqual(bobs.map(\.id), ["w3"])
        XCTAssertEqual(bobs.first?.items, [])
        let deleted = try await backend.write { r throws(StorageError) in [try r.watchlists.delete(id: "w1"), try r.watchlists.delete(id: "w1")] }
        XCTAssertEqual(deleted, [true, false])
        let gone = try await backend.read { r throws(StorageError) in try r.watchlists.find(id: "w1") }
        XCTAssertNil(gone)
        let reAdded = try await backend.write { r throws(StorageError) in
            try r.watchlists.create(WatchlistRecord(id: "w5", userID: ann.id, name: "반도체 관련주", createdAt: Self.now + 60,
                                                    updatedAt: Self.now + 60, items: [WatchlistItemRecord(symbol: "000660", addedAt: Self.now + 60)]))
            return try r.watchlists.find(id: "w5")?.items.map(\.symbol)
        }
        XCTAssertEqual(reAdded, ["000660"], "a deleted list's name and items are free again")
    }

    // MARK: One fill across repositories

    /// A sell of 0.15 BTC closing part of a long built from lots of 0.1 and 0.2: fill, order,
    /// lots, position and balance in one transaction.
    func aFillUpdatesOrderLotsPositionAndBalanceAtomically() async throws {
        let opened = Self.decimal("0.1") + Self.decimal("0.2")
        try await backend.write { r throws(StorageError) in
            try r.orders.insert(Self.order("sell", side: "Sell", quantity: "0.15"))
            try r.positions.insert(Self.position("p1", quantity: opened.description))
            try r.positions.addLot(LotRecord(id: "l1", positionID: "p1", quantity: Self.decimal("0.1"), price: Self.decimal("40000"),
                                             fee: Self.decimal("0.3"), openedAt: Self.now))
            try r.positions.addLot(LotRecord(id: "l2", positionID: "p1", quantity: Self.decimal("0.2"), price: Self.decimal("41000"),
                                             fee: Self.decimal("0.9"), openedAt: Self.now + 1))
            try r.balances.set(BalanceRecord(asset: "BTC", free: opened, updatedAt: Self.now))
        }
        let fillPrice = Self.decimal("45000.5")
        let applyFill = { @Sendable (r: Repositories) throws(StorageError) -> [ConsumedLot] in
            let fill = Self.fill("f1", order: "sell", side: "Sell", quantity: "0.15", price: fillPrice.description, fee: "0.05", at: Self.now + 5)
            try r.fills.insert(fill)
            guard var order = try r.orders.find(id: "sell") else { throw .failed(message: "order vanished", statement: "") }
            order.filledQuantity = order.filledQuantity + fill.quantity
            order.averageFillPrice = fill.price
            order.status = "Filled"
            order.updatedAt = fill.executedAt
            try r.orders.update(order)
            let slices = try r.positions.consumeLots(positionID: "p1", quantity: fill.quantity)
            guard var position = try r.positions.find(id: "p1", forUpdate: true) else { throw .failed(message: "position vanished", statement: "") }
            position.quantity = position.quantity - fill.quantity
            position.realizedPnl = slices.reduce(position.realizedPnl) { $0 + (fill.price - $1.price) * $1.quantity - $1.fee }
            position.updatedAt = fill.executedAt
            try r.positions.update(position)
            guard try r.balances.debit(asset: "BTC", amount: fill.quantity, at: fill.executedAt) else {
                throw .constraintViolation(constraint: "BTC balance")
            }
            return slices
        }
        await assertStorageError({
            try await backend.write { r throws(StorageError) in
                _ = try applyFill(r)
                throw StorageError.failed(message: "abort after every write", statement: "")
            }
        }, { $0 == .failed(message: "abort after every write", statement: "") }, "the aborted fill")
        let untouched = try await backend.read { r throws(StorageError) in
            (try r.fills.list(orderID: "sell"), try r.orders.find(id: "sell"), try r.positions.lots(positionID: "p1").count,
             try r.positions.find(id: "p1"), try r.balances.find(asset: "BTC"))
        }
        XCTAssertEqual(untouched.0, [])
        XCTAssertEqual(untouched.1, Self.order("sell", side: "Sell", quantity: "0.15"))
        XCTAssertEqual(untouched.2, 2)
        XCTAssertEqual(untouched.3, Self.position("p1", quantity: "0.3"))
        XCTAssertEqual(untouched.4, BalanceRecord(asset: "BTC", free: opened, updatedAt: Self.now))

        let slices = try await backend.write { r throws(StorageError) in try applyFill(r) }
        XCTAssertEqual(slices.map(\.fee), [Self.decimal("0.3"), Self.decimal("0.225")])
        let stored = try await backend.read { r throws(StorageError) in
            (try r.fills.list(orderID: "sell"), try r.orders.find(id: "sell"), try r.positions.lots(positionID: "p1"),
             try r.positions.find(id: "p1"), try r.balances.find(asset: "BTC"))
        }
        XCTAssertEqual(stored.0.map(\.id), ["f1"])
        XCTAssertEqual(stored.1?.status, "Filled")
        XCTAssertEqual(stored.1?.filledQuantity, Self.decimal("0.15"))
        XCTAssertEqual(stored.2, [LotRecord(id: "l2", positionID: "p1", quantity: Self.decimal("0.15"), price: Self.decimal("41000"),
                                            fee: Self.decimal("0.675"), openedAt: Self.now + 1)])
        XCTAssertEqual(stored.3?.quantity.description, "0.15")
        // (45000.5 − 40000)·0.1 − 0.3 + (45000.5 − 41000)·0.05 − 0.225 = 500.05 − 0.3 + 200.025 − 0.225
        XCTAssertEqual(stored.3?.realizedPnl, Self.decimal("699.55"))
        XCTAssertEqual(stored.4?.free.description, "0.15")
    }
}

/// The trading conformance suite on SQLite.
final class SQLiteTradingConformanceTests: SQLiteBackendTestCase {
    func testStrategiesRoundTripWithJSONAndRefuseDuplicateIDs() async throws { try await suite.strategiesRoundTripWithJSONAndRefuseDuplicateIDs() }
    func testStrategyConfigRunningStateAndCountersChange() async throws { try await suite.strategyConfigRunningStateAndCountersChange() }
    func testFillsNeedTheirOrderAndListByOrder() async throws { try await suite.fillsNeedTheirOrderAndListByOrder() }
    func testExecutionsFilterPageAndCountNewestFirst() async throws { try await suite.executionsFilterPageAndCountNewestFirst() }
    func testPositionsAreUniquePerExchangeSymbolAndStrategy() async throws { try await suite.positionsAreUniquePerExchangeSymbolAndStrategy() }
    func testDeletingAPositionRemovesItsLots() async throws { try await suite.deletingAPositionRemovesItsLots() }
    func testLotsNeedAPositionAndAPositiveQuantity() async throws { try await suite.lotsNeedAPositionAndAPositiveQuantity() }
    func testLotsAreConsumedOldestFirstWithProRatedFees() async throws { try await suite.lotsAreConsumedOldestFirstWithProRatedFees() }
    func testConsumingMoreThanTheLotsHoldChangesNothing() async throws { try await suite.consumingMoreThanTheLotsHoldChangesNothing() }
    func testBalancesMoveExactlyBetweenFreeAndLocked() async throws { try await suite.balancesMoveExactlyBetweenFreeAndLocked() }
    func testConcurrentDebitsNeverOverdraw() async throws { try await suite.concurrentDebitsNeverOverdraw() }
    func testWatchlistsBelongToAUserAndHoldUniqueSymbols() async throws { try await suite.watchlistsBelongToAUserAndHoldUniqueSymbols() }
    func testAFillUpdatesOrderLotsPositionAndBalanceAtomically() async throws { try await suite.aFillUpdatesOrderLotsPositionAndBalanceAtomically() }
}

/// The trading conformance suite on PostgreSQL.
final class PostgresTradingConformanceTests: PostgresBackendTestCase {
    func testStrategiesRoundTripWithJSONAndRefuseDuplicateIDs() async throws { try await suite.strategiesRoundTripWithJSONAndRefuseDuplicateIDs() }
    func testStrategyConfigRunningStateAndCountersChange() async throws { try await suite.strategyConfigRunningStateAndCountersChange() }
    func testFillsNeedTheirOrderAndListByOrder() async throws { try await suite.fillsNeedTheirOrderAndListByOrder() }
    func testExecutionsFilterPageAndCountNewestFirst() async throws { try await suite.executionsFilterPageAndCountNewestFirst() }
    func testPositionsAreUniquePerExchangeSymbolAndStrategy() async throws { try await suite.positionsAreUniquePerExchangeSymbolAndStrategy() }
    func testDeletingAPositionRemovesItsLots() async throws { try await suite.deletingAPositionRemovesItsLots() }
    func testLotsNeedAPositionAndAPositiveQuantity() async throws { try await suite.lotsNeedAPositionAndAPositiveQuantity() }
    func testLotsAreConsumedOldestFirstWithProRatedFees() async throws { try await suite.lotsAreConsumedOldestFirstWithProRatedFees() }
    func testConsumingMoreThanTheLotsHoldChangesNothing() async throws { try await suite.consumingMoreThanTheLotsHoldChangesNothing() }
    func testBalancesMoveExactlyBetweenFreeAndLocked() async throws { try await suite.balancesMoveExactlyBetweenFreeAndLocked() }
    func testConcurrentDebitsNeverOverdraw() async throws { try await suite.concurrentDebitsNeverOverdraw() }
    func testWatchlistsBelongToAUserAndHoldUniqueSymbols() async throws { try await suite.watchlistsBelongToAUserAndHoldUniqueSymbols() }
    func testAFillUpdatesOrderLotsPositionAndBalanceAtomically() async throws { try await suite.aFillUpdatesOrderLotsPositionAndBalanceAtomically() }
}
