import Foundation
import XCTest
@testable import Backends
import Primitives

/// Document A's screening cache, on both backends: a materialized view on PostgreSQL, its
/// table equivalent on SQLite.
extension ConformanceSuite {
    /// Four cached symbols: A1 and B2 (KR, large and mid cap), C3 (US, no name, sector or
    /// fundamentals) and D4 (KR, small cap, three candles). With 21 daily candles the
    /// changes are A1 +10/+21/+21 %, B2 -5/-5/-52.5 %, C3 0/0/0 %; D4 has only +10 % (1d).
    static func insertScreeningUniverse(_ r: Repositories) throws(StorageError) {
        try insertSymbol(r, "A1", name: "Alpha", sector: "반도체")
        try insertCandles(r, "A1", closes: Array(repeating: "100", count: 19) + ["110", "121"])
        try insertFundamental(r, "A1", marketCap: "10000000000000", per: 10, pbr: 0.8, roe: 12, dividendYield: 3.5,
                              debtRatio: 50, revenueGrowth: 25, earningsGrowth: 20)
        try insertScore(r, "A1", score: 75, grade: "BUY", routeState: "ATTACK")

        try insertSymbol(r, "B2", name: "Beta", sector: "자동차")
        try insertCandles(r, "B2", closes: ["400"] + Array(repeating: "200", count: 19) + ["190"])
        try insertFundamental(r, "B2", marketCap: "9000000000000", per: 20, pbr: 1.5, roe: 4, dividendYield: 1,
                              debtRatio: 150, revenueGrowth: 5, earningsGrowth: 2)

        try insertSymbol(r, "C3", "US")
        try insertCandles(r, "C3", "US", closes: Array(repeating: "50.25", count: 21))

        try insertSymbol(r, "D4", name: "Delta", sector: "반도체")
        try insertCandles(r, "D4", closes: ["80", "90", "99"])
        try insertFundamental(r, "D4", marketCap: "500000000000", per: 14, pbr: 0.9, roe: 6, dividendYield: nil,
                              debtRatio: 90, revenueGrowth: 30, earningsGrowth: 16)
        try insertScore(r, "D4", score: 55, grade: "WATCH", routeState: "WAIT")
    }

    func seedScreeningUniverse(refreshedAt time: Int = now) async throws {
        try await backend.write { r throws(StorageError) in
            try Self.insertScreeningUniverse(r)
            try r.screening.refreshCache(at: time)
        }
    }

    func screenedTickers(_ query: ScreeningQuery) async throws -> [String] {
        try await backend.read { [query] r throws(StorageError) in try r.screening.screen(query).rows.map(\.ticker) }
    }

