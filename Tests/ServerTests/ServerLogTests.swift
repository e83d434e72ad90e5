#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ServerTestSupport
import XCTest
@testable import Server

/// The transport's JSON log lines beyond requests: every WebSocket upgrade, accepted or
/// refused, and every close the server starts for a broken rule.
final class ServerLogTests: XCTestCase {
    private var server: HTTPServer!
    private let log = LogCollector()

    private func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> Int {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 2
        configuration.shutdownGracePeriod = 1
        configuration.log = log.sink
        configure(&configuration)
        server = try HTTPServer(
            configuration: configuration, responder: HTTPServerTests.EchoResponder(),
            webSocketEndpoint: WebSocketAddressCapTests.ForwardedEndpoint())
        try server.start()
        return server.port
    }

    override func tearDown() {
        server?.shutdown()
        server = nil
    }

    private func upgrade(_ port: Int, target: String = "/ws", headers: String = "") throws -> (RawClient, FrameReader, String) {
        let client = try RawClient(port: port)
        client.send("GET \(target) HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\(headers)\r\n")
        let reader = FrameReader(client: client)
        return (client, reader, reader.readHead())
    }

    private func sendText(_ client: RawClient, _ text: String) {
        client.send(WebSocketFrameEncoder.encodeMasked(.text, payload: Array(text.utf8), maskKey: (7, 7, 7, 7)))
    }

    func testALineIsOneJSONObjectWithLevelAndMessageFirst() {
        var line = LogLine(.warning, "websocket_closed")
        line.add("reason", "a \"quoted\"\nreason")
        line.add("code", 1008)
        XCTAssertEqual(line.text, #"{"level":"warning","msg":"websocket_closed","reason":"a \"quoted\"\nreason","code":1008}"#)
    }

    func testAnAcceptedUpgradeIsLoggedWithItsRequestIDAndWithoutTheQuery() throws {
        let port = try start()
        let (_, _, head) = try upgrade(port, target: "/ws?token=secret-token", headers: "X-Request-Id: up-1\r\nX-Client: 10.1.2.3\r\n")
        XCTAssertTrue(head.hasPrefix("HTTP/1.1 101 "), head)
        let line = try XCTUnwrap(log.wait(for: "websocket_upgrade") { $0["request_id"] as? String == "up-1" })
        XCTAssertEqual(line["level"] as? String, "info")
        XCTAssertEqual(line["status"] as? Int, 101)
        XCTAssertEqual(line["path"] as? String, "/ws")
        XCTAssertEqual(line["remote"] as? String, "127.0.0.1")
        XCTAssertEqual(line["client"] as? String, "10.1.2.3")
        XCTAssertNil(line["reason"])
        XCTAssertFalse(log.entries("websocket_upgrade").description.contains("secret-token"))
    }

    func testRefusedUpgradesAreLoggedWithTheirStatusAndReason() throws {
        let port = try start { $0.maxWebSocketConnectionsPerAddress = 1 }
        let (held, _, _) = try upgrade(port)
        let (_, _, refused) = try upgrade(port, headers: "X-Request-Id: up-429\r\n")
        XCTAssertTrue(refused.hasPrefix("HTTP/1.1 429 "), refused)
        XCTAssertTrue(refused.contains("\r\nX-Request-Id: up-429\r\n"), "the answer names the upgrade's request id")
        let capped = try XCTUnwrap(log.wait(for: "websocket_upgrade") { $0["request_id"] as? String == "up-429" })
        XCTAssertEqual(capped["status"] as? Int, 429)
        XCTAssertEqual(capped["reason"] as? String, "Too many WebSocket connections from 127.0.0.1: at most 1 at once")
        let plain = try RawClient(port: port)
        plain.send("GET /ws HTTP/1.1\r\nHost: x\r\nX-Request-Id: up-426\r\n\r\n")
        XCTAssertTrue(plain.readResponses(1).first?.hasPrefix("HTTP/1.1 426 ") ?? false)
        XCTAssertEqual(log.wait(for: "websocket_upgrade") { $0["request_id"] as? String == "up-426" }?["status"] as? Int, 426)
        withExtendedLifetime(held) {}
    }

    func testUpgradeLinesFollowLogRequests() throws {
        let port = try start { $0.logRequests = false }
        let (_, _, head) = try upgrade(port, headers: "X-Request-Id: quiet-1\r\n")
        XCTAssertTrue(head.hasPrefix("HTTP/1.1 101 "), head)
        XCTAssertNil(log.wait(for: "websocket_upgrade", timeout: 0.5))
    }

    func testClosesForABrokenRuleAreWarnings() throws {
        let port = try start {
            $0.logRequests = false
            $0.maxWebSocketMessageBytes = 1024
        }
        let (tooBig, tooBigReader, _) = try upgrade(port, headers: "X-Request-Id: big-1\r\n")
        sendText(tooBig, String(repeating: "x", count: 2000))
        XCTAssertEqual(tooBigReader.nextFrame()?.closeCode, 1009)
        let big = try XCTUnwrap(log.wait(for: "websocket_closed") { $0["request_id"] as? String == "big-1" })
        XCTAssertEqual(big["level"] as? String, "warning")
        XCTAssertEqual(big["code"] as? Int, 1009)
        XCTAssertEqual(big["client"] as? String, "127.0.0.1")

        let (flooding, floodingReader, _) = try upgrade(port, headers: "X-Request-Id: flood-1\r\n")
        sendText(flooding, "flood")
        XCTAssertEqual(floodingReader.nextFrame()?.closeCode, 1008)
        let flood = try XCTUnwrap(log.wait(for: "websocket_closed") { $0["request_id"] as? String == "flood-1" })
        XCTAssertEqual(flood["code"] as? Int, 1008)
        XCTAssertEqual(flood["reason"] as? String, "message rate limit: too many")
    }

    func testClosesThePeerStartsOrShutdownAreNotWarnings() throws {
        let port = try start()
        let (client, reader, _) = try upgrade(port)
        // The peer closes with 1008 itself: the echo is no rule the server enforced.
        client.send(WebSocketFrameEncoder.encodeMasked(.close, payload: [0x03, 0xF0], maskKey: (5, 6, 7, 8)))
        XCTAssertEqual(reader.nextFrame()?.closeCode, 1008)
        let (_, stayingReader, _) = try upgrade(port)
        server.shutdown()
        server = nil
        XCTAssertEqual(stayingReader.nextFrame()?.closeCode, 1001)
        XCTAssertEqual(log.entries("websocket_closed").count, 0, "\(log.entries("websocket_closed"))")
    }
}
