import Foundation

/// A minimal RFC 6455 client over a plain socket: the opening handshake, masked text frames
/// out, text messages in (fragments joined, pings answered). Enough to hold the server's
/// messages to the spec; the handshake's own rules (the `Sec-WebSocket-Accept` digest, bad
/// upgrades) are the Server target's tests and the external suite's concern.
final class WebSocketClient {
    /// A protocol failure, a close frame, or a timeout.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let connection: TCPConnection

    /// Connects to `path` on 127.0.0.1:`port` and completes the upgrade; `receiveBuffer` as
    /// `TCPConnection` takes it.
    init(port: Int, path: String, timeout: Double = 5, receiveBuffer: Int? = nil) throws {
        connection = try TCPConnection(port: port, timeout: timeout, receiveBuffer: receiveBuffer)
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try connection.write(Array(request.utf8))
        let (status, headers) = try HTTPRequestMessage.readHead(from: connection)
        guard status == 101, headers.contains(where: { $0.name.lowercased() == "upgrade" && $0.value.lowercased() == "websocket" }) else {
            throw Failure(description: "GET \(path) answered \(status) instead of switching to WebSocket: \(headers)")
        }
    }

    /// Sends `text` as one masked text frame.
    func send(text: String) throws {
        try sendFrame(opcode: 0x1, payload: Array(text.utf8))
    }

    /// The next text message; fails on a binary message, a close frame or a timeout.
    func receiveText() throws -> String {
        var message: [UInt8] = []
        while true {
            let (final, opcode, payload) = try readFrame()
            switch opcode {
            case 0x0, 0x1:
                message += payload
                if final { return String(decoding: message, as: UTF8.self) }
            case 0x9:
                try sendFrame(opcode: 0xA, payload: payload)
            case 0xA:
                continue
            case 0x8:
                let code = payload.count >= 2 ? Int(payload[0]) << 8 | Int(payload[1]) : 1005
                throw Failure(description: "the server closed the connection (\(code) \(String(decoding: payload.dropFirst(2), as: UTF8.self)))")
            default:
                throw Failure(description: "unexpected frame opcode \(opcode)")
            }
        }
    }

    /// Closes the socket without a closing handshake (the server must cope with that too).
    func close() {
        connection.close()
    }

    /// A client frame: FIN set, the payload masked with a fresh key (RFC 6455 §5.3).
    private func sendFrame(opcode: UInt8, payload: [UInt8]) throws {
        var frame: [UInt8] = [0x80 | opcode]
        switch payload.count {
        case 0..<126:
            frame.append(0x80 | UInt8(payload.count))
        case 126..<65536:
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default:
            frame.append(0x80 | 127)
            frame += (0..<8).reversed().map { UInt8((UInt64(payload.count) >> (8 * UInt64($0))) & 0xFF) }
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try connection.write(frame)
    }

    /// A server frame, which must not be masked.
    private func readFrame() throws -> (final: Bool, opcode: UInt8, payload: [UInt8]) {
        let head = try connection.read(exactly: 2)
        guard head[1] & 0x80 == 0 else { throw Failure(description: "the server masked a frame") }
        var length = Int(head[1] & 0x7F)
        if length == 126 {
            length = try connection.read(exactly: 2).reduce(0) { $0 << 8 | Int($1) }
        } else if length == 127 {
            length = try connection.read(exactly: 8).reduce(0) { $0 << 8 | Int($1) }
        }
        return (head[0] & 0x80 != 0, head[0] & 0x0F, try connection.read(exactly: length))
    }
}
