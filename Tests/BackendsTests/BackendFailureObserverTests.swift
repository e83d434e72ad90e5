import Foundation
import Synchronization
import XCTest
@testable import Backends

/// `Backend.observeFailures`: failures of the database reach the observers; refusals of the
/// data (constraints) do not, and neither do successes.
final class BackendFailureObserverTests: XCTestCase {
    func testFailuresOfTheDatabaseAreReportedAndRefusalsOfTheDataAreNot() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("observer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("o.db").path)
        defer { backend.database.close() }
        let seen = Mutex<[StorageError]>([])
        backend.observeFailures { error in seen.withLock { $0.append(error) } }

        _ = try await backend.read { r throws(StorageError) in try r.errorLog.count() }
        let record = ErrorLogRecord(id: "e1", severity: "error", category: "system", message: "m", createdAt: 1)
        try await backend.write { r throws(StorageError) in try r.errorLog.insert(record) }
        do {
            try await backend.write { r throws(StorageError) in try r.errorLog.insert(record) }
            XCTFail("a reused id is refused")
        } catch {}
        XCTAssertEqual(seen.withLock { $0 }, [], "successes and a unique violation are not failures of the database")

        do {
            _ = try await backend.read { r throws(StorageError) in try r.connection.query("SELECT * FROM no_such_table") }
            XCTFail("a statement the database refuses fails")
        } catch {}
        let reported = seen.withLock { $0 }
        XCTAssertEqual(reported.count, 1)
        if case .failed = reported.first {} else { XCTFail("reported \(reported)") }
    }
}
