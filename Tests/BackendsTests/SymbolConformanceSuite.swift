import Foundation
import XCTest
@testable import Backends

/// The symbol list's storage contract: upserts, search, batches and collection health.
extension ConformanceSuite {
    static func symbolRecord(_ ticker: String, market: String = "KR", name: String? = nil, updatedAt: Int = now) -> SymbolRecord {
        SymbolRecord(ticker: ticker, market: market, name: name, exchange: "KOSPI", sector: "반도체", updatedAt: updatedAt)
    }

    func symbolUpsertsKeepTheFailureState() async throws {
        let samsung = Self.symbolRecord("005930", name: "삼성전자")
        let inserted = try await backend.write { r throws(StorageError) in try r.symbols.upsert(samsung) }
        XCTAssertTrue(inserted)
        let stored = try await backend.read { r throws(StorageError) in try r.symbols.find(ticker: "005930", market: "KR") }
        XCTAssertEqual(stored, samsung)
        _ = try await backend.write { r throws(StorageError) in try r.symbols.recordFailure(ticker: "005930", market: "KR", error: "timeout", at: Self.now + 1) }
        var renamed = Self.symbolRecord("005930", name: "Samsung Electronics", updatedAt: Self.now + 2)
        renamed.exchange = "KRX"
        renamed.sector = nil
        renamed.consecutiveFailures = 0
        let update = renamed
        let insertedAgain = try await backend.write { r throws(StorageError) in try r.symbols.upsert(update) }
        XCTAssertFalse(insertedAgain)
        let after = try await backend.read { r throws(StorageError) in try r.symbols.find(ticker: "005930", market: "KR") }
        XCTAssertEqual(after, SymbolRecord(ticker: "005930", market: "KR", name: "Samsung Electronics", exchange: "KRX", sector: nil,
                                           isActive: true, consecutiveFailures: 1, lastError: "timeout", lastFailedAt: Self.now + 1,
                                           updatedAt: Self.now + 2))
        var inactive = Self.symbolRecord("AAPL", market: "US", name: "Apple")
        inactive.isActive = false
        let delisted = inactive
        let listed = Self.symbolRecord("AAPL", market: "KR", name: "Apple KDR")
        try await backend.write { r throws(StorageError) in
            try r.symbols.upsert(delisted)
            try r.symbols.upsert(listed)
            try r.symbols.upsert(Self.symbolRecord("AAPL", market: "CRYPTO"))
        }
        let everywhere = try await backend.read { r throws(StorageError) in try r.symbols.find(ticker: "AAPL").map(\.market) }
        XCTAssertEqual(everywhere, ["CRYPTO", "KR", "US"], "active first, then by market")
        let unknown = try await backend.read { r throws(StorageError) in try r.symbols.find(ticker: "999999", market: "KR") }
        XCTAssertNil(unknown)
    }

