import Foundation
import XCTest
@testable import Backends
import Primitives

/// The journal's executions: fills and imported executions read as one list (filtered, newest
/// first, paged, counted), one venue's history oldest first, the venues and symbols that have
/// executions, and imports that skip what is already stored.
extension ConformanceSuite {
    static func imported(_ id: String, symbol: String = "005930", side: String = "Buy", quantity: String = "5", price: String = "64000",
                         fee: String = "0", exchange: String = "kis", at time: Int, key: String? = nil) -> ImportedExecutionRecord {
        ImportedExecutionRecord(
            execution: ExecutionRecord(id: id, orderID: nil, symbol: symbol, side: side, quantity: decimal(quantity), price: decimal(price),
                                       fee: decimal(fee), exchange: exchange, executedAt: time),
            importKey: key ?? "kis|" + id, importedAt: now)
    }

    /// Fills e1…e5 (one of them on the margin venue) and imported i1, i2, one of each at the
    /// same millisecond as a fill.
    func storeMixedExecutions() async throws {
        try await backend.write { r throws(StorageError) in
            try r.orders.insert(Self.order("o1"))
            try r.fills.insert(Self.fill("e1", order: "o1", at: Self.now))
            try r.fills.insert(Self.fill("e2", order: "o1", side: "Sell", at: Self.now + 1000))
            try r.fills.insert(Self.fill("e3", order: "o1", symbol: "005930", at: Self.now + 2000))
            try r.fills.insert(Self.fill("e4", order: "o1", side: "Sell", exchange: "paper-margin", at: Self.now + 3000))
            try r.fills.insert(Self.fill("e5", order: "o1", at: Self.now + 3000))
            try r.executions.insertImported([Self.imported("i1", at: Self.now + 2000), Self.imported("i2", side: "Sell", at: Self.now + 4000)])
        }
    }

    func executionsOfBothTablesFilterPageAndCountNewestFirst() async throws {
        try await storeMixedExecutions()
        func ids(_ filter: ExecutionFilter = ExecutionFilter(), limit: Int = 100, offset: Int = 0) async throws -> [String] {
            try await backend.read { r throws(StorageError) in try r.executions.page(filter, limit: limit, offset: offset).map(\.id) }
        }
        let all = try await ids()
        XCTAssertEqual(all, ["i2", "e5", "e4", "i1", "e3", "e2", "e1"], "newest first, ties by id descending")
        let window = try await ids(ExecutionFilter(from: Self.now + 1000, to: Self.now + 3000))
        XCTAssertEqual(window, ["i1", "e3", "e2"], "from inclusive, to exclusive")
        let samsung = try await ids(ExecutionFilter(symbol: "005930"))
        XCTAssertEqual(samsung, ["i2", "i1", "e3"])
        let sells = try await ids(ExecutionFilter(symbol: "BTC/USDT", side: "Sell"))
        XCTAssertEqual(sells, ["e4", "e2"])
        let page = try await ids(limit: 3, offset: 2)
        XCTAssertEqual(page, ["e4", "i1", "e3"])
        let last = try await ids(limit: 3, offset: 6)
        XCTAssertEqual(last, ["e1"], "the last page holds what is left")
        let beyond = try await ids(limit: 3, offset: 7)
        XCTAssertEqual(beyond, [])
        let empty = try await ids(ExecutionFilter(from: Self.now + 5000))
        XCTAssertEqual(empty, [])
        let counts = try await backend.read { r throws(StorageError) in
            [try r.executions.count(ExecutionFilter()), try r.executions.count(ExecutionFilter(from: Self.now + 1000, to: Self.now + 3000)),
             try r.executions.count(ExecutionFilter(symbol: "005930", side: "Buy")), try r.executions.count(ExecutionFilter(to: Self.now))]
        }
        XCTAssertEqual(counts, [7, 3, 2, 0])
        let records = try await backend.read { r throws(StorageError) in try r.executions.page(ExecutionFilter(symbol: "005930"), limit: 2, offset: 0) }
        XCTAssertEqual(records.first, ExecutionRecord(id: "i2", orderID: nil, symbol: "005930", side: "Sell", quantity: Self.decimal("5"),
                                                      price: Self.decimal("64000"), fee: .zero, exchange: "kis", executedAt: Self.now + 4000))
        XCTAssertEqual(records.last?.orderID, nil, "an imported execution has no order")
        let fill = try await backend.read { r throws(StorageError) in try r.executions.page(ExecutionFilter(to: Self.now + 1), limit: 1, offset: 0) }
        XCTAssertEqual(fill, [ExecutionRecord(id: "e1", orderID: "o1", symbol: "BTC/USDT", side: "Buy", quantity: Self.decimal("0.1"),
                                              price: Self.decimal("50000"), fee: Self.decimal("0.5"), exchange: "paper", executedAt: Self.now)])
    }

