import Backends
import Foundation
import Primitives
import XCTest
@testable import Engine

/// The paper exchange written to the database and restored from it: a restart sees the same
/// balances, positions and book, and goes on trading exactly as the first exchange would.
final class ExchangePersistenceTests: XCTestCase {
    func testARestoredExchangeGoesOnAsTheFirstOneOnSQLite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exchange-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await restoredExchangeGoesOn { try await Backend.open("sqlite:" + directory.appendingPathComponent("x.db").path) }
    }

    func testARestoredExchangeGoesOnAsTheFirstOneOnPostgreSQL() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        let setting = try await PostgresDatabase.url(url, selectingEmptySchema: "exchange_persistence")
        try await restoredExchangeGoesOn { try await Backend.open(setting) }
    }

    func testStoredLotsFollowEveryFillOnSQLite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exchange-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await storedLotsFollowEveryFill { try await Backend.open("sqlite:" + directory.appendingPathComponent("x.db").path) }
    }

    func testStoredLotsFollowEveryFillOnPostgreSQL() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        let setting = try await PostgresDatabase.url(url, selectingEmptySchema: "exchange_lots")
        try await storedLotsFollowEveryFill { try await Backend.open(setting) }
    }

    /// Batches write only the lots that changed (opened, reduced, closed), some merged before
    /// they are written as the engine merges them while one is in flight: after any sequence
    /// of buys and sells the stored lots are the exchange's, in FIFO order.
    private func storedLotsFollowEveryFill(_ open: () async throws -> Backend) async throws {
        let backend = try await open()
        defer { backend.database.close() }
        let settings = ExchangeSettings(startingBalances: ["USDT": ExactDecimal(100_000_000)])
        let exchange = PaperExchange(settings: settings, symbols: [Self.spec], seed: 1)
        let records = ExchangeRecords(scales: exchange.scales, symbols: [Self.spec])
        let store = BackendExchangeStore(backend: backend, records: records)
        _ = try await ExchangeRestore.restore(exchange, records: records, backend: backend, at: Self.t0)
        var random = SeededRandom(seed: 7)
        let key = PositionKey(exchange: PositionKey.spot, symbol: Self.spec.key, strategyID: nil)
        var pending = ExchangeChanges()
        var time = Self.t0
        for step in 0..<400 {
            time += 1
            if step % 25 == 0 { exchange.setBook(Self.spec.key, Self.book, at: time) }
            let held = exchange.position(key)?.quantity ?? 0
            let quantity = 1_000 + Int64(random.next() % 3_000_000)
            // Sells often close several lots and reduce one; now and then everything.
            let sell = held > 0 && step < 360 && random.next() % 3 == 0
            let request = OrderRequest(symbol: Self.spec.key, side: sell ? .sell : .buy, kind: .market,
                                       quantity: sell ? (random.next() % 8 == 0 ? held : min(held, quantity * 3)) : quantity)
            _ = try? exchange.place(request, at: time)
            pending.merge(exchange.takeChanges())
            if random.next() % 4 == 0 {
                try await store.store(pending, at: time)
                pending = ExchangeChanges()
            }
        }
        try await store.store(pending, at: time)
        let restored = PaperExchange(settings: settings, symbols: [Self.spec], seed: 2)
        _ = try await ExchangeRestore.restore(restored, records: records, backend: backend, at: time + 1)
        XCTAssertGreaterThan(exchange.position(key)?.lots.count ?? 0, 10)
        XCTAssertEqual(restored.positions, exchange.positions)
        XCTAssertEqual(restored.position(key)?.lots.map(\.id), exchange.position(key)?.lots.map(\.id))
    }

    static let spec = SymbolUniverse.demo.resolve("BTC-USDT")!
    static let t0 = 1_796_000_000_000
    static let book = L2Book(bids: [BookLevel(price: 6_499_990, quantity: 50_000_000), BookLevel(price: 6_499_900, quantity: 80_000_000)],
                             asks: [BookLevel(price: 6_500_010, quantity: 30_000_000), BookLevel(price: 6_500_100, quantity: 90_000_000)])

    private func restoredExchangeGoesOn(_ open: () async throws -> Backend) async throws {
        let backend = try await open()
        defer { backend.database.close() }
        let settings = ExchangeSettings()
        let first = PaperExchange(settings: settings, symbols: [Self.spec], seed: 1)
        let records = ExchangeRecords(scales: first.scales, symbols: [Self.spec])
        let store = BackendExchangeStore(backend: backend, records: records)
        let summary = try await ExchangeRestore.restore(first, records: records, backend: backend, at: Self.t0)
        XCTAssertTrue(summary.firstStart)
        first.setBook(Self.spec.key, Self.book, at: Self.t0)
        func request(_ side: OrderSide, _ kind: OrderKind, _ quantity: Int64, _ price: Int64? = nil, client: String? = nil) -> OrderRequest {
            OrderRequest(symbol: Self.spec.key, side: side, kind: kind, quantity: quantity, price: price, clientOrderID: client)
        }
        _ = try first.place(request(.buy, .market, 40_000_000), at: Self.t0 + 1)                  // 0.4 BTC over two levels
        try await store.store(first.takeChanges(), at: Self.t0 + 1)
        let resting = try first.place(request(.buy, .limit, 20_000_000, 6_400_000, client: "rest-1"), at: Self.t0 + 2)
        first.marketTrade(Self.spec.key, Tick(time: Self.t0 + 3, price: 6_400_000, quantity: 5_000_000))  // fills a quarter of it
        _ = try first.place(request(.sell, .limit, 10_000_000, 6_600_000), at: Self.t0 + 4)
        _ = try first.place(request(.sell, .stopLoss, 10_000_000, 6_300_000), at: Self.t0 + 5)
        try await store.store(first.takeChanges(), at: Self.t0 + 5)

        let second = PaperExchange(settings: settings, symbols: [Self.spec], seed: 2)
        let restored = try await ExchangeRestore.restore(second, records: records, backend: backend, at: Self.t0 + 6)
        XCTAssertEqual(restored, ExchangeRestore.Summary(balances: 4, positions: 1, openOrders: 3, firstStart: false), "USDT, USD, KRW and BTC")
        XCTAssertEqual(second.balances, first.balances)
        XCTAssertEqual(second.positions, first.positions)
        XCTAssertEqual(second.activeOrders.map(\.id), first.activeOrders.map(\.id))
        for (mine, theirs) in zip(second.activeOrders, first.activeOrders) {
            XCTAssertEqual([mine.filled, mine.remaining], [theirs.filled, theirs.remaining])
            XCTAssertEqual(mine.filledNotional, theirs.filledNotional)
            XCTAssertEqual(mine.fee, theirs.fee)
            XCTAssertEqual(mine.locked, theirs.locked, "\(mine.kind) locks again what it locked")
            XCTAssertEqual(mine.status, theirs.status)
        }
        XCTAssertEqual(second.orderID(clientOrderID: "rest-1"), resting.id)
        XCTAssertTrue(second.takeChanges().isEmpty, "restoring changes nothing")

        // Both go on alike: the resting buy fills on, the stop fires, new orders number on.
        for exchange in [first, second] {
            exchange.setBook(Self.spec.key, Self.book, at: Self.t0 + 7)
            exchange.marketTrade(Self.spec.key, Tick(time: Self.t0 + 8, price: 6_300_000, quantity: 20_000_000))
        }
        let (mine, theirs) = (second.takeChanges(), first.takeChanges())
        XCTAssertEqual(mine.fills.map { [$0.quantity, $0.price] }, theirs.fills.map { [$0.quantity, $0.price] })
        XCTAssertEqual(mine.fills.map(\.orderID), theirs.fills.map(\.orderID))
        XCTAssertEqual(second.balances, first.balances)
        let next = try second.place(request(.buy, .limit, 1_000_000, 6_000_000), at: Self.t0 + 9)
        XCTAssertGreaterThan(next.sequence, second.activeOrders.filter { $0.id != next.id }.map(\.sequence).max() ?? 0)
        try await BackendExchangeStore(backend: backend, records: records).store(second.takeChanges(), at: Self.t0 + 9)
        let stored = try await backend.read { r throws(StorageError) in try r.orders.find(id: next.id) }
        XCTAssertEqual(stored?.exchangeOrderID, String(next.sequence))
        XCTAssertEqual(stored?.symbol, "BTC/USDT")
    }
}
