/// Writes WebSocket frames (RFC 6455 §5.2) ready to send.
public enum WebSocketFrameEncoder {
    /// The most payload a control frame may carry (§5.5).
    static let maxControlPayload = 125

    /// Server frames are never masked. Chooses 7/16/64-bit length encoding.
    ///
    /// Control frames must be final and at most 125 bytes; anything else would make
    /// the peer drop the connection, so it is treated as a programming error.
    public static func encode(_ opcode: WebSocketOpcode, payload: some Collection<UInt8>, fin: Bool = true) -> [UInt8] {
        var frame = header(opcode, fin: fin, masked: false, payloadLength: payload.count)
        frame.append(contentsOf: payload)
        return frame
    }

    /// A single-frame text message.
    public static func text(_ text: String) -> [UInt8] {
        encode(.text, payload: text.utf8)
    }

    /// A single-frame binary message.
    public static func binary(_ payload: some Collection<UInt8>) -> [UInt8] {
        encode(.binary, payload: payload)
    }

    /// A close frame. The reason is cut to fit the 125-byte control payload (123
    /// bytes after the code) at a UTF-8 boundary, so the peer never sees a broken
    /// sequence, which it would have to answer with 1007. `code` must be valid on
    /// the wire: 1005 and 1006 only describe a close locally.
    public static func close(_ code: WebSocketCloseCode, reason: String = "") -> [UInt8] {
        precondition(code.isValidOnWire, "close code \(code.rawValue) must not be sent")
        var payload: [UInt8] = [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)]
        let reasonBytes = Array(reason.utf8)
        var end = min(reasonBytes.count, maxControlPayload - 2)
        // Back up while the first excluded byte continues the scalar before it.
        while end < reasonBytes.count && end > 0 && reasonBytes[end] & 0xC0 == 0x80 {
            end -= 1
        }
        payload.append(contentsOf: reasonBytes[..<end])
        return encode(.close, payload: payload)
    }

    /// A ping; `payload` (at most 125 bytes) comes back in the pong.
    public static func ping(_ payload: [UInt8] = []) -> [UInt8] {
        encode(.ping, payload: payload)
    }

    /// A pong, normally echoing the payload of the ping it answers.
    public static func pong(_ payload: [UInt8]) -> [UInt8] {
        encode(.pong, payload: payload)
    }

    /// Client-side masked frame, for tests and load generators.
    public static func encodeMasked(
        _ opcode: WebSocketOpcode, payload: some Collection<UInt8>, fin: Bool = true,
        maskKey: (UInt8, UInt8, UInt8, UInt8)
    ) -> [UInt8] {
        var frame = header(opcode, fin: fin, masked: true, payloadLength: payload.count)
        frame.append(contentsOf: [maskKey.0, maskKey.1, maskKey.2, maskKey.3])
        frame.append(contentsOf: WebSocketMask.apply(key: maskKey, to: payload))
        return frame
    }

    /// The frame header up to (not including) the mask key, with room reserved for
    /// the rest of the frame so appending the payload does not reallocate.
    private static func header(_ opcode: WebSocketOpcode, fin: Bool, masked: Bool, payloadLength: Int) -> [UInt8] {
        precondition(
            !opcode.isControl || (fin && payloadLength <= maxControlPayload),
            "\(opcode) frames must be final and at most \(maxControlPayload) bytes")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(14 + payloadLength)
        bytes.append((fin ? 0x80 : 0) | opcode.rawValue)
        let maskBit: UInt8 = masked ? 0x80 : 0
        switch payloadLength {
        case 0...125:
            bytes.append(maskBit | UInt8(payloadLength))
        case 126...0xFFFF:
            bytes.append(maskBit | 126)
            bytes.append(UInt8(payloadLength >> 8))
            bytes.append(UInt8(payloadLength & 0xFF))
        default:
            bytes.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: payloadLength >> shift))
            }
        }
        return bytes
    }
}
