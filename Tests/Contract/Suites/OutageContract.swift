import Foundation
import XCTest

/// Every tag's documented 503 while PostgreSQL is stopped: one operation of each tag answers
/// 503 `SERVICE_UNAVAILABLE` (a conforming `ErrorResponse`) at once, never a 500 or a hung
/// request, and the server serves again once PostgreSQL is back, without a restart.
///
/// Each call is either `handler` (made with a token the server has just seen, so the caller is
/// known from its cache and the operation's own reads or writes meet the stopped database) or
/// `authentication` (made with a token never used before, for operations answered from the
/// engine's memory: finding who calls needs the database). Both are 503, whatever the timing: a
/// cached caller whose entry lapsed is looked up again, which fails the same way.
final class PostgresOutageContractTests: XCTestCase {
    enum Path { case handler, authentication }

    struct Probe {
        let tag: String
        let operation: String
        var path: [String: String] = [:]
        var query: [String: String] = [:]
        var body: JSONInstance? = nil
        let reaches: Path
    }

    static let probes: [Probe] = [
        Probe(tag: "Auth", operation: "login", body: ["username": .string(ServerProcess.adminUsername),
                                                       "password": .string(ServerProcess.adminPassword)], reaches: .handler),
        Probe(tag: "Health", operation: "getReadiness", reaches: .handler),
        Probe(tag: "Users", operation: "listUsers", reaches: .handler),
        Probe(tag: "ApiKeys", operation: "listApiKeys", reaches: .handler),
        Probe(tag: "Strategies", operation: "listStrategies", reaches: .authentication),
        Probe(tag: "Orders", operation: "listOrders", reaches: .handler),
        Probe(tag: "Positions", operation: "listPositions", reaches: .authentication),
        Probe(tag: "Account", operation: "listBalances", reaches: .authentication),
        Probe(tag: "Market", operation: "getMarketHistory", path: ["symbol": "BTC-USDT"], query: ["timeframe": "1d"], reaches: .handler),
        Probe(tag: "Ranking", operation: "getSevenFactorScore", path: ["ticker": "GOOG"], reaches: .authentication),
        Probe(tag: "Screening", operation: "filterScreening", body: [:], reaches: .handler),
        Probe(tag: "RealityCheck", operation: "getRealityCheckHistory", reaches: .handler),
        Probe(tag: "Analysis", operation: "getRiskMetrics", path: ["symbol": "GOOG"], reaches: .authentication),
        Probe(tag: "Portfolio", operation: "listPortfolioPositions", reaches: .authentication),
        Probe(tag: "Watchlist", operation: "listWatchlists", reaches: .handler),
        Probe(tag: "Journal", operation: "listExecutions", reaches: .handler),
        Probe(tag: "Monitoring", operation: "listErrors", reaches: .handler),
        Probe(tag: "Symbols", operation: "listFailedSymbols", reaches: .handler),
        Probe(tag: "Dataset", operation: "listDatasets", reaches: .handler),
        Probe(tag: "Notifications", operation: "sendTelegramTest", body: [:], reaches: .authentication),
    ]

    func testEveryTagAnswers503WhilePostgreSQLIsStoppedAndServesOnceItIsBack() throws {
        guard PostgresTestServer.isInstalled else { throw XCTSkip("no PostgreSQL server under /usr/lib/postgresql") }
        let spec = try SpecDocument.shared()
        // Every tag whose operations document 503 has its probe, and each probe documents it.
        var tags = Set<String>()
        for operation in spec.operations where operation.documentedStatuses.contains("503") {
            tags.formUnion(operation.node["tags"]?.array?.compactMap(\.string) ?? [])
        }
        XCTAssertEqual(Set(Self.probes.map(\.tag)), tags, "one probe per tag documenting 503")
        for probe in Self.probes {
            let operation = try spec.operation(probe.operation)
            XCTAssertTrue(operation.documentedStatuses.contains("503"), "\(probe.operation) documents 503")
            XCTAssertTrue(operation.node["tags"]?.array?.contains(.string(probe.tag)) ?? false, "\(probe.operation) is of \(probe.tag)")
        }

        let postgres = try PostgresTestServer.start()
        defer { try? postgres.remove() }
        try PostgresShell.run(sql: "CREATE SCHEMA outage", on: postgres.url)
        let server = try ServerProcess.start(on: .postgres(serverURL: postgres.url, schema: "outage"), backend: .postgres,
                                             arguments: ContractTestCase.serverArguments)
        defer { _ = server.stop() }
        let suite = try ContractSuite(server: server)
        let seen = try suite.admin()
        let unseen = try Self.probes.filter { $0.reaches == .authentication }.map { _ in try suite.admin() }
        for probe in Self.probes where probe.reaches == .handler && probe.operation != "login" {
            // The caller is now in the server's cache, and the operation answers while the database is up.
            let response = try call(probe, with: seen)
            XCTAssertLessThan(response.status, 500, "\(probe.operation) before the outage: \(response.message.summary)")
        }

        try postgres.pause()
        var fresh = unseen.makeIterator()
        for probe in Self.probes {
            let client = probe.reaches == .handler ? seen : fresh.next()!
            let asked = Date()
            let response = try call(probe, with: probe.operation == "login" ? suite.api : client)
            XCTAssertEqual(response.status, 503, "\(probe.tag): \(probe.operation) while PostgreSQL is stopped: \(response.message.summary)")
            if probe.operation != "getReadiness" {
                XCTAssertEqual(response.errorCode, "SERVICE_UNAVAILABLE", "\(probe.tag): \(response.message.summary)")
            }
            XCTAssertLessThan(Date().timeIntervalSince(asked), 5, "\(probe.operation) answers at once, never waiting for the database")
        }

        try postgres.resume()
        let deadline = Date().addingTimeInterval(30)
        var ready = try suite.api.call("getReadiness")
        while ready.status != 200, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.25)
            ready = try suite.api.call("getReadiness")
        }
        XCTAssertEqual(ready.status, 200, "PostgreSQL is back: \(ready.message.summary)")
        let admin = try suite.admin()
        for probe in Self.probes where probe.operation != "login" {
            let response = try call(probe, with: admin)
            XCTAssertLessThan(response.status, 500, "\(probe.operation) once PostgreSQL is back: \(response.message.summary)")
        }
        let shutdown = server.stop()
        XCTAssertTrue(shutdown.isClean, "\(shutdown)")
    }

    private func call(_ probe: Probe, with client: ContractClient) throws -> ContractResponse {
        try client.call(probe.operation, path: probe.path, query: probe.query, body: probe.body)
    }
}
