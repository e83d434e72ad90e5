import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// A libssl BIO type over a non-blocking socket that writes with `send(MSG_NOSIGNAL)`.
///
/// libssl's own socket BIO writes with write(2), which raises SIGPIPE once the peer is gone and
/// so kills any process that did not ignore the signal; `SocketStream` avoids it the same way.
/// The BIOs made here only borrow their descriptor: the stream that owns it closes it.
///
/// `@unchecked Sendable` is safe: the `BIO_METHOD` is complete when `init` returns and libcrypto
/// only reads it afterwards, from any thread.
final class TLSSocketBIOMethod: @unchecked Sendable {
    /// The one instance: BIO type numbers are a small process-wide pool, so the type is made once
    /// rather than per context (certificate reloads would use them up).
    static let shared = Result { () throws(TLSError) in try TLSSocketBIOMethod() }

    /// The `BIO_METHOD`.
    let method: OpaquePointer

    private init() throws(TLSError) {
        let type = BIO_get_new_index() | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR
        guard let method = BIO_meth_new(type, "socket (MSG_NOSIGNAL)") else {
            throw TLSError.fromErrorQueue(.configureContext)
        }
        self.method = method
        BIO_meth_set_read(method) { bio, buffer, length in
            guard let bio, let fd = TLSSocketBIOMethod.descriptor(of: bio) else { return -1 }
            BIO_clear_flags(bio, TLSSocketBIOMethod.retryFlags)
            let count = recv(fd, buffer, Int(max(0, length)), 0)
            if count > 0 { return Int32(count) }
            if count == 0 {
                BIO_set_flags(bio, BIO_FLAGS_IN_EOF)
                return 0
            }
            if TLSSocketBIOMethod.isTransient(errno) { BIO_set_flags(bio, BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY) }
            return -1
        }
        BIO_meth_set_write(method) { bio, bytes, length in
            guard let bio, let fd = TLSSocketBIOMethod.descriptor(of: bio) else { return -1 }
            BIO_clear_flags(bio, TLSSocketBIOMethod.retryFlags)
            let count = send(fd, bytes, Int(max(0, length)), Int32(MSG_NOSIGNAL))
            if count >= 0 { return Int32(count) }
            if TLSSocketBIOMethod.isTransient(errno) { BIO_set_flags(bio, BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY) }
            return -1
        }
        BIO_meth_set_ctrl(method) { bio, command, _, pointer in
            guard let bio else { return 0 }
            switch command {
            // libssl flushes after each handshake flight; writes here are unbuffered.
            case BIO_CTRL_FLUSH: return 1
            case BIO_CTRL_EOF: return BIO_test_flags(bio, BIO_FLAGS_IN_EOF) != 0 ? 1 : 0
            case BIO_C_GET_FD:
                guard let fd = TLSSocketBIOMethod.descriptor(of: bio) else { return -1 }
                pointer?.assumingMemoryBound(to: Int32.self).pointee = fd
                return Int(fd)
            default: return 0
            }
        }
        BIO_meth_set_destroy(method) { bio in
            guard let bio else { return 0 }
            BIO_get_data(bio)?.assumingMemoryBound(to: Int32.self).deallocate()
            BIO_set_data(bio, nil)
            BIO_set_init(bio, 0)
            return 1
        }
    }

    /// A BIO reading and writing `fileDescriptor`, or nil when libcrypto is out of memory.
    func makeBIO(fileDescriptor: Int32) -> OpaquePointer? {
        guard let bio = BIO_new(method) else { return nil }
        let storage = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        storage.initialize(to: fileDescriptor)
        BIO_set_data(bio, storage)
        BIO_set_init(bio, 1)
        return bio
    }

    /// What `BIO_clear_retry_flags` clears (a macro Swift does not import).
    private static let retryFlags = BIO_FLAGS_READ | BIO_FLAGS_WRITE | BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY

    private static func descriptor(of bio: OpaquePointer) -> Int32? {
        BIO_get_data(bio)?.assumingMemoryBound(to: Int32.self).pointee
    }

    private static func isTransient(_ code: Int32) -> Bool {
        code == EAGAIN || code == EWOULDBLOCK || code == EINTR
    }
}
