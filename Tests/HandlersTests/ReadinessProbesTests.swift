import Backends
import Foundation
import Generated
import Handlers
import XCTest

/// The database probe of `/health/ready` on a real SQLite file: a round trip measured when the
/// database answers, unhealthy in bounded time when it does not.
final class ReadinessProbesTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ready-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testAnAnsweringDatabaseIsHealthyWithItsLatency() async throws {
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("t.db").path, readers: 1)
        defer { database.close() }
        let health = await ReadinessProbes.database(database)()
        XCTAssertEqual(health.status, .healthy)
        XCTAssertNotNil(health.latencyMs)
    }

    func testADatabaseThatDoesNotAnswerIsUnhealthyWhenTheTimeoutEnds() async throws {
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("t.db").path, readers: 1)
        let release = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        // The only reader is held, so the ping waits behind it, as behind a hung query.
        let held = Task { try await database.read { _ throws(StorageError) in holding.signal(); release.wait() } }
        holding.wait()
        let started = ContinuousClock.now
        let health = await ReadinessProbes.database(database, timeout: .milliseconds(300))()
        let waited = ContinuousClock.now - started
        XCTAssertEqual(health.status, .unhealthy)
        XCTAssertEqual(health.message, "no answer within 300 ms")
        XCTAssertLessThan(waited, .seconds(1.5), "the probe answers when its timeout ends, not when the database does")
        release.signal()
        try await held.value
        database.close()
        let closed = await ReadinessProbes.database(database)()
        XCTAssertEqual(closed.status, .unhealthy, "a closed database is not ready")
        XCTAssertTrue(closed.message?.contains("closed") ?? false, "\(String(describing: closed.message))")
    }
}
