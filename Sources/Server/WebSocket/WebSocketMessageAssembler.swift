/// Turns frames from `WebSocketFrameParser` into messages (RFC 6455 §5.4-5.6):
/// joins fragmented text and binary messages, passes control frames through at
/// once (they may arrive between fragments), and validates text and close payloads.
public struct WebSocketMessageAssembler: Sendable {
    private let maxMessageSize: Int
    /// The opcode of the fragmented message in progress; nil between messages.
    private var pendingOpcode: WebSocketOpcode?
    private var pendingPayload: [UInt8] = []
    /// Validates a fragmented text message as it arrives, so bad bytes are refused
    /// at the first fragment that shows them.
    private var pendingText = UTF8Validator()

    /// Creates an assembler that refuses messages longer than `maxMessageSize` bytes
    /// with 1009.
    public init(maxMessageSize: Int = 1 << 20) {
        precondition(maxMessageSize >= 0, "maxMessageSize must not be negative")
        self.maxMessageSize = maxMessageSize
    }

    /// Takes the next frame; returns an event when it completes a message or is a
    /// control frame, nil when it is a fragment of a message still in progress.
    public mutating func push(_ frame: WebSocketFrame) throws(WebSocketProtocolError) -> WebSocketEvent? {
        switch frame.opcode {
        case .ping:
            return .ping(frame.payload)
        case .pong:
            return .pong(frame.payload)
        case .close:
            return try Self.closeEvent(payload: frame.payload)
        case .text, .binary:
            guard pendingOpcode == nil else {
                throw WebSocketProtocolError(
                    code: .protocolError, reason: "\(frame.opcode) frame inside a fragmented message")
            }
            try checkSize(frame.payload.count)
            pendingOpcode = frame.opcode
            pendingText = UTF8Validator()
            pendingPayload = []
            return try appendFragment(frame)
        case .continuation:
            guard pendingOpcode != nil else {
                throw WebSocketProtocolError(code: .protocolError, reason: "continuation frame without a message")
            }
            try checkSize(pendingPayload.count + frame.payload.count)
            return try appendFragment(frame)
        }
    }

    private mutating func appendFragment(_ frame: WebSocketFrame) throws(WebSocketProtocolError) -> WebSocketEvent? {
        let isText = pendingOpcode == .text
        if isText {
            guard pendingText.consume(frame.payload) else {
                throw WebSocketProtocolError(code: .invalidPayload, reason: "text message is not valid UTF-8")
            }
        }
        if pendingPayload.isEmpty {
            // The first fragment (often the whole message) becomes the buffer without a copy.
            pendingPayload = frame.payload
        } else {
            pendingPayload.append(contentsOf: frame.payload)
        }
        guard frame.fin else { return nil }

        let payload = pendingPayload
        pendingPayload = []
        pendingOpcode = nil
        guard isText else { return .binary(payload) }
        guard pendingText.isAtScalarBoundary else {
            throw WebSocketProtocolError(code: .invalidPayload, reason: "text message ends inside a UTF-8 sequence")
        }
        return .text(String(decoding: payload, as: UTF8.self))
    }

    private func checkSize(_ size: Int) throws(WebSocketProtocolError) {
        guard size <= maxMessageSize else {
            throw WebSocketProtocolError(
                code: .messageTooBig, reason: "message of \(size) bytes exceeds \(maxMessageSize)")
        }
    }

    /// Decodes a close payload (§5.5.1): empty, or a 2-byte code and a UTF-8 reason.
    private static func closeEvent(payload: [UInt8]) throws(WebSocketProtocolError) -> WebSocketEvent {
        guard !payload.isEmpty else { return .close(code: nil, reason: "") }
        guard payload.count >= 2 else {
            throw WebSocketProtocolError(code: .protocolError, reason: "close payload of 1 byte")
        }
        let code = WebSocketCloseCode(rawValue: UInt16(payload[0]) << 8 | UInt16(payload[1]))
        guard code.isValidOnWire else {
            throw WebSocketProtocolError(code: .protocolError, reason: "close code \(code.rawValue) is not allowed")
        }
        let reason = payload[2...]
        guard UTF8Validator.isValid(reason) else {
            throw WebSocketProtocolError(code: .invalidPayload, reason: "close reason is not valid UTF-8")
        }
        return .close(code: code, reason: String(decoding: reason, as: UTF8.self))
    }
}
