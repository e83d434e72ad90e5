import Foundation
import XCTest
@testable import Backends

/// The dataset jobs' storage contract.
extension ConformanceSuite {
    static func datasetJob(_ id: String, status: String = "queued", createdAt: Int) -> DatasetJobRecord {
        DatasetJobRecord(id: id, ticker: "005930", market: "KR", timeframe: "1d", status: status,
                         request: #"{"symbol": "005930", "market": "KR", "timeframe": "1d"}"#, createdAt: createdAt, updatedAt: createdAt)
    }

    func datasetJobsTrackProgress() async throws {
        let first = Self.datasetJob("j1", createdAt: Self.now)
        try await backend.write { r throws(StorageError) in
            try r.datasetJobs.insert(first)
            try r.datasetJobs.insert(Self.datasetJob("j2", status: "completed", createdAt: Self.now + 1))
            try r.datasetJobs.insert(Self.datasetJob("j3", createdAt: Self.now + 2))
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
}

/// The dataset job conformance suite on PostgreSQL.
final class PostgresDatasetJobConformanceTests: PostgresBackendTestCase {
    func testDatasetJobsTrackProgress() async throws { try await suite.datasetJobsTrackProgress() }
    func testDatasetJobsRefuseUnknownStatesAndRequests() async throws { try await suite.datasetJobsRefuseUnknownStatesAndRequests() }
}
