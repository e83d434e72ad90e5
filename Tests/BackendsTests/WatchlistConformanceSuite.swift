import Foundation
import XCTest
@testable import Backends

/// The watchlist aggregate's storage contract: per-user lists of unique symbols, reached only
/// through their owner, items in the order they were added.
extension ConformanceSuite {
    func watchlistsBelongToAUserAndHoldUniqueSymbols() async throws {
        let ann = Self.user("ann")
        let bob = Self.user("bob")
        let tech = WatchlistRecord(id: "w1", userID: ann.id, name: "반도체 관련주", description: "chips", createdAt: Self.now,
                                   updatedAt: Self.now, items: [WatchlistItemRecord(symbol: "005930", addedAt: Self.now),
                                                                WatchlistItemRecord(symbol: "000660", addedAt: Self.now)])
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
        XCTAssertEqual(lists.first?.items.map(\.symbol), ["005930", "000660"], "items in the order given, not by symbol")
        XCTAssertEqual(lists.first?.description, "chips")
        XCTAssertEqual(lists.first?.name, "반도체 관련주")
        XCTAssertEqual(lists.last?.items, [WatchlistItemRecord(symbol: "BTC/USDT", addedAt: Self.now + 10),
                                           WatchlistItemRecord(symbol: "ETH/USDT", addedAt: Self.now + 20)])
        XCTAssertEqual(lists.last?.updatedAt, Self.now + 20, "adding an item marks the list updated")
        XCTAssertNil(lists.last?.description)
        let removed = try await backend.write { r throws(StorageError) in
            [try r.watchlists.removeItem(watchlistID: "w2", symbol: "ETH/USDT", at: Self.now + 40),
             try r.watchlists.removeItem(watchlistID: "w2", symbol: "ETH/USDT", at: Self.now + 50)]
        }
        XCTAssertEqual(removed, [true, false])
        let w2 = try await backend.read { r throws(StorageError) in try r.watchlists.find(id: "w2", userID: ann.id) }
        XCTAssertEqual(w2, WatchlistRecord(id: "w2", userID: ann.id, name: "crypto", createdAt: Self.now + 1, updatedAt: Self.now + 40,
                                           items: [WatchlistItemRecord(symbol: "BTC/USDT", addedAt: Self.now + 10)]),
                       "removing an item marks the list updated; a removal of nothing does not")
        let bobs = try await backend.read { r throws(StorageError) in try r.watchlists.list(userID: bob.id) }
        XCTAssertEqual(bobs.map(\.id), ["w3"])
        XCTAssertEqual(bobs.first?.items, [])
        let deleted = try await backend.write { r throws(StorageError) in
            [try r.watchlists.delete(id: "w1", userID: ann.id), try r.watchlists.delete(id: "w1", userID: ann.id)]
        }
        XCTAssertEqual(deleted, [true, false])
        let gone = try await backend.read { r throws(StorageError) in try r.watchlists.find(id: "w1", userID: ann.id) }
        XCTAssertNil(gone)
        let reAdded = try await backend.write { r throws(StorageError) in
            try r.watchlists.create(WatchlistRecord(id: "w5", userID: ann.id, name: "반도체 관련주", createdAt: Self.now + 60,
                                                    updatedAt: Self.now + 60, items: [WatchlistItemRecord(symbol: "000660", addedAt: Self.now + 60)]))
            return try r.watchlists.find(id: "w5", userID: ann.id)?.items.map(\.symbol)
        }
        XCTAssertEqual(reAdded, ["000660"], "a deleted list's name and items are free again")
    }

