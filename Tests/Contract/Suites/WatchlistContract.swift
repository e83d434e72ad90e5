import Foundation
import XCTest

/// Watchlists: each user's own groups of symbols. Groups are created, listed, renamed,
/// re-described and deleted; items are added (resolved through the market, stored in one form)
/// and removed (document A's "관심종목 삭제" both ways). Another user's group answers 404
/// NOT_FOUND to everything; names are unique per user; groups and items are limited.
extension ContractSuite {
    /// Creates a group of `client`'s user and returns its id.
    func watchlist(_ client: ContractClient, _ name: String, description: JSONInstance? = nil,
                   file: StaticString = #filePath, line: UInt = #line) throws -> String {
        var body: [String: JSONInstance] = ["name": .string(name)]
        if let description { body["description"] = description }
        let created = try client.call("createWatchlist", body: .object(body))
        XCTAssertEqual(created.status, 201, created.message.summary, file: file, line: line)
        return try XCTUnwrap(created["id"].string, file: file, line: line)
    }

    /// The groups `client`'s user sees, by id.
    func watchlists(_ client: ContractClient) throws -> [String: JSONInstance] {
        let listed = try client.call("listWatchlists")
        XCTAssertEqual(listed.status, 200, listed.message.summary)
        let groups = listed["watchlists"].array ?? []
        XCTAssertEqual(listed["total"].integer, groups.count)
        return Dictionary(uniqueKeysWithValues: groups.map { ($0["id"]?.string ?? "", $0) })
    }

    func watchlistGroupsAreCreatedListedRenamedAndDeleted() throws {
        let viewer = try account("viewer").client
        XCTAssertEqual(try watchlists(viewer), [:], "a new user has no groups")
        let name = "반도체 관련주 🚀 e\u{301}"
        let created = try viewer.call("createWatchlist", body: ["name": .string(name), "description": "반도체 섹터 관심종목"])
        XCTAssertEqual(created.status, 201, created.message.summary)
        XCTAssertEqual(created["name"].string.map { Array($0.utf8) }, Array(name.utf8), "the name as sent, byte for byte")
        XCTAssertEqual(created["description"], "반도체 섹터 관심종목")
        XCTAssertEqual(created["items"], [])
        XCTAssertEqual(created["updated_at"], created["created_at"])
        let id = try XCTUnwrap(created["id"].string)
        XCTAssertEqual(try watchlists(viewer)[id]?["name"]?.string.map { Array($0.utf8) }, Array(name.utf8))

        Thread.sleep(forTimeInterval: 1.05)  // the API shows whole seconds
        let renamed = try viewer.call("updateWatchlist", path: ["id": id], body: ["name": "대형주"])
        XCTAssertEqual(renamed.status, 200, renamed.message.summary)
        XCTAssertEqual(renamed["name"], "대형주")
        XCTAssertEqual(renamed["description"], "반도체 섹터 관심종목", "a member left out stays")
        XCTAssertEqual(renamed["created_at"], created["created_at"])
        XCTAssertGreaterThan(renamed["updated_at"].string ?? "", created["updated_at"].string ?? "", "a rename moves updated_at")
        let cleared = try viewer.call("updateWatchlist", path: ["id": id], body: ["description": .null])
        XCTAssertEqual(cleared.status, 200, cleared.message.summary)
        XCTAssertEqual(cleared.json?["description"], .null, "null clears the description")
        XCTAssertEqual(cleared["name"], "대형주")
        let described = try viewer.call("updateWatchlist", path: ["id": id], body: ["name": "대형주", "description": "메모"])
        XCTAssertEqual(described["description"], "메모")
        XCTAssertEqual(try watchlists(viewer)[id]?["description"], "메모")

        let deleted = try viewer.call("deleteWatchlist", path: ["id": id])
        XCTAssertEqual(deleted.status, 200, deleted.message.summary)
        XCTAssertEqual(deleted["success"], true)
        XCTAssertEqual(deleted["message"], "Watchlist '대형주' deleted")
        XCTAssertEqual(try watchlists(viewer), [:])
        assertError(try viewer.call("deleteWatchlist", path: ["id": id]), 404, "NOT_FOUND")
        assertError(try viewer.call("updateWatchlist", path: ["id": id], body: ["name": "again"]), 404, "NOT_FOUND")
        assertError(try viewer.call("addWatchlistItem", path: ["id": id], body: ["symbol": "005930"]), 404, "NOT_FOUND")
        assertError(try viewer.call("deleteWatchlist", path: ["id": Self.unknownID]), 404, "NOT_FOUND")
        _ = try watchlist(viewer, "대형주")  // a deleted group's name is free again
    }

