import Foundation
import XCTest
@testable import Backends
import Primitives

/// The balance aggregate's storage contract: exact moves between free and locked.
extension ConformanceSuite {
    func balancesMoveExactlyBetweenFreeAndLocked() async throws {
        try await backend.write { r throws(StorageError) in
            try r.balances.set(BalanceRecord(asset: "USDT", free: Self.decimal("1000.10"), locked: Self.decimal("0"), updatedAt: Self.now))
            try r.balances.set(BalanceRecord(asset: "USDT", free: Self.decimal("0.1"), updatedAt: Self.now + 1))
            try r.balances.credit(asset: "USDT", amount: Self.decimal("0.2"), at: Self.now + 2)
            try r.balances.credit(asset: "BTC", amount: Self.decimal("0.00000001"), at: Self.now + 3)
        }
        let usdt = try await backend.read { r throws(StorageError) in try r.balances.find(asset: "USDT") }
        XCTAssertEqual(usdt, BalanceRecord(asset: "USDT", free: Self.decimal("0.3"), locked: .zero, updatedAt: Self.now + 2))
        XCTAssertEqual(usdt?.free.description, "0.3")
        let assets = try await backend.read { r throws(StorageError) in try r.balances.list().map(\.asset) }
        XCTAssertEqual(assets, ["BTC", "USDT"])
        let moves = try await backend.write { r throws(StorageError) in
            [try r.balances.lock(asset: "USDT", amount: Self.decimal("0.25"), at: Self.now + 4),
             try r.balances.lock(asset: "USDT", amount: Self.decimal("0.05000001"), at: Self.now + 5),
             try r.balances.unlock(asset: "USDT", amount: Self.decimal("0.05"), at: Self.now + 6),
             try r.balances.unlock(asset: "USDT", amount: Self.decimal("0.2000001"), at: Self.now + 7),
             try r.balances.settleLocked(asset: "USDT", amount: Self.decimal("0.15"), at: Self.now + 8),
             try r.balances.settleLocked(asset: "USDT", amount: Self.decimal("0.05000001"), at: Self.now + 9),
             try r.balances.debit(asset: "USDT", amount: Self.decimal("0.1"), at: Self.now + 10),
             try r.balances.debit(asset: "USDT", amount: Self.decimal("0.00000001"), at: Self.now + 11),
             try r.balances.debit(asset: "KRW", amount: Self.decimal("1"), at: Self.now + 12),
             try r.balances.lock(asset: "KRW", amount: .zero, at: Self.now + 12)]
        }
        XCTAssertEqual(moves, [true, false, true, false, true, false, true, false, false, false])
        let after = try await backend.read { r throws(StorageError) in try r.balances.find(asset: "USDT") }
        // free 0.3 − 0.25 + 0.05 − 0.1 = 0; locked 0.25 − 0.05 − 0.15 = 0.05.
        XCTAssertEqual(after, BalanceRecord(asset: "USDT", free: .zero, locked: Self.decimal("0.05"), updatedAt: Self.now + 10))
        let krw = try await backend.read { r throws(StorageError) in try r.balances.find(asset: "KRW") }
        XCTAssertNil(krw, "a refused debit creates nothing")
        await assertStorageError({
            try await backend.write { r throws(StorageError) in try r.balances.credit(asset: "USDT", amount: Self.decimal("-1"), at: Self.now) }
        }, { if case .constraintViolation = $0 { true } else { false } }, "a negative credit")
    }

    func concurrentDebitsNeverOverdraw() async throws {
        try await backend.write { r throws(StorageError) in try r.balances.set(BalanceRecord(asset: "USDT", free: Self.decimal("1.0"), updatedAt: Self.now)) }
        let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    try await backend.write { r throws(StorageError) in
                        try r.balances.debit(asset: "USDT", amount: Self.decimal("0.1"), at: Self.now + index)
                    }
                }
            }
            var accepted = 0
            for try await debited in group where debited { accepted += 1 }
            return accepted
        }
        XCTAssertEqual(accepted, 10)
        let left = try await backend.read { r throws(StorageError) in try r.balances.find(asset: "USDT")?.free }
        XCTAssertEqual(left, .zero)
    }
}

/// The balance conformance suite on SQLite.
final class SQLiteBalanceConformanceTests: SQLiteBackendTestCase {
    func testBalancesMoveExactlyBetweenFreeAndLocked() async throws { try await suite.balancesMoveExactlyBetweenFreeAndLocked() }
    func testConcurrentDebitsNeverOverdraw() async throws { try await suite.concurrentDebitsNeverOverdraw() }
}

/// The balance conformance suite on PostgreSQL.
final class PostgresBalanceConformanceTests: PostgresBackendTestCase {
    func testBalancesMoveExactlyBetweenFreeAndLocked() async throws { try await suite.balancesMoveExactlyBetweenFreeAndLocked() }
    func testConcurrentDebitsNeverOverdraw() async throws { try await suite.concurrentDebitsNeverOverdraw() }
}
