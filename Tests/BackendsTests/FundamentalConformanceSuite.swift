import Foundation
import XCTest
@testable import Backends
import Primitives

/// The fundamentals' storage contract.
extension ConformanceSuite {
    func fundamentalsRoundTripAndAreReplaced() async throws {
        let samsung = FundamentalRecord(ticker: "005930", market: "KR", per: 12.5, pbr: 0.1 + 0.2, roe: -3.75, dividendYield: 2.1,
                                        marketCap: ExactDecimal("445000000000000.50"), updatedAt: Self.now)
        try await backend.write { r throws(StorageError) in
            try r.fundamentals.upsert(samsung)
            try r.fundamentals.upsert(FundamentalRecord(ticker: "AAPL", market: "US", per: 30, updatedAt: Self.now))
        }
        let stored = try await backend.read { r throws(StorageError) in try r.fundamentals.find(ticker: "005930", market: "KR") }
        XCTAssertEqual(stored, samsung, "doubles and the exact market cap survive")
        XCTAssertEqual(stored?.marketCap?.description, "445000000000000.50")
        let refreshed = FundamentalRecord(ticker: "005930", market: "KR", psr: 1.5, debtRatio: 25, updatedAt: Self.now + 1)
        try await backend.write { r throws(StorageError) in try r.fundamentals.upsert(refreshed) }
        let replaced = try await backend.read { r throws(StorageError) in try r.fundamentals.find(ticker: "005930", market: "KR") }
        XCTAssertEqual(replaced, refreshed, "figures now missing are cleared")
        let kr = try await backend.read { r throws(StorageError) in try r.fundamentals.list(market: "KR").map(\.ticker) }
        XCTAssertEqual(kr, ["005930"])
        let all = try await backend.read { r throws(StorageError) in try r.fundamentals.list().map(\.ticker) }
        XCTAssertEqual(all, ["005930", "AAPL"])
        let missing = try await backend.read { r throws(StorageError) in try r.fundamentals.find(ticker: "005930", market: "US") }
        XCTAssertNil(missing)
    }
}

/// The fundamentals conformance suite on SQLite.
final class SQLiteFundamentalConformanceTests: SQLiteBackendTestCase {
    func testFundamentalsRoundTripAndAreReplaced() async throws { try await suite.fundamentalsRoundTripAndAreReplaced() }
}

/// The fundamentals conformance suite on PostgreSQL.
final class PostgresFundamentalConformanceTests: PostgresBackendTestCase {
    func testFundamentalsRoundTripAndAreReplaced() async throws { try await suite.fundamentalsRoundTripAndAreReplaced() }
}
