import Foundation
import XCTest
@testable import Backends

/// The dataset jobs' storage contract.
extension ConformanceSuite {
    static func datasetJob(_ id: String, status: String = "queued", timeframe: String = "1d", createdAt: Int) -> DatasetJobRecord {
        DatasetJobRecord(id: id, ticker: "005930", market: "KR", timeframe: timeframe, status: status,
                         request: #"{"symbol": "005930", "market": "KR", "timeframe": "1d"}"#, createdAt: createdAt, updatedAt: createdAt)
    }

    func datasetJobsTrackProgress() async throws {
        let first = Self.datasetJob("j1", createdAt: Self.now)
        try await backend.write { r throws(StorageError) in
            try r.datasetJobs.insert(first)
            try r.datasetJobs.insert(Self.datasetJob("j2", status: "completed", createdAt: Self.now + 1))
            // Another series: one job a series may be queued or running.
            try r.datasetJobs.insert(Self.datasetJob("j3", timeframe: "1w", createdAt: Self.now + 2))
        }
        let stored = try await backend.read { r throws(StorageError) in try r.datasetJobs.find(id: "j1") }
        XCTAssertEqual(Self.jsonValue(stored?.request), Self.jsonValue(first.request))
        var expected = first
        expected.request = stored?.request ?? ""
        XCTAssertEqual(stored, expected)
        var running = first
        running.status = "running"
        running.progress = 45.5
        running.fetched = 675
        running.updatedAt = Self.now + 30
        let update = running
        let updated = try await backend.write { r throws(StorageError) in try r.datasetJobs.update(update) }
        XCTAssertTrue(updated)
        let after = try await backend.read { r throws(StorageError) in try r.datasetJobs.find(id: "j1") }
        XCTAssertEqual(after?.status, "running")
        XCTAssertEqual(after?.progress, 45.5)
        XCTAssertEqual(after?.fetched, 675)
        XCTAssertEqual(after?.updatedAt, Self.now + 30)
        let recent = try await backend.read { r throws(StorageError) in try r.datasetJobs.list(limit: 2).map(\.id) }
        XCTAssertEqual(recent, ["j3", "j2"], "newest first")
        let active = try await backend.read { r throws(StorageError) in try r.datasetJobs.active().map(\.id) }
        XCTAssertEqual(active, ["j1", "j3"], "oldest first")
        var failed = running
        failed.id = "missing"
        let ghost = failed
        let updatedGhost = try await backend.write { r throws(StorageError) in try r.datasetJobs.update(ghost) }
        XCTAssertFalse(updatedGhost)
        failed.id = "j1"
        failed.status = "failed"
        failed.message = "provider unavailable"
        let failure = failed
        _ = try await backend.write { r throws(StorageError) in try r.datasetJobs.update(failure) }
        let failedStored = try await backend.read { r throws(StorageError) in try r.datasetJobs.find(id: "j1") }
        XCTAssertEqual(failedStored?.message, "provider unavailable")
        let stillActive = try await backend.read { r throws(StorageError) in try r.datasetJobs.active().map(\.id) }
        XCTAssertEqual(stillActive, ["j3"])
    }

    func oneDownloadOfASeriesIsQueuedOrRunningAtATime() async throws {
        try await backend.write { r throws(StorageError) in
            try r.datasetJobs.insert(Self.datasetJob("done", status: "completed", createdAt: Self.now))
            try r.datasetJobs.insert(Self.datasetJob("gone", status: "failed", createdAt: Self.now + 1))
            try r.datasetJobs.insert(Self.datasetJob("j1", createdAt: Self.now + 2))
        }
        await assertWriteRefusedWith("a second queued job of the series", { if case .uniqueViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.datasetJobs.insert(Self.datasetJob("j2", createdAt: Self.now + 3))
        }
        await assertWriteRefusedWith("a running job of the series", { if case .uniqueViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.datasetJobs.insert(Self.datasetJob("j2", status: "running", createdAt: Self.now + 3))
        }
        let active = try await backend.read { r throws(StorageError) in try r.datasetJobs.active(ticker: "005930", market: "KR", timeframe: "1d") }
        XCTAssertEqual(active?.id, "j1")
        var finished = try XCTUnwrap(active)
        finished.status = "completed"
        let completed = finished
        try await backend.write { r throws(StorageError) in
            try r.datasetJobs.update(completed)
            try r.datasetJobs.insert(Self.datasetJob("j2", createdAt: Self.now + 4))
            try r.datasetJobs.insert(Self.datasetJob("other", timeframe: "1h", createdAt: Self.now + 5))
        }
        let counts = try await backend.read { r throws(StorageError) in try r.datasetJobs.countsByStatus() }
        XCTAssertEqual(counts, ["queued": 2, "running": 0, "completed": 2, "failed": 1])
    }

    func staleJobsAreFailedAndHeartbeatsKeepJobsAlive() async throws {
        try await backend.write { r throws(StorageError) in
            try r.datasetJobs.insert(Self.datasetJob("old", createdAt: Self.now))
            try r.datasetJobs.insert(Self.datasetJob("held", timeframe: "1w", createdAt: Self.now))
            try r.datasetJobs.insert(Self.datasetJob("beaten", timeframe: "1h", createdAt: Self.now))
            try r.datasetJobs.insert(Self.datasetJob("fresh", timeframe: "1M", createdAt: Self.now + 50))
            try r.datasetJobs.insert(Self.datasetJob("finished", status: "completed", timeframe: "5m", createdAt: Self.now))
        }
        let touched = try await backend.write { r throws(StorageError) in
            try r.datasetJobs.touch(ids: ["beaten", "finished", "missing"], at: Self.now + 60)
        }
        XCTAssertEqual(touched, 1, "only a queued or running job is beaten")
        let failed = try await backend.write { r throws(StorageError) in
            try r.datasetJobs.failStale(before: Self.now + 40, excluding: ["held"], message: "interrupted by a restart", at: Self.now + 70)
        }
        XCTAssertEqual(failed.map(\.id), ["old"])
        let stored = try await backend.read { r throws(StorageError) in
            try ["old", "held", "beaten", "fresh", "finished"].map { id throws(StorageError) in try r.datasetJobs.find(id: id) }
        }
        XCTAssertEqual(stored.map { $0?.status }, ["failed", "queued", "queued", "queued", "completed"])
        XCTAssertEqual(stored[0]?.message, "interrupted by a restart")
        XCTAssertEqual(stored[0]?.updatedAt, Self.now + 70)
        XCTAssertEqual(stored[2]?.updatedAt, Self.now + 60)
        XCTAssertEqual(stored[4]?.updatedAt, Self.now, "a finished job is not touched")
    }

    func datasetJobsRefuseUnknownStatesAndRequests() async throws {
        let isConstraint: (StorageError) -> Bool = { if case .constraintViolation = $0 { true } else { false } }
        await assertWriteRefusedWith("status paused", isConstraint) { r throws(StorageError) in
            try r.datasetJobs.insert(Self.datasetJob("j1", status: "paused", createdAt: Self.now))
        }
        await assertWriteRefusedWith("request not JSON", isConstraint) { r throws(StorageError) in
            var job = Self.datasetJob("j1", createdAt: Self.now)
            job.request = "symbol=005930"
            try r.datasetJobs.insert(job)
        }
        try await backend.write { r throws(StorageError) in try r.datasetJobs.insert(Self.datasetJob("j1", createdAt: Self.now)) }
        await assertWriteRefusedWith("progress 101", isConstraint) { r throws(StorageError) in
            var job = Self.datasetJob("j1", createdAt: Self.now)
            job.progress = 101
            try r.datasetJobs.update(job)
        }
        await assertWriteRefusedWith("a reused id", { if case .uniqueViolation = $0 { true } else { false } }) { r throws(StorageError) in
            try r.datasetJobs.insert(Self.datasetJob("j1", createdAt: Self.now))
        }
    }
}

/// The dataset job conformance suite on SQLite.
final class SQLiteDatasetJobConformanceTests: SQLiteBackendTestCase {
    func testDatasetJobsTrackProgress() async throws { try await suite.datasetJobsTrackProgress() }
    func testDatasetJobsRefuseUnknownStatesAndRequests() async throws { try await suite.datasetJobsRefuseUnknownStatesAndRequests() }
    func testOneDownloadOfASeriesIsQueuedOrRunningAtATime() async throws { try await suite.oneDownloadOfASeriesIsQueuedOrRunningAtATime() }
    func testStaleJobsAreFailedAndHeartbeatsKeepJobsAlive() async throws { try await suite.staleJobsAreFailedAndHeartbeatsKeepJobsAlive() }
}

/// The dataset job conformance suite on PostgreSQL.
final class PostgresDatasetJobConformanceTests: PostgresBackendTestCase {
    func testDatasetJobsTrackProgress() async throws { try await suite.datasetJobsTrackProgress() }
    func testDatasetJobsRefuseUnknownStatesAndRequests() async throws { try await suite.datasetJobsRefuseUnknownStatesAndRequests() }
    func testOneDownloadOfASeriesIsQueuedOrRunningAtATime() async throws { try await suite.oneDownloadOfASeriesIsQueuedOrRunningAtATime() }
    func testStaleJobsAreFailedAndHeartbeatsKeepJobsAlive() async throws { try await suite.staleJobsAreFailedAndHeartbeatsKeepJobsAlive() }
}
