import Foundation
import XCTest

/// Every tag's documented 503 while PostgreSQL is stopped: one operation of each tag answers
/// 503 `SERVICE_UNAVAILABLE` (a conforming `ErrorResponse`) at once, never a 500 or a hung
/// request, and the server serves again once PostgreSQL is back, without a restart.
///
/// Each call is made `anonymous` (the public operations, whose handlers meet the stopped
/// database), as a caller `seen` (a token the server has just seen, so the caller is known from
/// its cache and the operation's own reads or writes meet the stopped database), or as one
/// `unseen` (a token never used before, for operations answered from the engine's memory:
/// finding who calls needs the database). All are 503, whatever the timing: a cached caller
/// whose entry lapsed is looked up again, which fails the same way.
final class PostgresOutageContractTests: XCTestCase {
    enum Caller { case anonymous, seen, unseen }

    struct Probe {
        let tag: String
        let operation: String
        var path: [String: String] = [:]
        var query: [String: String] = [:]
        var body: JSONInstance? = nil
        let caller: Caller
    }

    static let probes: [Probe] = [
        Probe(tag: "Auth", operation: "login", body: ["username": .string(ServerProcess.adminUsername),
                                                       "password": .string(ServerProcess.adminPassword)], caller: .anonymous),
        Probe(tag: "Health", operation: "getReadiness", caller: .anonymous),
        Probe(tag: "Users", operation: "listUsers", caller: .seen),
        Probe(tag: "ApiKeys", operation: "listApiKeys", caller: .seen),
        Probe(tag: "Strategies", operation: "listStrategies", caller: .unseen),
        Probe(tag: "Orders", operation: "listOrders", caller: .seen),
        Probe(tag: "Positions", operation: "listPositions", caller: .unseen),
        Probe(tag: "Account", operation: "listBalances", caller: .unseen),
        Probe(tag: "Market", operation: "getMarketHistory", path: ["symbol": "BTC-USDT"], query: ["timeframe": "1d"], caller: .seen),
        Probe(tag: "Ranking", operation: "getSevenFactorScore", path: ["ticker": "GOOG"], caller: .unseen),
        Probe(tag: "Screening", operation: "filterScreening", body: [:], caller: .seen),
        Probe(tag: "RealityCheck", operation: "getRealityCheckHistory", caller: .seen),
        Probe(tag: "Analysis", operation: "getRiskMetrics", path: ["symbol": "GOOG"], caller: .unseen),
        Probe(tag: "Portfolio", operation: "listPortfolioPositions", caller: .unseen),
        Probe(tag: "Watchlist", operation: "listWatchlists", caller: .seen),
        Probe(tag: "Journal", operation: "listExecutions", caller: .seen),
        Probe(tag: "Monitoring", operation: "listErrors", caller: .seen),
        Probe(tag: "Symbols", operation: "listFailedSymbols", caller: .seen),
        Probe(tag: "Dataset", operation: "listDatasets", caller: .seen),
        Probe(tag: "Notifications", operation: "sendTelegramTest", body: [:], caller: .unseen),
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
        let server = try ServerProcess.start(onItsOwn: postgres, schema: "outage")
        defer { _ = server.stop() }
        let suite = try ContractSuite(server: server)
        let seen = try suite.admin()
        var unseen = try Self.probes.filter { $0.caller == .unseen }.map { _ in try suite.admin() }.makeIterator()
        for probe in Self.probes where probe.caller == .seen {
            // The caller is now in the server's cache, and the operation answers while the database is up.
            let response = try call(probe, with: seen)
            XCTAssertLessThan(response.status, 500, "\(probe.operation) before the outage: \(response.message.summary)")
        }

        try postgres.pause()
        for probe in Self.probes {
            let client = switch probe.caller {
            case .anonymous: suite.api
            case .seen: seen
            case .unseen: unseen.next()!
            }
            let asked = Date()
            let response = try call(probe, with: client)
            XCTAssertEqual(response.status, 503, "\(probe.tag): \(probe.operation) while PostgreSQL is stopped: \(response.message.summary)")
            if probe.operation != "getReadiness" {  // its 503 is the readiness report
                XCTAssertEqual(response.errorCode, "SERVICE_UNAVAILABLE", "\(probe.tag): \(response.message.summary)")
            }
            XCTAssertLessThan(Date().timeIntervalSince(asked), 5, "\(probe.operation) answers at once, never waiting for the database")
        }

        try postgres.resume()
        let ready = try suite.readiness(within: 30) { $0.status == 200 }
        XCTAssertEqual(ready.status, 200, "PostgreSQL is back: \(ready.message.summary)")
        let admin = try suite.admin()
        for probe in Self.probes {
            let response = try call(probe, with: probe.caller == .anonymous ? suite.api : admin)
            XCTAssertLessThan(response.status, 500, "\(probe.operation) once PostgreSQL is back: \(response.message.summary)")
        }
        let shutdown = server.stop()
        XCTAssertTrue(shutdown.isClean, "\(shutdown)")
    }

    private func call(_ probe: Probe, with client: ContractClient) throws -> ContractResponse {
        try client.call(probe.operation, path: probe.path, query: probe.query, body: probe.body)
    }
}