    func aVenuesHistoryIsOldestFirstWithBuysFirstWithinAMillisecond() async throws {
        try await storeMixedExecutions()
        try await backend.write { r throws(StorageError) in
            // A sell stored before a buy of the same instant, with a smaller id.
            try r.executions.insertImported([Self.imported("a-sell", side: "Sell", at: Self.now + 2000, key: "k1"),
                                             Self.imported("z-buy", at: Self.now + 2000, key: "k2")])
        }
        let histories = try await backend.read { r throws(StorageError) in
            [try r.executions.history(ExecutionLedgerKey(exchange: "paper", symbol: "BTC/USDT")).map(\.id),
             try r.executions.history(ExecutionLedgerKey(exchange: "paper-margin", symbol: "BTC/USDT")).map(\.id),
             try r.executions.history(ExecutionLedgerKey(exchange: "kis", symbol: "005930")).map(\.id),
             try r.executions.history(ExecutionLedgerKey(exchange: "kis", symbol: "BTC/USDT")).map(\.id)]
        }
        XCTAssertEqual(histories[0], ["e1", "e2", "e5"], "one venue only")
        XCTAssertEqual(histories[1], ["e4"])
        XCTAssertEqual(histories[2], ["i1", "z-buy", "a-sell", "i2"], "buys before sells within a millisecond, then by id")
        XCTAssertEqual(histories[3], [])
        let ledgers = try await backend.read { r throws(StorageError) in try r.executions.ledgers() }
        XCTAssertEqual(ledgers, [ExecutionLedgerKey(exchange: "kis", symbol: "005930"), ExecutionLedgerKey(exchange: "paper", symbol: "005930"),
                                 ExecutionLedgerKey(exchange: "paper", symbol: "BTC/USDT"),
                                 ExecutionLedgerKey(exchange: "paper-margin", symbol: "BTC/USDT")])
    }

    func aHistoryAfterACursorHoldsWhatFollowsItInReplayOrder() async throws {
        try await storeMixedExecutions()
        try await backend.write { r throws(StorageError) in
            try r.executions.insertImported([Self.imported("a-sell", side: "Sell", at: Self.now + 2000, key: "k1"),
                                             Self.imported("z-buy", at: Self.now + 2000, key: "k2"),
                                             Self.imported("B-buy", at: Self.now + 2000, key: "k3")])
        }
        let kis = ExecutionLedgerKey(exchange: "kis", symbol: "005930")
        let full = try await backend.read { r throws(StorageError) in try r.executions.history(kis).map(\.id) }
        XCTAssertEqual(full, ["B-buy", "i1", "z-buy", "a-sell", "i2"], "buys first within a millisecond, ids in byte order (upper case first)")
        for (index, id) in full.enumerated() {
            let after = try await backend.read { r throws(StorageError) in
                let records = try r.executions.history(kis)
                return try r.executions.history(kis, after: ExecutionCursor(records[index])).map(\.id)
            }
            XCTAssertEqual(after, Array(full[(index + 1)...]), "after \(id)")
        }
        let counts = try await backend.read { r throws(StorageError) in
            [try r.executions.count(kis), try r.executions.count(ExecutionLedgerKey(exchange: "paper", symbol: "BTC/USDT")),
             try r.executions.count(ExecutionLedgerKey(exchange: "nowhere", symbol: "BTC/USDT"))]
        }
        XCTAssertEqual(counts, [5, 3, 0])
    }

