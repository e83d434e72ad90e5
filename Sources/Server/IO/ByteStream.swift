#if canImport(Glibc)
import Glibc
#endif

/// The outcome of one read or write on a stream.
public enum IOResult: Sendable, Equatable {
    /// This many bytes moved (never 0 for a read: end of stream is `.closed`).
    case bytes(Int)
    /// Nothing can move now; wait for readiness.
    case wouldBlock
    /// The peer closed the stream.
    case closed
    /// The stream failed with this `errno`.
    case failed(Int32)
}

/// The one place bytes enter and leave a connection. HTTP and WebSocket code only see this,
/// so an encrypting stream (TLS) can take the place of the plain socket without touching them.
public protocol ByteStream: AnyObject {
    /// The file descriptor the event loop watches.
    var fileDescriptor: Int32 { get }
    /// Reads what is available into `buffer`.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult
    /// Writes as much of `bytes` as the socket takes now.
    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult
    /// True when the stream needs to write before it can read on (a TLS handshake may): the
    /// connection then watches for writability and reads again once the socket is writable.
    var wantsWrite: Bool { get }
    /// True while a handshake below HTTP (TLS) is unfinished: the connection times it like a
    /// request being received, and never answers it with an HTTP error.
    var isHandshaking: Bool { get }
    /// Ends the sending direction, leaving reads open: a lingering close lets the peer read
    /// the last response before the connection goes, instead of losing it to a reset.
    func shutdownWrite()
    /// Closes the descriptor.
    func close()
}

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