    func watchlistItemsAreResolvedStoredInOneFormAndListedInTheOrderAdded() throws {
        let viewer = try account("viewer").client
        let id = try watchlist(viewer, "mixed")
        let before = try XCTUnwrap(try watchlists(viewer)[id]?["updated_at"]?.string)
        Thread.sleep(forTimeInterval: 1.05)
        let bitcoin = try viewer.call("addWatchlistItem", path: ["id": id], body: ["symbol": "btc-usdt"])
        XCTAssertEqual(bitcoin.status, 201, bitcoin.message.summary)
        XCTAssertEqual(bitcoin["symbol"], "BTC/USDT", "stored in the slash form whichever form was sent")
        XCTAssertEqual(bitcoin["name"], "Bitcoin / Tether")
        XCTAssertEqual(try viewer.call("addWatchlistItem", path: ["id": id], body: ["symbol": "005930"])["name"], "Samsung Electronics")
        XCTAssertEqual(try viewer.call("addWatchlistItem", path: ["id": id], body: ["symbol": "EUR/USD"])["symbol"], "EUR/USD")
        for duplicate in ["BTC/USDT", "BTC-USDT"] {
            let again = try viewer.call("addWatchlistItem", path: ["id": id], body: ["symbol": .string(duplicate)])
            assertError(again, 409, "CONFLICT")
            XCTAssertTrue(again["message"].string?.contains("BTC/USDT") ?? false, again.message.summary)
        }
        let unknown = try viewer.call("addWatchlistItem", path: ["id": id], body: ["symbol": "NOPE-USDT"])
        assertError(unknown, 404, "MARKET_001")
        XCTAssertTrue(unknown["message"].string?.contains("NOPE-USDT") ?? false, "names the symbol: \(unknown.message.summary)")
        var group = try XCTUnwrap(try watchlists(viewer)[id])
        XCTAssertEqual(group["items"]?.array?.compactMap { $0["symbol"]?.string }, ["BTC/USDT", "005930", "EUR/USD"], "in the order added")
        XCTAssertGreaterThan(group["updated_at"]?.string ?? "", before, "adding moves updated_at")

        let removed = try viewer.call("removeWatchlistItem", path: ["id": id, "symbol": "BTC-USDT"])
        XCTAssertEqual(removed.status, 200, removed.message.summary)
        XCTAssertEqual(removed["message"], "Symbol 'BTC/USDT' removed from watchlist")
        assertError(try viewer.call("removeWatchlistItem", path: ["id": id, "symbol": "BTC/USDT"]), 404, "NOT_FOUND")
        assertError(try viewer.call("removeWatchlistItem", path: ["id": id, "symbol": "NOPE-USDT"]), 404, "NOT_FOUND")
        XCTAssertEqual(try viewer.call("removeWatchlistItem", path: ["id": id, "symbol": "005930"]).status, 200)
        _ = try viewer.call("addWatchlistItem", path: ["id": id], body: ["symbol": "BTC/USDT"])
        group = try XCTUnwrap(try watchlists(viewer)[id])
        XCTAssertEqual(group["items"]?.array?.compactMap { $0["symbol"]?.string }, ["EUR/USD", "BTC/USDT"], "added again, it goes last")
    }