    func screeningCacheShowsTheLastRefresh() async throws {
        try await backend.write { r throws(StorageError) in
            try Self.insertScreeningUniverse(r)
            // Left out: an inactive symbol, and one with hourly candles only.
            try Self.insertSymbol(r, "E5", status: "delisted")
            try Self.insertCandles(r, "E5", closes: ["10", "11"])
            try Self.insertSymbol(r, "F6")
            try Self.insertCandles(r, "F6", closes: ["10", "11"], timeframe: "1h")
            // G7: a 52-week range from a candle 300 days back; the one 400 days back is outside.
            try Self.insertSymbol(r, "G7", name: "Golf")
            try Self.insertCandle(r, "G7", at: Self.latestDay - 400 * Self.day, close: "100", high: "999", low: "1")
            try Self.insertCandle(r, "G7", at: Self.latestDay - 300 * Self.day, close: "100", high: "200", low: "50")
            try Self.insertCandles(r, "G7", closes: Array(repeating: "120", count: 21))
        }
        let empty = try await backend.read { r throws(StorageError) in try r.screening.cacheInfo() }
        XCTAssertEqual(empty.rowCount, 0)
        XCTAssertNil(empty.refreshedAt)
        let nothing = try await backend.read { r throws(StorageError) in try r.screening.screen(ScreeningQuery()) }
        XCTAssertEqual(nothing.total, 0)

        let refreshedAt = Self.now + 5
        let count = try await backend.write { r throws(StorageError) in try r.screening.refreshCache(at: refreshedAt) }
        XCTAssertEqual(count, 5)
        let info = try await backend.read { r throws(StorageError) in try r.screening.cacheInfo() }
        XCTAssertEqual(info.rowCount, 5)
        XCTAssertEqual(info.refreshedAt, refreshedAt)

        var query = ScreeningQuery()
        query.sortBy = .ticker
        query.sortOrder = .asc
        let page = try await backend.read { [query] r throws(StorageError) in try r.screening.screen(query) }
        XCTAssertEqual(page.rows.map(\.ticker), ["A1", "B2", "C3", "D4", "G7"])
        XCTAssertEqual(page.total, 5)
        let rows = Dictionary(uniqueKeysWithValues: page.rows.map { ($0.ticker, $0) })

        let a1 = try XCTUnwrap(rows["A1"])
        XCTAssertEqual(a1.market, "KR")
        XCTAssertEqual(a1.name, "Alpha")
        XCTAssertEqual(a1.sector, "반도체")
        XCTAssertEqual(a1.price, ExactDecimal("121"))
        XCTAssertEqual(a1.marketCap, ExactDecimal("10000000000000"))
        XCTAssertEqual(a1.per, 10)
        XCTAssertEqual(a1.pbr, 0.8)
        XCTAssertEqual(a1.roe, 12)
        XCTAssertEqual(a1.dividendYield, 3.5)
        XCTAssertEqual(a1.debtRatio, 50)
        XCTAssertEqual(a1.revenueGrowth, 25)
        XCTAssertEqual(a1.earningsGrowth, 20)
        XCTAssertEqual(try XCTUnwrap(a1.priceChange1d), 10, accuracy: 1e-9)   // 121 vs 110
        XCTAssertEqual(try XCTUnwrap(a1.priceChange5d), 21, accuracy: 1e-9)   // 121 vs 100
        XCTAssertEqual(try XCTUnwrap(a1.priceChange20d), 21, accuracy: 1e-9)  // 121 vs 100
        XCTAssertEqual(a1.high52w, 121)
        XCTAssertEqual(a1.low52w, 100)
        XCTAssertEqual(try XCTUnwrap(a1.distanceFrom52wHigh), 0, accuracy: 1e-9)
        XCTAssertEqual(a1.routeState, "ATTACK")
        XCTAssertEqual(a1.score, 75)
        XCTAssertEqual(a1.grade, "BUY")
        XCTAssertEqual(a1.refreshedAt, refreshedAt)

        let b2 = try XCTUnwrap(rows["B2"])
        XCTAssertEqual(try XCTUnwrap(b2.priceChange1d), -5, accuracy: 1e-9)     // 190 vs 200
        XCTAssertEqual(try XCTUnwrap(b2.priceChange5d), -5, accuracy: 1e-9)     // 190 vs 200
        XCTAssertEqual(try XCTUnwrap(b2.priceChange20d), -52.5, accuracy: 1e-9) // 190 vs 400
        XCTAssertEqual(try XCTUnwrap(b2.distanceFrom52wHigh), 52.5, accuracy: 1e-9)
        XCTAssertEqual(b2.routeState, "NEUTRAL", "no global score")
        XCTAssertNil(b2.score)
        XCTAssertNil(b2.grade)

        let c3 = try XCTUnwrap(rows["C3"])
        XCTAssertEqual(c3.name, "C3", "a symbol without a name shows its ticker")
        XCTAssertNil(c3.sector)
        XCTAssertEqual(c3.price, ExactDecimal("50.25"))
        XCTAssertEqual(c3.price.description, "50.25", "the price is the stored decimal, not a double")
        XCTAssertNil(c3.marketCap)
        XCTAssertNil(c3.per)
        XCTAssertNil(c3.dividendYield)
        XCTAssertEqual(c3.priceChange20d, 0)

        let d4 = try XCTUnwrap(rows["D4"])
        XCTAssertEqual(try XCTUnwrap(d4.priceChange1d), 10, accuracy: 1e-9)  // 99 vs 90
        XCTAssertNil(d4.priceChange5d, "three candles are not enough for 5 days")
        XCTAssertNil(d4.priceChange20d)
        XCTAssertNil(d4.dividendYield)

        let g7 = try XCTUnwrap(rows["G7"])
        XCTAssertEqual(g7.high52w, 200, "the candle 400 days back is outside the 52 weeks")
        XCTAssertEqual(g7.low52w, 50)
        XCTAssertEqual(try XCTUnwrap(g7.distanceFrom52wHigh), 40, accuracy: 1e-9)  // 120 is 40 % below 200
        XCTAssertEqual(try XCTUnwrap(g7.priceChange20d), 0, accuracy: 1e-9)

        // New data shows only after the next refresh.
        try await backend.write { r throws(StorageError) in
            try Self.insertCandle(r, "B2", at: Self.latestDay + Self.day, close: "209")
            try r.connection.execute("UPDATE symbol_info SET status = 'delisted' WHERE ticker = 'D4'")
        }
        let stale = try await backend.read { [query] r throws(StorageError) in try r.screening.screen(query) }
        XCTAssertEqual(stale.rows, page.rows)
        let secondRefresh = Self.now + 10
        let recounted = try await backend.write { r throws(StorageError) in try r.screening.refreshCache(at: secondRefresh) }
        XCTAssertEqual(recounted, 4)
        let fresh = try await backend.read { [query] r throws(StorageError) in try r.screening.screen(query) }
        XCTAssertEqual(fresh.rows.map(\.ticker), ["A1", "B2", "C3", "G7"])
        let newB2 = try XCTUnwrap(fresh.rows.first { $0.ticker == "B2" })
        XCTAssertEqual(newB2.price, ExactDecimal("209"))
        XCTAssertEqual(try XCTUnwrap(newB2.priceChange1d), 10, accuracy: 1e-9)  // 209 vs 190
        XCTAssertEqual(newB2.refreshedAt, secondRefresh)
        let newInfo = try await backend.read { r throws(StorageError) in try r.screening.cacheInfo() }
        XCTAssertEqual(newInfo.rowCount, 4)
        XCTAssertEqual(newInfo.refreshedAt, secondRefresh)
    }

