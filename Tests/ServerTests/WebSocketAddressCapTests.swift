#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ServerTestSupport
import XCTest
@testable import Server

/// The cap on WebSocket connections per client address: counted across the server's loops,
/// refused with 429 before the handshake completes, freed however a connection ends, and
/// counted for the client the endpoint names.
final class WebSocketAddressCapTests: XCTestCase {
    /// Names the client after `X-Client` (a stand-in for a trusted proxy's `X-Forwarded-For`);
    /// every session echoes and closes with 1008 on "flood".
    struct ForwardedEndpoint: WebSocketEndpoint {
        func handles(path: String) -> Bool { path == "/ws" }

        func clientAddress(of request: HTTPRequestHead, remoteAddress: String) -> String {
            request.headers["X-Client"] ?? remoteAddress
        }

        func openSession(_ socket: WebSocketHandle, request: HTTPRequestHead, context: WebSocketContext) -> any WebSocketSession {
            Session(socket: socket)
        }
    }

    final class Session: WebSocketSession {
        let socket: WebSocketHandle
        init(socket: WebSocketHandle) { self.socket = socket }

        func received(text: String) {
            if text == "flood" { return socket.close(.policyViolation, reason: "message rate limit: too many") }
            socket.send(text: "echo:" + text)
        }

        func received(binary: [UInt8]) {}
        func closed() {}
    }

    private var server: HTTPServer!
    private let log = LogCollector()

    private func start(cap: Int) throws -> Int {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 2
        configuration.shutdownGracePeriod = 1
        configuration.maxWebSocketConnectionsPerAddress = cap
        configuration.log = log.sink
        server = try HTTPServer(configuration: configuration, responder: HTTPServerTests.EchoResponder(), webSocketEndpoint: ForwardedEndpoint())
        try server.start()
        return server.port
    }

    override func tearDown() {
        server?.shutdown()
        server = nil
    }

    /// Sends an upgrade; returns the client and the answer's head (and body, unless 101).
    private func upgrade(_ port: Int, client: String? = nil, requestID: String? = nil) throws -> (RawClient, String) {
        let connection = try RawClient(port: port)
        var request = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if let client { request += "X-Client: \(client)\r\n" }
        if let requestID { request += "X-Request-Id: \(requestID)\r\n" }
        connection.send(request + "\r\n")
        let answer = connection.read { text in
            text.hasPrefix("HTTP/1.1 101 ") ? text.contains("\r\n\r\n") : RawClient.split(text).count == 1
        }
        return (connection, answer.text)
    }

    /// Upgrades once the server has let go of an earlier connection of the same client.
    private func upgradeEventually(_ port: Int, client: String? = nil) throws -> RawClient? {
        for _ in 0..<60 {
            let (connection, answer) = try upgrade(port, client: client)
            if answer.hasPrefix("HTTP/1.1 101 ") { return connection }
            usleep(50_000)
        }
        return nil
    }

    func testUpgradesPastTheCapAreRefusedWith429BeforeTheHandshake() throws {
        let port = try start(cap: 2)
        let held = try (0..<2).map { _ in try upgrade(port) }
        for (_, answer) in held { XCTAssertTrue(answer.hasPrefix("HTTP/1.1 101 "), answer) }
        let (refused, answer) = try upgrade(port)
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 429 Too Many Requests\r\n"), answer)
        XCTAssertTrue(answer.contains("\r\nRetry-After: \(HTTPConnection.webSocketRetryAfterSeconds)\r\n"), answer)
        XCTAssertFalse(answer.contains("Sec-WebSocket-Accept"), answer)
        XCTAssertTrue(answer.contains("\r\nContent-Type: application/json\r\n"), answer)
        XCTAssertTrue(answer.hasSuffix(#"{"code":"HTTP_429","message":"Too many WebSocket connections from 127.0.0.1: at most 2 at once"}"#), answer)
        XCTAssertTrue(refused.waitForClose(), "the refused connection is closed")
        XCTAssertEqual(server.webSocketConnections(from: "127.0.0.1"), 2)
    }

    func testTheCapCountsTheClientTheEndpointNames() throws {
        let port = try start(cap: 1)
        let (first, firstAnswer) = try upgrade(port, client: "10.0.0.1")
        XCTAssertTrue(firstAnswer.hasPrefix("HTTP/1.1 101 "), firstAnswer)
        XCTAssertTrue(try upgrade(port, client: "10.0.0.1").1.hasPrefix("HTTP/1.1 429 "))
        XCTAssertTrue(try upgrade(port, client: "10.0.0.2").1.hasPrefix("HTTP/1.1 101 "), "another client behind the same peer")
        withExtendedLifetime(first) {}
    }

    func testAClientThatVanishesGivesItsSlotBack() throws {
        let port = try start(cap: 1)
        do {
            let (held, answer) = try upgrade(port)
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 101 "), answer)
            // Closed without a close frame, with a reset: the client is simply gone.
            var reset = linger(l_onoff: 1, l_linger: 0)
            setsockopt(held.fd, SOL_SOCKET, SO_LINGER, &reset, socklen_t(MemoryLayout<linger>.size))
        }
        XCTAssertNotNil(try upgradeEventually(port), "the reset connection's slot is free again")
    }

    func testAConnectionTheServerClosesGivesItsSlotBack() throws {
        let port = try start(cap: 1)
        do {
            let (held, answer) = try upgrade(port)
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 101 "), answer)
            held.send(WebSocketFrameEncoder.encodeMasked(.text, payload: Array("flood".utf8), maskKey: (1, 2, 3, 4)))
            XCTAssertTrue(held.waitForClose(timeout: 8), "the server sends its close frame and stops sending")
        }
        // The client hangs up in answer, as RFC 6455 asks: the slot is free again.
        XCTAssertNotNil(try upgradeEventually(port))
    }

    func testShutdownLeavesNoSlotTaken() throws {
        let port = try start(cap: 3)
        let held = try (0..<3).map { _ in try upgrade(port) }
        XCTAssertEqual(server.webSocketConnections(from: "127.0.0.1"), 3)
        server.shutdown()
        XCTAssertEqual(server.webSocketConnections(from: "127.0.0.1"), 0)
        server = nil
        withExtendedLifetime(held) {}
    }

    func testSlotsAreBoundedPerAddressAndForgottenWhenFree() {
        let slots = AddressSlots(limit: 2)
        XCTAssertTrue(slots.take("a"))
        XCTAssertTrue(slots.take("a"))
        XCTAssertFalse(slots.take("a"))
        XCTAssertTrue(slots.take("b"))
        slots.release("a")
        XCTAssertTrue(slots.take("a"))
        slots.release("a")
        slots.release("a")
        slots.release("a")
        XCTAssertEqual(slots.held(by: "a"), 0, "releasing more than was taken never goes negative")
        XCTAssertEqual(slots.held(by: "b"), 1)
        XCTAssertTrue(slots.take("a") && slots.take("a"))
    }
}
