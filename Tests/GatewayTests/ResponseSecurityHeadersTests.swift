import Foundation
import Generated
import Server
import XCTest
@testable import Gateway
import Handlers

/// Every answer of the API layer carries the API's security headers (the transport's own
/// answers carry the same, see ServerTests); the Swagger UI page has a policy that lets its
/// own files run and nothing inline.
final class ResponseSecurityHeadersTests: XCTestCase {
    private func folderWithSwaggerUI() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swagger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("css".utf8).write(to: folder.appendingPathComponent("swagger-ui.css"))
        try Data("js".utf8).write(to: folder.appendingPathComponent("swagger-ui-bundle.js"))
        return folder.path
    }

    private func responder(swaggerUI: SwaggerUI, tls: Bool = false) -> APIResponder {
        let system = SystemHandler(docsPage: { swaggerUI.page(title: "T") }, metricsText: { "up 1\n" })
        return APIResponder(router: APIRouter(handlers: APIHandlers(health: HealthHandler(), system: system)), swaggerUI: swaggerUI,
                            metrics: Metrics(), security: RequestSecurity(strictTransportSecurity: tls))
    }

    private func get(_ responder: APIResponder, _ target: String) async -> HTTPResponse {
        await responder.respond(to: HTTPRequest(head: HTTPRequestHead(method: "GET", target: target)), requestID: "r", remoteAddress: "127.0.0.1")
    }

    func testEveryAnswerCarriesTheAPIsHeaders() async {
        let responder = responder(swaggerUI: SwaggerUI(folder: "/nonexistent"), tls: true)
        for target in ["/health", "/openapi.json", "/metrics", "/api/v1/auth/me", "/nowhere"] {
            let response = await get(responder, target)
            for header in SecurityHeaders.api + [SecurityHeaders.strictTransportSecurity] {
                XCTAssertEqual(response.headers.values(header.name), [header.value], "\(header.name) on \(target)")
            }
        }
        XCTAssertEqual(RequestSecurity(strictTransportSecurity: true).responseHeaders.map(\.name),
                       (SecurityHeaders.api + [SecurityHeaders.strictTransportSecurity]).map(\.name))
    }

    func testTheDocsPageRunsOnlyItsOwnFiles() async throws {
        let swaggerUI = SwaggerUI(folder: try folderWithSwaggerUI())
        let responder = responder(swaggerUI: swaggerUI)
        let page = await get(responder, "/docs")
        XCTAssertEqual(page.status, 200)
        let policy = try XCTUnwrap(page.headers["Content-Security-Policy"])
        XCTAssertEqual(policy, swaggerUI.contentSecurityPolicy)
        XCTAssertTrue(policy.hasPrefix("default-src 'none'; script-src 'self'; style-src 'self' 'sha256-"), policy)
        XCTAssertFalse(policy.contains("unsafe"), policy)
        XCTAssertEqual(page.headers["X-Frame-Options"], "DENY")
        let html = String(decoding: page.body, as: UTF8.self)
        XCTAssertFalse(html.contains("<script>"), "no inline script")
        XCTAssertFalse(html.contains("style="), "no inline style")
        XCTAssertTrue(html.contains(#"data-spec-url="/openapi.json""#))
        let starter = await get(responder, "/docs/assets/trading-swagger-initializer.js")
        XCTAssertEqual(starter.status, 200)
        XCTAssertEqual(starter.headers["Content-Type"], "application/javascript; charset=utf-8")
        XCTAssertTrue(String(decoding: starter.body, as: UTF8.self).contains("SwaggerUIBundle({"))
        let asset = await get(responder, "/docs/assets/swagger-ui.css")
        XCTAssertEqual(asset.headers["Cache-Control"], "public, max-age=86400", "Swagger UI's own files may be cached")
        XCTAssertEqual(asset.headers["X-Content-Type-Options"], "nosniff")
    }

    func testFromTheCDNThePolicyAllowsItAndTheStarterIsStillServedHere() async {
        let swaggerUI = SwaggerUI(folder: "/nonexistent")
        XCTAssertTrue(swaggerUI.contentSecurityPolicy.contains("script-src 'self' https://unpkg.com;"), swaggerUI.contentSecurityPolicy)
        let page = swaggerUI.page(title: "T")
        XCTAssertTrue(page.contains(#"<script src="/docs/assets/trading-swagger-initializer.js""#), page)
        let starter = await get(responder(swaggerUI: swaggerUI), "/docs/assets/trading-swagger-initializer.js")
        XCTAssertEqual(starter.status, 200)
    }
}