    func screeningFiltersSelectMatchingSymbols() async throws {
        try await seedScreeningUniverse()
        // Each case: a condition, and the tickers meeting it in the default order
        // (market cap descending, unknown last): A1 1e13, B2 9e12, D4 5e11, C3 null.
        let cases: [(String, (inout ScreeningQuery) -> Void, [String])] = [
            ("market KR", { $0.market = "KR" }, ["A1", "B2", "D4"]),
            ("market US", { $0.market = "US" }, ["C3"]),
            ("sector", { $0.sector = "반도체" }, ["A1", "D4"]),
            ("min market cap", { $0.minMarketCap = 1e13 }, ["A1"]),
            ("max market cap", { $0.maxMarketCap = 9e12 }, ["B2", "D4"]),
            ("min per", { $0.minPer = 12 }, ["B2", "D4"]),
            ("max per", { $0.maxPer = 14 }, ["A1", "D4"]),
            ("min pbr", { $0.minPbr = 1 }, ["B2"]),
            ("max pbr", { $0.maxPbr = 1 }, ["A1", "D4"]),
            ("min roe", { $0.minRoe = 5 }, ["A1", "D4"]),
            ("max roe", { $0.maxRoe = 5 }, ["B2"]),
            ("min dividend yield", { $0.minDividendYield = 3 }, ["A1"]),
            ("max dividend yield", { $0.maxDividendYield = 2 }, ["B2"]),
            ("min change 1d", { $0.minPriceChange1d = 0 }, ["A1", "D4", "C3"]),
            ("max change 1d", { $0.maxPriceChange1d = -1 }, ["B2"]),
            ("min change 5d", { $0.minPriceChange5d = 0 }, ["A1", "C3"]),
            ("max change 5d", { $0.maxPriceChange5d = 0 }, ["B2", "C3"]),
            ("min change 20d", { $0.minPriceChange20d = -10 }, ["A1", "C3"]),
            ("max change 20d", { $0.maxPriceChange20d = -50 }, ["B2"]),
            ("min revenue growth", { $0.minRevenueGrowth = 20 }, ["A1", "D4"]),
            ("min earnings growth", { $0.minEarningsGrowth = 18 }, ["A1"]),
            ("max debt ratio", { $0.maxDebtRatio = 100 }, ["A1", "D4"]),
            ("max distance from 52w high", { $0.maxDistanceFrom52wHigh = 50 }, ["A1", "D4", "C3"]),
            ("route state ATTACK", { $0.routeState = "ATTACK" }, ["A1"]),
            ("route state NEUTRAL", { $0.routeState = "NEUTRAL" }, ["B2", "C3"]),
            ("conditions combine", { $0.market = "KR"; $0.maxPer = 15; $0.minRoe = 10 }, ["A1"]),
            ("nothing matches", { $0.minRoe = 1000 }, []),
        ]
        for (label, condition, expected) in cases {
            var query = ScreeningQuery()
            condition(&query)
            let result = try await backend.read { [query] r throws(StorageError) in try r.screening.screen(query) }
            XCTAssertEqual(result.rows.map(\.ticker), expected, label)
            XCTAssertEqual(result.total, expected.count, label)
        }
    }