    func symbolSearchMatchesTickerOrNameIgnoringASCIICase() async throws {
        try await backend.write { r throws(StorageError) in
            try r.symbols.upsert(Self.symbolRecord("005930", name: "삼성전자"))
            try r.symbols.upsert(Self.symbolRecord("005935", name: "삼성전자우"))
            try r.symbols.upsert(Self.symbolRecord("105930", name: "Other"))
            try r.symbols.upsert(Self.symbolRecord("05930", name: "Short"))
            try r.symbols.upsert(Self.symbolRecord("9300", name: "Prefix"))
            try r.symbols.upsert(Self.symbolRecord("SSNLF", market: "US", name: "Samsung Electronics Co"))
            try r.symbols.upsert(Self.symbolRecord("BTC_X", market: "CRYPTO", name: "100% Coin"))
            try r.symbols.upsert(Self.symbolRecord("BTCAX", market: "CRYPTO", name: "École Coin"))
        }
        func search(_ pattern: String, market: String? = nil, limit: Int = 20) async throws -> [String] {
            try await backend.read { r throws(StorageError) in try r.symbols.search(pattern: pattern, market: market, limit: limit).map(\.ticker) }
        }
        let exactFirst = try await search("05930")
        XCTAssertEqual(exactFirst, ["05930", "005930", "105930"])
        let prefixFirst = try await search("930")
        XCTAssertEqual(prefixFirst, ["9300", "005930", "05930", "105930"])
        let byTicker = try await search("0059")
        XCTAssertEqual(byTicker, ["005930", "005935"])
        let korean = try await search("성전자")
        XCTAssertEqual(korean, ["005930", "005935"])
        let anyCase = try await search("sAmSuNg")
        XCTAssertEqual(anyCase, ["SSNLF"])
        let lowerTicker = try await search("ssnlf")
        XCTAssertEqual(lowerTicker, ["SSNLF"])
        let literalUnderscore = try await search("btc_")
        XCTAssertEqual(literalUnderscore, ["BTC_X"], "_ is not a wildcard")
        let literalPercent = try await search("0%")
        XCTAssertEqual(literalPercent, ["BTC_X"], "% is not a wildcard")
        let backslash = try await search("\\")
        XCTAssertEqual(backslash, [])
        let nonASCII = try await search("école")
        XCTAssertEqual(nonASCII, [], "only ASCII letters fold, on both databases")
        let inMarket = try await search("samsung", market: "KR")
        XCTAssertEqual(inMarket, [])
        let limited = try await search("0", limit: 2)
        XCTAssertEqual(limited, ["005930", "005935"])
    }

    func symbolBatchesReturnKnownTickersInRequestOrder() async throws {
        try await backend.write { r throws(StorageError) in
            for index in 0..<600 { try r.symbols.upsert(Self.symbolRecord(String(format: "%06d", index))) }
            try r.symbols.upsert(Self.symbolRecord("000002", market: "US"))
        }
        let asked = ["000599", "999999", "000002", "000599", "000001"]
        let found = try await backend.read { r throws(StorageError) in try r.symbols.batch(tickers: asked).map { "\($0.ticker)/\($0.market)" } }
        XCTAssertEqual(found, ["000599/KR", "000002/KR", "000002/US", "000001/KR"])
        let inKR = try await backend.read { r throws(StorageError) in try r.symbols.batch(tickers: ["000002"], market: "KR").map(\.market) }
        XCTAssertEqual(inKR, ["KR"])
        let many = (0..<700).map { String(format: "%06d", $0) }
        let count = try await backend.read { r throws(StorageError) in try r.symbols.batch(tickers: many).count }
        XCTAssertEqual(count, 601, "more tickers than one statement binds")
        let none = try await backend.read { r throws(StorageError) in try r.symbols.batch(tickers: []) }
        XCTAssertEqual(none, [])
    }

    func symbolListsFilterByMarketAndActivity() async throws {
        var inactive = Self.symbolRecord("BTC/USDT", market: "CRYPTO")
        inactive.isActive = false
        let stored = inactive
        try await backend.write { r throws(StorageError) in
            try r.symbols.upsert(Self.symbolRecord("AAPL", market: "US"))
            try r.symbols.upsert(Self.symbolRecord("005930"))
            try r.symbols.upsert(stored)
            try r.symbols.upsert(Self.symbolRecord("ETH/USDT", market: "CRYPTO"))
        }
        let all = try await backend.read { r throws(StorageError) in try r.symbols.list().map(\.ticker) }
        XCTAssertEqual(all, ["BTC/USDT", "ETH/USDT", "005930", "AAPL"])
        let active = try await backend.read { r throws(StorageError) in try r.symbols.list(market: "CRYPTO", activeOnly: true).map(\.ticker) }
        XCTAssertEqual(active, ["ETH/USDT"])
        let crypto = try await backend.read { r throws(StorageError) in try r.symbols.list(market: "CRYPTO").map(\.isActive) }
        XCTAssertEqual(crypto, [false, true])
    }

