import APIRuntime
import Generated
import Synchronization
import XCTest
@testable import Gateway

/// `x-cache: snapshot` answers: rendered once per published snapshot and request, after the
/// role check, never kept when they fail.
final class SnapshotAnswerCacheTests: XCTestCase {
    /// Counts its calls; its answer names the snapshot it was rendered for, like the real
    /// handlers whose answers follow the published snapshot.
    private final class CountingPositions: PositionsAPI {
        let calls = Atomic<Int>(0)
        let version: Atomic<UInt64>
        init(version: UInt64) { self.version = Atomic(version) }

        func listPositions(_ input: ListPositionsInput, context: RequestContext) throws -> ListPositionsOutput {
            calls.add(1, ordering: .relaxed)
            let summary = PositionSummary(totalPositions: 0, totalUnrealizedPnl: String(version.load(ordering: .relaxed)),
                                          totalRealizedPnl: "0", totalNotionalValue: "0", longCount: 0, shortCount: 0)
            return .ok(PositionList(positions: [], total: input.limit, summary: summary))
        }

        func getPositionSummary(_ input: GetPositionSummaryInput, context: RequestContext) throws -> GetPositionSummaryOutput {
            calls.add(1, ordering: .relaxed)
            return .ok(PositionSummary(totalPositions: 0, totalUnrealizedPnl: "0", totalRealizedPnl: "0", totalNotionalValue: "0",
                                       longCount: 0, shortCount: 0))
        }

        func getPosition(_ input: GetPositionInput, context: RequestContext) throws -> GetPositionOutput {
            calls.add(1, ordering: .relaxed)
            throw APIError(.positionNotFound, message: "No open position in \(input.symbol)")
        }
    }

    private static let viewer = Principal(userID: "u1", username: "viewer1", level: .viewer)

    private struct Fixture {
        let handler: CountingPositions
        let cache: SnapshotAnswerCache
        let router: APIRouter

        init(capacity: Int = 256) {
            let handler = CountingPositions(version: 1)
            var handlers = APIHandlers()
            handlers.positions = handler
            let cache = SnapshotAnswerCache(capacity: capacity) { handler.version.load(ordering: .relaxed) }
            self.handler = handler
            self.cache = cache
            router = APIRouter(handlers: handlers, snapshotAnswers: cache)
        }

        func get(_ path: String, query: String = "", principal: Principal? = SnapshotAnswerCacheTests.viewer) -> RenderedResponse? {
            guard case .operation(let operation, let parameters) = router.resolve(method: "GET", path: path) else { return nil }
            return router.answerOnLoop(operation, pathParameters: parameters, request: RouteRequest(method: "GET", path: path, query: query),
                                       context: RequestContext(requestID: "r-\(path)", principal: principal))
        }

        var calls: Int { handler.calls.load(ordering: .relaxed) }
        func publish() { handler.version.add(1, ordering: .relaxed) }
    }

    func testTheSpecMarksTheSnapshotReads() {
        let cached = Set(APIOperation.all.filter(\.cachedPerSnapshot).map(\.id))
        XCTAssertEqual(cached, [.listPositions, .getPositionSummary, .getPosition, .listBalances, .getMarketPrice, .getOrderBook])
        for operation in APIOperation.all where operation.cachedPerSnapshot {
            XCTAssertTrue(operation.runsOnLoop && operation.method == "GET", "\(operation.id)")
        }
        XCTAssertFalse(cached.contains(.getHealth), "health tells the time")
    }

    func testTheSameRequestIsRenderedOncePerSnapshot() throws {
        let fixture = Fixture()
        let first = try XCTUnwrap(fixture.get("/api/v1/positions"))
        let second = try XCTUnwrap(fixture.get("/api/v1/positions"))
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first, second)
        XCTAssertEqual(fixture.calls, 1)
        // Another query is another answer.
        let limited = try XCTUnwrap(fixture.get("/api/v1/positions", query: "limit=5"))
        XCTAssertNotEqual(limited.body, first.body)
        XCTAssertEqual(fixture.calls, 2)
        // A new snapshot renders again, and its answer shows it.
        fixture.publish()
        let fresh = try XCTUnwrap(fixture.get("/api/v1/positions"))
        XCTAssertEqual(fixture.calls, 3)
        XCTAssertTrue(String(decoding: fresh.body, as: UTF8.self).contains("\"total_unrealized_pnl\":\"2\""),
                      String(decoding: fresh.body, as: UTF8.self))
        XCTAssertEqual(fixture.cache.count, 1, "the previous snapshot's answers are dropped")
    }

    func testTheRoleIsCheckedBeforeTheCache() throws {
        let fixture = Fixture()
        XCTAssertEqual(try XCTUnwrap(fixture.get("/api/v1/positions")).status, 200)
        XCTAssertEqual(try XCTUnwrap(fixture.get("/api/v1/positions", principal: nil)).status, 401)
        XCTAssertEqual(fixture.calls, 1)
    }

    func testFailuresAreNotKept() throws {
        let fixture = Fixture()
        XCTAssertEqual(try XCTUnwrap(fixture.get("/api/v1/positions/BTC-USDT")).status, 404)
        XCTAssertEqual(try XCTUnwrap(fixture.get("/api/v1/positions/BTC-USDT")).status, 404)
        XCTAssertEqual(fixture.calls, 2)
        XCTAssertEqual(fixture.cache.count, 0)
        // A query the handler refuses (limit out of range) is refused each time, never kept.
        XCTAssertEqual(try XCTUnwrap(fixture.get("/api/v1/positions", query: "limit=0")).status, 400)
        XCTAssertEqual(fixture.cache.count, 0)
    }

    func testAtMostCapacityRequestsAreKept() throws {
        let fixture = Fixture(capacity: 2)
        for limit in 1...4 { XCTAssertEqual(try XCTUnwrap(fixture.get("/api/v1/positions", query: "limit=\(limit)")).status, 200) }
        XCTAssertEqual(fixture.cache.count, 2)
        _ = fixture.get("/api/v1/positions", query: "limit=1")
        _ = fixture.get("/api/v1/positions", query: "limit=4")
        XCTAssertEqual(fixture.calls, 5, "the first two are kept, the others rendered each time")
    }

    func testWithoutACacheEveryRequestIsRendered() throws {
        var handlers = APIHandlers()
        let handler = CountingPositions(version: 1)
        handlers.positions = handler
        let router = APIRouter(handlers: handlers)
        guard case .operation(let operation, let parameters) = router.resolve(method: "GET", path: "/api/v1/positions") else {
            return XCTFail("no route")
        }
        for _ in 0..<2 {
            _ = router.answerOnLoop(operation, pathParameters: parameters, request: RouteRequest(method: "GET", path: "/api/v1/positions"),
                                    context: RequestContext(requestID: "r", principal: Self.viewer))
        }
        XCTAssertEqual(handler.calls.load(ordering: .relaxed), 2)
    }
}
