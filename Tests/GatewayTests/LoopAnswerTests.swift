import Foundation
import Generated
import APIRuntime
import Security
import Server
import XCTest
@testable import Gateway
import Handlers

/// Which requests `APIResponder.respondOnLoop` answers on the event loop: the operations the
/// spec marks `x-runs-on: loop`, when the caller is known without waiting; everything else is
/// left to the pool (nil).
final class LoopAnswerTests: XCTestCase {
    private static let viewer = Principal(userID: "u1", username: "viewer1", level: .viewer)

    private func responder(immediate: @escaping ImmediateAuthenticator) -> APIResponder {
        let system = SystemHandler(docsPage: { "<html></html>" }, metricsText: { "up 1\n" })
        let security = RequestSecurity(authenticate: { _ in .principal(Self.viewer) }, authenticateImmediately: immediate,
                                       restLimiter: RateLimiter(requestsPerMinute: 1000))
        return APIResponder(router: APIRouter(handlers: APIHandlers(health: HealthHandler(), system: system)),
                            swaggerUI: SwaggerUI(folder: "/nonexistent"), metrics: Metrics(), security: security)
    }

    private func onLoop(_ responder: APIResponder, _ method: String, _ target: String, headers: [(String, String)] = []) -> HTTPResponse? {
        responder.respondOnLoop(to: HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: HTTPHeaders(headers))),
                                context: HTTPRequestContext(requestID: "r", remoteAddress: "127.0.0.1"))
    }

    func testTheSpecMarksWhatNeverBlocks() {
        let loop = Set(APIOperation.all.filter(\.runsOnLoop).map(\.id))
        XCTAssertEqual(loop, [.getHealth, .getOpenApiYaml, .getOpenApiJson, .getDocs, .getMetrics, .listPositions, .getPositionSummary,
                              .getPosition, .listBalances, .getMarketPrice, .getOrderBook])
        XCTAssertFalse(loop.contains(.getReadiness), "readiness waits on the database")
    }

    func testLoopOperationsAreAnsweredAtOnceAndTheOthersAreLeftToThePool() throws {
        let responder = responder(immediate: { head in RequestSecurity.presentsCredentials(head) ? nil : .anonymous })
        let health = try XCTUnwrap(onLoop(responder, "GET", "/health"))
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.headers["Content-Type"], "application/json")
        XCTAssertEqual(try XCTUnwrap(onLoop(responder, "GET", "/openapi.yaml")).status, 200)
        XCTAssertNil(onLoop(responder, "GET", "/health/ready"), "readiness runs on the pool")
        XCTAssertNil(onLoop(responder, "GET", "/api/v1/auth/me"), "a pool operation")
        XCTAssertNil(onLoop(responder, "GET", "/no/such/path"), "routing errors are the pool's too")
        // A protected loop operation: refused at once without credentials, left to the pool
        // when the credentials cannot be checked from memory.
        let anonymous = try XCTUnwrap(onLoop(responder, "GET", "/api/v1/positions"))
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertNil(onLoop(responder, "GET", "/api/v1/positions", headers: [("Authorization", "Bearer not-cached")]))
    }

    func testACallerKnownFromMemoryIsAuthorizedOnTheLoop() throws {
        let responder = responder(immediate: { head in
            head.headers["Authorization"] == "Bearer cached" ? .principal(Self.viewer) : nil
        })
        // The positions handler is not configured here: 501 proves the handler ran on the loop
        // after authentication, authorization and the rate limit.
        let positions = try XCTUnwrap(onLoop(responder, "GET", "/api/v1/positions", headers: [("Authorization", "Bearer cached")]))
        XCTAssertEqual(positions.status, 501)
        XCTAssertNotNil(positions.headers["X-RateLimit-Limit"] ?? positions.headers["RateLimit-Limit"], "\(positions.headers)")
    }
}
