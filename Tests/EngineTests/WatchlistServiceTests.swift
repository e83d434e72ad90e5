import Backends
@testable import Engine
import Foundation
import XCTest

/// `WatchlistService` over an SQLite file (the repository's contract holds on both databases:
/// Tests/BackendsTests/WatchlistConformanceSuite.swift): lists per user, symbols resolved and
/// stored in one form, the default limits, and `updated_at` on every change.
final class WatchlistServiceTests: XCTestCase {
    static let start = 1_769_601_600_000  // 2026-01-28T12:00:00Z

    private var directory: URL!
    private var backend: Backend!
    private var clock: ManualClock!
    private var service: WatchlistService!
    private var ann = "", bob = ""

    /// A universe of the pair BTC-USDT, the ticker 005930 and 200 more tickers (T000 … T199).
    static let specs: [SymbolSpec] = (["BTC-USDT", "005930"] + (0..<200).map { "T" + String(format: "%03d", $0) }).map { key in
        SymbolSpec(key: SymbolKey(key)!, name: key == "005930" ? "Samsung Electronics" : "Name of \(key)", market: .crypto,
                   prices: UnitScale(digits: 2), quantities: UnitScale(digits: 2), source: .synthetic(seed: 1, startPrice: 100, sigma: 0.2))
    }

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("watchlists-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("w.db").path)
        clock = ManualClock(Self.start)
        let mirror = MarketMirror(backend: backend, symbols: Self.specs, book: BookShape(), clock: clock, sink: nil)
        let market = MarketService(source: .mirror(mirror), backend: backend, universe: SymbolUniverse(Self.specs))
        service = WatchlistService(market: market, backend: backend, clock: clock)
        let users = ["ann", "bob"].map {
            UserRecord(id: UUID().uuidString.lowercased(), username: $0, passwordHash: "x", role: "viewer", createdAt: 0, updatedAt: 0)
        }
        try await backend.write { r throws(StorageError) in for user in users { try r.users.insert(user) } }
        (ann, bob) = (users[0].id, users[1].id)
    }

