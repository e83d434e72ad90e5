#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP socket.
final class SocketStream: ByteStream {
    let fileDescriptor: Int32
    private var isClosed = false

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    var wantsWrite: Bool { false }

    var isHandshaking: Bool { false }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        let count = Glibc.read(fileDescriptor, buffer.baseAddress, buffer.count)
        if count > 0 { return .bytes(count) }
        if count == 0 { return .closed }
        switch errno {
        case EAGAIN, EWOULDBLOCK, EINTR: return .wouldBlock
        case ECONNRESET, EPIPE: return .closed
        case let code: return .failed(code)
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        let count = send(fileDescriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        if count >= 0 { return .bytes(count) }
        switch errno {
        case EAGAIN, EWOULDBLOCK, EINTR: return .wouldBlock
        case ECONNRESET, EPIPE: return .closed
        case let code: return .failed(code)
        }
    }

    func shutdownWrite() {
        guard !isClosed else { return }
        _ = shutdown(fileDescriptor, Int32(SHUT_WR))
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(fileDescriptor)
    }

    deinit { close() }
}
