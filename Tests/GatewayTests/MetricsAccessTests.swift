import Foundation
import Generated
import Security
import Server
import XCTest
@testable import Gateway
import Handlers

/// Who may read `/metrics`: open by default, a bearer token and an address allowlist when
/// configured, and metered like every anonymous request.
final class MetricsAccessTests: XCTestCase {
    private static let token = "metrics-token-0123456789abcdef"

    private func head(authorization: String? = nil) -> HTTPRequestHead {
        HTTPRequestHead(method: "GET", target: "/metrics", headers: HTTPHeaders(authorization.map { [("Authorization", $0)] } ?? []))
    }

    private func responder(_ security: RequestSecurity) -> APIResponder {
        let system = SystemHandler(docsPage: { "<html></html>" }, metricsText: { "up 1\n" })
        return APIResponder(router: APIRouter(handlers: APIHandlers(system: system)), swaggerUI: SwaggerUI(folder: "/nonexistent"),
                            metrics: Metrics(), security: security)
    }

    private func get(_ responder: APIResponder, authorization: String? = nil, from peer: String = "127.0.0.1") async -> HTTPResponse {
        await responder.respond(to: HTTPRequest(head: head(authorization: authorization)), requestID: "r", remoteAddress: peer)
    }

    private func code(_ response: HTTPResponse) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["code"] as? String
    }

    func testByDefaultEveryoneMayRead() {
        let access = MetricsAccess()
        XCTAssertTrue(access.isOpen)
        XCTAssertNil(access.refusal(of: head(), client: "203.0.113.9"))
    }

    func testATokenIsAskedForAndComparedWhole() {
        let access = MetricsAccess(token: Self.token)
        XCTAssertEqual(access.refusal(of: head(), client: "127.0.0.1")?.code, .missingToken)
        for wrong in ["Bearer " + Self.token + "x", "Bearer " + Self.token.dropLast(), "Basic " + Self.token, Self.token, "Bearer"] {
            XCTAssertEqual(access.refusal(of: head(authorization: wrong), client: "127.0.0.1")?.code, .invalidToken, wrong)
        }
        XCTAssertNil(access.refusal(of: head(authorization: "Bearer " + Self.token), client: "127.0.0.1"))
        XCTAssertNil(access.refusal(of: head(authorization: "bearer  " + Self.token + " "), client: "127.0.0.1"),
                     "the scheme is case-insensitive and spaces around the token do not count")
    }

    func testAnAllowlistRefusesOtherAddressesBeforeAnyToken() throws {
        let access = MetricsAccess(token: Self.token, allowlist: try IPAllowlist(parsing: ["10.0.0.0/8"]))
        XCTAssertEqual(access.refusal(of: head(authorization: "Bearer " + Self.token), client: "192.0.2.1")?.code, .ipNotAllowed)
        XCTAssertNil(access.refusal(of: head(authorization: "Bearer " + Self.token), client: "10.9.8.7"))
        XCTAssertEqual(access.refusal(of: head(), client: "10.9.8.7")?.code, .missingToken)
    }

    func testTheResponderAppliesTheTokenToMetricsOnly() async throws {
        let responder = responder(RequestSecurity(metricsAccess: MetricsAccess(token: Self.token)))
        let refused = await get(responder)
        XCTAssertEqual(refused.status, 401)
        XCTAssertEqual(code(refused), "MISSING_TOKEN")
        let granted = await get(responder, authorization: "Bearer " + Self.token)
        XCTAssertEqual(granted.status, 200)
        XCTAssertEqual(String(decoding: granted.body, as: UTF8.self), "up 1\n")
        let docs = await responder.respond(to: HTTPRequest(head: HTTPRequestHead(method: "GET", target: "/docs")), requestID: "r", remoteAddress: "127.0.0.1")
        XCTAssertEqual(docs.status, 200, "the token guards /metrics alone")
    }

    func testTheResponderBelievesForwardedAddressesFromTrustedProxiesOnly() async throws {
        let allowlist = try IPAllowlist(parsing: ["10.0.0.0/8"])
        let proxied = responder(RequestSecurity(trustedProxies: [try CIDR(parsing: "127.0.0.1/32")], metricsAccess: MetricsAccess(allowlist: allowlist)))
        var head = head()
        head.headers.add(name: "X-Forwarded-For", value: "10.1.2.3")
        let allowed = await proxied.respond(to: HTTPRequest(head: head), requestID: "r", remoteAddress: "127.0.0.1")
        XCTAssertEqual(allowed.status, 200)
        let direct = responder(RequestSecurity(metricsAccess: MetricsAccess(allowlist: allowlist)))
        let refused = await direct.respond(to: HTTPRequest(head: head), requestID: "r", remoteAddress: "127.0.0.1")
        XCTAssertEqual(refused.status, 403)
        XCTAssertEqual(code(refused), "IP_NOT_ALLOWED")
    }

    func testMetricsAreMeteredLikeOtherAnonymousRequests() async {
        let limiter = RateLimiter(limit: 2, window: 60)
        let responder = responder(RequestSecurity(restLimiter: limiter, metricsAccess: MetricsAccess(token: Self.token)))
        let first = await get(responder, authorization: "Bearer " + Self.token)
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.headers["X-RateLimit-Limit"], "2")
        let wrong = await get(responder, authorization: "Bearer guess")
        XCTAssertEqual(wrong.status, 401, "a wrong token costs a request")
        XCTAssertEqual(wrong.headers["X-RateLimit-Remaining"], "0")
        let limited = await get(responder, authorization: "Bearer " + Self.token)
        XCTAssertEqual(limited.status, 429)
        XCTAssertEqual(code(limited), "RATE_LIMITED")
        XCTAssertNotNil(limited.headers["Retry-After"])
        let elsewhere = await get(responder, authorization: "Bearer " + Self.token, from: "127.0.0.2")
        XCTAssertEqual(elsewhere.status, 200, "each address has its own bucket")
    }
}