    func importsSkipKeysAlreadyStoredAndCountWhatTheyAdd() async throws {
        let first = (0..<300).map { Self.imported("x\($0)", at: Self.now + $0, key: "key-\($0)") }
        let added = try await backend.write { r throws(StorageError) in try r.executions.insertImported(first) }
        XCTAssertEqual(added, 300, "through several multi-row statements")
        // The same keys under new ids, and 20 new ones: only the new ones land.
        let again = (280..<320).map { Self.imported("y\($0)", at: Self.now + $0, key: "key-\($0)") }
        let addedAgain = try await backend.write { r throws(StorageError) in try r.executions.insertImported(again) }
        XCTAssertEqual(addedAgain, 20)
        let stored = try await backend.read { r throws(StorageError) in
            (try r.executions.count(ExecutionFilter()), try r.executions.page(ExecutionFilter(from: Self.now + 279, to: Self.now + 281),
                                                                                limit: 5, offset: 0).map(\.id))
        }
        XCTAssertEqual(stored.0, 320)
        XCTAssertEqual(stored.1, ["x280", "x279"], "a skipped line keeps the execution stored first")
        await assertWriteRefusedWith("a side other than Buy or Sell", { if case .constraintViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.executions.insertImported([Self.imported("bad", side: "buy", at: Self.now, key: "bad")])
        }
        await assertStorageError({
            try await backend.write { r throws(StorageError) in
                try r.executions.insertImported([Self.imported("z1", at: Self.now, key: "new-1")])
                throw StorageError.failed(message: "abort", statement: "")
            }
        }, { $0 == .failed(message: "abort", statement: "") }, "the aborted import")
        let afterAbort = try await backend.read { r throws(StorageError) in try r.executions.count(ExecutionFilter()) }
        XCTAssertEqual(afterAbort, 320, "an import rolled back leaves nothing")
    }
}

/// The execution conformance suite on SQLite.
final class SQLiteExecutionConformanceTests: SQLiteBackendTestCase {
    func testExecutionsOfBothTablesFilterPageAndCountNewestFirst() async throws { try await suite.executionsOfBothTablesFilterPageAndCountNewestFirst() }
    func testAVenuesHistoryIsOldestFirstWithBuysFirstWithinAMillisecond() async throws {
        try await suite.aVenuesHistoryIsOldestFirstWithBuysFirstWithinAMillisecond()
    }
    func testImportsSkipKeysAlreadyStoredAndCountWhatTheyAdd() async throws { try await suite.importsSkipKeysAlreadyStoredAndCountWhatTheyAdd() }
    func testAHistoryAfterACursorHoldsWhatFollowsItInReplayOrder() async throws {
        try await suite.aHistoryAfterACursorHoldsWhatFollowsItInReplayOrder()
    }
}

/// The execution conformance suite on PostgreSQL.
final class PostgresExecutionConformanceTests: PostgresBackendTestCase {
    func testExecutionsOfBothTablesFilterPageAndCountNewestFirst() async throws { try await suite.executionsOfBothTablesFilterPageAndCountNewestFirst() }
    func testAVenuesHistoryIsOldestFirstWithBuysFirstWithinAMillisecond() async throws {
        try await suite.aVenuesHistoryIsOldestFirstWithBuysFirstWithinAMillisecond()
    }
    func testImportsSkipKeysAlreadyStoredAndCountWhatTheyAdd() async throws { try await suite.importsSkipKeysAlreadyStoredAndCountWhatTheyAdd() }
    func testAHistoryAfterACursorHoldsWhatFollowsItInReplayOrder() async throws {
        try await suite.aHistoryAfterACursorHoldsWhatFollowsItInReplayOrder()
    }
}