    func threeConsecutiveFailuresDeactivateASymbol() async throws {
        _ = try await backend.write { r throws(StorageError) in try r.symbols.upsert(Self.symbolRecord("123456", name: "테스트종목")) }
        var states: [SymbolRecord?] = []
        for attempt in 1...3 {
            let state = try await backend.write { r throws(StorageError) in
                try r.symbols.recordFailure(ticker: "123456", market: "KR", error: "No data #\(attempt)", at: Self.now + attempt)
            }
            states.append(state)
        }
        XCTAssertEqual(states.map { $0?.consecutiveFailures }, [1, 2, 3])
        XCTAssertEqual(states.map { $0?.isActive }, [true, true, false])
        XCTAssertEqual(SymbolRepository.deactivationThreshold, 3)
        XCTAssertEqual(states.last??.lastError, "No data #3")
        XCTAssertEqual(states.last??.lastFailedAt, Self.now + 3)
        let cleared = try await backend.write { r throws(StorageError) in try r.symbols.recordSuccess(ticker: "123456", market: "KR", at: Self.now + 4) }
        XCTAssertTrue(cleared)
        let again = try await backend.write { r throws(StorageError) in try r.symbols.recordSuccess(ticker: "123456", market: "KR", at: Self.now + 5) }
        XCTAssertFalse(again, "nothing left to clear")
        let after = try await backend.read { r throws(StorageError) in try r.symbols.find(ticker: "123456", market: "KR") }
        XCTAssertEqual(after?.consecutiveFailures, 0)
        XCTAssertEqual(after?.isActive, false, "a success does not reactivate")
        XCTAssertEqual(after?.lastError, "No data #3")
        XCTAssertEqual(after?.updatedAt, Self.now + 4)
        let unknown = try await backend.write { r throws(StorageError) in try r.symbols.recordFailure(ticker: "nope", market: "KR", error: "x", at: Self.now) }
        XCTAssertNil(unknown)
    }

    /// Three symbols with 1, 2 and 3 failures and one healthy one; `US` holds one more failure.
    private func storeFailingSymbols() async throws {
        try await backend.write { r throws(StorageError) in
            for (ticker, failures) in [("000001", 1), ("000002", 2), ("000003", 3), ("000004", 0)] {
                try r.symbols.upsert(Self.symbolRecord(ticker))
                for attempt in 0..<failures { _ = try r.symbols.recordFailure(ticker: ticker, market: "KR", error: "e", at: Self.now + attempt) }
            }
            try r.symbols.upsert(Self.symbolRecord("AAPL", market: "US"))
            _ = try r.symbols.recordFailure(ticker: "AAPL", market: "US", error: "e", at: Self.now + 9)
        }
    }

    func failedSymbolsListMostFailuresFirst() async throws {
        try await storeFailingSymbols()
        let failed = try await backend.read { r throws(StorageError) in try r.symbols.failed().map(\.ticker) }
        XCTAssertEqual(failed, ["000003", "000002", "AAPL", "000001"], "most failures, then the latest failure first")
        let page = try await backend.read { r throws(StorageError) in try r.symbols.failed(market: "KR", limit: 1, offset: 1).map(\.ticker) }
        XCTAssertEqual(page, ["000002"])
        let total = try await backend.read { r throws(StorageError) in try r.symbols.failedCount() }
        XCTAssertEqual(total, 4)
        let inUS = try await backend.read { r throws(StorageError) in try r.symbols.failedCount(market: "US") }
        XCTAssertEqual(inUS, 1)
    }

    func symbolStatusCountsClassifyCollectionHealth() async throws {
        let empty = try await backend.read { r throws(StorageError) in try r.symbols.statusCounts() }
        XCTAssertEqual(empty, SymbolStatusCounts(total: 0, active: 0, deactivated: 0, critical: 0, warning: 0))
        try await storeFailingSymbols()
        let counts = try await backend.read { r throws(StorageError) in try r.symbols.statusCounts() }
        XCTAssertEqual(counts, SymbolStatusCounts(total: 5, active: 4, deactivated: 1, critical: 1, warning: 2))
    }

