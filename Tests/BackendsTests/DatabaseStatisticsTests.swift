import Foundation
import XCTest
@testable import Backends

/// What `/metrics` reads of a database: the latency histogram's buckets and the connections'
/// statistics while transactions run and wait.
final class DatabaseStatisticsTests: XCTestCase {
    func testTheHistogramCountsEachDurationInTheFirstBucketThatHoldsIt() {
        let histogram = LatencyHistogram(bounds: [0.001, 0.01, 0.1])
        for milliseconds in [0, 1, 5, 50, 50, 3000] { histogram.observe(.milliseconds(milliseconds)) }
        let snapshot = histogram.snapshot
        XCTAssertEqual(snapshot.cumulative, [2, 3, 5, 6], "le 1 ms holds 0 and 1 ms; +Inf holds everything")
        XCTAssertEqual(snapshot.count, 6)
        XCTAssertEqual(snapshot.sum, 3.106, accuracy: 1e-9)
        XCTAssertEqual(LatencyHistogram(bounds: [1, .infinity, -1, 0.5]).bounds, [0.5, 1], "finite positive bounds, sorted")
    }

    func testABackendTimesItsReadsAndWrites() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stats-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("t.db").path, poolSize: 2)
        defer { backend.database.close() }
        let (reads, writes) = (backend.timings.reads.snapshot.count, backend.timings.writes.snapshot.count)
        _ = try await backend.read { repositories throws(StorageError) in try repositories.users.count() }
        _ = try await backend.write { repositories throws(StorageError) in try repositories.users.count() }
        XCTAssertEqual(backend.timings.reads.snapshot.count, reads + 1)
        XCTAssertEqual(backend.timings.writes.snapshot.count, writes + 1)
    }

    func testSQLiteCountsBusyConnectionsAndWaitingJobs() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("t.db").path, readers: 1)
        XCTAssertEqual(database.poolStatistics, SQLPoolStatistics(size: 2, open: 2, inUse: 0, waiting: 0))
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        // Two writes: the first holds the writer until released, the second waits behind it.
        let first = Task { try await database.write { _ throws(StorageError) in started.signal(); release.wait() } }
        started.wait()
        let second = Task { try await database.write { _ throws(StorageError) in } }
        var statistics = database.poolStatistics
        for _ in 0..<100 where statistics.waiting == 0 {
            try await Task.sleep(for: .milliseconds(10))
            statistics = database.poolStatistics
        }
        XCTAssertEqual(statistics, SQLPoolStatistics(size: 2, open: 2, inUse: 1, waiting: 1))
        release.signal()
        try await first.value
        try await second.value
        XCTAssertEqual(database.poolStatistics.inUse, 0)
        database.close()
        XCTAssertEqual(database.poolStatistics.open, 0, "a closed database has no open connection")
    }
}