    /// Another user's group, even for an admin, answers 404 NOT_FOUND to every operation and
    /// stays as it was; the same name is free for every user.
    func aUsersWatchlistsAreInvisibleToEveryoneElse() throws {
        let ann = try account("viewer").client
        let id = try watchlist(ann, "반도체 관련주", description: "ann's")
        XCTAssertEqual(try ann.call("addWatchlistItem", path: ["id": id], body: ["symbol": "005930"]).status, 201)
        let original = try XCTUnwrap(try watchlists(ann)[id])
        for other in [try account("trader").client, try admin()] {
            XCTAssertNil(try watchlists(other)[id], "never listed for another user")
            assertError(try other.call("updateWatchlist", path: ["id": id], body: ["name": "mine now"]), 404, "NOT_FOUND")
            assertError(try other.call("deleteWatchlist", path: ["id": id]), 404, "NOT_FOUND")
            assertError(try other.call("addWatchlistItem", path: ["id": id], body: ["symbol": "BTC/USDT"]), 404, "NOT_FOUND")
            assertError(try other.call("addWatchlistItem", path: ["id": id], body: ["symbol": "NOPE"]), 404, "NOT_FOUND")
            assertError(try other.call("removeWatchlistItem", path: ["id": id, "symbol": "005930"]), 404, "NOT_FOUND")
            _ = try watchlist(other, "반도체 관련주")
        }
        XCTAssertEqual(try watchlists(ann), [id: original], "untouched")
    }

    func watchlistNamesAreUniquePerUser() throws {
        let viewer = try account("viewer").client
        let first = try watchlist(viewer, "crypto")
        let second = try watchlist(viewer, "Crypto")  // names compare exactly
        assertError(try viewer.call("createWatchlist", body: ["name": "crypto"]), 409, "CONFLICT")
        assertError(try viewer.call("updateWatchlist", path: ["id": second], body: ["name": "crypto"]), 409, "CONFLICT")
        let same = try viewer.call("updateWatchlist", path: ["id": first], body: ["name": "crypto"])
        XCTAssertEqual(same.status, 200, "its own name is no conflict: \(same.message.summary)")
        XCTAssertEqual(Set(try watchlists(viewer).values.compactMap { $0["name"]?.string }), ["crypto", "Crypto"])
    }

    /// 50 groups a user (the default); items limited by this class's server (3 a group).
    func watchlistGroupsAndItemsAreLimited() throws {
        let viewer = try account("viewer").client
        let ids = try (0..<50).map { try watchlist(viewer, "group \($0)") }
        let refused = try viewer.call("createWatchlist", body: ["name": "group 50"])
        assertError(refused, 409, "CONFLICT")
        XCTAssertTrue(refused["message"].string?.contains("50") ?? false, "names the limit: \(refused.message.summary)")
        _ = try watchlist(try account("viewer").client, "group 50")  // another user's count is their own
        for symbol in ["005930", "000660", "035720"] {
            XCTAssertEqual(try viewer.call("addWatchlistItem", path: ["id": ids[0]], body: ["symbol": .string(symbol)]).status, 201)
        }
        let full = try viewer.call("addWatchlistItem", path: ["id": ids[0]], body: ["symbol": "GOOG"])
        assertError(full, 409, "CONFLICT")
        XCTAssertTrue(full["message"].string?.contains("3") ?? false, "names the limit: \(full.message.summary)")
        XCTAssertEqual(try viewer.call("deleteWatchlist", path: ["id": ids[49]]).status, 200)
        _ = try watchlist(viewer, "group 50")
    }

    func watchlistRequestsAreValidated() throws {
        let viewer = try account("viewer").client
        let id = try watchlist(viewer, "valid")
        let long = String(repeating: "가", count: 101)
        let bodies: [(JSONInstance, String)] = [
            (["name": ""], "name"), (["name": .string(long)], "name"), ([:], "name"),
            (["name": "x", "description": .string(String(repeating: "d", count: 501))], "description"),
            (["name": "x", "colour": "red"], "colour"),
        ]
        for (body, field) in bodies {
            assertValidationError(try viewer.call("createWatchlist", body: body), field: field)
        }
        XCTAssertEqual(try viewer.call("createWatchlist", body: ["name": .string(String(repeating: "가", count: 100))]).status, 201,
                       "100 characters of any script")
        let updates: [(JSONInstance, String)] = [
            (["name": ""], "name"), (["name": .string(long)], "name"), (["description": .string(String(repeating: "d", count: 501))], "description"),
            (["colour": "red"], "colour"), (["name": .null], "name"),
        ]
        for (body, field) in updates {
            assertValidationError(try viewer.call("updateWatchlist", path: ["id": id], body: body), field: field)
        }
        assertError(try viewer.call("updateWatchlist", path: ["id": id], body: [:]), 400, "VALIDATION_ERROR")
        assertValidationError(try viewer.call("addWatchlistItem", path: ["id": id], body: [:]), field: "symbol")
        assertValidationError(try viewer.call("addWatchlistItem", path: ["id": id], body: ["symbol": "no spaces"]), field: "symbol")
        assertValidationError(try viewer.call("deleteWatchlist", path: ["id": "not-a-uuid"]), field: "path.id")
        assertValidationError(try viewer.call("addWatchlistItem", path: ["id": "not-a-uuid"], body: ["symbol": "GOOG"]), field: "path.id")
        XCTAssertEqual(try watchlists(viewer).count, 2, "nothing refused was created")
        XCTAssertEqual(try watchlists(viewer)[id]?["name"], "valid", "nothing refused was changed")
    }

