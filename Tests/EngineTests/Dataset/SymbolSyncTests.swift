import Backends
@testable import Engine
import Foundation
import XCTest

/// The symbol sync: the provider's list is added or refreshed, and active symbols of the
/// markets it lists that it no longer holds are deactivated.
final class SymbolSyncTests: XCTestCase {
    private var directory: URL!
    private var backend: Backend!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("s.db").path)
    }

    override func tearDown() async throws {
        backend.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    private var service: DatasetService {
        DatasetService(backend: backend, provider: CSVFolderProvider(folder: directory.path), clock: ManualClock(1_800_000_000_000)) { _, _ in false }
    }

    private func list(_ text: String) throws {
        try text.write(to: directory.appendingPathComponent("symbols.csv"), atomically: true, encoding: .utf8)
    }

    func testASyncAddsRefreshesAndDeactivatesWithinTheMarketsListed() async throws {
        try await backend.write { r throws(StorageError) in
            try r.symbols.upsert(SymbolRecord(ticker: "005930", market: "KR", name: "old name", consecutiveFailures: 2, updatedAt: 1))
            try r.symbols.upsert(SymbolRecord(ticker: "DELISTED", market: "KR", updatedAt: 1))
            try r.symbols.upsert(SymbolRecord(ticker: "AAPL", market: "US", updatedAt: 1))
        }
        try list("ticker,market,name,exchange\n005930,KR,삼성전자,KOSPI\n000660,KR,SK하이닉스,KOSPI\n000660,KR,duplicate,\n")
        let result = try await service.sync(market: nil)
        XCTAssertEqual(result, SymbolSyncResult(provider: "csv", added: 1, updated: 1, deactivated: 1, total: 3))
        let stored = try await backend.read { r throws(StorageError) in try r.symbols.list() }
        let byTicker = Dictionary(uniqueKeysWithValues: stored.map { ($0.ticker, $0) })
        XCTAssertEqual(byTicker["005930"]?.name, "삼성전자")
        XCTAssertEqual(byTicker["005930"]?.exchange, "KOSPI")
        XCTAssertEqual(byTicker["005930"]?.consecutiveFailures, 2, "a sync keeps the collection health")
        XCTAssertEqual(byTicker["000660"]?.name, "SK하이닉스", "the first entry of a symbol listed twice counts")
        XCTAssertEqual(byTicker["DELISTED"]?.isActive, false)
        XCTAssertEqual(byTicker["DELISTED"]?.lastError, "No longer listed by provider 'csv'")
        XCTAssertEqual(byTicker["AAPL"]?.isActive, true, "a market the provider did not list is left alone")

        let again = try await service.sync(market: .kr)
        XCTAssertEqual(again, SymbolSyncResult(provider: "csv", added: 0, updated: 2, deactivated: 0, total: 3))
        try list("ticker,market\n")
        let empty = try await service.sync(market: .kr)
        XCTAssertEqual(empty, SymbolSyncResult(provider: "csv", added: 0, updated: 0, deactivated: 0, total: 0),
                       "an empty list covers no market: nothing is deactivated")
    }

    func testAProviderThatCannotAnswerChangesNothing() async throws {
        do {
            _ = try await service.sync(market: nil)
            XCTFail("no symbols.csv")
        } catch {
            XCTAssertEqual(error, .provider(.unreachable("cannot read symbols.csv in the provider folder")))
        }
        try list("ticker,market\n005930,KR\nbad ticker,KR\n")
        do {
            _ = try await service.sync(market: nil)
            XCTFail("a bad ticker")
        } catch {
            guard case .provider(.badAnswer) = error else { return XCTFail("\(error)") }
        }
        let stored = try await backend.read { r throws(StorageError) in try r.symbols.count() }
        XCTAssertEqual(stored, 0)
    }
}
