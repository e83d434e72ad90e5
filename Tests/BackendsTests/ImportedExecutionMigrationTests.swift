import Foundation
import XCTest
@testable import Backends
import Primitives

/// Migration 14 (`imported_executions`, the ledger indexes) on a database an older server left,
/// written once and run on SQLite and PostgreSQL: the fills stored before it are the journal's
/// executions, beside the executions imported after it.
struct ImportedExecutionMigrationSuite {
    let database: any SQLDatabase

    func fillsStoredBeforeAreExecutionsBesideImportedOnes() async throws {
        try await EarlierSchema.prepare(database, before: 14) { connection throws(StorageError) in
            try connection.execute("""
                INSERT INTO orders (id, symbol, side, order_type, quantity, status, created_at, updated_at) \
                VALUES ('o1', 'BTC/USDT', 'Buy', 'Market', '0.5', 'Filled', 1, 1)
                """)
            try connection.execute("""
                INSERT INTO fills (id, order_id, symbol, side, quantity, price, fee, liquidity, exchange, executed_at) \
                VALUES ('f1', 'o1', 'BTC/USDT', 'Buy', '0.5', '50000.00', '12.5', 'taker', 'paper', 1000)
                """)
        }
        let applied = try await Migrator.migrate(database)
        XCTAssertEqual(applied, Migrator.migrations(for: database.dialect).map(\.version).filter { $0 >= 14 })
        let backend = Backend(database: database)
        try await backend.write { r throws(StorageError) in
            try r.executions.insertImported([ImportedExecutionRecord(
                execution: ExecutionRecord(id: "i1", orderID: nil, symbol: "BTC/USDT", side: "Sell", quantity: ExactDecimal("0.2")!,
                                           price: ExactDecimal(51_000), fee: .zero, exchange: "upbit", executedAt: 2000),
                importKey: "upbit|id|1", importedAt: 3000)])
        }
        let listed = try await backend.read { r throws(StorageError) in try r.executions.page(ExecutionFilter(), limit: 10, offset: 0) }
        XCTAssertEqual(listed.map(\.id), ["i1", "f1"])
        XCTAssertEqual(listed.last?.orderID, "o1")
        let history = try await backend.read { r throws(StorageError) in
            try r.executions.history(ExecutionLedgerKey(exchange: "paper", symbol: "BTC/USDT"))
        }
        XCTAssertEqual(history.map(\.fee), [ExactDecimal("12.5")!])
    }
}

/// Migration 14 on an SQLite file.
final class SQLiteImportedExecutionMigrationTests: XCTestCase {
    func testFillsStoredBeforeAreExecutionsBesideImportedOnes() async throws {
        try await EarlierSchema.onSQLiteFile {
            try await ImportedExecutionMigrationSuite(database: $0).fillsStoredBeforeAreExecutionsBesideImportedOnes()
        }
    }
}

/// Migration 14 on the throwaway PostgreSQL server, in a schema of its own.
final class PostgresImportedExecutionMigrationTests: XCTestCase {
    func testFillsStoredBeforeAreExecutionsBesideImportedOnes() async throws {
        try await EarlierSchema.onPostgres(schema: "imported_execution_migration") {
            try await ImportedExecutionMigrationSuite(database: $0).fillsStoredBeforeAreExecutionsBesideImportedOnes()
        }
    }
}