    func watchlistOperationsNeedAToken() throws {
        let id = Self.unknownID
        assertError(try api.call("listWatchlists"), 401, "MISSING_TOKEN")
        assertError(try api.call("createWatchlist", body: ["name": "x"]), 401, "MISSING_TOKEN")
        assertError(try api.call("updateWatchlist", path: ["id": id], body: ["name": "x"]), 401, "MISSING_TOKEN")
        assertError(try api.call("deleteWatchlist", path: ["id": id]), 401, "MISSING_TOKEN")
        assertError(try api.call("addWatchlistItem", path: ["id": id], body: ["symbol": "GOOG"]), 401, "MISSING_TOKEN")
        assertError(try api.call("removeWatchlistItem", path: ["id": id, "symbol": "GOOG"]), 401, "MISSING_TOKEN")
        assertError(try api.bearer("not-a-token").call("listWatchlists"), 401, "INVALID_TOKEN")
    }
}

/// The watchlist classes' server: groups of at most 3 symbols, so that the item limit is
/// reached with the demo market's 7 symbols (the group limit keeps its default, 50).
class WatchlistContractTestCase: ContractTestCase {
    override class var serverArguments: [String] { super.serverArguments + ["--watchlist-item-limit", "3"] }
}

/// The watchlist operations on SQLite.
final class SQLiteWatchlistContractTests: WatchlistContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testWatchlistGroupsAreCreatedListedRenamedAndDeleted() throws { try suite.watchlistGroupsAreCreatedListedRenamedAndDeleted() }
    func testWatchlistItemsAreResolvedStoredInOneFormAndListedInTheOrderAdded() throws {
        try suite.watchlistItemsAreResolvedStoredInOneFormAndListedInTheOrderAdded()
    }
    func testAUsersWatchlistsAreInvisibleToEveryoneElse() throws { try suite.aUsersWatchlistsAreInvisibleToEveryoneElse() }
    func testWatchlistNamesAreUniquePerUser() throws { try suite.watchlistNamesAreUniquePerUser() }
    func testWatchlistGroupsAndItemsAreLimited() throws { try suite.watchlistGroupsAndItemsAreLimited() }
    func testWatchlistRequestsAreValidated() throws { try suite.watchlistRequestsAreValidated() }
    func testWatchlistOperationsNeedAToken() throws { try suite.watchlistOperationsNeedAToken() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The watchlist operations on PostgreSQL.
final class PostgresWatchlistContractTests: WatchlistContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testWatchlistGroupsAreCreatedListedRenamedAndDeleted() throws { try suite.watchlistGroupsAreCreatedListedRenamedAndDeleted() }
    func testWatchlistItemsAreResolvedStoredInOneFormAndListedInTheOrderAdded() throws {
        try suite.watchlistItemsAreResolvedStoredInOneFormAndListedInTheOrderAdded()
    }
    func testAUsersWatchlistsAreInvisibleToEveryoneElse() throws { try suite.aUsersWatchlistsAreInvisibleToEveryoneElse() }
    func testWatchlistNamesAreUniquePerUser() throws { try suite.watchlistNamesAreUniquePerUser() }
    func testWatchlistGroupsAndItemsAreLimited() throws { try suite.watchlistGroupsAndItemsAreLimited() }
    func testWatchlistRequestsAreValidated() throws { try suite.watchlistRequestsAreValidated() }
    func testWatchlistOperationsNeedAToken() throws { try suite.watchlistOperationsNeedAToken() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
