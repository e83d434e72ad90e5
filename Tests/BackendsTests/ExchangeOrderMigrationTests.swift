import Foundation
import XCTest
@testable import Backends
import Primitives

/// Migration 7 (the paper exchange's order columns) on a database that already holds orders,
/// written once and run on SQLite and PostgreSQL.
struct ExchangeOrderMigrationSuite {
    let database: any SQLDatabase

    func existingOrdersBecomeGoodTillCancelledWithoutFees() async throws {
        try await EarlierSchema.prepare(database, before: 7) { connection throws(StorageError) in
            for id in ["old-1", "old-2"] {
                try connection.execute(
                    """
                    INSERT INTO orders (id, symbol, side, order_type, quantity, filled_quantity, price, status, created_at, updated_at)
                    VALUES ($1, 'BTC/USDT', 'Buy', 'Limit', '0.5', '0.1', '50000.25', 'PartiallyFilled', 1, 2)
                    """, id)
            }
        }
        let applied = try await Migrator.migrate(database)
        XCTAssertEqual(applied, Migrator.migrations(for: database.dialect).map(\.version).filter { $0 >= 7 })
        let orders = try await Backend(database: database).read { r throws(StorageError) in try r.exchange.openOrders() }
        XCTAssertEqual(orders, ["old-1", "old-2"].map {
            OrderRecord(id: $0, symbol: "BTC/USDT", side: "Buy", orderType: "Limit", timeInForce: "GTC", quantity: ExactDecimal("0.5")!,
                        filledQuantity: ExactDecimal("0.1")!, price: ExactDecimal("50000.25")!, fee: .zero, status: "PartiallyFilled",
                        createdAt: 1, updatedAt: 2)
        }, "no client order id (and two of them may lack one), GTC, no expiry, no fee, no reject reason")
        let missing = try? await database.write { connection throws(StorageError) in
            try connection.execute(
                """
                INSERT INTO orders (id, symbol, side, order_type, quantity, status, created_at, updated_at, time_in_force)
                VALUES ('x', 'BTC/USDT', 'Buy', 'Limit', '1', 'Open', 1, 1, NULL)
                """)
        }
        XCTAssertNil(missing, "time_in_force is NOT NULL")
    }
}

/// Migration 7 on an SQLite file.
final class SQLiteExchangeOrderMigrationTests: XCTestCase {
    func testExistingOrdersBecomeGoodTillCancelledWithoutFees() async throws {
        try await EarlierSchema.onSQLiteFile {
            try await ExchangeOrderMigrationSuite(database: $0).existingOrdersBecomeGoodTillCancelledWithoutFees()
        }
    }
}

/// Migration 7 on the throwaway PostgreSQL server, in a schema of its own.
final class PostgresExchangeOrderMigrationTests: XCTestCase {
    func testExistingOrdersBecomeGoodTillCancelledWithoutFees() async throws {
        try await EarlierSchema.onPostgres(schema: "exchange_order_migration") {
            try await ExchangeOrderMigrationSuite(database: $0).existingOrdersBecomeGoodTillCancelledWithoutFees()
        }
    }
}
