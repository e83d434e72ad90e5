import Foundation
import XCTest
@testable import Backends

/// The watchlist aggregate's storage contract: per-user lists of unique symbols.
extension ConformanceSuite {
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
}

/// The watchlist conformance suite on SQLite.
final class SQLiteWatchlistConformanceTests: SQLiteBackendTestCase {
    func testWatchlistsBelongToAUserAndHoldUniqueSymbols() async throws { try await suite.watchlistsBelongToAUserAndHoldUniqueSymbols() }
}

/// The watchlist conformance suite on PostgreSQL.
final class PostgresWatchlistConformanceTests: PostgresBackendTestCase {
    func testWatchlistsBelongToAUserAndHoldUniqueSymbols() async throws { try await suite.watchlistsBelongToAUserAndHoldUniqueSymbols() }
}