    /// Another user's list id finds nothing, changes nothing and deletes nothing.
    func watchlistsAreReachedOnlyThroughTheirOwner() async throws {
        let ann = Self.user("ann"), bob = Self.user("bob")
        let list = WatchlistRecord(id: "w1", userID: ann.id, name: "mine", description: "ann's", createdAt: Self.now, updatedAt: Self.now,
                                   items: [WatchlistItemRecord(symbol: "GOOG", addedAt: Self.now)])
        try await backend.write { r throws(StorageError) in
            try r.users.insert(ann)
            try r.users.insert(bob)
            try r.watchlists.create(list)
        }
        let seen = try await backend.read { r throws(StorageError) in
            (try r.watchlists.find(id: "w1", userID: bob.id), try r.watchlists.list(userID: bob.id))
        }
        XCTAssertNil(seen.0)
        XCTAssertEqual(seen.1, [])
        let changed = try await backend.write { r throws(StorageError) in
            [try r.watchlists.update(id: "w1", userID: bob.id, name: "bob's now", description: nil, at: Self.now + 1),
             try r.watchlists.delete(id: "w1", userID: bob.id)]
        }
        XCTAssertEqual(changed, [false, false])
        let locked = try await backend.write { r throws(StorageError) in try r.watchlists.find(id: "w1", userID: bob.id, forUpdate: true) }
        XCTAssertNil(locked)
        let after = try await backend.read { r throws(StorageError) in try r.watchlists.find(id: "w1", userID: ann.id) }
        XCTAssertEqual(after, list, "untouched")
    }

    /// Renaming and describing: a UTF-8 name round-trips byte for byte, the description can be
    /// cleared, each change moves `updated_at`, and names stay unique per user.
    func watchlistsAreRenamedAndDescribed() async throws {
        let ann = Self.user("ann"), bob = Self.user("bob")
        try await backend.write { r throws(StorageError) in
            try r.users.insert(ann)
            try r.users.insert(bob)
            try r.watchlists.create(WatchlistRecord(id: "w1", userID: ann.id, name: "one", createdAt: Self.now, updatedAt: Self.now))
            try r.watchlists.create(WatchlistRecord(id: "w2", userID: ann.id, name: "two", createdAt: Self.now, updatedAt: Self.now))
            try r.watchlists.create(WatchlistRecord(id: "w3", userID: bob.id, name: "반도체 관련주", createdAt: Self.now, updatedAt: Self.now))
        }
        let name = "반도체 관련주 🚀 e\u{301}"  // Hangul, an emoji, a combining accent: stored as written
        let renamed = try await backend.write { r throws(StorageError) in
            try r.watchlists.update(id: "w1", userID: ann.id, name: name, description: "메모 \"quoted\"\n", at: Self.now + 5)
        }
        XCTAssertTrue(renamed, "another user's list of the same name is no conflict")
        let stored = try await backend.read { r throws(StorageError) in try r.watchlists.find(id: "w1", userID: ann.id) }
        XCTAssertEqual(stored.map { Array($0.name.utf8) }, Array(name.utf8))
        XCTAssertEqual(stored?.description, "메모 \"quoted\"\n")
        XCTAssertEqual(stored?.updatedAt, Self.now + 5)
        XCTAssertEqual(stored?.createdAt, Self.now)
        try await backend.write { r throws(StorageError) in
            try r.watchlists.update(id: "w1", userID: ann.id, name: name, description: nil, at: Self.now + 6)
        }
        let cleared = try await backend.read { r throws(StorageError) in try r.watchlists.find(id: "w1", userID: ann.id) }
        XCTAssertNil(cleared?.description)
        XCTAssertEqual(cleared?.updatedAt, Self.now + 6)
        await assertStorageError({
            try await backend.write { r throws(StorageError) in
                _ = try r.watchlists.update(id: "w2", userID: ann.id, name: name, description: nil, at: Self.now + 7)
            }
        }, { if case .uniqueViolation = $0 { true } else { false } }, "a name another list of the user has")
        let two = try await backend.read { r throws(StorageError) in try r.watchlists.find(id: "w2", userID: ann.id) }
        XCTAssertEqual(two?.name, "two")
        XCTAssertEqual(two?.updatedAt, Self.now, "a refused change changes nothing")
    }

