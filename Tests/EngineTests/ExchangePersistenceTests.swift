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
