import Foundation
import XCTest

/// Screening over the demo data: every active symbol with daily candles is cached (the cache
/// is filled on the first screen), the demo fundamentals (DemoFundamentals, illustrative)
/// decide which stock passes which condition:
///
/// | ticker | PER  | PBR | ROE | div. | debt | rev. g. | earn. g. | market cap      |
/// |--------|------|-----|-----|------|------|---------|----------|-----------------|
/// | 005930 | 13.5 |0.95 |  9  | 3.2  |  27  |   12    |    25    | 430,000 bn KRW  |
/// | 000660 |  9   | 2.0 | 25  | 0.8  |  55  |   60    |    90    | 130,000 bn KRW  |
/// | 035720 | 45   | 2.1 |  3  | 0.1  |  70  |    4    |   -20    |  18,000 bn KRW  |
/// | GOOG   | 24   | 6.8 | 30  | 0.5  |  10  |   14    |    30    |   2,100 bn USD  |
///
/// BTC-USDT, ETH-USDT and EUR-USD have no fundamentals: they fail every fundamental bound and
/// sort after the stocks (unknown values last), by ticker.
extension ContractSuite {
    /// Tickers of a screening answer, in order.
    func screenedTickers(_ body: JSONInstance, as client: ContractClient, file: StaticString = #filePath, line: UInt = #line)
        throws -> [String] {
        let answer = try client.call("filterScreening", body: body)
        XCTAssertEqual(answer.status, 200, answer.message.summary, file: file, line: line)
        let items = answer["items"].array ?? []
        XCTAssertEqual(answer["total"].integer, items.count, "one page holds every match: \(answer.message.summary)", file: file, line: line)
        return items.compactMap { $0["ticker"]?.string }
    }

    func screeningNeedsATokenAndListsTheSevenPresets() throws {
        assertError(try api.call("filterScreening", body: [:]), 401, "MISSING_TOKEN")
        assertError(try api.call("listScreeningPresets"), 401, "MISSING_TOKEN")
        let viewer = try account("viewer").client
        let list = try viewer.call("listScreeningPresets")
        XCTAssertEqual(list.status, 200, list.message.summary)
        let presets = list["presets"].array ?? []
        XCTAssertEqual(presets.compactMap { $0["id"]?.string },
                       ["basic", "value", "dividend", "growth", "snowball", "large_cap", "near_52w_low"])
        let value = try XCTUnwrap(presets.first { $0["id"] == "value" })
        XCTAssertEqual(value["name"], "가치주")
        XCTAssertEqual(value["filters"]?["max_per"]?.number, 15)
        XCTAssertEqual(value["filters"]?["max_pbr"]?.number, 1)
        XCTAssertEqual(value["filters"]?["min_roe"]?.number, 5)
        XCTAssertEqual(value["filters"]?["sort_by"], "pbr")
        XCTAssertEqual(value["filters"]?["sort_order"], "asc")
        XCTAssertEqual(presets.first { $0["id"] == "large_cap" }?["filters"]?["min_market_cap"]?.number, 1e13)
    }

    /// Each preset on the demo figures (table above), by its sort (market cap descending
    /// unless the preset says otherwise).
    func eachPresetSelectsWhatTheDemoFiguresSay() throws {
        let viewer = try account("viewer").client
        let expected: [(String, [String])] = [
            ("basic", ["005930", "000660", "035720", "GOOG", "BTC-USDT", "ETH-USDT", "EUR-USD"]),
            // PER ≤ 15, PBR ≤ 1, ROE ≥ 5: only 005930 (13.5, 0.95, 9); 000660's PBR is 2.0.
            ("value", ["005930"]),
            // Dividend yield ≥ 3, ROE ≥ 5, debt ≤ 100: only 005930 (3.2, 9, 27); the next yield is 000660's 0.8.
            ("dividend", ["005930"]),
            // Revenue growth ≥ 20: only 000660 (60), which has earnings growth 90 and ROE 25.
            ("growth", ["000660"]),
            // PBR ≤ 1, yield ≥ 3, debt ≤ 80, ROE ≥ 8: 005930 (0.95, 3.2, 27, 9).
            ("snowball", ["005930"]),
            // 10 trillion or more: the three KR stocks (GOOG's 2.1 trillion USD is below).
            ("large_cap", ["005930", "000660", "035720"]),
            // ROE ≥ 5 leaves 005930, 000660 and GOOG; the demo history keeps each within 50% of its 52-week high.
            ("near_52w_low", ["005930", "000660", "GOOG"]),
        ]
        for (preset, tickers) in expected {
            XCTAssertEqual(try screenedTickers(["preset": .string(preset)], as: viewer), tickers, preset)
        }
    }

    func screeningFiltersSortsAndPages() throws {
        let viewer = try account("viewer").client
        let korea = try viewer.call("filterScreening", body: ["market": "KR"])
        XCTAssertEqual(korea.status, 200, korea.message.summary)
        XCTAssertEqual((korea["items"].array ?? []).compactMap { $0["ticker"]?.string }, ["005930", "000660", "035720"])
        let samsung = try XCTUnwrap(korea["items"][0])
        XCTAssertEqual(samsung["market"], "KR")
        XCTAssertEqual(samsung["sector"], "Information Technology")
        XCTAssertEqual(samsung["market_cap"], "430000000000000")
        XCTAssertEqual(samsung["per"]?.number, 13.5)
        XCTAssertEqual(samsung["pbr"]?.number, 0.95)
        XCTAssertEqual(samsung["roe"]?.number, 9)
        XCTAssertEqual(samsung["dividend_yield"]?.number, 3.2)
        XCTAssertGreaterThan(try Self.decimal(samsung["price"] ?? .null), 0)
        let bitcoin = try viewer.call("filterScreening", body: ["market": "CRYPTO", "sort_by": "ticker", "sort_order": "asc"])
        XCTAssertEqual((bitcoin["items"].array ?? []).compactMap { $0["ticker"]?.string }, ["BTC-USDT", "ETH-USDT"])
        XCTAssertEqual(bitcoin["items"][0]?["per"], .null, "no fundamentals: null")
        XCTAssertEqual(bitcoin["items"][0]?["market_cap"], .null)

        XCTAssertEqual(try screenedTickers(["min_roe": 20], as: viewer), ["000660", "GOOG"])
        XCTAssertEqual(try screenedTickers(["sector": "Communication Services"], as: viewer), ["035720", "GOOG"])
        XCTAssertEqual(try screenedTickers(["min_per": 10, "max_per": 30, "sort_by": "per", "sort_order": "asc"], as: viewer),
                       ["005930", "GOOG"])
        XCTAssertEqual(try screenedTickers(["max_debt_ratio": 30, "sort_by": "name", "sort_order": "desc"], as: viewer).sorted(),
                       ["005930", "GOOG"])
        // The growth preset with a looser revenue bound: 005930 (ROE 9 < 10) still fails, GOOG (14, 30, 30) passes.
        XCTAssertEqual(try screenedTickers(["preset": "growth", "min_revenue_growth": 10], as: viewer), ["000660", "GOOG"])

        let byPer = try viewer.call("filterScreening", body: ["market": "KR", "sort_by": "per", "sort_order": "asc", "limit": 1, "offset": 1])
        XCTAssertEqual(byPer.status, 200, byPer.message.summary)
        XCTAssertEqual((byPer["items"].array ?? []).compactMap { $0["ticker"]?.string }, ["005930"], "PER 9, 13.5, 45: the second")
        XCTAssertEqual(byPer["total"].integer, 3)
        XCTAssertEqual(byPer["limit"].integer, 1)
        XCTAssertEqual(byPer["offset"].integer, 1)
        let past = try viewer.call("filterScreening", body: ["market": "KR", "offset": 3])
        XCTAssertEqual(past["items"].array?.count, 0)
        XCTAssertEqual(past["total"].integer, 3)
    }

    func screeningRefusesUnknownFieldsAndBadPages() throws {
        let viewer = try account("viewer").client
        assertError(try viewer.call("filterScreening", body: ["max_price": 10]), 400, "VALIDATION_ERROR")
        assertError(try viewer.call("filterScreening", body: ["limit": 0]), 400, "VALIDATION_ERROR")
        assertError(try viewer.call("filterScreening", body: ["limit": 1001]), 400, "VALIDATION_ERROR")
        assertError(try viewer.call("filterScreening", body: ["offset": -1]), 400, "VALIDATION_ERROR")
        assertError(try viewer.call("filterScreening", body: ["preset": "cheap"]), 400, "VALIDATION_ERROR")
        assertError(try viewer.call("filterScreening", body: ["sort_by": "price"]), 400, "VALIDATION_ERROR")
    }

    func onlyAnAdminRefreshesTheScreeningCache() throws {
        assertError(try api.call("refreshScreeningCache"), 401, "MISSING_TOKEN")
        assertError(try account("trader").client.call("refreshScreeningCache"), 403, "INSUFFICIENT_PERMISSION")
        let admin = try account("admin").client
        let refreshed = try admin.call("refreshScreeningCache")
        XCTAssertEqual(refreshed.status, 200, refreshed.message.summary)
        XCTAssertEqual(refreshed["success"], true)
        XCTAssertEqual(refreshed["row_count"].integer, 7, "every demo symbol has daily candles")
        XCTAssertGreaterThanOrEqual(refreshed["duration_ms"].integer ?? -1, 0)
        XCTAssertNotNil(ISO8601DateFormatter().date(from: refreshed["refreshed_at"].string ?? ""), refreshed.message.summary)
        XCTAssertEqual(try screenedTickers(["preset": "large_cap"], as: admin), ["005930", "000660", "035720"])
    }
}

/// The screening operations on SQLite.
final class SQLiteScreeningContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testScreeningNeedsATokenAndListsTheSevenPresets() throws { try suite.screeningNeedsATokenAndListsTheSevenPresets() }
    func testEachPresetSelectsWhatTheDemoFiguresSay() throws { try suite.eachPresetSelectsWhatTheDemoFiguresSay() }
    func testScreeningFiltersSortsAndPages() throws { try suite.screeningFiltersSortsAndPages() }
    func testScreeningRefusesUnknownFieldsAndBadPages() throws { try suite.screeningRefusesUnknownFieldsAndBadPages() }
    func testOnlyAnAdminRefreshesTheScreeningCache() throws { try suite.onlyAnAdminRefreshesTheScreeningCache() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The screening operations on PostgreSQL.
final class PostgresScreeningContractTests: MarketContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testScreeningNeedsATokenAndListsTheSevenPresets() throws { try suite.screeningNeedsATokenAndListsTheSevenPresets() }
    func testEachPresetSelectsWhatTheDemoFiguresSay() throws { try suite.eachPresetSelectsWhatTheDemoFiguresSay() }
    func testScreeningFiltersSortsAndPages() throws { try suite.screeningFiltersSortsAndPages() }
    func testScreeningRefusesUnknownFieldsAndBadPages() throws { try suite.screeningRefusesUnknownFieldsAndBadPages() }
    func testOnlyAnAdminRefreshesTheScreeningCache() throws { try suite.onlyAnAdminRefreshesTheScreeningCache() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
