#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Server

/// A blocking WebSocket client over a real TCP socket for tests: upgrade with any target and
/// headers, send masked text frames, read server frames and JSON messages with deadlines.
final class WebSocketTestClient {
    private let fd: Int32
    private var parser = WebSocketFrameParser(maxFrameSize: 1 << 24, requireMasking: false)
    /// The upgrade response head (status line and headers) and its body when refused.
    private(set) var responseHead = ""
    private(set) var responseBody = ""

    /// Connects to 127.0.0.1:`port` and sends the upgrade request for `target`.
    init(port: Int, target: String = "/ws", headers: [(String, String)] = []) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        send(bytes: Array((request + "\r\n").utf8))
        readResponseHead()
    }

    deinit { close(fd) }

    /// The status code of the upgrade response (101 when upgraded).
    var status: Int {
        let parts = responseHead.split(separator: " ", maxSplits: 2)
        return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    }

    /// Sends one masked text frame.
    func send(text: String) {
        send(bytes: WebSocketFrameEncoder.encodeMasked(.text, payload: Array(text.utf8), maskKey: (7, 1, 3, 9)))
    }

    /// Sends a JSON object as a text message.
    func send(json: [String: Any]) {
        let data = try! JSONSerialization.data(withJSONObject: json)
        send(text: String(decoding: data, as: UTF8.self))
    }

    /// The next frame, or nil when none arrives within `timeout` seconds or the peer hangs up.
    func nextFrame(timeout: Double = 5) -> WebSocketFrame? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let frame = try? parser.next() { return frame }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(100, max(1, remaining * 1000)))) > 0 else { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            parser.append(Array(buffer[0..<count]))
        }
    }

    /// The next text message as a JSON object; nil at a close frame, a hang-up or the timeout.
    func nextMessage(timeout: Double = 5) -> [String: Any]? {
        while let frame = nextFrame(timeout: timeout) {
            if frame.opcode == .close { return nil }
            guard frame.opcode == .text else { continue }
            return (try? JSONSerialization.jsonObject(with: Data(frame.payload))) as? [String: Any]
        }
        return nil
    }

    /// Reads until the close frame and returns its status code; nil when none arrives.
    func closeCode(timeout: Double = 5) -> Int? {
        while let frame = nextFrame(timeout: timeout) {
            guard frame.opcode == .close else { continue }
            guard frame.payload.count >= 2 else { return nil }
            return Int(frame.payload[0]) << 8 | Int(frame.payload[1])
        }
        return nil
    }

    private func send(bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Reads the response head; frames after it go to the parser, and a refusal's body
    /// (Content-Length bytes) to `responseBody`.
    private func readResponseHead() {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(5)
        var headEnd: Int?
        while Date() < deadline {
            if headEnd == nil, bytes.count >= 4 {
                headEnd = (0...(bytes.count - 4)).first { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 }
            }
            if let end = headEnd {
                responseHead = String(decoding: bytes[..<end], as: UTF8.self)
                let rest = Array(bytes[(end + 4)...])
                if status == 101 {
                    parser.append(rest)
                    return
                }
                if rest.count >= contentLength {
                    responseBody = String(decoding: rest.prefix(contentLength), as: UTF8.self)
                    return
                }
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        if headEnd == nil { responseHead = String(decoding: bytes, as: UTF8.self) }
    }

    private var contentLength: Int {
        for line in responseHead.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }
}
