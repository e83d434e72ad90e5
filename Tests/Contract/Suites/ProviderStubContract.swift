import Foundation
import HTTPStub
import XCTest

/// The HTTP market data provider as the server uses it, with a local stub playing the
/// provider: a slow download refuses a second one of the same series (409), and a provider
/// that fails, times out or answers nonsense is `MARKET_002` for a sync and a failed job for
/// a download.
enum ProviderStub {
    /// The symbol list the stub answers by default.
    static let symbols = #"{"symbols":[{"ticker":"STUBX","market":"KR","name":"Stub X","exchange":"KOSPI","sector":null}]}"#
    /// Two daily candles.
    static let candles = #"""
        {"candles":[{"timestamp":"2025-03-03T00:00:00Z","open":"10","high":"12","low":"9","close":"11","volume":"100"},
        {"timestamp":"2025-03-04T00:00:00Z","open":"11","high":"13","low":"10","close":"12","volume":"200"}]}
        """#

    /// The stub every class of this file points its server at (a one-second timeout, no retries).
    static let stub: HTTPStub = {
        do {
            return try HTTPStub { request in request.path.hasSuffix("/symbols") ? .json(symbols) : .json(candles) }
        } catch {
            fatalError("cannot start the provider stub: \(error)")
        }
    }()

    static var arguments: [String] { ["--provider-url", stub.baseURL + "/api", "--provider-timeout", "1", "--provider-retries", "0"] }
}

extension ContractSuite {
    func aSlowDownloadRefusesASecondOfTheSameSeries() throws {
        ProviderStub.stub.respond { request in
            request.path.hasSuffix("/symbols") ? .json(ProviderStub.symbols) : .json(ProviderStub.candles, delay: 0.8)
        }
        let admin = try admin()
        let synced = try admin.call("syncSymbols")
        XCTAssertEqual(synced.status, 200, synced.message.summary)
        XCTAssertEqual(synced["provider"].string, "http")
        let first = try admin.call("fetchDataset", body: ["symbol": "STUBX", "timeframe": "1d", "start": "2025-03-01T00:00:00Z"])
        XCTAssertEqual(first.status, 202, first.message.summary)
        let second = try admin.call("fetchDataset", body: ["symbol": "STUBX", "market": "KR"])
        assertError(second, 409, "CONFLICT")
        XCTAssertTrue(second["message"].string?.contains(first["id"].string ?? "?") ?? false, "the refusal names the running job")
        let job = try finishedJob(first["id"].string ?? "", admin)
        XCTAssertEqual(job["status"]?.string, "completed", "\(job)")
        XCTAssertEqual(job["fetched"]?.integer, 2)
        let asked = ProviderStub.stub.requests.last { $0.path.hasSuffix("/candles") }?.target ?? ""
        XCTAssertTrue(asked.contains("symbol=STUBX") && asked.contains("market=KR") && asked.contains("timeframe=1d"), asked)
        XCTAssertTrue(asked.contains("start=2025-03-01T00%3A00%3A00Z"), asked)
        let candles = try admin.call("getDatasetCandles", path: ["symbol": "STUBX"], query: ["order": "asc"])
        XCTAssertEqual(candles["candles"].array?.compactMap { $0["close"]?.string }, ["11", "12"])
    }

    func aFailingProviderIsMarket002AndAFailedJob() throws {
        let admin = try admin()
        ProviderStub.stub.respond { _ in .json(ProviderStub.symbols) }
        XCTAssertEqual(try admin.call("syncSymbols").status, 200)
        ProviderStub.stub.respond { _ in .json(#"{"error":"maintenance"}"#, status: 503) }
        let refused = try admin.call("syncSymbols")
        assertError(refused, 503, "MARKET_002")
        XCTAssertEqual(refused["message"].string, "Market data provider gave a bad answer: HTTP status 503")
        ProviderStub.stub.respond { _ in .json(ProviderStub.symbols, delay: 2.5) }
        let slow = try admin.call("syncSymbols")
        assertError(slow, 503, "MARKET_002")
        XCTAssertEqual(slow["message"].string, "Market data provider timed out (no answer within 1 s)")
        // The timeout is in the error log, category provider (written a moment later).
        var timedOut: JSONInstance?
        let deadline = Date().addingTimeInterval(5)
        while timedOut == nil, Date() < deadline {
            let logged = try admin.call("listErrors", query: ["category": "provider", "limit": "100"])
            timedOut = logged["errors"].array?.first { ($0["message"]?.string ?? "").contains("timed out") }
            if timedOut == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertEqual(timedOut?["category"], "provider")
        XCTAssertEqual(timedOut?["severity"], "error")
        XCTAssertEqual(timedOut?["message"]?.string, "Symbol sync from provider 'http' failed: Market data provider timed out (no answer within 1 s)")
        ProviderStub.stub.respond { _ in .json("{\"symbols\":") }
        assertError(try admin.call("syncSymbols"), 503, "MARKET_002")
        ProviderStub.stub.respond { _ in .json(#"{"candles":[{"timestamp":"2025-03-03T00:00:00Z","open":"10","high":"9","low":"8","close":"9","volume":"1"}]}"#) }
        _ = try admin.call("reactivateSymbol", path: ["symbol": "STUBX"])
        let accepted = try admin.call("fetchDataset", body: ["symbol": "STUBX", "timeframe": "1h"])
        XCTAssertEqual(accepted.status, 202, accepted.message.summary)
        let job = try finishedJob(accepted["id"].string ?? "", admin)
        XCTAssertEqual(job["status"]?.string, "failed")
        XCTAssertTrue(job["message"]?.string?.contains("low and high do not bound open and close") ?? false, "\(job)")
        let stats = try admin.call("getSymbolStatusStats", query: ["market": "KR"])
        XCTAssertGreaterThanOrEqual(stats["warning"].integer ?? 0, 1, "the failed download counts against the symbol")
    }
}

/// The HTTP provider on SQLite.
final class SQLiteProviderStubContractTests: ContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    override class var serverArguments: [String] { super.serverArguments + ProviderStub.arguments }
    func testASlowDownloadRefusesASecondOfTheSameSeries() throws { try suite.aSlowDownloadRefusesASecondOfTheSameSeries() }
    func testAFailingProviderIsMarket002AndAFailedJob() throws { try suite.aFailingProviderIsMarket002AndAFailedJob() }
}

/// The HTTP provider on PostgreSQL.
final class PostgresProviderStubContractTests: ContractTestCase {
    override class var backend: ContractBackend { .postgres }
    override class var serverArguments: [String] { super.serverArguments + ProviderStub.arguments }
    func testASlowDownloadRefusesASecondOfTheSameSeries() throws { try suite.aSlowDownloadRefusesASecondOfTheSameSeries() }
    func testAFailingProviderIsMarket002AndAFailedJob() throws { try suite.aFailingProviderIsMarket002AndAFailedJob() }
}
