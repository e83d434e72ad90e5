import Synchronization
import XCTest
import Primitives
import Generated
import APIRuntime
import Server
import Handlers
@testable import Gateway

/// Failed credential checks counted per client address by the API responder: past the limit,
/// every credential from that address answers 429 unchecked; good credentials, checks the
/// store could not make and public operations spend nothing.
final class CredentialFailureLimitTests: XCTestCase {
    private struct Orders: OrdersAPI {
        func listOrders(_ input: ListOrdersInput, context: RequestContext) async throws -> ListOrdersOutput {
            .ok(OrderList(orders: [], total: 0))
        }
    }

    /// Counts the credentials it was asked to check.
    private final class CheckCounter: Sendable {
        let checks = Mutex(0)
    }

    private let counter = CheckCounter()

    /// `X-API-Key: good` is a viewer, `down` cannot be checked (store unavailable), any other key is refused.
    private func responder(limit: Int) -> APIResponder {
        let counter = self.counter
        let security = RequestSecurity(
            authenticate: { head in
                guard let key = head.headers["X-API-Key"] else { return .anonymous }
                counter.checks.withLock { $0 += 1 }
                switch key {
                case "good": return .principal(Principal(userID: "1", username: "ann", level: .viewer))
                case "down": return .unverifiable(APIError(.serviceUnavailable))
                default: return .refused(APIError(.invalidToken))
                }
            },
            credentialFailures: CredentialFailureLimit(perMinute: limit))
        return APIResponder(router: APIRouter(handlers: APIHandlers(health: HealthHandler(), orders: Orders())),
                            swaggerUI: SwaggerUI(), metrics: Metrics(), security: security)
    }

    private func get(_ responder: APIResponder, _ path: String, key: String?, from address: String) async -> HTTPResponse {
        let headers = key.map { HTTPHeaders([(name: "X-API-Key", value: $0)]) } ?? HTTPHeaders()
        return await responder.respond(to: HTTPRequest(head: HTTPRequestHead(method: "GET", target: path, headers: headers)),
                                       requestID: "r", remoteAddress: address)
    }

    private func code(_ response: HTTPResponse) -> String? {
        guard case .string(let code)? = (try? JSONParser.parse(response.body))?["code"] else { return nil }
        return code
    }

    func testFailuresPastTheLimitAnswer429ForEveryCredentialFromThatAddress() async {
        let responder = responder(limit: 3)
        for _ in 0..<3 {
            let refused = await get(responder, "/api/v1/orders", key: "wrong", from: "10.0.0.1")
            XCTAssertEqual(refused.status, 401)
            XCTAssertEqual(code(refused), "INVALID_TOKEN")
        }
        let checksBefore = counter.checks.withLock { $0 }
        for key in ["wrong", "good"] {
            let limited = await get(responder, "/api/v1/orders", key: key, from: "10.0.0.1")
            XCTAssertEqual(limited.status, 429, key)
            XCTAssertEqual(code(limited), "RATE_LIMITED")
            XCTAssertEqual(limited.headers["X-RateLimit-Limit"], "3")
            XCTAssertEqual(limited.headers["X-RateLimit-Remaining"], "0")
            XCTAssertNotNil(limited.headers["Retry-After"].flatMap(Int.init), "Retry-After")
        }
        XCTAssertEqual(counter.checks.withLock { $0 }, checksBefore, "no credential is checked past the limit")
        let elsewhere = await get(responder, "/api/v1/orders", key: "good", from: "10.0.0.2")
        XCTAssertEqual(elsewhere.status, 200, "another address keeps its budget")
        let anonymous = await get(responder, "/api/v1/orders", key: nil, from: "10.0.0.1")
        XCTAssertEqual(code(anonymous), "MISSING_TOKEN", "a request without credentials is not a failure")
    }

    func testGoodCredentialsAndUncheckableOnesSpendNothing() async {
        let responder = responder(limit: 2)
        let first = await get(responder, "/api/v1/orders", key: "wrong", from: "10.0.0.3")
        XCTAssertEqual(first.status, 401)
        for _ in 0..<10 {
            let good = await get(responder, "/api/v1/orders", key: "good", from: "10.0.0.3")
            XCTAssertEqual(good.status, 200)
            let down = await get(responder, "/api/v1/orders", key: "down", from: "10.0.0.3")
            XCTAssertEqual(down.status, 503)
        }
        let second = await get(responder, "/api/v1/orders", key: "wrong", from: "10.0.0.3")
        XCTAssertEqual(second.status, 401, "the second failure is still within the limit of 2")
        let third = await get(responder, "/api/v1/orders", key: "good", from: "10.0.0.3")
        XCTAssertEqual(third.status, 429)
    }

    func testPublicOperationsIgnoreBadCredentialsWithoutCountingThem() async {
        let responder = responder(limit: 1)
        for _ in 0..<5 {
            let health = await get(responder, "/health", key: "wrong", from: "10.0.0.4")
            XCTAssertEqual(health.status, 200)
        }
        let protected = await get(responder, "/api/v1/orders", key: "wrong", from: "10.0.0.4")
        XCTAssertEqual(protected.status, 401, "the first counted failure")
        let health = await get(responder, "/health", key: "wrong", from: "10.0.0.4")
        XCTAssertEqual(health.status, 200, "public operations stay open to a limited address")
    }
}
