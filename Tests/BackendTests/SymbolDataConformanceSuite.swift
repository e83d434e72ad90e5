import Foundation
import XCTest
@testable import Backends

/// The symbol and analytics data's storage contract: the symbol list and its collection
/// health, fundamentals, the error log, dataset jobs, GlobalScores and the reality check.
extension ConformanceSuite {
    static func symbolRecord(_ ticker: String, market: String = "KR", name: String? = nil, updatedAt: Int = now) -> SymbolRecord {
        SymbolRecord(ticker: ticker, market: market, name: name, exchange: "KOSPI", sector: "반도체", updatedAt: updatedAt)
    }

    /// Runs `body` in a write that must fail with the `StorageError` case `matches` accepts.
    func assertWriteRefusedWith(_ message: String, _ matches: (StorageError) -> Bool, file: StaticString = #filePath, line: UInt = #line,
                            _ body: @escaping @Sendable (Repositories) throws(StorageError) -> Void) async {
        do {
            try await backend.write(body)
            XCTFail("accepted: \(message)", file: file, line: line)
        } catch {
            XCTAssertTrue(matches(error), "\(message): \(error)", file: file, line: line)
        }
    }

    /// Parsed JSON, so that PostgreSQL's normalised JSONB compares equal to the text written.
    static func jsonValue(_ text: String?) -> NSObject? {
        text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) as? NSObject }
    }

    // MARK: Symbols

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

    // MARK: Fundamentals

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

    // MARK: Error log

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

    // MARK: Dataset jobs

    static func datasetJob(_ id: String, status: String = "queued", createdAt: Int) -> DatasetJobRecord {
        DatasetJobRecord(id: id, ticker: "005930", market: "KR", timeframe: "1d", status: status,
                         request: #"{"symbol": "005930", "market": "KR", "timeframe": "1d"}"#, createdAt: createdAt, updatedAt: createdAt)
    }

    func datasetJobsTrackProgress() async throws {
        let first = Self.datasetJob("j1", createdAt: Self.now)
        try await backend.write { r throws(StorageError) in
            try r.datasetJobs.insert(first)
            try r.datasetJobs.insert(Self.datasetJob("j2", status: "completed", createdAt: Self.now + 1))
            try r.datasetJobs.insert(Self.datasetJob("j3", createdAt: Self.now + 2))
        }
        let stored = try await backend.read { r throws(StorageError) in try r.datasetJobs.find(id: "j1") }
        XCTAssertEqual(Self.jsonValue(stored?.request), Self.jsonValue(first.request))
        var expected = first
        expected.request = stored?.request ?? ""
        XCTAssertEqual(stored, expected)
        var running = first
        running.status = "running"
        running.progress = 45.5
        running.fetched = 675
        running.updatedAt = Self.now + 30
        let update = running
        let updated = try await backend.write { r throws(StorageError) in try r.datasetJobs.update(update) }
        XCTAssertTrue(updated)
        let after = try await backend.read { r throws(StorageError) in try r.datasetJobs.find(id: "j1") }
        XCTAssertEqual(after?.status, "running")
        XCTAssertEqual(after?.progress, 45.5)
        XCTAssertEqual(after?.fetched, 675)
        XCTAssertEqual(after?.updatedAt, Self.now + 30)
        let recent = try await backend.read { r throws(StorageError) in try r.datasetJobs.list(limit: 2).map(\.id) }
        XCTAssertEqual(recent, ["j3", "j2"], "newest first")
        let active = try await backend.read { r throws(StorageError) in try r.datasetJobs.active().map(\.id) }
        XCTAssertEqual(active, ["j1", "j3"], "oldest first")
        var failed = running
        failed.id = "missing"
        let ghost = failed
        let updatedGhost = try await backend.write { r throws(StorageError) in try r.datasetJobs.update(ghost) }
        XCTAssertFalse(updatedGhost)
        failed.id = "j1"
        failed.status = "failed"
        failed.message = "provider unavailable"
        let failure = failed
        _ = try await backend.write { r throws(StorageError) in try r.datasetJobs.update(failure) }
        let failedStored = try await backend.read { r throws(StorageError) in try r.datasetJobs.find(id: "j1") }
        XCTAssertEqual(failedStored?.message, "provider unavailable")
        let stillActive = try await backend.read { r throws(StorageError) in try r.datasetJobs.active().map(\.id) }
        XCTAssertEqual(stillActive, ["j3"])
    }

    func datasetJobsRefuseUnknownStatesAndRequests() async throws {
        let isConstraint: (StorageError) -> Bool = { if case .constraintViolation = $0 { true } else { false } }
        await assertWriteRefusedWith("status paused", isConstraint) { r throws(StorageError) in
            try r.datasetJobs.insert(Self.datasetJob("j1", status: "paused", createdAt: Self.now))
        }
        await assertWriteRefusedWith("request not JSON", isConstraint) { r throws(StorageError) in
            var job = Self.datasetJob("j1", createdAt: Self.now)
            job.request = "symbol=005930"
            try r.datasetJobs.insert(job)
        }
        try await backend.write { r throws(StorageError) in try r.datasetJobs.insert(Self.datasetJob("j1", createdAt: Self.now)) }
        await assertWriteRefusedWith("progress 101", isConstraint) { r throws(StorageError) in
            var job = Self.datasetJob("j1", createdAt: Self.now)
            job.progress = 101
            try r.datasetJobs.update(job)
        }
        await assertWriteRefusedWith("a reused id", { if case .uniqueViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.datasetJobs.insert(Self.datasetJob("j1", createdAt: Self.now))
        }
    }

    // MARK: Scores

    func savingAScoreUpdatesTheCurrentScoreAndItsHistory() async throws {
        let factors = #"{"risk_reward": 0.8, "penalties": ["rsi"]}"#
        let first = ScoreRecord(ticker: "005930", market: "KR", score: 78.4, grade: "BUY", routeState: "ATTACK", factors: factors,
                                computedAt: Self.now)
        try await backend.write { r throws(StorageError) in try r.scores.save(first) }
        let stored = try await backend.read { r throws(StorageError) in try r.scores.find(ticker: "005930", market: "KR") }
        XCTAssertEqual(Self.jsonValue(stored?.factors), Self.jsonValue(factors))
        XCTAssertEqual(stored?.score, 78.4)
        XCTAssertEqual(stored?.routeState, "ATTACK")
        var recomputed = first
        recomputed.score = 65.1
        recomputed.grade = "WATCH"
        recomputed.factors = nil
        let sameTime = recomputed
        try await backend.write { r throws(StorageError) in try r.scores.save(sameTime) }
        var later = recomputed
        later.score = 40
        later.grade = "HOLD"
        later.routeState = "WAIT"
        later.computedAt = Self.now + 86_400_000
        let next = later
        try await backend.write { r throws(StorageError) in try r.scores.save(next) }
        var stale = first
        stale.computedAt = Self.now - 86_400_000
        let earlier = stale
        try await backend.write { r throws(StorageError) in try r.scores.save(earlier) }
        let current = try await backend.read { r throws(StorageError) in try r.scores.find(ticker: "005930", market: "KR") }
        XCTAssertEqual(current, later, "an older score does not replace a later one")
        let history = try await backend.read { r throws(StorageError) in try r.scores.history(ticker: "005930", market: "KR") }
        XCTAssertEqual(history, [ScoreHistoryPoint(score: 78.4, grade: "BUY", computedAt: Self.now - 86_400_000),
                                 ScoreHistoryPoint(score: 65.1, grade: "WATCH", computedAt: Self.now),
                                 ScoreHistoryPoint(score: 40, grade: "HOLD", computedAt: Self.now + 86_400_000)])
        let since = try await backend.read { r throws(StorageError) in try r.scores.history(ticker: "005930", market: "KR", since: Self.now).count }
        XCTAssertEqual(since, 2)
        await assertWriteRefusedWith("factors not JSON", { if case .constraintViolation = $0 { true } else { false } }) { r throws(StorageError) in
            var broken = first
            broken.factors = "{"
            try r.scores.save(broken)
        }
    }

    func rankingOrdersByScoreThenTicker() async throws {
        try await backend.write { r throws(StorageError) in
            for (ticker, market, score, grade, route) in [("000660", "KR", 81.0, "BUY", "ATTACK"), ("005930", "KR", 78.4, "BUY", "ATTACK"),
                                                          ("AAPL", "US", 78.4, "BUY", "ARMED"), ("035720", "KR", 52.0, "WATCH", "WAIT"),
                                                          ("000001", "KR", 78.4, "BUY", "ARMED")] {
                try r.scores.save(ScoreRecord(ticker: ticker, market: market, score: score, grade: grade, routeState: route,
                                              computedAt: Self.now))
            }
        }
        let ranking = try await backend.read { r throws(StorageError) in try r.scores.ranking().map(\.ticker) }
        XCTAssertEqual(ranking, ["000660", "000001", "005930", "AAPL", "035720"])
        let kr = try await backend.read { r throws(StorageError) in try r.scores.ranking(market: "KR", routeState: "ATTACK").map(\.ticker) }
        XCTAssertEqual(kr, ["000660", "005930"])
        let page = try await backend.read { r throws(StorageError) in try r.scores.ranking(grade: "BUY", limit: 2, offset: 1).map(\.ticker) }
        XCTAssertEqual(page, ["000001", "005930"])
        let count = try await backend.read { r throws(StorageError) in try r.scores.rankingCount(grade: "BUY") }
        XCTAssertEqual(count, 4)
        let armed = try await backend.read { r throws(StorageError) in try r.scores.rankingCount(market: "US", routeState: "ARMED", grade: "BUY") }
        XCTAssertEqual(armed, 1)
    }

    // MARK: Reality check

    static func realityCheckPick(_ date: String, _ ticker: String, rank: Int, grade: String = "BUY", returnPct: Double? = nil) -> SnapshotRecord {
        SnapshotRecord(snapshotDate: date, ticker: ticker, market: "KR", rank: rank, grade: grade, score: 80 - Double(rank),
                       entryPrice: ExactDecimal("74500.5")!, nextDayReturn: returnPct, createdAt: now)
    }

    func realityCheckPicksAreStoredOnceAndVerified() async throws {
        let picks = [Self.realityCheckPick("2026-01-27", "000660", rank: 2), Self.realityCheckPick("2026-01-27", "005930", rank: 1),
                     Self.realityCheckPick("2026-01-28", "005930", rank: 1)]
        try await backend.write { r throws(StorageError) in try r.realityCheck.insert(picks) }
        let day = try await backend.read { r throws(StorageError) in try r.realityCheck.snapshots(date: "2026-01-27") }
        XCTAssertEqual(day, [picks[1], picks[0]], "by rank, entry price exact")
        await assertWriteRefusedWith("the same pick twice", { if case .uniqueViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.realityCheck.insert([Self.realityCheckPick("2026-01-29", "000660", rank: 1), Self.realityCheckPick("2026-01-27", "005930", rank: 3)])
        }
        await assertWriteRefusedWith("a date not YYYY-MM-DD", { if case .constraintViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.realityCheck.insert([Self.realityCheckPick("2026-02-30", "000660", rank: 1)])
        }
        let nothingFromTheFailedBatch = try await backend.read { r throws(StorageError) in try r.realityCheck.snapshots(date: "2026-01-29") }
        XCTAssertEqual(nothingFromTheFailedBatch, [])
        let pending = try await backend.read { r throws(StorageError) in try r.realityCheck.pendingDates() }
        XCTAssertEqual(pending, ["2026-01-27", "2026-01-28"])
        let set = try await backend.write { r throws(StorageError) in
            [try r.realityCheck.setNextDayReturn(date: "2026-01-27", ticker: "005930", market: "KR", returnPct: 1.25),
             try r.realityCheck.setNextDayReturn(date: "2026-01-27", ticker: "000660", market: "KR", returnPct: -0.5)]
        }
        XCTAssertEqual(set, [true, true])
        let missing = try await backend.write { r throws(StorageError) in
            try r.realityCheck.setNextDayReturn(date: "2026-01-27", ticker: "035720", market: "KR", returnPct: 1)
        }
        XCTAssertFalse(missing)
        let verified = try await backend.read { r throws(StorageError) in try r.realityCheck.snapshots(date: "2026-01-27").map(\.nextDayReturn) }
        XCTAssertEqual(verified, [1.25, -0.5])
        let stillPending = try await backend.read { r throws(StorageError) in try r.realityCheck.pendingDates() }
        XCTAssertEqual(stillPending, ["2026-01-28"])
    }

    /// Verified picks around a leap day, plus one unverified pick.
    private func storeVerifiedPicks() async throws {
        let picks = [
            Self.realityCheckPick("2024-02-27", "000001", rank: 1, returnPct: 5),
            Self.realityCheckPick("2024-02-28", "000001", rank: 1, returnPct: 0.1), Self.realityCheckPick("2024-02-28", "000002", rank: 2, grade: "WATCH", returnPct: 0.2),
            Self.realityCheckPick("2024-02-28", "000003", rank: 3, grade: "HOLD", returnPct: -1.3),
            Self.realityCheckPick("2024-02-29", "000002", rank: 2, returnPct: 2), Self.realityCheckPick("2024-02-29", "000001", rank: 1, returnPct: 2),
            Self.realityCheckPick("2024-02-29", "000003", rank: 3, grade: "WATCH", returnPct: 0),
            Self.realityCheckPick("2024-03-01", "000001", rank: 1, returnPct: -4), Self.realityCheckPick("2024-03-01", "000002", rank: 2),
        ]
        try await backend.write { r throws(StorageError) in try r.realityCheck.insert(picks) }
    }

    func realityCheckHistoryAggregatesVerifiedPicksPerDay() async throws {
        try await storeVerifiedPicks()
        let history = try await backend.read { r throws(StorageError) in try r.realityCheck.history(days: 3, until: "2024-03-01") }
        XCTAssertEqual(history.map(\.date), ["2024-03-01", "2024-02-29", "2024-02-28"], "newest first, across the leap day")
        XCTAssertEqual(history.map(\.totalPicks), [1, 3, 3], "unverified picks do not count")
        XCTAssertEqual(history.map(\.winCount), [0, 2, 2], "a zero return is no win")
        XCTAssertEqual(history.map(\.avgReturnPct), [-4, 4.0 / 3, (0.1 + 0.2 + -1.3) / 3])
        XCTAssertEqual(history.map(\.bestTicker), ["000001", "000001", "000002"], "ties go to the better rank")
        XCTAssertEqual(history.map(\.bestReturnPct), [-4, 2, 0.2])
        XCTAssertEqual(history[1].winRate, 200.0 / 3)
        let oneDay = try await backend.read { r throws(StorageError) in try r.realityCheck.history(days: 1, until: "2024-02-27").map(\.date) }
        XCTAssertEqual(oneDay, ["2024-02-27"])
        let none = try await backend.read { r throws(StorageError) in try r.realityCheck.history(days: 30, until: "2024-02-26") }
        XCTAssertEqual(none, [])
    }

    func realityCheckStatsSummariseByGrade() async throws {
        try await storeVerifiedPicks()
        let stats = try await backend.read { r throws(StorageError) in try r.realityCheck.stats(sinceDate: "2024-02-28") }
        XCTAssertEqual(stats.totalPicks, 7)
        XCTAssertEqual(stats.winCount, 4)
        XCTAssertEqual(stats.avgReturnPct, (0.1 + 0.2 + -1.3 + 2 + 2 + 0 + -4) / 7)
        XCTAssertEqual(stats.bestReturnPct, 2)
        XCTAssertEqual(stats.worstReturnPct, -4)
        XCTAssertEqual(stats.lastCheckedDate, "2024-03-01")
        XCTAssertEqual(stats.byGrade, [
            RealityCheckGradeSummary(grade: "BUY", totalPicks: 4, winCount: 3, avgReturnPct: (0.1 + 2 + 2 + -4) / 4),
            RealityCheckGradeSummary(grade: "WATCH", totalPicks: 2, winCount: 1, avgReturnPct: (0.2 + 0) / 2),
            RealityCheckGradeSummary(grade: "HOLD", totalPicks: 1, winCount: 0, avgReturnPct: -1.3),
        ])
        let empty = try await backend.read { r throws(StorageError) in try r.realityCheck.stats(sinceDate: "2025-01-01") }
        XCTAssertEqual(empty, RealityCheckSummary(totalPicks: 0, winCount: 0, avgReturnPct: 0, bestReturnPct: nil, worstReturnPct: nil,
                                                  byGrade: [], lastCheckedDate: nil))
        XCTAssertEqual(empty.winRate, 0)
    }
}

/// The symbol and analytics data contract on SQLite.
final class SQLiteSymbolDataConformanceTests: SQLiteBackendTestCase {
    func testSymbolUpsertsKeepTheFailureState() async throws { try await suite.symbolUpsertsKeepTheFailureState() }
    func testSymbolSearchMatchesTickerOrNameIgnoringASCIICase() async throws { try await suite.symbolSearchMatchesTickerOrNameIgnoringASCIICase() }
    func testSymbolBatchesReturnKnownTickersInRequestOrder() async throws { try await suite.symbolBatchesReturnKnownTickersInRequestOrder() }
    func testSymbolListsFilterByMarketAndActivity() async throws { try await suite.symbolListsFilterByMarketAndActivity() }
    func testThreeConsecutiveFailuresDeactivateASymbol() async throws { try await suite.threeConsecutiveFailuresDeactivateASymbol() }
    func testFailedSymbolsListMostFailuresFirst() async throws { try await suite.failedSymbolsListMostFailuresFirst() }
    func testSymbolStatusCountsClassifyCollectionHealth() async throws { try await suite.symbolStatusCountsClassifyCollectionHealth() }
    func testReactivationRestoresSymbols() async throws { try await suite.reactivationRestoresSymbols() }
    func testFundamentalsRoundTripAndAreReplaced() async throws { try await suite.fundamentalsRoundTripAndAreReplaced() }
    func testErrorLogFiltersPagesAndCounts() async throws { try await suite.errorLogFiltersPagesAndCounts() }
    func testErrorLogRefusesUnknownSeveritiesAndMalformedDetails() async throws { try await suite.errorLogRefusesUnknownSeveritiesAndMalformedDetails() }
    func testOldErrorsAreDeleted() async throws { try await suite.oldErrorsAreDeleted() }
    func testDatasetJobsTrackProgress() async throws { try await suite.datasetJobsTrackProgress() }
    func testDatasetJobsRefuseUnknownStatesAndRequests() async throws { try await suite.datasetJobsRefuseUnknownStatesAndRequests() }
    func testSavingAScoreUpdatesTheCurrentScoreAndItsHistory() async throws { try await suite.savingAScoreUpdatesTheCurrentScoreAndItsHistory() }
    func testRankingOrdersByScoreThenTicker() async throws { try await suite.rankingOrdersByScoreThenTicker() }
    func testRealityCheckPicksAreStoredOnceAndVerified() async throws { try await suite.realityCheckPicksAreStoredOnceAndVerified() }
    func testRealityCheckHistoryAggregatesVerifiedPicksPerDay() async throws { try await suite.realityCheckHistoryAggregatesVerifiedPicksPerDay() }
    func testRealityCheckStatsSummariseByGrade() async throws { try await suite.realityCheckStatsSummariseByGrade() }
}

/// The symbol and analytics data contract on PostgreSQL.
final class PostgresSymbolDataConformanceTests: PostgresBackendTestCase {
    func testSymbolUpsertsKeepTheFailureState() async throws { try await suite.symbolUpsertsKeepTheFailureState() }
    func testSymbolSearchMatchesTickerOrNameIgnoringASCIICase() async throws { try await suite.symbolSearchMatchesTickerOrNameIgnoringASCIICase() }
    func testSymbolBatchesReturnKnownTickersInRequestOrder() async throws { try await suite.symbolBatchesReturnKnownTickersInRequestOrder() }
    func testSymbolListsFilterByMarketAndActivity() async throws { try await suite.symbolListsFilterByMarketAndActivity() }
    func testThreeConsecutiveFailuresDeactivateASymbol() async throws { try await suite.threeConsecutiveFailuresDeactivateASymbol() }
    func testFailedSymbolsListMostFailuresFirst() async throws { try await suite.failedSymbolsListMostFailuresFirst() }
    func testSymbolStatusCountsClassifyCollectionHealth() async throws { try await suite.symbolStatusCountsClassifyCollectionHealth() }
    func testReactivationRestoresSymbols() async throws { try await suite.reactivationRestoresSymbols() }
    func testFundamentalsRoundTripAndAreReplaced() async throws { try await suite.fundamentalsRoundTripAndAreReplaced() }
    func testErrorLogFiltersPagesAndCounts() async throws { try await suite.errorLogFiltersPagesAndCounts() }
    func testErrorLogRefusesUnknownSeveritiesAndMalformedDetails() async throws { try await suite.errorLogRefusesUnknownSeveritiesAndMalformedDetails() }
    func testOldErrorsAreDeleted() async throws { try await suite.oldErrorsAreDeleted() }
    func testDatasetJobsTrackProgress() async throws { try await suite.datasetJobsTrackProgress() }
    func testDatasetJobsRefuseUnknownStatesAndRequests() async throws { try await suite.datasetJobsRefuseUnknownStatesAndRequests() }
    func testSavingAScoreUpdatesTheCurrentScoreAndItsHistory() async throws { try await suite.savingAScoreUpdatesTheCurrentScoreAndItsHistory() }
    func testRankingOrdersByScoreThenTicker() async throws { try await suite.rankingOrdersByScoreThenTicker() }
    func testRealityCheckPicksAreStoredOnceAndVerified() async throws { try await suite.realityCheckPicksAreStoredOnceAndVerified() }
    func testRealityCheckHistoryAggregatesVerifiedPicksPerDay() async throws { try await suite.realityCheckHistoryAggregatesVerifiedPicksPerDay() }
    func testRealityCheckStatsSummariseByGrade() async throws { try await suite.realityCheckStatsSummariseByGrade() }
}
