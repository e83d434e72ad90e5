import Foundation
import XCTest
@testable import Backends

/// A fresh SQLite file per test. Subclasses name their tests (XCTest on Linux runs only
/// the methods a class declares itself), so each conformance file has one subclass per backend.
class SQLiteBackendTestCase: XCTestCase {
    private var directory: URL!
    var backend: Backend!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("trading.db").path)
    }

    override func tearDown() async throws {
        backend?.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    var suite: ConformanceSuite { ConformanceSuite(backend: backend) }
}

/// The conformance suite on SQLite.
final class SQLiteConformanceTests: SQLiteBackendTestCase {
    func testMigrationsAreRecordedAndIdempotent() async throws { try await suite.migrationsAreRecordedAndIdempotent() }
    func testUsersRoundTripAndUsernamesAreUnique() async throws { try await suite.usersRoundTripAndUsernamesAreUnique() }
    func testUsernamesAreUniqueWhateverTheirCaseAndFoundExactly() async throws { try await suite.usernamesAreUniqueWhateverTheirCaseAndFoundExactly() }
    func testDeletingAUserRemovesTheirKeysAndTokens() async throws { try await suite.deletingAUserRemovesTheirKeysAndTokens() }
    func testAPIKeysNeedAnOwnerAndTrackUseAndRevocation() async throws { try await suite.apiKeysNeedAnOwnerAndTrackUseAndRevocation() }
    func testRefreshTokensAreSpentOnceAndRevokedByFamily() async throws { try await suite.refreshTokensAreSpentOnceAndRevokedByFamily() }
    func testRevokingAllTokensOfAUserCanKeepOneFamily() async throws { try await suite.revokingAllTokensOfAUserCanKeepOneFamily() }
    func testOrdersKeepExactDecimalsAndFilterByStatus() async throws { try await suite.ordersKeepExactDecimalsAndFilterByStatus() }
    func testAFailingTransactionLeavesNothingBehind() async throws { try await suite.aFailingTransactionLeavesNothingBehind() }
    func testBatchedOrdersRoundTripThroughTheBulkPath() async throws { try await suite.batchedOrdersRoundTripThroughTheBulkPath() }
    func testConcurrentWritersAllLand() async throws { try await suite.concurrentWritersAllLand() }
    func testCandlesAreReplacedAndSummarised() async throws { try await suite.candlesAreReplacedAndSummarised() }
    func testTimestampsSurviveAnyTimeZone() async throws { try await suite.timestampsSurviveAnyTimeZone() }
    func testSettingsHoldJSON() async throws { try await suite.settingsHoldJSON() }
}

/// The throwaway PostgreSQL server of `make test` (`TRADING_TEST_POSTGRES_URL`), in a
/// schema of its own recreated for every test; skipped when the variable is not set.
class PostgresBackendTestCase: XCTestCase {
    var backend: Backend!

    override func setUp() async throws {
        guard let url = ProcessInfo.processInfo.environment["TRADING_TEST_POSTGRES_URL"] else {
            throw XCTSkip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
        }
        backend = try await Backend.open(try await PostgresDatabase.url(url, selectingEmptySchema: "conformance"))
    }

    override func tearDown() async throws {
        backend?.database.close()
    }

    var suite: ConformanceSuite { ConformanceSuite(backend: backend) }
}

/// The conformance suite on PostgreSQL.
final class PostgresConformanceTests: PostgresBackendTestCase {
    func testMigrationsAreRecordedAndIdempotent() async throws { try await suite.migrationsAreRecordedAndIdempotent() }
    func testUsersRoundTripAndUsernamesAreUnique() async throws { try await suite.usersRoundTripAndUsernamesAreUnique() }
    func testUsernamesAreUniqueWhateverTheirCaseAndFoundExactly() async throws { try await suite.usernamesAreUniqueWhateverTheirCaseAndFoundExactly() }
    func testDeletingAUserRemovesTheirKeysAndTokens() async throws { try await suite.deletingAUserRemovesTheirKeysAndTokens() }
    func testAPIKeysNeedAnOwnerAndTrackUseAndRevocation() async throws { try await suite.apiKeysNeedAnOwnerAndTrackUseAndRevocation() }
    func testRefreshTokensAreSpentOnceAndRevokedByFamily() async throws { try await suite.refreshTokensAreSpentOnceAndRevokedByFamily() }
    func testRevokingAllTokensOfAUserCanKeepOneFamily() async throws { try await suite.revokingAllTokensOfAUserCanKeepOneFamily() }
    func testOrdersKeepExactDecimalsAndFilterByStatus() async throws { try await suite.ordersKeepExactDecimalsAndFilterByStatus() }
    func testAFailingTransactionLeavesNothingBehind() async throws { try await suite.aFailingTransactionLeavesNothingBehind() }
    func testBatchedOrdersRoundTripThroughTheBulkPath() async throws { try await suite.batchedOrdersRoundTripThroughTheBulkPath() }
    func testConcurrentWritersAllLand() async throws { try await suite.concurrentWritersAllLand() }
    func testCandlesAreReplacedAndSummarised() async throws { try await suite.candlesAreReplacedAndSummarised() }
    func testTimestampsSurviveAnyTimeZone() async throws { try await suite.timestampsSurviveAnyTimeZone() }
    func testSettingsHoldJSON() async throws { try await suite.settingsHoldJSON() }
}
