import Foundation
import XCTest
@testable import Backends
import Primitives

/// A process writing orders is killed with SIGKILL mid-stream; every write it acknowledged
/// (its transaction returned) must be in the database afterwards, and the SQLite file must
/// pass `integrity_check`. The writer is this test bundle itself, started again with
/// `TRADING_CRASH_WRITER_DATABASE` set so that only `testChildWriterWhenLaunchedByTheParent`
/// runs in it and writes until it is killed.
final class CrashSafetyTests: XCTestCase {
    private static let databaseVariable = "TRADING_CRASH_WRITER_DATABASE"
    /// Acknowledged writes to wait for before the kill.
    private static let acknowledgementsBeforeKill = 300

    func testSQLiteKeepsEveryAcknowledgedOrderAfterSIGKILL() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let setting = "sqlite:" + directory.appendingPathComponent("trading.db").path
        let acknowledged = try killWriterMidStream(database: setting)

        let database = try SQLiteDatabase(path: directory.appendingPathComponent("trading.db").path)
        defer { database.close() }
        let integrity = try await database.integrityCheck()
        XCTAssertEqual(integrity, ["ok"])
        try await assertStored(acknowledged, in: Backend(database: database))
    }

    func testPostgreSQLKeepsEveryAcknowledgedOrderAfterSIGKILL() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        let setting = try await PostgresDatabase.url(url, selectingEmptySchema: "crash")
        let acknowledged = try killWriterMidStream(database: setting)
        let backend = try await Backend.open(setting, poolSize: 1)
        defer { backend.database.close() }
        try await assertStored(acknowledged, in: backend)
    }

    /// Not a test of its own: the body of the child process.
    func testChildWriterWhenLaunchedByTheParent() async throws {
        guard let setting = ProcessInfo.processInfo.environment[Self.databaseVariable] else {
            throw XCTSkip("runs only as the child process of the crash-safety tests")
        }
        let backend = try await Backend.open(setting, poolSize: 1)
        var index = 0
        while true {
            let order = OrderRecord(
                id: String(format: "crash-%08d", index), symbol: "BTC/USDT", side: index % 2 == 0 ? "Buy" : "Sell",
                orderType: "Limit", quantity: ExactDecimal("0.1")! + ExactDecimal("0.2")!, price: ExactDecimal("50000.01"),
                status: "Open", createdAt: 1_769_601_600_000 + index, updatedAt: 1_769_601_600_000 + index)
            try await backend.write { r throws(StorageError) in try r.orders.insert(order) }
            // The line goes out only after the commit returned: it is the acknowledgement.
            FileHandle.standardOutput.write(Data("ack \(order.id)\n".utf8))
            index += 1
        }
    }

    /// Starts the writer, reads acknowledgements until enough arrived, kills it with
    /// SIGKILL while it keeps writing, and returns every acknowledged order id.
    private func killWriterMidStream(database setting: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["BackendsTests.CrashSafetyTests/testChildWriterWhenLaunchedByTheParent"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.databaseVariable] = setting
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()

        var acknowledged: [String] = []
        var pending = Data()
        let reader = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(60)
        while acknowledged.count < Self.acknowledgementsBeforeKill && Date() < deadline {
            let chunk = reader.availableData
            if chunk.isEmpty { break }  // the child exited
            pending.append(chunk)
            acknowledged += Self.takeAcknowledgements(from: &pending)
        }
        kill(process.processIdentifier, SIGKILL)
        // Whatever the child acknowledged before it died counts too.
        pending.append(reader.readDataToEndOfFile())
        acknowledged += Self.takeAcknowledgements(from: &pending)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the writer was killed, it did not stop by itself")
        XCTAssertGreaterThanOrEqual(acknowledged.count, Self.acknowledgementsBeforeKill)
        return acknowledged
    }

    private static func takeAcknowledgements(from buffer: inout Data) -> [String] {
        var ids: [String] = []
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
            buffer.removeSubrange(buffer.startIndex...newline)
            if line.hasPrefix("ack ") { ids.append(String(line.dropFirst(4))) }
        }
        return ids
    }

    private func assertStored(_ acknowledged: [String], in backend: Backend) async throws {
        let stored = try await backend.read { r throws(StorageError) in
            try r.orders.list(statuses: ["Open"], limit: 1_000_000).map(\.id)
        }
        let storedSet = Set(stored)
        let missing = acknowledged.filter { !storedSet.contains($0) }
        XCTAssertEqual(missing, [], "acknowledged orders lost by the crash")
        let sample = try await backend.read { r throws(StorageError) in try r.orders.find(id: acknowledged[0]) }
        XCTAssertEqual(sample?.quantity.description, "0.3")
    }
}
