/// Reads WebSocket frames (RFC 6455 §5.2) out of the bytes a connection receives.
///
/// Server side: client frames MUST be masked (§5.1), so an unmasked one is a
/// protocol error unless `requireMasking` is false (a client reading server
/// frames). Payloads are returned unmasked. Header checks run as soon as the
/// header bytes are in, so an oversized frame is refused before its payload is
/// buffered. After an error, `next()` keeps throwing it: the connection must close.
public struct WebSocketFrameParser: Sendable {
    private let maxFrameSize: Int
    private let requireMasking: Bool
    /// Received bytes; those before `readIndex` were already returned as frames.
    private var buffer: [UInt8] = []
    private var readIndex = 0

    /// Creates a parser that refuses frames whose payload exceeds `maxFrameSize`
    /// bytes with 1009, and unmasked frames with 1002 when `requireMasking` is set.
    public init(maxFrameSize: Int = 1 << 20, requireMasking: Bool = true) {
        precondition(maxFrameSize >= 0, "maxFrameSize must not be negative")
        self.maxFrameSize = maxFrameSize
        self.requireMasking = requireMasking
    }

    /// The number of received bytes not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Adds bytes read from the connection.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        discardConsumedBytes()
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes read from the connection.
    public mutating func append(_ bytes: [UInt8]) {
        discardConsumedBytes()
        buffer.append(contentsOf: bytes)
    }

    /// Returns the next complete frame, or nil when more bytes are needed.
    public mutating func next() throws(WebSocketProtocolError) -> WebSocketFrame? {
        let available = buffer.count - readIndex
        guard available >= 2 else { return nil }
        let first = buffer[readIndex]
        let second = buffer[readIndex + 1]

        // No extension is ever negotiated, so nothing may give the RSV bits a meaning.
        guard first & 0x70 == 0 else {
            throw WebSocketProtocolError(code: .protocolError, reason: "reserved bits set without an extension")
        }
        guard let opcode = WebSocketOpcode(rawValue: first & 0x0F) else {
            throw WebSocketProtocolError(code: .protocolError, reason: "reserved opcode \(first & 0x0F)")
        }
        let fin = first & 0x80 != 0
        let masked = second & 0x80 != 0
        let shortLength = second & 0x7F
        if opcode.isControl {
            guard fin else {
                throw WebSocketProtocolError(code: .protocolError, reason: "fragmented \(opcode) frame")
            }
            guard shortLength <= 125 else {
                throw WebSocketProtocolError(code: .protocolError, reason: "\(opcode) frame longer than 125 bytes")
            }
        }
        guard masked || !requireMasking else {
            throw WebSocketProtocolError(code: .protocolError, reason: "client frame is not masked")
        }

        var headerLength = 2
        let payloadLength: UInt64
        switch shortLength {
        case 126:
            guard available >= 4 else { return nil }
            payloadLength = UInt64(buffer[readIndex + 2]) << 8 | UInt64(buffer[readIndex + 3])
            headerLength = 4
        case 127:
            guard available >= 10 else { return nil }
            var value: UInt64 = 0
            for offset in 2..<10 {
                value = value << 8 | UInt64(buffer[readIndex + offset])
            }
            guard value & (1 << 63) == 0 else {
                throw WebSocketProtocolError(code: .protocolError, reason: "64-bit length with the high bit set")
            }
            payloadLength = value
            headerLength = 10
        default:
            // Longer encodings of short lengths are accepted: §5.2's "minimal number
            // of bytes" binds senders, and refusing them buys the server nothing.
            payloadLength = UInt64(shortLength)
        }
        guard payloadLength <= UInt64(maxFrameSize) else {
            throw WebSocketProtocolError(
                code: .messageTooBig, reason: "frame of \(payloadLength) bytes exceeds \(maxFrameSize)")
        }
        let length = Int(payloadLength)
        let maskOffset = readIndex + headerLength
        if masked { headerLength += 4 }
        guard available - headerLength >= length else { return nil }

        let payloadStart = readIndex + headerLength
        let payloadEnd = payloadStart + length
        let payload: [UInt8]
        if masked {
            let key = (buffer[maskOffset], buffer[maskOffset + 1], buffer[maskOffset + 2], buffer[maskOffset + 3])
            payload = buffer.withUnsafeBytes { bytes in
                WebSocketMask.apply(key: key, to: UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<payloadEnd]))
            }
        } else {
            payload = Array(buffer[payloadStart..<payloadEnd])
        }
        readIndex = payloadEnd
        return WebSocketFrame(fin: fin, opcode: opcode, payload: payload)
    }

    /// Drops bytes already returned as frames, when that is cheap: always when all
    /// of them were consumed (the usual case), otherwise only once the consumed
    /// prefix is large and at least half the buffer, so moving the tail is amortised.
    private mutating func discardConsumedBytes() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            // Keep a modest buffer for the next read, but not one that grew for a
            // large frame: an idle connection should not pin a megabyte.
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            readIndex = 0
        } else if readIndex >= 4096 && readIndex * 2 >= buffer.count {
            buffer.removeSubrange(..<readIndex)
            readIndex = 0
        }
    }
}