    /// Items list in the order they were added, even at the same millisecond or with a clock
    /// that went back; an item removed and added again goes last.
    func watchlistItemsKeepTheOrderTheyWereAddedIn() async throws {
        let ann = Self.user("ann")
        try await backend.write { r throws(StorageError) in
            try r.users.insert(ann)
            try r.watchlists.create(WatchlistRecord(id: "w1", userID: ann.id, name: "order", createdAt: Self.now, updatedAt: Self.now))
            for (symbol, time) in [("ZZZ", Self.now), ("AAA", Self.now), ("MMM", Self.now - 1000), ("BTC/USDT", Self.now)] {
                try r.watchlists.addItem(watchlistID: "w1", symbol: symbol, at: time)
            }
            try r.watchlists.removeItem(watchlistID: "w1", symbol: "ZZZ", at: Self.now + 1)
            try r.watchlists.addItem(watchlistID: "w1", symbol: "ZZZ", at: Self.now + 2)
        }
        let items = try await backend.read { r throws(StorageError) in
            (try r.watchlists.find(id: "w1", userID: ann.id)?.items.map(\.symbol), try r.watchlists.list(userID: ann.id).first?.items.map(\.symbol))
        }
        XCTAssertEqual(items.0, ["AAA", "MMM", "BTC/USDT", "ZZZ"])
        XCTAssertEqual(items.1, items.0, "list and find agree")
    }

    /// A limit checked against `count(forUpdate:)` or the items of `find(forUpdate:)` inside a
    /// write holds when writes race: on PostgreSQL the owner's or the list's row is locked.
    func watchlistLimitsCheckedInAWriteHoldUnderConcurrency() async throws {
        let ann = Self.user("ann")
        try await backend.write { r throws(StorageError) in
            try r.users.insert(ann)
            try r.watchlists.create(WatchlistRecord(id: "w0", userID: ann.id, name: "target", createdAt: Self.now, updatedAt: Self.now))
        }
        let backend = backend
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 1...12 {
                group.addTask {
                    try await backend.write { r throws(StorageError) in
                        if try r.watchlists.count(userID: ann.id, forUpdate: true) < 4 {
                            try r.watchlists.create(WatchlistRecord(id: "w\(index)", userID: ann.id, name: "list \(index)",
                                                                    createdAt: Self.now + index, updatedAt: Self.now + index))
                        }
                        if let list = try r.watchlists.find(id: "w0", userID: ann.id, forUpdate: true), list.items.count < 5 {
                            try r.watchlists.addItem(watchlistID: "w0", symbol: "S\(index)", at: Self.now + index)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let lists = try await backend.read { r throws(StorageError) in try r.watchlists.list(userID: ann.id) }
        XCTAssertEqual(lists.count, 4, "never past the limit")
        let counted = try await backend.read { r throws(StorageError) in try r.watchlists.count(userID: ann.id) }
        XCTAssertEqual(counted, 4)
        XCTAssertEqual(lists.first { $0.id == "w0" }?.items.count, 5, "never past the limit")
    }
}

/// The watchlist conformance suite on SQLite.
final class SQLiteWatchlistConformanceTests: SQLiteBackendTestCase {
    func testWatchlistsBelongToAUserAndHoldUniqueSymbols() async throws { try await suite.watchlistsBelongToAUserAndHoldUniqueSymbols() }
    func testWatchlistsAreReachedOnlyThroughTheirOwner() async throws { try await suite.watchlistsAreReachedOnlyThroughTheirOwner() }
    func testWatchlistsAreRenamedAndDescribed() async throws { try await suite.watchlistsAreRenamedAndDescribed() }
    func testWatchlistItemsKeepTheOrderTheyWereAddedIn() async throws { try await suite.watchlistItemsKeepTheOrderTheyWereAddedIn() }
    func testWatchlistLimitsCheckedInAWriteHoldUnderConcurrency() async throws {
        try await suite.watchlistLimitsCheckedInAWriteHoldUnderConcurrency()
    }
}

/// The watchlist conformance suite on PostgreSQL.
final class PostgresWatchlistConformanceTests: PostgresBackendTestCase {
    func testWatchlistsBelongToAUserAndHoldUniqueSymbols() async throws { try await suite.watchlistsBelongToAUserAndHoldUniqueSymbols() }
    func testWatchlistsAreReachedOnlyThroughTheirOwner() async throws { try await suite.watchlistsAreReachedOnlyThroughTheirOwner() }
    func testWatchlistsAreRenamedAndDescribed() async throws { try await suite.watchlistsAreRenamedAndDescribed() }
    func testWatchlistItemsKeepTheOrderTheyWereAddedIn() async throws { try await suite.watchlistItemsKeepTheOrderTheyWereAddedIn() }
    func testWatchlistLimitsCheckedInAWriteHoldUnderConcurrency() async throws {
        try await suite.watchlistLimitsCheckedInAWriteHoldUnderConcurrency()
    }
}