    func reactivationRestoresSymbols() async throws {
        try await storeFailingSymbols()
        let one = try await backend.write { r throws(StorageError) in try r.symbols.reactivate(ticker: "000003", market: "KR", at: Self.now + 20) }
        XCTAssertEqual(one?.isActive, true)
        XCTAssertEqual(one?.consecutiveFailures, 0)
        XCTAssertEqual(one?.lastError, "e", "the last error is kept as history")
        XCTAssertEqual(one?.updatedAt, Self.now + 20)
        let missing = try await backend.write { r throws(StorageError) in try r.symbols.reactivate(ticker: "nope", market: "KR", at: Self.now) }
        XCTAssertNil(missing)
        let named = try await backend.write { r throws(StorageError) in
            try r.symbols.reactivate(tickers: ["000001", "000004", "AAPL", "000001"], market: "KR", at: Self.now + 21)
        }
        XCTAssertEqual(named, 1, "000004 was healthy and AAPL is in another market")
        try await backend.write { r throws(StorageError) in
            for attempt in 0..<3 { _ = try r.symbols.recordFailure(ticker: "000004", market: "KR", error: "e", at: Self.now + attempt) }
        }
        let inUS = try await backend.write { r throws(StorageError) in try r.symbols.reactivateAll(market: "US", at: Self.now + 22) }
        XCTAssertEqual(inUS, 0, "AAPL is failing but still active")
        let all = try await backend.write { r throws(StorageError) in try r.symbols.reactivateAll(at: Self.now + 23) }
        XCTAssertEqual(all, 1)
        let counts = try await backend.read { r throws(StorageError) in try r.symbols.statusCounts() }
        XCTAssertEqual(counts, SymbolStatusCounts(total: 5, active: 5, deactivated: 0, critical: 1, warning: 1))
    }
}

/// The symbol conformance suite on SQLite.
final class SQLiteSymbolConformanceTests: SQLiteBackendTestCase {
    func testSymbolUpsertsKeepTheFailureState() async throws { try await suite.symbolUpsertsKeepTheFailureState() }
    func testSymbolSearchMatchesTickerOrNameIgnoringASCIICase() async throws { try await suite.symbolSearchMatchesTickerOrNameIgnoringASCIICase() }
    func testSymbolBatchesReturnKnownTickersInRequestOrder() async throws { try await suite.symbolBatchesReturnKnownTickersInRequestOrder() }
    func testSymbolListsFilterByMarketAndActivity() async throws { try await suite.symbolListsFilterByMarketAndActivity() }
    func testThreeConsecutiveFailuresDeactivateASymbol() async throws { try await suite.threeConsecutiveFailuresDeactivateASymbol() }
    func testFailedSymbolsListMostFailuresFirst() async throws { try await suite.failedSymbolsListMostFailuresFirst() }
    func testSymbolStatusCountsClassifyCollectionHealth() async throws { try await suite.symbolStatusCountsClassifyCollectionHealth() }
    func testReactivationRestoresSymbols() async throws { try await suite.reactivationRestoresSymbols() }
}

/// The symbol conformance suite on PostgreSQL.
final class PostgresSymbolConformanceTests: PostgresBackendTestCase {
    func testSymbolUpsertsKeepTheFailureState() async throws { try await suite.symbolUpsertsKeepTheFailureState() }
    func testSymbolSearchMatchesTickerOrNameIgnoringASCIICase() async throws { try await suite.symbolSearchMatchesTickerOrNameIgnoringASCIICase() }
    func testSymbolBatchesReturnKnownTickersInRequestOrder() async throws { try await suite.symbolBatchesReturnKnownTickersInRequestOrder() }
    func testSymbolListsFilterByMarketAndActivity() async throws { try await suite.symbolListsFilterByMarketAndActivity() }
    func testThreeConsecutiveFailuresDeactivateASymbol() async throws { try await suite.threeConsecutiveFailuresDeactivateASymbol() }
    func testFailedSymbolsListMostFailuresFirst() async throws { try await suite.failedSymbolsListMostFailuresFirst() }
    func testSymbolStatusCountsClassifyCollectionHealth() async throws { try await suite.symbolStatusCountsClassifyCollectionHealth() }
    func testReactivationRestoresSymbols() async throws { try await suite.reactivationRestoresSymbols() }
}
