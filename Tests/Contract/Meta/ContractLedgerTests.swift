import Foundation
import XCTest

/// Holds a whole contract run to the spec. `scripts/test.sh` runs the suite on SQLite and
/// PostgreSQL with `TRADING_CONTRACT_LEDGER` set (see `ContractLedger`), then runs this class
/// alone with `TRADING_CONTRACT_LEDGER_CHECK` naming the same folder: on each backend, every
/// operation must have answered each documented success and 4xx status, conforming, and every
/// kind of WebSocket message of each endpoint (`serverMessage` and `clientMessage` branches)
/// must have crossed; each tag whose operations document 503 must have answered one on
/// PostgreSQL once the database was stopped. Skipped in a run that is itself being recorded.
final class ContractLedgerTests: XCTestCase {
    static let variable = "TRADING_CONTRACT_LEDGER_CHECK"

    /// The lines of the run's ledger; skips without `TRADING_CONTRACT_LEDGER_CHECK`.
    static func ledger() throws -> [[String]] {
        guard let folder = ProcessInfo.processInfo.environment[variable], !folder.isEmpty else {
            throw XCTSkip("\(variable) is not set: scripts/test.sh checks the ledger of the whole run")
        }
        let lines = try ContractLedger.read(folder: folder)
        XCTAssertFalse(lines.isEmpty, "the ledger in \(folder) is empty")
        return lines
    }

    func testEveryDocumentedStatusAndMessageWasExercisedOnBothBackends() throws {
        let seen = Set(try Self.ledger().map { $0.joined(separator: "\t") })
        let missing = try Self.expectations(spec: try SpecDocument.shared()).filter { !seen.contains($0.line) }
        for backend in [ContractBackend.sqlite, .postgres] {
            let gaps = missing.filter { $0.backend == backend }
            if !gaps.isEmpty {
                XCTFail("on \(backend.rawValue), \(gaps.count) documented answers or messages no contract test exercised:\n"
                    + gaps.map(\.reason).joined(separator: "\n"))
            }
        }
    }

    /// A line the ledger must hold, and what its absence means.
    struct Expectation {
        let backend: ContractBackend
        let line: String
        let reason: String
    }

    /// Every line a complete run writes, per backend; 503s are one per tag, on PostgreSQL
    /// (any operation of the tag), so they are checked by the alternatives they allow.
    static func expectations(spec: SpecDocument) throws -> [Expectation] {
        var expected: [Expectation] = []
        for backend in [ContractBackend.sqlite, .postgres] {
            for operation in spec.operations {
                for status in operation.documentedStatuses where status.hasPrefix("2") || status.hasPrefix("4") {
                    expected.append(Expectation(backend: backend, line: [backend.rawValue, "http", operation.id, status].joined(separator: "\t"),
                                                reason: "  \(operation.id) \(status)"))
                }
            }
            for endpoint in spec.root["x-websocket"]?.array ?? [] {
                guard let path = endpoint["path"]?.string else { continue }
                for (direction, member) in [("server", "serverMessage"), ("client", "clientMessage")] {
                    guard let schema = endpoint[member] else { continue }
                    for kind in try MessageKinds(of: schema, in: spec.root).names {
                        expected.append(Expectation(backend: backend, line: [backend.rawValue, "ws", path, direction, kind].joined(separator: "\t"),
                                                    reason: "  \(path) \(direction) message \(kind)"))
                    }
                }
            }
        }
        return expected
    }

    func testEachTagAnswered503OnPostgreSQLWhenTheDatabaseStopped() throws {
        let seen = Set(try Self.ledger().filter { $0.count == 4 && $0[0] == "postgres" && $0[3] == "503" }.map { $0[2] })
        let spec = try SpecDocument.shared()
        var tags: [String: [String]] = [:]
        for operation in spec.operations where operation.documentedStatuses.contains("503") {
            for tag in operation.node["tags"]?.array?.compactMap(\.string) ?? [] { tags[tag, default: []].append(operation.id) }
        }
        for (tag, operations) in tags.sorted(by: { $0.key < $1.key }) where !operations.contains(where: seen.contains) {
            XCTFail("no operation of \(tag) answered 503 on PostgreSQL (documented by \(operations.joined(separator: ", ")))")
        }
    }
}
