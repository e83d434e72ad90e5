#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest
@testable import Server

/// WebSocket connections through the real server: upgrade, echo, broadcast, conflation,
/// queue overflow, shutdown.
final class WebSocketServerTests: XCTestCase {
    /// Echoes text; "sub:NAME" subscribes to a channel.
    struct EchoEndpoint: WebSocketEndpoint {
        let broadcaster: ChannelBroadcaster

        func handles(path: String) -> Bool { path == "/ws" }

        func openSession(_ socket: WebSocketHandle, request: HTTPRequestHead, context: WebSocketContext) -> any WebSocketSession {
            EchoSession(socket: socket, broadcaster: broadcaster)
        }
    }

    final class EchoSession: WebSocketSession {
        let socket: WebSocketHandle
        let broadcaster: ChannelBroadcaster

        init(socket: WebSocketHandle, broadcaster: ChannelBroadcaster) {
            self.socket = socket
            self.broadcaster = broadcaster
        }

        func received(text: String) {
            if text.hasPrefix("sub:") {
                broadcaster.subscribe(socket, to: String(text.dropFirst(4)))
                socket.send(text: "subscribed")
            } else {
                socket.send(text: "echo:" + text)
            }
        }

        func received(binary: [UInt8]) {}
        func closed() { broadcaster.unsubscribe(socket, from: ["prices", "orders"]) }
    }

    private var server: HTTPServer!
    private let broadcaster = ChannelBroadcaster()

    private func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> Int {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 2
        configuration.logRequests = false
        configuration.shutdownGracePeriod = 1
        configure(&configuration)
        server = try HTTPServer(
            configuration: configuration, responder: HTTPServerTests.EchoResponder(),
            webSocketEndpoint: EchoEndpoint(broadcaster: broadcaster))
        try server.start()
        return server.port
    }

    override func tearDown() {
        server?.shutdown()
        server = nil
    }