    func screeningSortsByEveryFieldWithUnknownValuesLast() async throws {
        try await seedScreeningUniverse()
        let expected: [ScreeningSortField: [String]] = [
            .marketCap: ["D4", "B2", "A1", "C3"],  // by value, not text, where "9…" > "5…" > "1…"
            .per: ["A1", "D4", "B2", "C3"],
            .pbr: ["A1", "D4", "B2", "C3"],
            .roe: ["B2", "D4", "A1", "C3"],
            .dividendYield: ["B2", "A1", "C3", "D4"],
            .priceChange1d: ["B2", "C3", "A1", "D4"],  // A1 and D4 tie at +10 %: by ticker
            .priceChange5d: ["B2", "C3", "A1", "D4"],
            .priceChange20d: ["B2", "C3", "A1", "D4"],
            .ticker: ["A1", "B2", "C3", "D4"],
            .name: ["A1", "B2", "C3", "D4"],  // Alpha, Beta, C3, Delta
        ]
        XCTAssertEqual(Set(expected.keys), Set(ScreeningSortField.allCases))
        for field in ScreeningSortField.allCases {
            let ascending = try XCTUnwrap(expected[field])
            let known = ascending.filter { Self.hasValue($0, for: field) }
            let unknown = ascending.filter { !Self.hasValue($0, for: field) }
            var query = ScreeningQuery()
            query.sortBy = field
            query.sortOrder = .asc
            let up = try await screenedTickers(query)
            XCTAssertEqual(up, ascending, "\(field) ascending")
            query.sortOrder = .desc
            let down = try await screenedTickers(query)
            // Descending reverses the known values (ties keep ticker order); unknown stay last.
            let descending = field == .priceChange1d ? ["A1", "D4", "C3", "B2"] : known.reversed() + unknown
            XCTAssertEqual(down, descending, "\(field) descending")
        }
        let byDefault = try await screenedTickers(ScreeningQuery())
        XCTAssertEqual(byDefault, ["A1", "B2", "D4", "C3"], "market cap descending by default, unknown last")
    }

    /// Whether a fixture symbol of `insertScreeningUniverse` has a value for a sort field.
    static func hasValue(_ ticker: String, for field: ScreeningSortField) -> Bool {
        switch field {
        case .marketCap, .per, .pbr, .roe: return ticker != "C3"
        case .dividendYield: return ticker != "C3" && ticker != "D4"
        case .priceChange5d, .priceChange20d: return ticker != "D4"
        case .priceChange1d, .ticker, .name: return true
        }
    }