    override func tearDown() async throws {
        backend.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Asserts that `work` fails with `expected`.
    private func assertFails<Value>(_ expected: WatchlistError, _ work: () async throws(WatchlistError) -> Value,
                                    file: StaticString = #filePath, line: UInt = #line) async {
        do {
            _ = try await work()
            XCTFail("no error, expected \(expected)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, file: file, line: line)
        }
    }

    func testAnotherUsersListAnswersAsAMissingOneAndStaysUntouched() async throws {
        let list = try await service.create(owner: ann, name: "반도체 관련주", description: "chips")
        _ = try await service.addItem("005930", to: list.id, owner: ann)
        let notFound = WatchlistError.watchlistNotFound(id: list.id)
        await assertFails(notFound) { () async throws(WatchlistError) in try await service.update(id: list.id, owner: bob, name: "x", description: .clear) }
        await assertFails(notFound) { () async throws(WatchlistError) in try await service.delete(id: list.id, owner: bob) }
        await assertFails(notFound) { () async throws(WatchlistError) in try await service.addItem("BTC-USDT", to: list.id, owner: bob) }
        await assertFails(notFound) { () async throws(WatchlistError) in try await service.addItem("NOPE", to: list.id, owner: bob) }
        await assertFails(notFound) { () async throws(WatchlistError) in try await service.removeItem("005930", from: list.id, owner: bob) }
        let bobs = try await service.watchlists(of: bob)
        XCTAssertEqual(bobs, [])
        let anns = try await service.watchlists(of: ann)
        XCTAssertEqual(anns.map(\.name), ["반도체 관련주"])
        XCTAssertEqual(anns.first?.description, "chips")
        XCTAssertEqual(anns.first?.items.map(\.symbol), ["005930"])
        let same = try await service.create(owner: bob, name: "반도체 관련주", description: nil)
        XCTAssertNotEqual(same.id, list.id, "another user may use the same name")
    }

    func testSymbolsResolveInEitherFormAndAreStoredInOne() async throws {
        let list = try await service.create(owner: ann, name: "mixed", description: nil)
        let added = try await service.addItem("btc-usdt", to: list.id, owner: ann)
        XCTAssertEqual(added, WatchlistItemRecord(symbol: "BTC/USDT", addedAt: Self.start))
        await assertFails(.duplicateSymbol("BTC/USDT", watchlist: "mixed")) { () async throws(WatchlistError) in
            try await service.addItem("BTC/USDT", to: list.id, owner: ann)
        }
        await assertFails(.unknownSymbol("NOPE-USDT")) { () async throws(WatchlistError) in
            try await service.addItem("NOPE-USDT", to: list.id, owner: ann)
        }
        _ = try await service.addItem("005930", to: list.id, owner: ann)
        XCTAssertEqual(service.name(of: "BTC/USDT"), "Name of BTC-USDT")
        XCTAssertEqual(service.name(of: "005930"), "Samsung Electronics")
        XCTAssertNil(service.name(of: "GONE/USDT"))
        let removed = try await service.removeItem("BTC-USDT", from: list.id, owner: ann)
        XCTAssertEqual(removed, "BTC/USDT")
        await assertFails(.symbolNotFound("BTC-USDT", watchlist: "mixed")) { () async throws(WatchlistError) in
            try await service.removeItem("BTC-USDT", from: list.id, owner: ann)
        }
        await assertFails(.symbolNotFound("A/B/C", watchlist: "mixed")) { () async throws(WatchlistError) in
            try await service.removeItem("A/B/C", from: list.id, owner: ann)
        }
        let items = try await service.watchlists(of: ann).first?.items.map(\.symbol)
        XCTAssertEqual(items, ["005930"])
    }

    func testASymbolTheMarketNoLongerHasCanStillBeRemoved() async throws {
        let list = try await service.create(owner: ann, name: "old", description: nil)
        try await backend.write { r throws(StorageError) in try r.watchlists.addItem(watchlistID: list.id, symbol: "GONE-USDT", at: 1) }
        let removed = try await service.removeItem("gone/usdt", from: list.id, owner: ann)
        XCTAssertEqual(removed, "GONE-USDT", "found by its key, whatever form it was stored in")
    }

    func testAUserHoldsAtMostFiftyListsOfTwoHundredSymbols() async throws {
        XCTAssertEqual(service.limits, WatchlistService.Limits(watchlists: 50, items: 200))
        for index in 0..<50 { _ = try await service.create(owner: ann, name: "list \(index)", description: nil) }
        await assertFails(.tooManyWatchlists(limit: 50)) { () async throws(WatchlistError) in
            try await service.create(owner: ann, name: "one more", description: nil)
        }
        let bobs = try await service.create(owner: bob, name: "list 0", description: nil)
        for index in 0..<200 { _ = try await service.addItem("T" + String(format: "%03d", index), to: bobs.id, owner: bob) }
        await assertFails(.tooManySymbols(limit: 200)) { () async throws(WatchlistError) in
            try await service.addItem("BTC-USDT", to: bobs.id, owner: bob)
        }
        await assertFails(.duplicateSymbol("T007", watchlist: "list 0")) { () async throws(WatchlistError) in
            try await service.addItem("T007", to: bobs.id, owner: bob)
        }
        try await service.removeItem("T000", from: bobs.id, owner: bob)
        _ = try await service.addItem("BTC-USDT", to: bobs.id, owner: bob)
        let items = try await service.watchlists(of: bob).first?.items.map(\.symbol) ?? []
        XCTAssertEqual(items.count, 200)
        XCTAssertEqual(items.first, "T001")
        XCTAssertEqual(items.last, "BTC/USDT", "in the order added")
        try await service.delete(id: try await service.watchlists(of: ann)[0].id, owner: ann)
        _ = try await service.create(owner: ann, name: "one more", description: nil)
    }

    func testNamesAreUniquePerUserAndEveryChangeMovesUpdatedAt() async throws {
        let list = try await service.create(owner: ann, name: "one", description: nil)
        let other = try await service.create(owner: ann, name: "two", description: "keep")
        XCTAssertEqual([list.createdAt, list.updatedAt], [Self.start, Self.start])
        await assertFails(.duplicateName("one")) { () async throws(WatchlistError) in
            try await service.create(owner: ann, name: "one", description: nil)
        }
        await assertFails(.duplicateName("one")) { () async throws(WatchlistError) in
            try await service.update(id: other.id, owner: ann, name: "one", description: .keep)
        }
        clock.advance(by: 10)
        let unchanged = try await service.update(id: list.id, owner: ann, name: "one", description: .keep)
        XCTAssertEqual(unchanged.updatedAt, Self.start, "nothing changed")
        let renamed = try await service.update(id: list.id, owner: ann, name: "반도체 관련주", description: .keep)
        XCTAssertEqual([renamed.name, "\(renamed.updatedAt)"], ["반도체 관련주", "\(Self.start + 10)"])
        clock.advance(by: 10)
        let described = try await service.update(id: list.id, owner: ann, name: nil, description: .set("메모"))
        XCTAssertEqual(described.description, "메모")
        XCTAssertEqual(described.name, "반도체 관련주")
        XCTAssertEqual(described.updatedAt, Self.start + 20)
        clock.advance(by: 10)
        let cleared = try await service.update(id: list.id, owner: ann, name: nil, description: .clear)
        XCTAssertNil(cleared.description)
        XCTAssertEqual(cleared.updatedAt, Self.start + 30)
        clock.advance(by: 10)
        _ = try await service.addItem("005930", to: list.id, owner: ann)
        var stored = try await service.watchlists(of: ann).first { $0.id == list.id }
        XCTAssertEqual(stored?.updatedAt, Self.start + 40, "adding an item")
        clock.advance(by: 10)
        try await service.removeItem("005930", from: list.id, owner: ann)
        stored = try await service.watchlists(of: ann).first { $0.id == list.id }
        XCTAssertEqual(stored?.updatedAt, Self.start + 50, "removing an item")
        XCTAssertEqual(stored?.createdAt, Self.start)
        let deleted = try await service.delete(id: list.id, owner: ann)
        XCTAssertEqual(deleted.name, "반도체 관련주")
        let left = try await service.watchlists(of: ann)
        XCTAssertEqual(left.map(\.name), ["two"])
        XCTAssertEqual(left.first?.description, "keep")
    }
}
