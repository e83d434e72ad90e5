import Backends
import Foundation
import Primitives
import Synchronization
import XCTest
@testable import Engine

/// A command on the exchange is answered only once its changes are in the database.
final class AcknowledgedOrderTests: XCTestCase {
    static let spec = ExchangePersistenceTests.spec

    private func engine(store: any ExchangeStore, clock: ManualClock) -> (MarketEngine, PaperExchange) {
        let exchange = PaperExchange(settings: ExchangeSettings(), symbols: [Self.spec], seed: 3)
        let start = SymbolStart(spec: Self.spec, price: 6_500_000)
        let core = MarketCore(settings: MarketSettings(feed: FeedSettings(tickMilliseconds: 1_000)), symbols: [start], sink: nil,
                              now: clock.now(), exchange: exchange)
        return (MarketEngine(core: core, clock: clock, store: nil, exchangeStore: store, acknowledgementTimeout: 2_000), exchange)
    }

    func testAnAcknowledgedOrderIsInTheDatabase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ack-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("a.db").path)
        defer { backend.database.close() }
        let clock = ManualClock(ExchangePersistenceTests.t0)
        let scales = AssetScales(symbols: [Self.spec], extra: Array(ExchangeSettings.defaultStartingBalances.keys))
        let records = ExchangeRecords(scales: scales, symbols: [Self.spec])
        let (engine, engineExchange) = engine(store: BackendExchangeStore(backend: backend, records: records), clock: clock)
        XCTAssertEqual(engineExchange.scales, scales)
        engine.start()
        let request = OrderRequest(symbol: Self.spec.key, side: .buy, kind: .market, quantity: 1_000_000)
        let order = try await engine.performAcknowledged { core throws(ExchangeRefusal) in try core.place(request, at: clock.now()) }
        XCTAssertEqual(order.status, .filled)
        let stored = try await backend.read { r throws(StorageError) in (try r.orders.find(id: order.id), try r.fills.list(orderID: order.id)) }
        XCTAssertEqual(stored.0?.status, "Filled", "answered after its batch committed")
        XCTAssertEqual(stored.1.count, 1)
        // A refusal answers at once and stores nothing.
        do {
            _ = try await engine.performAcknowledged { core throws(ExchangeRefusal) in
                try core.place(OrderRequest(symbol: Self.spec.key, side: .sell, kind: .market, quantity: 999_000_000_000), at: clock.now())
            }
            XCTFail("a sell beyond the position")
        } catch let refusal as ExchangeRefusal {
            guard case .insufficientBalance = refusal else { return XCTFail("\(refusal)") }
        }
        await engine.stop()
        XCTAssertGreaterThan(engineExchange.balance("BTC")?.free ?? 0, 0)
    }

    func testAnOrderIsNotAcknowledgedWhileTheDatabaseFailsButCommitsLater() async throws {
        let clock = ManualClock(ExchangePersistenceTests.t0)
        let store = FlakyStore()
        let (engine, _) = engine(store: store, clock: clock)
        // Failing from the start: the engine's first step may already write (the balances).
        store.failing.withLock { $0 = true }
        engine.start()
        let request = OrderRequest(symbol: Self.spec.key, side: .buy, kind: .limit, quantity: 1_000_000, price: 6_000_000, clientOrderID: "c1")
        let attempt = Task { try await engine.performAcknowledged { core throws(ExchangeRefusal) in try core.place(request, at: clock.now()) } }
        // The wait ends at the deadline on the engine's clock, not before.
        try await Task.sleep(for: .milliseconds(200))
        clock.advance(by: 2_500)
        do {
            _ = try await attempt.value
            XCTFail("acknowledged without a commit")
        } catch let error as AcknowledgementError {
            guard case .unconfirmed = error else { return XCTFail("\(error)") }
        }
        XCTAssertTrue(store.stored.withLock { $0 }.isEmpty)
        // The database comes back: the batch is retried and the order lands once.
        store.failing.withLock { $0 = false }
        clock.advance(by: 1_000)
        let deadline = ContinuousClock.now + .seconds(5)
        while store.stored.withLock({ $0.flatMap(\.orders) }).isEmpty && ContinuousClock.now < deadline {
            clock.advance(by: 100)
            try await Task.sleep(for: .milliseconds(20))
        }
        let orders = store.stored.withLock { $0.flatMap(\.orders) }
        XCTAssertEqual(orders.map(\.clientOrderID), ["c1"])
        XCTAssertGreaterThan(engine.exchangePersistenceFailures, 0)
        await engine.stop()
    }
}

/// A store that fails while told to and keeps what it stores.
final class FlakyStore: ExchangeStore {
    let failing = Mutex(false)
    let stored = Mutex([ExchangeChanges]())

    struct Down: Error {}

    func store(_ changes: ExchangeChanges, at time: Int) async throws {
        if failing.withLock({ $0 }) { throw Down() }
        stored.withLock { $0.append(changes) }
    }
}