    func screeningPaginatesAndCountsEveryMatch() async throws {
        try await seedScreeningUniverse()
        var query = ScreeningQuery()
        query.limit = 2
        query.offset = 1
        let page = try await backend.read { [query] r throws(StorageError) in try r.screening.screen(query) }
        XCTAssertEqual(page.rows.map(\.ticker), ["B2", "D4"])
        XCTAssertEqual(page.total, 4)
        query.offset = 3
        let last = try await screenedTickers(query)
        XCTAssertEqual(last, ["C3"])
        query.offset = 10
        let beyond = try await backend.read { [query] r throws(StorageError) in try r.screening.screen(query) }
        XCTAssertEqual(beyond.rows, [])
        XCTAssertEqual(beyond.total, 4, "the total counts matches before pagination")
        query.market = "KR"
        query.offset = 0
        query.limit = 1
        let filtered = try await backend.read { [query] r throws(StorageError) in try r.screening.screen(query) }
        XCTAssertEqual(filtered.rows.map(\.ticker), ["A1"])
        XCTAssertEqual(filtered.total, 3)
        query.offset = -1
        do {
            _ = try await backend.read { [query] r throws(StorageError) in try r.screening.screen(query) }
            XCTFail("a negative offset was accepted")
        } catch {
            guard case .failed = error else { return XCTFail("\(error)") }
        }
    }

    func presetsAreListedInOrderAndTheValuePresetApplies() async throws {
        try await seedScreeningUniverse()
        let presets = try await backend.read { r throws(StorageError) in try r.screening.presets() }
        XCTAssertEqual(presets.map(\.id), ["basic", "value", "dividend", "growth", "snowball", "large_cap", "near_52w_low"])
        XCTAssertTrue(presets.allSatisfy { !$0.name.isEmpty && !$0.description.isEmpty })
        XCTAssertEqual(presets.first?.filter, ScreeningQuery())

        var value = ScreeningQuery()
        value.maxPer = 15
        value.maxPbr = 1
        value.minRoe = 5
        value.sortBy = .pbr
        value.sortOrder = .asc
        let valuePreset = try XCTUnwrap(presets.first { $0.id == "value" })
        XCTAssertEqual(valuePreset.name, "가치주")
        XCTAssertEqual(valuePreset.description, "PER <= 15, PBR <= 1, ROE >= 5 (PBR ascending)")
        XCTAssertEqual(valuePreset.filter, value)
        var largeCap = ScreeningQuery()
        largeCap.minMarketCap = 1e13
        XCTAssertEqual(presets.first { $0.id == "large_cap" }?.filter, largeCap)
        var nearLow = ScreeningQuery()
        nearLow.maxDistanceFrom52wHigh = 50
        nearLow.minRoe = 5
        XCTAssertEqual(presets.first { $0.id == "near_52w_low" }?.filter, nearLow)

        let matches = try await screenedTickers(valuePreset.filter)
        XCTAssertEqual(matches, ["A1", "D4"], "PBR 0.8 before 0.9; B2 fails every bound, C3 has no fundamentals")
        var explicit = ScreeningQuery()
        explicit.minRoe = 10
        explicit.sortOrder = .desc
        let overridden = valuePreset.filter.overriding(with: explicit)
        XCTAssertEqual(overridden.minRoe, 10)
        XCTAssertEqual(overridden.maxPer, 15)
        XCTAssertEqual(overridden.sortBy, .pbr)
        let narrowed = try await screenedTickers(overridden)
        XCTAssertEqual(narrowed, ["A1"])
    }

