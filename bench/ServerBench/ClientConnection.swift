import CLinux
#if canImport(Glibc)
import Glibc
#endif
import Server
import Synchronization

/// One client connection's state; touched only by its loop.
final class ClientConnection {
    enum State { case handshaking, open, ended, closed }

    static let key = "dGhlIHNhbXBsZSBub25jZQ=="
    static let expectedAccept = WebSocketHandshake.acceptValue(forKey: key)
    static let sentKey = Array(#""sent_ns":"#.utf8)
    static let seqKey = Array(#""seq":"#.utf8)
    static let publishedKey = Array(#""published":"#.utf8)

    let fd: Int32
    var state = State.handshaking
    var pending: [UInt8] = []
    var nextSeq: UInt64 = 0
    var gaps: UInt64 = 0
    var published = 0

    init(fd: Int32) { self.fd = fd }

    /// Best-effort small write (pongs and closes).
    func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// The index just past `\r\n\r\n`, or nil.
    static func headerEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    /// The unsigned integer right after `key` in `payload`.
    @inline(__always)
    static func number(after key: [UInt8], in payload: UnsafeRawBufferPointer) -> UInt64? {
        let last = payload.count - key.count
        guard last >= 0 else { return nil }
        var index = 0
        search: while index <= last {
            for offset in 0..<key.count where payload[index + offset] != key[offset] {
                index += 1
                continue search
            }
            var position = index + key.count
            var value: UInt64 = 0
            var digits = 0
            while position < payload.count, payload[position] >= 48, payload[position] <= 57 {
                value = value * 10 + UInt64(payload[position] - 48)
                position += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        return nil
    }
}
