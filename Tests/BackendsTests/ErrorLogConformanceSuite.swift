import Foundation
import XCTest
@testable import Backends

/// The error log's storage contract.
extension ConformanceSuite {
    static func errorLogRecord(_ id: String, severity: String = "error", category: String = "exchange", details: String? = nil,
                            createdAt: Int) -> ErrorLogRecord {
        ErrorLogRecord(id: id, severity: severity, category: category, message: "Binance API timeout", details: details,
                       createdAt: createdAt)
    }

    func errorLogFiltersPagesAndCounts() async throws {
        let details = #"{"endpoint": "/api/v3/order", "timeout_ms": 5000, "nested": {"ok": false}}"#
        try await backend.write { r throws(StorageError) in
            try r.errorLog.insert(Self.errorLogRecord("e1", details: details, createdAt: Self.now))
            try r.errorLog.insert(Self.errorLogRecord("e2", severity: "critical", category: "database", createdAt: Self.now + 2))
            try r.errorLog.insert(Self.errorLogRecord("e3", severity: "warning", category: "strategy", createdAt: Self.now + 1))
            try r.errorLog.insert(Self.errorLogRecord("e4", createdAt: Self.now + 3))
        }
        let newest = try await backend.read { r throws(StorageError) in try r.errorLog.list() }
        XCTAssertEqual(newest.map(\.id), ["e4", "e2", "e3", "e1"])
        XCTAssertEqual(Self.jsonValue(newest.last?.details), Self.jsonValue(details))
        XCTAssertNil(newest.first?.details)
        let errors = try await backend.read { r throws(StorageError) in try r.errorLog.list(severity: "error", category: "exchange", limit: 1, offset: 1).map(\.id) }
        XCTAssertEqual(errors, ["e1"])
        let critical = try await backend.read { r throws(StorageError) in try r.errorLog.list(severity: "critical").map(\.id) }
        XCTAssertEqual(critical, ["e2"])
        let count = try await backend.read { r throws(StorageError) in try r.errorLog.count(severity: "error") }
        XCTAssertEqual(count, 2)
        let inCategory = try await backend.read { r throws(StorageError) in try r.errorLog.count(category: "strategy") }
        XCTAssertEqual(inCategory, 1)
        let total = try await backend.read { r throws(StorageError) in try r.errorLog.count() }
        XCTAssertEqual(total, 4)
        let bySeverity = try await backend.read { r throws(StorageError) in try r.errorLog.countsBySeverity() }
        XCTAssertEqual(bySeverity, ["error": 2, "critical": 1, "warning": 1])
        let byCategory = try await backend.read { r throws(StorageError) in try r.errorLog.countsByCategory() }
        XCTAssertEqual(byCategory, ["exchange": 2, "database": 1, "strategy": 1])
    }

    func errorLogRefusesUnknownSeveritiesAndMalformedDetails() async throws {
        await assertWriteRefusedWith("severity fatal", { if case .constraintViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.errorLog.insert(Self.errorLogRecord("bad", severity: "fatal", createdAt: Self.now))
        }
        await assertWriteRefusedWith("details not JSON", { if case .constraintViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.errorLog.insert(Self.errorLogRecord("bad", details: "{oops", createdAt: Self.now))
        }
        try await backend.write { r throws(StorageError) in try r.errorLog.insert(Self.errorLogRecord("e1", createdAt: Self.now)) }
        await assertWriteRefusedWith("a reused id", { if case .uniqueViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.errorLog.insert(Self.errorLogRecord("e1", createdAt: Self.now))
        }
        let count = try await backend.read { r throws(StorageError) in try r.errorLog.count() }
        XCTAssertEqual(count, 1)
    }

    func oldErrorsAreDeleted() async throws {
        try await backend.write { r throws(StorageError) in
            for offset in 0..<4 { try r.errorLog.insert(Self.errorLogRecord("e\(offset)", createdAt: Self.now + offset)) }
        }
        let deleted = try await backend.write { r throws(StorageError) in try r.errorLog.deleteOlderThan(Self.now + 2) }
        XCTAssertEqual(deleted, 2)
        let left = try await backend.read { r throws(StorageError) in try r.errorLog.list().map(\.id) }
        XCTAssertEqual(left, ["e3", "e2"])
    }

    /// The row limit keeps the newest rows, ties on the time broken by id (bytewise) as the
    /// listing orders them.
    func onlyTheNewestErrorsAreKept() async throws {
        try await backend.write { r throws(StorageError) in
            for (id, offset) in [("a", 0), ("b", 1), ("Z", 2), ("c", 2), ("d", 3)] {
                try r.errorLog.insert(Self.errorLogRecord(id, createdAt: Self.now + offset))
            }
        }
        let listed = try await backend.read { r throws(StorageError) in try r.errorLog.list().map(\.id) }
        XCTAssertEqual(listed, ["d", "Z", "c", "b", "a"])
        let deleted = try await backend.write { r throws(StorageError) in try r.errorLog.keepNewest(2) }
        XCTAssertEqual(deleted, 3)
        let left = try await backend.read { r throws(StorageError) in try r.errorLog.list().map(\.id) }
        XCTAssertEqual(left, ["d", "Z"])
        let none = try await backend.write { r throws(StorageError) in try r.errorLog.keepNewest(5) }
        XCTAssertEqual(none, 0)
        let all = try await backend.write { r throws(StorageError) in try r.errorLog.keepNewest(0) }
        XCTAssertEqual(all, 2)
    }
}

/// The error log conformance suite on SQLite.
final class SQLiteErrorLogConformanceTests: SQLiteBackendTestCase {
    func testErrorLogFiltersPagesAndCounts() async throws { try await suite.errorLogFiltersPagesAndCounts() }
    func testErrorLogRefusesUnknownSeveritiesAndMalformedDetails() async throws { try await suite.errorLogRefusesUnknownSeveritiesAndMalformedDetails() }
    func testOldErrorsAreDeleted() async throws { try await suite.oldErrorsAreDeleted() }
    func testOnlyTheNewestErrorsAreKept() async throws { try await suite.onlyTheNewestErrorsAreKept() }
}

/// The error log conformance suite on PostgreSQL.
final class PostgresErrorLogConformanceTests: PostgresBackendTestCase {
    func testErrorLogFiltersPagesAndCounts() async throws { try await suite.errorLogFiltersPagesAndCounts() }
    func testErrorLogRefusesUnknownSeveritiesAndMalformedDetails() async throws { try await suite.errorLogRefusesUnknownSeveritiesAndMalformedDetails() }
    func testOldErrorsAreDeleted() async throws { try await suite.oldErrorsAreDeleted() }
    func testOnlyTheNewestErrorsAreKept() async throws { try await suite.onlyTheNewestErrorsAreKept() }
}