    /// Version 10: the fundamentals' sector (imported or demo) comes first; a symbol whose
    /// fundamentals name none keeps `symbol_info`'s.
    func screeningSectorComesFromTheFundamentalsFirst() async throws {
        try await backend.write { r throws(StorageError) in
            try Self.insertScreeningUniverse(r)
            try r.connection.execute("UPDATE symbol_fundamental SET sector = $1 WHERE ticker = $2", "Information Technology", "A1")
            try r.screening.refreshCache(at: Self.now)
        }
        let rows = try await backend.read { r throws(StorageError) in try r.screening.screen(ScreeningQuery()).rows }
        XCTAssertEqual(rows.first { $0.ticker == "A1" }?.sector, "Information Technology", "symbol_fundamental.sector")
        XCTAssertEqual(rows.first { $0.ticker == "B2" }?.sector, "자동차", "no fundamental sector: symbol_info's")
        var query = ScreeningQuery()
        query.sector = "반도체"
        let semiconductors = try await screenedTickers(query)
        XCTAssertEqual(semiconductors, ["D4"], "A1's symbol_info sector no longer counts")
        let versions = try await Migrator.appliedVersions(backend.database)
        XCTAssertTrue(versions.contains(10))
    }

    func migrationThreeRunsOnce() async throws {
        try await seedScreeningUniverse()
        let versions = try await Migrator.appliedVersions(backend.database)
        XCTAssertTrue(versions.contains(3))
        let before = try await backend.read { r throws(StorageError) in try r.screening.screen(ScreeningQuery()) }
        let again = try await Migrator.migrate(backend.database)
        XCTAssertEqual(again, [], "a second run applies nothing")
        let presets = try await backend.read { r throws(StorageError) in try r.screening.presets() }
        XCTAssertEqual(presets.count, 7, "presets are seeded once")
        let after = try await backend.read { r throws(StorageError) in try r.screening.screen(ScreeningQuery()) }
        XCTAssertEqual(after.rows, before.rows)
        XCTAssertEqual(after.total, 4)
    }
}

/// The screening cache on SQLite.
final class SQLiteScreeningConformanceTests: SQLiteBackendTestCase {
    func testScreeningCacheShowsTheLastRefresh() async throws { try await suite.screeningCacheShowsTheLastRefresh() }
    func testScreeningFiltersSelectMatchingSymbols() async throws { try await suite.screeningFiltersSelectMatchingSymbols() }
    func testScreeningSortsByEveryFieldWithUnknownValuesLast() async throws { try await suite.screeningSortsByEveryFieldWithUnknownValuesLast() }
    func testScreeningPaginatesAndCountsEveryMatch() async throws { try await suite.screeningPaginatesAndCountsEveryMatch() }
    func testPresetsAreListedInOrderAndTheValuePresetApplies() async throws { try await suite.presetsAreListedInOrderAndTheValuePresetApplies() }
    func testScreeningSectorComesFromTheFundamentalsFirst() async throws { try await suite.screeningSectorComesFromTheFundamentalsFirst() }
    func testMigrationThreeRunsOnce() async throws { try await suite.migrationThreeRunsOnce() }
}

/// The screening cache on PostgreSQL.
final class PostgresScreeningConformanceTests: PostgresBackendTestCase {
    func testScreeningCacheShowsTheLastRefresh() async throws { try await suite.screeningCacheShowsTheLastRefresh() }
    func testScreeningFiltersSelectMatchingSymbols() async throws { try await suite.screeningFiltersSelectMatchingSymbols() }
    func testScreeningSortsByEveryFieldWithUnknownValuesLast() async throws { try await suite.screeningSortsByEveryFieldWithUnknownValuesLast() }
    func testScreeningPaginatesAndCountsEveryMatch() async throws { try await suite.screeningPaginatesAndCountsEveryMatch() }
    func testPresetsAreListedInOrderAndTheValuePresetApplies() async throws { try await suite.presetsAreListedInOrderAndTheValuePresetApplies() }
    func testScreeningSectorComesFromTheFundamentalsFirst() async throws { try await suite.screeningSectorComesFromTheFundamentalsFirst() }
    func testMigrationThreeRunsOnce() async throws { try await suite.migrationThreeRunsOnce() }
}
