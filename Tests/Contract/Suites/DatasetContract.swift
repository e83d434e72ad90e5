import Foundation
import HTTPStub
import XCTest

/// The symbol list and the cached datasets (tags Symbols and Dataset) against a server whose
/// market data provider is a CSV folder this file writes (`DatasetFixture.folder`): sync,
/// search and batch lookups, background downloads and their progress, the candles they store
/// and their deletion, failure counting and reactivation, the cascade delete and the orphan
/// cleanup, with every documented refusal.
enum DatasetFixture {
    /// Candles of `testa.csv` (TESTA in KR, daily) and `casc.csv` (CASC in KR, daily).
    static let testaCandles = 6, cascCandles = 4

    /// The provider folder: the demo KR and US stocks (so that a sync keeps them), TESTA in two
    /// markets, TESTB whose name holds `%` and `_`, GONE whose file is missing, CASC to delete.
    static let folder: String = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("contract-provider-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let symbols = """
            ticker,market,name,exchange,sector,timeframe,file
            005930,KR,Samsung Electronics,KOSPI,Information Technology,,
            000660,KR,SK hynix,KOSPI,Information Technology,,
            035720,KR,Kakao,KOSPI,Communication Services,,
            TESTA,KR,테스트에이,KOSPI,반도체,1d,testa.csv
            TESTA,US,Test A Inc.,NYSE,Technology,,
            GOOG,US,Alphabet Inc. Class C,NASDAQ,Communication Services,,
            TESTB,KR,Test B 50%_off,KOSDAQ,,,
            GONE,KR,Gone Corp,KOSDAQ,,1d,missing.csv
            CASC,KR,Cascade Co,KOSDAQ,,1d,casc.csv

            """
        try? symbols.write(to: directory.appendingPathComponent("symbols.csv"), atomically: true, encoding: .utf8)
        try? candles(testaCandles).write(to: directory.appendingPathComponent("testa.csv"), atomically: true, encoding: .utf8)
        try? candles(cascCandles).write(to: directory.appendingPathComponent("casc.csv"), atomically: true, encoding: .utf8)
        return directory.path
    }()

    /// `count` daily candles from 2025-01-01, closes 100, 101, …
    static func candles(_ count: Int) -> String {
        "date,open,high,low,close,volume\n" + (0..<count).map { day in
            "2025-01-\(String(format: "%02d", day + 1)),100,\(110 + day),90,\(100 + day),\(1000 + day)"
        }.joined(separator: "\n") + "\n"
    }
}

extension ContractSuite {
    /// Syncs the KR and US lists of the provider (idempotent after the first time).
    func syncedProviderList(_ admin: ContractClient) throws {
        for market in ["KR", "US"] {
            let synced = try admin.call("syncSymbols", query: ["market": market])
            XCTAssertEqual(synced.status, 200, synced.message.summary)
        }
    }

    /// The job `id` once it has finished, as `/dataset` reports it.
    func finishedJob(_ id: String, _ client: ContractClient) throws -> JSONInstance {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let listed = try client.call("listDatasets")
            XCTAssertEqual(listed.status, 200, listed.message.summary)
            if let job = listed["jobs"].array?.first(where: { $0["id"]?.string == id }),
               let status = job["status"]?.string, status == "completed" || status == "failed" {
                return job
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw ContractViolation(exchange: "job \(id)", received: "not finished within 20 s", violations: [])
    }

    /// Starts a download and waits for it; returns the finished job.
    @discardableResult
    func downloaded(_ symbol: String, market: String, _ admin: ContractClient, expecting status: String) throws -> JSONInstance {
        let accepted = try admin.call("fetchDataset", body: ["symbol": .string(symbol), "market": .string(market), "timeframe": "1d"])
        XCTAssertEqual(accepted.status, 202, accepted.message.summary)
        XCTAssertEqual(accepted["status"].string, "queued")
        XCTAssertEqual(accepted["progress"].number, 0)
        let job = try finishedJob(accepted["id"].string ?? "", admin)
        XCTAssertEqual(job["status"]?.string, status, "\(job)")
        return job
    }

    func symbolSyncLoadsTheProviderList() throws {
        let admin = try admin()
        let synced = try admin.call("syncSymbols", query: ["market": "KR"])
        XCTAssertEqual(synced.status, 200, synced.message.summary)
        XCTAssertEqual(synced["provider"].string, "csv")
        XCTAssertEqual((synced["added"].integer ?? 0) + (synced["updated"].integer ?? 0), 7, "the provider lists seven KR symbols")
        XCTAssertEqual(synced["deactivated"].integer, 0, "the demo KR symbols are listed, so none is deactivated")
        XCTAssertEqual(synced["total"].integer, 7)
        let again = try admin.call("syncSymbols", query: ["market": "KR"])
        XCTAssertEqual(again["added"].integer, 0)
        XCTAssertEqual(again["updated"].integer, 7)
        let all = try admin.call("syncSymbols")
        XCTAssertEqual(all.status, 200, all.message.summary)
        XCTAssertEqual((all["added"].integer ?? 0) + (all["updated"].integer ?? 0), 9)
        XCTAssertEqual(all["deactivated"].integer, 0)
        let found = try admin.call("getSymbolsBatch", body: ["tickers": ["TESTA"]])
        XCTAssertEqual(Set(found["symbols"].array?.compactMap { $0["market"]?.string } ?? []), ["KR", "US"])
        XCTAssertEqual(found["symbols"][0]?["name"]?.string, "테스트에이")

        assertError(try api.call("syncSymbols"), 401, "MISSING_TOKEN")
        assertError(try account("trader").client.call("syncSymbols"), 403, "INSUFFICIENT_PERMISSION")
        assertValidationError(try admin.call("syncSymbols", query: ["market": "JP"]), field: "query.market")
    }

    func symbolSearchAndBatchFindTheList() throws {
        let admin = try admin()
        try syncedProviderList(admin)
        let viewer = try account("viewer").client
        let percent = try viewer.call("searchSymbols", query: ["q": "50%_"])
        XCTAssertEqual(percent.status, 200, percent.message.summary)
        XCTAssertEqual(percent["results"].array?.compactMap { $0["ticker"]?.string }, ["TESTB"])
        let wildcard = try viewer.call("searchSymbols", query: ["q": "%"])
        XCTAssertEqual(wildcard["results"].array?.compactMap { $0["ticker"]?.string }, ["TESTB"], "% matches itself, not everything")
        let underscore = try viewer.call("searchSymbols", query: ["q": "TEST_"])
        XCTAssertEqual(underscore["total"].integer, 0, "_ matches itself, not any character")
        let korean = try viewer.call("searchSymbols", query: ["q": "테스트", "market": "KR"])
        XCTAssertEqual(korean["results"].array?.compactMap { $0["ticker"]?.string }, ["TESTA"])
        let tests = try viewer.call("searchSymbols", query: ["q": "test", "limit": "2"])
        XCTAssertEqual(tests["results"].array?.count, 2)
        XCTAssertEqual(tests["results"][0]?["ticker"]?.string, "TESTA", "tickers starting with the pattern come first")
        assertValidationError(try viewer.call("searchSymbols", query: ["q": "a", "limit": "0"]), field: "query.limit")
        assertValidationError(try viewer.call("searchSymbols"), field: "query.q")

        let batch = try viewer.call("getSymbolsBatch", body: ["tickers": ["TESTB", "999999", "btc/usdt", "TESTB"]])
        XCTAssertEqual(batch.status, 200, batch.message.summary)
        XCTAssertEqual(batch["symbols"].array?.compactMap { $0["ticker"]?.string }, ["TESTB", "BTC-USDT"])
        XCTAssertEqual(batch["not_found"].array?.compactMap(\.string), ["999999"])
        assertValidationError(try viewer.call("getSymbolsBatch", body: ["tickers": []]), field: "body.tickers")
        assertValidationError(try viewer.call("getSymbolsBatch", body: ["tickers": ["005930"], "extra": true]), field: "body.extra")
        for operation in ["searchSymbols", "getSymbolsBatch", "listDatasets", "listDatasetFailedSymbols", "getSymbolStatusStats",
                          "listFailedSymbols"] {
            assertError(try api.call(operation, query: ["q": "a"], body: operation == "getSymbolsBatch" ? ["tickers": ["A"]] : nil),
                        401, "MISSING_TOKEN")
        }
    }

    func aDownloadRunsInTheBackgroundAndItsCandlesAreServedAndDeleted() throws {
        let admin = try admin()
        try syncedProviderList(admin)
        let job = try downloaded("TESTA", market: "KR", admin, expecting: "completed")
        XCTAssertEqual(job["fetched"]?.integer, DatasetFixture.testaCandles)
        XCTAssertEqual(job["progress"]?.number, 100)
        XCTAssertEqual(job["market"]?.string, "KR")
        XCTAssertEqual(job["message"], .null)

        let viewer = try account("viewer").client
        let listed = try viewer.call("listDatasets", query: ["market": "KR", "limit": "1000"])
        let testa = listed["datasets"].array?.first { $0["symbol"]?.string == "TESTA" && $0["timeframe"]?.string == "1d" }
        XCTAssertEqual(testa?["count"]?.integer, DatasetFixture.testaCandles, listed.message.summary)
        XCTAssertEqual(testa?["first_candle"]?.string, "2025-01-01T00:00:00Z")
        XCTAssertEqual(testa?["market"]?.string, "KR")
        XCTAssertTrue(listed["datasets"].array?.allSatisfy { $0["market"]?.string == "KR" } ?? false)
        let paged = try viewer.call("listDatasets", query: ["limit": "1", "offset": "1"])
        XCTAssertEqual(paged["datasets"].array?.count, 1)
        XCTAssertGreaterThan(paged["total"].integer ?? 0, 1, "the total counts before paging")

        let page = try viewer.call("getDatasetCandles", path: ["symbol": "TESTA"],
                                   query: ["market": "KR", "limit": "2", "offset": "1", "order": "asc"])
        XCTAssertEqual(page.status, 200, page.message.summary)
        XCTAssertEqual(page["candles"].array?.compactMap { $0["timestamp"]?.string }, ["2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z"])
        XCTAssertEqual(page["candles"][0]?["close"]?.string, "101")
        XCTAssertEqual(page["total"].integer, DatasetFixture.testaCandles)
        XCTAssertEqual(page["order"].string, "asc")
        let newest = try viewer.call("getDatasetCandles", path: ["symbol": "TESTA"], query: ["market": "KR", "limit": "1"])
        XCTAssertEqual(newest["candles"][0]?["timestamp"]?.string, "2025-01-06T00:00:00Z", "newest first by default")
        assertValidationError(try viewer.call("getDatasetCandles", path: ["symbol": "TESTA"]), field: "query.market")
        assertError(try viewer.call("getDatasetCandles", path: ["symbol": "TESTA"], query: ["market": "KR", "timeframe": "1w"]), 404, "NOT_FOUND")
        assertError(try viewer.call("getDatasetCandles", path: ["symbol": "NOPE999"]), 404, "NOT_FOUND")
        assertValidationError(try viewer.call("getDatasetCandles", path: ["symbol": "TESTA"], query: ["limit": "0"]), field: "query.limit")
        assertValidationError(try viewer.call("getDatasetCandles", path: ["symbol": "TESTA"], query: ["timeframe": "2d"]), field: "query.timeframe")

        assertError(try viewer.call("deleteDatasetCandles", path: ["symbol": "TESTA"], query: ["market": "KR"]), 403, "INSUFFICIENT_PERMISSION")
        let deleted = try admin.call("deleteDatasetCandles", path: ["symbol": "TESTA"], query: ["market": "KR", "timeframe": "1d"])
        XCTAssertEqual(deleted.status, 200, deleted.message.summary)
        XCTAssertEqual(deleted["deleted_candles"].integer, DatasetFixture.testaCandles)
        XCTAssertEqual(deleted["deleted_metadata"].integer, 1)
        XCTAssertEqual(deleted["message"].string, "Dataset 'TESTA' (KR) 1d deleted (\(DatasetFixture.testaCandles) candles)")
        let info = try viewer.call("getSymbolsBatch", body: ["tickers": ["TESTA"]])
        XCTAssertEqual(info["symbols"].array?.count, 2, "the cache delete leaves the symbol list alone")
        assertError(try admin.call("deleteDatasetCandles", path: ["symbol": "TESTA"], query: ["market": "KR"]), 404, "NOT_FOUND")
        assertError(try admin.call("deleteDatasetCandles", path: ["symbol": "NOPE999"]), 404, "NOT_FOUND")
        assertValidationError(try admin.call("deleteDatasetCandles", path: ["symbol": "TESTA"]), field: "query.market")
    }

    func downloadRequestsAreChecked() throws {
        let admin = try admin()
        try syncedProviderList(admin)
        assertError(try admin.call("fetchDataset", body: ["symbol": "NOPE999"]), 404, "MARKET_001")
        assertError(try admin.call("fetchDataset", body: ["symbol": "TESTB", "market": "US"]), 404, "MARKET_001")
        assertValidationError(try admin.call("fetchDataset", body: ["symbol": "TESTA"]), field: "body.market")
        assertValidationError(try admin.call("fetchDataset", body: [
            "symbol": "TESTA", "market": "KR", "start": "2025-02-01T00:00:00Z", "end": "2025-01-01T00:00:00Z",
        ]), field: "body.start")
        assertValidationError(try admin.call("fetchDataset", body: ["symbol": "TESTA", "market": "KR", "timeframe": "2d"]), field: "body.timeframe")
        assertValidationError(try admin.call("fetchDataset", body: ["symbol": "TESTA", "market": "KR", "priority": 1]), field: "body.priority")
        assertValidationError(try admin.call("fetchDataset", rawBody: "{"), field: "body")
        assertError(try api.call("fetchDataset", body: ["symbol": "TESTA"]), 401, "MISSING_TOKEN")
        assertError(try account("trader").client.call("fetchDataset", body: ["symbol": "TESTA"]), 403, "INSUFFICIENT_PERMISSION")
        let missingFile = try downloaded("TESTB", market: "KR", admin, expecting: "failed")
        XCTAssertEqual(missingFile["message"]?.string, "The market data provider has no series TESTB KR 1d")
    }

    func failedDownloadsCountAndReactivationStartsOver() throws {
        let admin = try admin()
        try syncedProviderList(admin)
        _ = try admin.call("reactivateSymbol", path: ["symbol": "GONE"], query: ["market": "KR"])
        for _ in 0..<3 {
            let job = try downloaded("GONE", market: "KR", admin, expecting: "failed")
            XCTAssertEqual(job["message"]?.string, "Market data provider unreachable: cannot read missing.csv in the provider folder")
        }
        let viewer = try account("viewer").client
        for operation in ["listFailedSymbols", "listDatasetFailedSymbols"] {
            let failed = try viewer.call(operation, query: ["market": "KR"])
            XCTAssertEqual(failed.status, 200, failed.message.summary)
            let gone = failed["symbols"].array?.first { $0["ticker"]?.string == "GONE" }
            XCTAssertEqual(gone?["failure_count"]?.integer, 3, failed.message.summary)
            XCTAssertEqual(gone?["is_active"]?.bool, false)
            XCTAssertEqual(gone?["last_error"]?.string, "Market data provider unreachable: cannot read missing.csv in the provider folder")
            XCTAssertNotNil(gone?["last_failed_at"]?.string)
            assertValidationError(try viewer.call(operation, query: ["limit": "1001"]), field: "query.limit")
        }
        let datasetView = try viewer.call("listDatasetFailedSymbols", query: ["market": "KR"])
        XCTAssertEqual(datasetView.json, try viewer.call("listFailedSymbols", query: ["market": "KR"]).json, "both paths list the same symbols")
        let stats = try viewer.call("getSymbolStatusStats", query: ["market": "KR"])
        XCTAssertEqual(stats.status, 200, stats.message.summary)
        XCTAssertGreaterThanOrEqual(stats["deactivated"].integer ?? 0, 1)
        XCTAssertEqual(stats["total"].integer, (stats["active"].integer ?? 0) + (stats["deactivated"].integer ?? 0))
        assertValidationError(try viewer.call("getSymbolStatusStats", query: ["market": "EU"]), field: "query.market")
        assertError(try admin.call("fetchDataset", body: ["symbol": "GONE", "market": "KR"]), 409, "CONFLICT")

        // The error log is written in batches a moment later.
        var gone: [JSONInstance] = []
        let deadline = Date().addingTimeInterval(5)
        while gone.count < 3, Date() < deadline {
            let logged = try admin.call("listErrors", query: ["category": "provider", "limit": "1000"])
            gone = (logged["errors"].array ?? []).filter { $0["details"]?["ticker"]?.string == "GONE" }
            if gone.count < 3 { Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertEqual(Array(gone.prefix(3)).compactMap { $0["severity"]?.string }, ["critical", "critical", "warning"], "newest first")
        XCTAssertEqual(gone.first?["details"]?["failure_count"]?.integer, 3)
        XCTAssertEqual(gone.first?["details"]?["deactivated"]?.bool, true)

        assertError(try viewer.call("reactivateSymbol", path: ["symbol": "GONE"]), 403, "INSUFFICIENT_PERMISSION")
        let reactivated = try admin.call("reactivateSymbol", path: ["symbol": "GONE"])
        XCTAssertEqual(reactivated.status, 200, reactivated.message.summary)
        XCTAssertEqual(reactivated["message"].string, "Symbol 'GONE' (KR) reactivated")
        let after = try viewer.call("listFailedSymbols", query: ["market": "KR"])
        XCTAssertFalse(after["symbols"].array?.contains { $0["ticker"]?.string == "GONE" } ?? true, "reactivation clears the count")
        assertError(try admin.call("reactivateSymbol", path: ["symbol": "NOPE999"]), 404, "NOT_FOUND")
        assertError(try admin.call("reactivateSymbol", path: ["symbol": "TESTB"], query: ["market": "US"]), 404, "NOT_FOUND")
        assertValidationError(try admin.call("reactivateSymbol", path: ["symbol": "TESTA"]), field: "query.market")

        try downloaded("GONE", market: "KR", admin, expecting: "failed")
        assertError(try viewer.call("reactivateDatasetSymbols", body: ["tickers": ["GONE"]]), 403, "INSUFFICIENT_PERMISSION")
        let bulk = try admin.call("reactivateDatasetSymbols", body: ["tickers": ["GONE", "NOPE999"], "market": "KR"])
        XCTAssertEqual(bulk.status, 200, bulk.message.summary)
        XCTAssertEqual(bulk["tickers"].array?.compactMap(\.string), ["GONE"])
        XCTAssertEqual(bulk["message"].string, "1 symbol(s) reactivated")
        let none = try admin.call("reactivateDatasetSymbols", rawBody: "")
        XCTAssertEqual(none.status, 200, none.message.summary)
        XCTAssertEqual(none["reactivated"].integer, none["tickers"].array?.count)
        assertValidationError(try admin.call("reactivateDatasetSymbols", body: ["tickers": []]), field: "body.tickers")
        assertValidationError(try admin.call("reactivateDatasetSymbols", body: ["market": "XX"]), field: "body.market")
        let manyBad = try admin.call("reactivateDatasetSymbols", body: ["tickers": .array(Array(repeating: .number(1), count: 150))])
        assertError(manyBad, 400, "VALIDATION_ERROR")
        XCTAssertEqual(manyBad["details"].array?.count, 100, "details list at most 100 issues")
        XCTAssertEqual(manyBad["message"].string, "Invalid request: 150 problems")
    }

    func aSymbolIsDeletedEverywhereAndOrphansAreCleanedUp() throws {
        let admin = try admin()
        try syncedProviderList(admin)
        try downloaded("CASC", market: "KR", admin, expecting: "completed")
        assertError(try account("viewer").client.call("deleteSymbolCascade", path: ["ticker": "CASC"], query: ["market": "KR"]),
                    403, "INSUFFICIENT_PERMISSION")
        let deleted = try admin.call("deleteSymbolCascade", path: ["ticker": "CASC"], query: ["market": "KR"])
        XCTAssertEqual(deleted.status, 200, deleted.message.summary)
        let tables = deleted["deletedTables"].array?.map { "\($0["tableName"]?.string ?? "?")=\($0["deletedCount"]?.integer ?? -1)" }
        XCTAssertEqual(tables, ["ohlcv=\(DatasetFixture.cascCandles)", "ohlcv_metadata=1", "symbol_info=1"])
        XCTAssertEqual(deleted["message"].string, "심볼 'CASC' (KR) 삭제 완료 (총 \(DatasetFixture.cascCandles + 2)건)")
        assertError(try admin.call("deleteSymbolCascade", path: ["ticker": "CASC"], query: ["market": "KR"]), 404, "NOT_FOUND")
        assertError(try admin.call("deleteSymbolCascade", path: ["ticker": "TESTB"], query: ["market": "US"]), 404, "NOT_FOUND")
        assertError(try admin.call("deleteSymbolCascade", path: ["ticker": "005930"], query: ["market": "KR"]), 409, "CONFLICT")
        assertValidationError(try admin.call("deleteSymbolCascade", path: ["ticker": "CASC"]), field: "query.market")
        let gone = try admin.call("getSymbolsBatch", body: ["tickers": ["CASC"]])
        XCTAssertEqual(gone["not_found"].array?.compactMap(\.string), ["CASC"])

        assertError(try account("trader").client.call("cleanupOrphanData"), 403, "INSUFFICIENT_PERMISSION")
        assertError(try api.call("cleanupOrphanData"), 401, "MISSING_TOKEN")
        let cleaned = try admin.call("cleanupOrphanData")
        XCTAssertEqual(cleaned.status, 200, cleaned.message.summary)
        let counts = cleaned["cleanedTables"].array?.compactMap { $0["deletedCount"]?.integer } ?? []
        XCTAssertEqual(counts.reduce(0, +), cleaned["totalDeleted"].integer)
        XCTAssertEqual(cleaned["message"].string, "고아 데이터 정리 완료 (총 \(cleaned["totalDeleted"].integer ?? -1)건 삭제)")
        let again = try admin.call("cleanupOrphanData")
        XCTAssertEqual(again["totalDeleted"].integer, 0)
        XCTAssertEqual(again["cleanedTables"].array?.count, 0)
        XCTAssertEqual(again["message"].string, "고아 데이터 정리 완료 (총 0건 삭제)")
    }
}

/// The Symbols and Dataset operations on SQLite, over the CSV folder provider.
final class SQLiteDatasetContractTests: ContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    override class var serverArguments: [String] { super.serverArguments + ["--provider-dir", DatasetFixture.folder] }
    func testSymbolSyncLoadsTheProviderList() throws { try suite.symbolSyncLoadsTheProviderList() }
    func testSymbolSearchAndBatchFindTheList() throws { try suite.symbolSearchAndBatchFindTheList() }
    func testADownloadRunsInTheBackgroundAndItsCandlesAreServedAndDeleted() throws {
        try suite.aDownloadRunsInTheBackgroundAndItsCandlesAreServedAndDeleted()
    }
    func testDownloadRequestsAreChecked() throws { try suite.downloadRequestsAreChecked() }
    func testFailedDownloadsCountAndReactivationStartsOver() throws { try suite.failedDownloadsCountAndReactivationStartsOver() }
    func testASymbolIsDeletedEverywhereAndOrphansAreCleanedUp() throws { try suite.aSymbolIsDeletedEverywhereAndOrphansAreCleanedUp() }
}

/// The Symbols and Dataset operations on PostgreSQL, over the CSV folder provider.
final class PostgresDatasetContractTests: ContractTestCase {
    override class var backend: ContractBackend { .postgres }
    override class var serverArguments: [String] { super.serverArguments + ["--provider-dir", DatasetFixture.folder] }
    func testSymbolSyncLoadsTheProviderList() throws { try suite.symbolSyncLoadsTheProviderList() }
    func testSymbolSearchAndBatchFindTheList() throws { try suite.symbolSearchAndBatchFindTheList() }
    func testADownloadRunsInTheBackgroundAndItsCandlesAreServedAndDeleted() throws {
        try suite.aDownloadRunsInTheBackgroundAndItsCandlesAreServedAndDeleted()
    }
    func testDownloadRequestsAreChecked() throws { try suite.downloadRequestsAreChecked() }
    func testFailedDownloadsCountAndReactivationStartsOver() throws { try suite.failedDownloadsCountAndReactivationStartsOver() }
    func testASymbolIsDeletedEverywhereAndOrphansAreCleanedUp() throws { try suite.aSymbolIsDeletedEverywhereAndOrphansAreCleanedUp() }
}
