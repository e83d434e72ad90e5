/// Bytes waiting to be written to a stream, written from the front.
struct OutputBuffer {
    private(set) var bytes: [UInt8] = []
    private var offset = 0

    /// Bytes not yet written.
    var pendingCount: Int { bytes.count - offset }
    var isEmpty: Bool { offset == bytes.count }

    /// Copies `data` in through a pointer: a fan-out hands every loop the same frame, and
    /// appending the array itself would retain and release its storage once per subscriber,
    /// an atomic the loops' cores would fight over.
    mutating func append(_ data: [UInt8]) {
        data.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ data: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: data)
    }

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The decimal digits of `value` (at least 0), without making a string of them.
    mutating func appendDecimal(_ value: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = UInt(max(0, value))
        var start = 20
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }

    mutating func append(contentsOf data: some Sequence<UInt8>) {
        bytes.append(contentsOf: data)
    }

    /// The outcome of writing what is pending.
    enum Flush {
        /// Everything was written.
        case drained
        /// The socket is full; wait for it to become writable.
        case blocked
        /// The peer is gone or the write failed.
        case failed
    }

    /// Writes until drained or the socket blocks.
    mutating func flush(to stream: ByteStream) -> Flush {
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                stream.write(UnsafeRawBufferPointer(rebasing: raw[offset...]))
            }
            switch result {
            case .bytes(let count): offset += count
            case .wouldBlock:
                compact()
                return .blocked
            case .closed, .failed: return .failed
            }
        }
        bytes.removeAll(keepingCapacity: bytes.capacity <= 256 * 1024)
        offset = 0
        return .drained
    }

    private mutating func compact() {
        if offset > 64 * 1024 && offset * 2 > bytes.count {
            bytes.removeFirst(offset)
            offset = 0
        }
    }
}
