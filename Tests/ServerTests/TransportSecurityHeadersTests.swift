#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest
@testable import Server

/// The answers the transport writes itself (malformed, too large, too slow, unsupported
/// version, busy, refused upgrades, CORS preflights) carry the configured security headers,
/// which by default are the API's.
final class TransportSecurityHeadersTests: XCTestCase {
    /// Serves `/ws` without any session behaviour; refuses upgrades that ask for `/ws?refuse`.
    struct RefusingEndpoint: WebSocketEndpoint {
        func handles(path: String) -> Bool { path == "/ws" }

        func refuseUpgrade(_ request: HTTPRequestHead, remoteAddress: String) -> HTTPResponse? {
            request.query == "refuse" ? HTTPResponse(status: 403, contentType: "application/json", body: Array("{}".utf8)) : nil
        }

        func openSession(_ socket: WebSocketHandle, request: HTTPRequestHead, context: WebSocketContext) -> any WebSocketSession {
            WebSocketAddressCapTests.Session(socket: socket)
        }
    }

    private var server: HTTPServer!

    private func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> Int {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 1
        configuration.logRequests = false
        configure(&configuration)
        server = try HTTPServer(configuration: configuration, responder: HTTPServerTests.EchoResponder(), webSocketEndpoint: RefusingEndpoint())
        try server.start()
        return server.port
    }

    override func tearDown() {
        server?.shutdown()
        server = nil
    }

    /// The one answer to `request` on a fresh connection.
    private func answer(_ port: Int, _ request: String, timeout: Double = 5) throws -> String {
        let client = try RawClient(port: port)
        client.send(request)
        return client.readResponses(1, timeout: timeout).first ?? ""
    }

    private func assertHardened(_ answer: String, _ headers: [SecurityHeaders.Field], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(answer.isEmpty, "no answer", file: file, line: line)
        for header in headers {
            XCTAssertTrue(answer.contains("\r\n\(header.name): \(header.value)\r\n"), "\(header.name) missing:\n\(answer)", file: file, line: line)
        }
    }

    func testTheDefaultHeadersAreTheAPIs() {
        XCTAssertEqual(ServerConfiguration().securityHeaders.map(\.name), SecurityHeaders.api.map(\.name))
        XCTAssertEqual(SecurityHeaders.api.map(\.name),
                       ["X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Cache-Control", "Content-Security-Policy"])
    }

    func testErrorsOfTheHTTPLayerCarryTheSecurityHeaders() throws {
        let port = try start {
            $0.maxBodyBytes = 16
            $0.requestReadTimeout = 0.5
        }
        let answers = [
            ("400", try answer(port, "BROKEN\r\n\r\n")),
            ("408", try answer(port, "GET / HTTP/1.1\r\nHost: x\r\n")),
            ("413", try answer(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")),
            ("431", try answer(port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n")),
            ("505", try answer(port, "GET / HTTP/2.0\r\nHost: x\r\n\r\n")),
        ]
        for (status, text) in answers {
            XCTAssertTrue(text.hasPrefix("HTTP/1.1 \(status) "), "\(status): \(text.prefix(60))")
            assertHardened(text, SecurityHeaders.api)
        }
    }

    func testRefusedUpgradesCarryTheSecurityHeaders() throws {
        let port = try start()
        let upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        let refusals = [
            try answer(port, "GET /ws HTTP/1.1\r\nHost: x\r\n\r\n"),
            try answer(port, "GET /ws HTTP/1.1\r\nHost: x\r\n\(upgrade)Sec-WebSocket-Key: short\r\n\r\n"),
            try answer(port, "GET /ws?refuse HTTP/1.1\r\nHost: x\r\n\(upgrade)Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"),
        ]
        XCTAssertEqual(refusals.map { String($0.prefix(12)) }, ["HTTP/1.1 426", "HTTP/1.1 400", "HTTP/1.1 403"])
        for refusal in refusals { assertHardened(refusal, SecurityHeaders.api) }
    }

    func testTheConfiguredHeadersAreUsedAndAResponsesOwnAreKept() throws {
        let headers = SecurityHeaders.api + [SecurityHeaders.strictTransportSecurity]
        let port = try start {
            $0.securityHeaders = headers
            $0.corsAllowedOrigins = ["https://app.example"]
        }
        assertHardened(try answer(port, "BROKEN\r\n\r\n"), headers)
        let preflight = try answer(port, "OPTIONS /x HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\nAccess-Control-Request-Method: GET\r\n\r\n")
        XCTAssertTrue(preflight.hasPrefix("HTTP/1.1 204 "), preflight)
        assertHardened(preflight, headers)
        // A refusal that sets a header itself keeps its value, and gets it once.
        let refusal = try answer(port, "GET /ws?refuse HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                     + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
        XCTAssertEqual(refusal.components(separatedBy: "Content-Type:").count, 2, refusal)
        // Answers of the responder are its own business.
        XCTAssertFalse(try answer(port, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n").contains("X-Frame-Options"))
    }
}
