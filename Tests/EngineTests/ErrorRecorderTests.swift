@testable import Backends
@testable import Engine
import Foundation
import Primitives
import Synchronization
import XCTest

/// The error recorder: queues without waiting, writes in batches, keeps errors while the
/// database refuses them and records the outage once it is back, and prunes by age and count.
final class ErrorRecorderTests: XCTestCase {
    private var directory: URL!
    private var backend: Backend!
    private let day = 86_400_000

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("e.db").path)
    }

    override func tearDown() async throws {
        backend.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    private func stored() async throws -> [ErrorLogRecord] {
        try await backend.read { r throws(StorageError) in try r.errorLog.list(limit: 1000) }
    }

    func testRecordsQueueAndFlushInOneBatchWithObserversSeeingThem() async throws {
        let clock = ManualClock(10 * day)
        let recorder = ErrorRecorder(backend: backend, clock: clock, seed: 1)
        let seen = Mutex<[String]>([])
        recorder.observe { record in seen.withLock { $0.append(record.category) } }
        recorder.record(.warning, .provider, "provider timed out", details: .object([JSONMember("symbol", .string("BTC-USDT"))]))
        recorder.record(.error, .exchange, "order rejected")
        let before = try await stored()
        XCTAssertEqual(before.count, 0, "record only queues")
        XCTAssertEqual(seen.withLock { $0 }, ["provider", "exchange"])
        try await recorder.flush()
        let records = try await stored()
        XCTAssertEqual(Set(records.map(\.category)), ["provider", "exchange"])
        XCTAssertEqual(records.first { $0.category == "provider" }?.severity, "warning")
        let details = try XCTUnwrap(records.first { $0.category == "provider" }?.details)
        XCTAssertEqual(try JSONParser.parse(details), .object([JSONMember("symbol", .string("BTC-USDT"))]))
        XCTAssertEqual(recorder.counts.recorded, 2)
        XCTAssertEqual(recorder.counts.queued, 0)
    }

    func testAFullQueueDropsTheOldestAndCountsIt() async throws {
        let recorder = ErrorRecorder(backend: backend, clock: ManualClock(day), capacity: 3, seed: 2)
        for index in 0..<5 { recorder.record(.warning, .system, "error \(index)") }
        XCTAssertEqual(recorder.counts.dropped, 2)
        try await recorder.flush()
        let messages = try await stored().map(\.message)
        XCTAssertEqual(Set(messages), ["error 2", "error 3", "error 4"])
    }

    func testCoalescingCountsARepeatWithinTheWindowOnce() async throws {
        let clock = ManualClock(day)
        let recorder = ErrorRecorder(backend: backend, clock: clock, seed: 6)
        for _ in 0..<5 { recorder.record(.error, .database, "candles not stored", coalescing: 60_000) }
        recorder.record(.error, .database, "another message", coalescing: 60_000)
        clock.advance(by: 60_000)
        recorder.record(.error, .database, "candles not stored", coalescing: 60_000)
        XCTAssertEqual(recorder.counts.suppressed, 4)
        try await recorder.flush()
        let messages = try await stored().map(\.message).sorted()
        XCTAssertEqual(messages, ["another message", "candles not stored", "candles not stored"])
    }

    func testAFailedWriteKeepsTheErrorsAndRecordsTheOutageWhenTheDatabaseIsBack() async throws {
        let clock = ManualClock(day)
        let recorder = ErrorRecorder(backend: backend, clock: clock, seed: 3)
        recorder.record(.error, .exchange, "kept through the outage")
        // A table the insert cannot use stands for a database that refuses writes.
        try await backend.write { r throws(StorageError) in _ = try r.connection.execute("ALTER TABLE error_log RENAME TO error_log_away") }
        do {
            try await recorder.flush()
            XCTFail("the write should fail")
        } catch {}
        clock.advance(by: 5000)
        do { try await recorder.flush() } catch {}
        XCTAssertEqual(recorder.counts.queued, 1)
        try await backend.write { r throws(StorageError) in _ = try r.connection.execute("ALTER TABLE error_log_away RENAME TO error_log") }
        try await recorder.flush()
        let records = try await stored()
        XCTAssertEqual(records.count, 2)
        XCTAssertTrue(records.contains { $0.message == "kept through the outage" })
        let outage = try XCTUnwrap(records.first { $0.category == "database" })
        XCTAssertEqual(outage.severity, "critical")
        XCTAssertTrue(outage.message.hasPrefix("The database refused writes for 5 s (2 attempts)"), outage.message)
        // A later flush records no second outage.
        recorder.record(.warning, .system, "after")
        try await recorder.flush()
        let outages = try await stored().filter { $0.category == "database" }
        XCTAssertEqual(outages.count, 1)
    }

    func testPruneDropsOldErrorsAndKeepsTheNewestRows() async throws {
        let clock = ManualClock(100 * day)
        let recorder = ErrorRecorder(backend: backend, clock: clock, retention: ErrorRetention(days: 30, maxRows: 3), seed: 4)
        let day = day
        try await backend.write { r throws(StorageError) in
            // Two older than 30 days, five recent: one of them on the same millisecond as another.
            let times = [10 * day, 60 * day, 80 * day, 90 * day, 95 * day, 99 * day, 99 * day]
            for (index, time) in times.enumerated() {
                try r.errorLog.insert(ErrorLogRecord(id: "id-\(index)", severity: "error", category: "system", message: "e\(index)", createdAt: time))
            }
        }
        let deleted = try await recorder.prune()
        XCTAssertEqual(deleted, 4)
        let kept = try await stored().map(\.id)
        XCTAssertEqual(kept, ["id-5", "id-6", "id-4"])
    }

    func testRunWritesWhatIsRecordedWithoutAFlushCall() async throws {
        let recorder = ErrorRecorder(backend: backend, clock: SystemClock(), seed: 5)
        let task = Task { await recorder.run(interval: 20) }
        defer { task.cancel() }
        recorder.record(.critical, .strategy, "written by run")
        for _ in 0..<100 where try await stored().isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        let written = try await stored().map(\.message)
        XCTAssertEqual(written, ["written by run"])
    }
}
