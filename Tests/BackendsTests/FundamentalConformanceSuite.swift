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

    func demoFiguresNeverReplaceStoredOnes() async throws {
        let imported = FundamentalRecord(ticker: "GOOG", market: "US", per: 20, sector: "Media", updatedAt: Self.now)
        let demo = FundamentalRecord(ticker: "GOOG", market: "US", per: 99, source: FundamentalSource.demo, updatedAt: Self.now + 1)
        let demoKR = FundamentalRecord(ticker: "005930", market: "KR", roe: 9, source: FundamentalSource.demo, updatedAt: Self.now)
        let inserted = try await backend.write { r throws(StorageError) in
            try r.fundamentals.upsert(imported)
            return [try r.fundamentals.insertIfAbsent(demo), try r.fundamentals.insertIfAbsent(demoKR)]
        }
        XCTAssertEqual(inserted, [false, true])
        let stored = try await backend.read { r throws(StorageError) in try r.fundamentals.list() }
        XCTAssertEqual(stored, [demoKR, imported])
        XCTAssertEqual(stored.map(\.source), ["demo", "import"])
    }

    func anImportReplacesTheSymbolsItNamesAndRegistersNewOnes() async throws {
        try await backend.write { r throws(StorageError) in
            try r.symbols.upsert(SymbolRecord(ticker: "005930", market: "KR", name: "Samsung Electronics", updatedAt: Self.now))
            try r.fundamentals.upsert(FundamentalRecord(ticker: "005930", market: "KR", per: 99, source: FundamentalSource.demo,
                                                        updatedAt: Self.now))
        }
        let text = """
            ticker,market,per,pbr,roe,dividend_yield,market_cap,sector
            005930,KR,13.5,1.2,9,2,430000000000000,Information Technology
            NEWCO,US,,,,,,Industrials
            GOOG,US,24,6.8,30,0.5,2100000000000.5,
            """
        let first = try FundamentalCSV.parse(text, markets: ["KR", "US"], at: Self.now + 1)
        let added = try await FundamentalImporter(backend: backend).load(first)
        XCTAssertEqual(added, ["US NEWCO", "US GOOG"], "symbols not yet listed join symbol_info")
        let symbols = try await backend.read { r throws(StorageError) in try r.symbols.list() }
        XCTAssertEqual(symbols.map { "\($0.market) \($0.ticker) \($0.name ?? "-") \($0.sector ?? "-")" },
                       ["KR 005930 Samsung Electronics -", "US GOOG GOOG -", "US NEWCO NEWCO Industrials"])
        let stored = try await backend.read { r throws(StorageError) in try r.fundamentals.list() }
        XCTAssertEqual(stored, first.sorted { ($0.market, $0.ticker) < ($1.market, $1.ticker) })
        XCTAssertEqual(stored.first?.source, FundamentalSource.import, "imported figures replace the demo ones")
        XCTAssertEqual(stored.first { $0.ticker == "GOOG" }?.marketCap?.description, "2100000000000.5")

        let again = try FundamentalCSV.parse("ticker,market,per\n005930,KR,15\n", markets: ["KR"], at: Self.now + 2)
        try await FundamentalImporter(backend: backend).load(again)
        let replaced = try await backend.read { r throws(StorageError) in try r.fundamentals.list() }
        XCTAssertEqual(replaced.first, FundamentalRecord(ticker: "005930", market: "KR", per: 15, updatedAt: Self.now + 2),
                       "a re-import replaces the whole row: figures and sector it lacks are cleared")
        XCTAssertEqual(Array(replaced.dropFirst()), Array(stored.dropFirst()), "symbols the file does not name keep their figures")
        let orphans = try await backend.write { r throws(StorageError) in try r.symbolMaintenance.cleanupOrphanSymbolData() }
        XCTAssertEqual(orphans, [], "every imported row belongs to a listed symbol")
    }
}

/// The fundamentals conformance suite on SQLite.
final class SQLiteFundamentalConformanceTests: SQLiteBackendTestCase {
    func testFundamentalsRoundTripAndAreReplaced() async throws { try await suite.fundamentalsRoundTripAndAreReplaced() }
    func testDemoFiguresNeverReplaceStoredOnes() async throws { try await suite.demoFiguresNeverReplaceStoredOnes() }
    func testAnImportReplacesTheSymbolsItNamesAndRegistersNewOnes() async throws {
        try await suite.anImportReplacesTheSymbolsItNamesAndRegistersNewOnes()
    }
}

/// The fundamentals conformance suite on PostgreSQL.
final class PostgresFundamentalConformanceTests: PostgresBackendTestCase {
    func testFundamentalsRoundTripAndAreReplaced() async throws { try await suite.fundamentalsRoundTripAndAreReplaced() }
    func testDemoFiguresNeverReplaceStoredOnes() async throws { try await suite.demoFiguresNeverReplaceStoredOnes() }
    func testAnImportReplacesTheSymbolsItNamesAndRegistersNewOnes() async throws {
        try await suite.anImportReplacesTheSymbolsItNamesAndRegistersNewOnes()
    }
}
