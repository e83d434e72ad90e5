import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// A server-side TLS connection over a non-blocking socket: the handshake runs inside the first
/// reads, and libssl's "want read" / "want write" become `.wouldBlock`, with `wantsWrite` set
/// while a read can only go on once the socket takes bytes again.
final class TLSStream: ByteStream {
    let fileDescriptor: Int32
    /// Keeps the `SSL_CTX` (and the BIO type) alive for as long as the `SSL` made from it; a
    /// certificate reload leaves established connections on the context they started with.
    private let context: TLSContext
    private let connection: OpaquePointer
    private(set) var wantsWrite = false
    private var isClosed = false
    /// libssl reported a fatal error: the connection may no longer be shut down cleanly.
    private var hasFailed = false
    /// An end of stream met after a read had already produced bytes, reported by the next read.
    private var pendingEnd: IOResult?

    /// Wraps an accepted socket, or returns nil (leaving the descriptor open) when libssl
    /// cannot allocate the connection.
    init?(fileDescriptor: Int32, context: TLSContext) {
        guard let connection = SSL_new(context.handle) else {
            _ = TLSError.drainErrorQueue()
            return nil
        }
        guard let bio = context.socketBIO.makeBIO(fileDescriptor: fileDescriptor) else {
            SSL_free(connection)
            _ = TLSError.drainErrorQueue()
            return nil
        }
        SSL_set_bio(connection, bio, bio)
        SSL_set_accept_state(connection)
        self.fileDescriptor = fileDescriptor
        self.context = context
        self.connection = connection
    }

    var isHandshaking: Bool { !isClosed && SSL_is_init_finished(connection) == 0 }

    /// Reads until `buffer` is full or libssl wants the socket. Filling the buffer whenever it can
    /// keeps the contract the connections rely on: a short read means nothing is left buffered
    /// inside libssl, so waiting for the socket's readiness cannot miss data.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        guard !isClosed, let base = buffer.baseAddress else { return .closed }
        if let pendingEnd {
            self.pendingEnd = nil
            return pendingEnd
        }
        var total = 0
        while total < buffer.count {
            ERR_clear_error()
            let count = SSL_read(connection, base + total, Int32(clamping: buffer.count - total))
            if count > 0 {
                total += Int(count)
                continue
            }
            let outcome = classify(count)
            wantsWrite = outcome == .wantWrite
            switch outcome {
            case .wantRead, .wantWrite:
                return total > 0 ? .bytes(total) : .wouldBlock
            case .ended(let end):
                guard total > 0 else { return end }
                // Nothing more will be read: a shut input keeps the socket readable for epoll,
                // so the connection comes back for the end.
                pendingEnd = end
                _ = shutdown(fileDescriptor, Int32(SHUT_RD))
                return .bytes(total)
            }
        }
        wantsWrite = false
        return .bytes(total)
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        guard !isClosed else { return .closed }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return .bytes(0) }
        ERR_clear_error()
        let count = SSL_write(connection, base, Int32(clamping: bytes.count))
        if count > 0 { return .bytes(Int(count)) }
        switch classify(count) {
        case .wantRead, .wantWrite: return .wouldBlock
        case .ended(let end): return end
        }
    }

    /// Sends close_notify when the session is up (best effort: a full socket drops it), then ends
    /// the TCP sending direction.
    func shutdownWrite() {
        guard !isClosed else { return }
        sendCloseNotify()
        _ = shutdown(fileDescriptor, Int32(SHUT_WR))
    }

    func close() {
        guard !isClosed else { return }
        sendCloseNotify()
        isClosed = true
        SSL_free(connection)
        _ = Glibc.close(fileDescriptor)
    }

    deinit { close() }

    private func sendCloseNotify() {
        guard !hasFailed, SSL_is_init_finished(connection) == 1,
              SSL_get_shutdown(connection) & SSL_SENT_SHUTDOWN == 0 else { return }
        ERR_clear_error()
        _ = SSL_shutdown(connection)
        _ = TLSError.drainErrorQueue()
    }

    private enum Outcome: Equatable {
        case wantRead
        case wantWrite
        case ended(IOResult)
    }

    /// Maps a failed `SSL_read` / `SSL_write` to what the connection needs to know.
    private func classify(_ result: Int32) -> Outcome {
        let code = errno
        switch SSL_get_error(connection, result) {
        case SSL_ERROR_WANT_READ:
            return .wantRead
        case SSL_ERROR_WANT_WRITE:
            return .wantWrite
        case SSL_ERROR_ZERO_RETURN:
            return .ended(.closed)
        case SSL_ERROR_SYSCALL:
            fail()
            return .ended(code == 0 || code == ECONNRESET || code == EPIPE ? .closed : .failed(code))
        default:
            // A protocol error (plain HTTP on the TLS port, an old protocol version, a bad record).
            fail()
            return .ended(.failed(EPROTO))
        }
    }

    /// After a fatal error the session is unusable. Shutting the socket down makes epoll report
    /// it (level-triggered), so the connection's next read sees the end even if this one still
    /// returned bytes.
    private func fail() {
        hasFailed = true
        _ = TLSError.drainErrorQueue()
        _ = shutdown(fileDescriptor, Int32(SHUT_RDWR))
    }
}