    /// A connected, upgraded client.
    private func connect(_ port: Int) throws -> (RawClient, FrameReader) {
        let client = try RawClient(port: port)
        client.send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        let reader = FrameReader(client: client)
        let head = reader.readHead()
        XCTAssertTrue(head.hasPrefix("HTTP/1.1 101 "), head)
        XCTAssertTrue(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"))
        return (client, reader)
    }

    private func sendText(_ client: RawClient, _ text: String) {
        client.send(WebSocketFrameEncoder.encodeMasked(.text, payload: Array(text.utf8), maskKey: (1, 2, 3, 4)))
    }

    func testUpgradeThenEcho() throws {
        let (client, reader) = try connect(try start())
        sendText(client, "hello 반도체")
        XCTAssertEqual(reader.nextText(), "echo:hello 반도체")
    }

    func testPingIsAnsweredWithPong() throws {
        let (client, reader) = try connect(try start())
        client.send(WebSocketFrameEncoder.encodeMasked(.ping, payload: Array("p".utf8), maskKey: (9, 9, 9, 9)))
        XCTAssertEqual(reader.nextFrame(), WebSocketFrame(fin: true, opcode: .pong, payload: Array("p".utf8)))
    }

    func testUnmaskedFrameClosesWith1002() throws {
        let (client, reader) = try connect(try start())
        client.send(WebSocketFrameEncoder.text("not masked"))
        XCTAssertEqual(reader.nextFrame()?.closeCode, 1002)
        XCTAssertTrue(client.waitForClose())
    }

    func testInvalidUTF8ClosesWith1007() throws {
        let (client, reader) = try connect(try start())
        client.send(WebSocketFrameEncoder.encodeMasked(.text, payload: [0xC0, 0xAF], maskKey: (1, 1, 1, 1)))
        XCTAssertEqual(reader.nextFrame()?.closeCode, 1007)
    }

    func testOversizedMessageClosesWith1009() throws {
        let (client, reader) = try connect(try start { $0.maxWebSocketMessageBytes = 1024 })
        sendText(client, String(repeating: "x", count: 2000))
        XCTAssertEqual(reader.nextFrame()?.closeCode, 1009)
    }

    func testClientCloseIsEchoed() throws {
        let (client, reader) = try connect(try start())
        client.send(WebSocketFrameEncoder.encodeMasked(.close, payload: [0x03, 0xE8], maskKey: (5, 6, 7, 8)))
        XCTAssertEqual(reader.nextFrame()?.closeCode, 1000)
        XCTAssertTrue(client.waitForClose())
    }

    func testBroadcastReachesEverySubscriberOnEveryLoop() throws {
        let port = try start()
        let clients = try (0..<20).map { _ in try connect(port) }
        for (client, reader) in clients {
            sendText(client, "sub:prices")
            XCTAssertEqual(reader.nextText(), "subscribed")
        }
        XCTAssertEqual(broadcaster.subscriberCount("prices"), 20)
        XCTAssertEqual(broadcaster.publish("tick 1", to: "prices"), 20)
        for (_, reader) in clients { XCTAssertEqual(reader.nextText(), "tick 1") }
    }

    func testBurstHeldForTheFanoutFlushArrivesWholeAndInOrder() throws {
        try assertBurstArrivesInOrder(fanoutFlushInterval: 0.05)
    }

    func testBurstWrittenEveryLoopIterationArrivesWholeAndInOrder() throws {
        try assertBurstArrivesInOrder(fanoutFlushInterval: 0)
    }

    /// 300 messages published back to back to 6 subscribers on both loops: each reads all of
    /// them, in order, however the loop groups them into writes.
    private func assertBurstArrivesInOrder(fanoutFlushInterval: Double) throws {
        let port = try start { $0.webSocketFanoutFlushInterval = fanoutFlushInterval }
        let clients = try (0..<6).map { _ in try connect(port) }
        for (client, reader) in clients {
            sendText(client, "sub:prices")
            XCTAssertEqual(reader.nextText(), "subscribed")
        }
        for index in 0..<300 { broadcaster.publish("tick \(index)", to: "prices") }
        for (_, reader) in clients {
            for index in 0..<300 { XCTAssertEqual(reader.nextText(), "tick \(index)") }
        }
    }

    func testSlowReaderGetsConflatedMarketDataEndingWithTheNewest() throws {
        let port = try start { $0.webSocketConflationThreshold = 1024 }
        let (client, reader) = try connect(port)
        sendText(client, "sub:prices")
        XCTAssertEqual(reader.nextText(), "subscribed")
        // 16 MB published while the client reads nothing: more than the socket buffers hold,
        // so the server's queue backs up.
        let padding = String(repeating: "p", count: 8000)
        for index in 0..<2000 {
            broadcaster.publish("\(index) \(padding)", to: "prices", conflationKey: "BTC")
        }
        usleep(300_000)
        var received: [Int] = []
        while let text = reader.nextText(timeout: 1) {
            received.append(Int(text.split(separator: " ")[0])!)
            if received.last == 1999 { break }
        }
        XCTAssertEqual(received.last, 1999, "the newest value always arrives")
        XCTAssertLessThan(received.count, 2000, "older values were conflated away")
        XCTAssertEqual(received, received.sorted(), "order is kept")
    }

    func testReaderThatNeverReadsIsClosedWhenReliableQueueOverflows() throws {
        let port = try start { $0.maxWebSocketQueuedBytes = 64 * 1024 }
        let (client, reader) = try connect(port)
        sendText(client, "sub:orders")
        XCTAssertEqual(reader.nextText(), "subscribed")
        let padding = String(repeating: "o", count: 8000)
        for index in 0..<2000 { broadcaster.publish("\(index) \(padding)", to: "orders") }
        usleep(300_000)
        var sawClose = false
        while let frame = reader.nextFrame(timeout: 2) {
            if frame.opcode == .close { sawClose = frame.closeCode == 1008; break }
        }
        XCTAssertTrue(sawClose, "the connection is closed with 1008, never silently dropping updates")
    }

    func testSilentPeerIsPingedThenDroppedWhenItNeverAnswers() throws {
        let (client, reader) = try connect(try start {
            $0.webSocketPingInterval = 0.3
            $0.webSocketPongTimeout = 0.5
        })
        XCTAssertEqual(reader.nextFrame(timeout: 3)?.opcode, .ping, "the server pings a quiet connection")
        XCTAssertTrue(client.waitForClose(timeout: 3), "no pong: the peer is considered dead")
    }

    func testPeerThatAnswersPingsStaysConnected() throws {
        let (client, reader) = try connect(try start {
            $0.webSocketPingInterval = 0.3
            $0.webSocketPongTimeout = 0.5
        })
        for _ in 0..<3 {
            guard let ping = reader.nextFrame(timeout: 3), ping.opcode == .ping else { return XCTFail("no ping") }
            client.send(WebSocketFrameEncoder.encodeMasked(.pong, payload: ping.payload, maskKey: (3, 1, 4, 1)))
        }
        sendText(client, "still here")
        XCTAssertEqual(reader.nextText(), "echo:still here")
    }

    func testShutdownClosesWebSocketsWithGoingAway() throws {
        let (_, reader) = try connect(try start())
        server.shutdown()
        server = nil
        XCTAssertEqual(reader.nextFrame()?.closeCode, 1001)
    }
}

/// Reads server frames from a raw client.
final class FrameReader {
    let client: RawClient
    private var parser = WebSocketFrameParser(maxFrameSize: 1 << 24, requireMasking: false)
    private var pendingHead: [UInt8] = []

    init(client: RawClient) { self.client = client }

    /// The HTTP response head of the upgrade; bytes after it go to the frame parser.
    func readHead() -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let end = find(bytes) {
                parser.append(Array(bytes[(end + 4)...]))
                return String(decoding: bytes[..<(end + 4)], as: UTF8.self)
            }
            var poller = pollfd(fd: client.fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 1000) > 0 else { continue }
            let count = recv(client.fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func find(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return (0...(bytes.count - 4)).first { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 }
    }

    func nextFrame(timeout: Double = 5) -> WebSocketFrame? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let frame = try? parser.next() { return frame }
            guard Date() < deadline else { return nil }
            var poller = pollfd(fd: client.fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = recv(client.fd, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            parser.append(Array(buffer[0..<count]))
        }
    }

    func nextText(timeout: Double = 5) -> String? {
        while let frame = nextFrame(timeout: timeout) {
            if frame.opcode == .text { return String(decoding: frame.payload, as: UTF8.self) }
            if frame.opcode == .close { return nil }
        }
        return nil
    }
}

extension WebSocketFrame {
    /// The status code of a close frame.
    var closeCode: Int? {
        guard opcode == .close, payload.count >= 2 else { return nil }
        return Int(payload[0]) << 8 | Int(payload[1])
    }
}
