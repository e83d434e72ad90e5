import Foundation
import XCTest
@testable import Backends

/// Migration 13 (watchlist update times and item order) on a database that already holds
/// watchlists, written once and run on SQLite and PostgreSQL.
struct WatchlistOrderMigrationSuite {
    let database: any SQLDatabase

    func existingListsGetAnUpdateTimeAndTheirItemsAnOrder() async throws {
        try await EarlierSchema.prepare(database, before: 13) { connection throws(StorageError) in
            try connection.execute(
                "INSERT INTO users (id, username, password_hash, role, created_at, updated_at) VALUES ('u1', 'ann', 'x', 'viewer', 1, 1)")
            // `old` predates version 2 (updated_at 0 as that version left it), `newer` changed since.
            try connection.execute(
                """
                INSERT INTO watchlists (id, user_id, name, description, created_at, updated_at)
                VALUES ('old', 'u1', '반도체 관련주', NULL, 100, 0), ('newer', 'u1', 'newer', 'n', 100, 500)
                """)
            try connection.execute(
                """
                INSERT INTO watchlist_items (watchlist_id, symbol, added_at)
                VALUES ('old', 'b', 10), ('old', 'B', 10), ('old', 'a', 5), ('old', 'A', 20), ('newer', 'GOOG', 7)
                """)
        }
        let applied = try await Migrator.migrate(database)
        XCTAssertEqual(applied, Migrator.migrations(for: database.dialect).map(\.version).filter { $0 >= 13 })
        let backend = Backend(database: database)
        let lists = try await backend.read { r throws(StorageError) in try r.watchlists.list(userID: "u1") }
        XCTAssertEqual(lists.map(\.id), ["newer", "old"], "by creation time, then id")
        XCTAssertEqual(lists.map(\.updatedAt), [500, 100], "0 becomes the creation time; a later time stays")
        XCTAssertEqual(lists.last?.items.map(\.symbol), ["a", "B", "b", "A"], "by the time added, then symbol in byte order")
        try await backend.write { r throws(StorageError) in try r.watchlists.addItem(watchlistID: "old", symbol: "0", at: 1) }
        let old = try await backend.read { r throws(StorageError) in try r.watchlists.find(id: "old", userID: "u1") }
        XCTAssertEqual(old?.items.map(\.symbol), ["a", "B", "b", "A", "0"], "a new item goes last, whatever its time")
        XCTAssertEqual(old?.updatedAt, 1)
    }
}

/// Migration 13 on an SQLite file.
final class SQLiteWatchlistOrderMigrationTests: XCTestCase {
    func testExistingListsGetAnUpdateTimeAndTheirItemsAnOrder() async throws {
        try await EarlierSchema.onSQLiteFile {
            try await WatchlistOrderMigrationSuite(database: $0).existingListsGetAnUpdateTimeAndTheirItemsAnOrder()
        }
    }
}

/// Migration 13 on the throwaway PostgreSQL server, in a schema of its own.
final class PostgresWatchlistOrderMigrationTests: XCTestCase {
    func testExistingListsGetAnUpdateTimeAndTheirItemsAnOrder() async throws {
        try await EarlierSchema.onPostgres(schema: "watchlist_order_migration") {
            try await WatchlistOrderMigrationSuite(database: $0).existingListsGetAnUpdateTimeAndTheirItemsAnOrder()
        }
    }
}
