import COpenSSL
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// When an attempt must end, and whether its task was cancelled: every wait of a connection
/// polls in slices of at most 50 ms, so a cancellation ends it promptly.
struct HTTPDeadline: Sendable {
    let instant: ContinuousClock.Instant
    /// The attempt's whole timeout, named by `.timedOut`.
    let seconds: Double
    let cancellation: HTTPCancellation

    init(seconds: Double, cancellation: HTTPCancellation) {
        self.seconds = seconds
        self.cancellation = cancellation
        instant = .now + .nanoseconds(Int64(seconds * 1e9))
    }

    /// Waits until `fd` is ready for `events` (POLLIN, POLLOUT), the deadline passes
    /// (`.timedOut`) or the task is cancelled.
    func wait(for events: Int16, on fd: Int32) throws(HTTPClientError) {
        while true {
            if cancellation.isCancelled { throw .transport("cancelled") }
            let left = ContinuousClock.now.duration(to: instant)
            guard left > .zero else { throw .timedOut(seconds: seconds) }
            let milliseconds = min(50, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000) + 1)
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return }
            if ready < 0, errno != EINTR { throw .transport("poll failed (errno \(errno))") }
        }
    }
}

/// Set by the task's cancellation handler, read by the blocking attempt.
final class HTTPCancellation: Sendable {
    private let flag = Atomic<Bool>(false)
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
    func cancel() { flag.store(true, ordering: .relaxed) }
}

/// One TCP connection of the client, over TLS for `https`: non-blocking underneath, blocking
/// to its user with every wait bounded by the attempt's deadline. Used by one thread, then
/// closed (requests say `Connection: close`).
final class HTTPClientConnection {
    private let fd: Int32
    private var ssl: OpaquePointer?
    private let deadline: HTTPDeadline

    /// Resolves the host and connects to its addresses in turn, then makes the TLS handshake
    /// with `tls` when the target is `https`.
    init(to target: HTTPTarget, tls: HTTPClientTLS?, deadline: HTTPDeadline) throws(HTTPClientError) {
        self.deadline = deadline
        fd = try Self.connect(host: target.host, port: target.port, deadline: deadline)
        guard target.secure else { return }
        guard let tls else {
            close(fd)
            throw .transport("TLS is not available")
        }
        do throws(HTTPClientError) {
            ssl = try tls.handshake(on: fd, host: target.host, hostIsAddress: target.hostIsAddress, deadline: deadline)
        } catch {
            close(fd)
            throw error
        }
    }

    deinit {
        if let ssl { SSL_free(ssl) }
        close(fd)
    }

    /// Sends all of `bytes`.
    func write(_ bytes: [UInt8]) throws(HTTPClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                transfer(ssl, plainWaitsFor: Int16(POLLOUT)) { SSL_write($0, buffer.baseAddress! + offset, Int32(buffer.count - offset)) }
                    plain: { send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL)) }
            }
            switch sent {
            case .done(let count): offset += count
            case .wait(let events): try deadline.wait(for: events, on: fd)
            case .closed: throw .transport("connection lost")
            case .failed(let reason): throw .transport(reason)
            }
        }
    }

    /// Reads what has arrived into `buffer` (at least one byte, waiting for it); 0 at the end
    /// of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPClientError) -> Int {
        while true {
            let received = transfer(ssl, plainWaitsFor: Int16(POLLIN)) { SSL_read($0, buffer.baseAddress, Int32(buffer.count)) }
                plain: { recv(fd, buffer.baseAddress, buffer.count, 0) }
            switch received {
            case .done(let count): return count
            case .wait(let events): try deadline.wait(for: events, on: fd)
            case .closed: return 0
            case .failed(let reason): throw .transport(reason)
            }
        }
    }

    private enum Transfer {
        case done(Int)
        case wait(Int16)
        case closed
        case failed(String)
    }

    /// One `SSL_read`/`SSL_write` or `recv`/`send`, its outcome sorted. TLS says which way it
    /// must wait (a read may need to write); a plain socket waits for `plainWaitsFor`.
    private func transfer(_ ssl: OpaquePointer?, plainWaitsFor events: Int16, _ secure: (OpaquePointer) -> Int32,
                          plain: () -> Int) -> Transfer {
        if let ssl {
            ERR_clear_error()
            let result = secure(ssl)
            if result > 0 { return .done(Int(result)) }
            switch SSL_get_error(ssl, result) {
            case SSL_ERROR_WANT_READ: return .wait(Int16(POLLIN))
            case SSL_ERROR_WANT_WRITE: return .wait(Int16(POLLOUT))
            case SSL_ERROR_ZERO_RETURN: return .closed
            case SSL_ERROR_SYSCALL where errno == ECONNRESET || errno == EPIPE: return .failed("connection lost")
            default: return .failed("TLS failure")
            }
        }
        let result = plain()
        if result > 0 { return .done(result) }
        if result == 0 { return .closed }
        switch errno {
        case EAGAIN, EWOULDBLOCK, EINTR: return .wait(events)
        case ECONNRESET, EPIPE: return .failed("connection lost")
        default: return .failed("socket error (errno \(errno))")
        }
    }

    /// A connected non-blocking socket to the first of `host`'s addresses that accepts.
    private static func connect(host: String, port: Int, deadline: HTTPDeadline) throws(HTTPClientError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let list else {
            throw resolved == EAI_AGAIN || resolved == EAI_NONAME || resolved == EAI_FAIL || resolved == -5 /* EAI_NODATA */
                ? .unreachable("host not found") : .unreachable("name resolution failed")
        }
        defer { freeaddrinfo(list) }
        var failure = HTTPClientError.unreachable("host not found")
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { continue }
            do throws(HTTPClientError) {
                try connect(fd, to: address.pointee, deadline: deadline)
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return fd
            } catch {
                close(fd)
                if case .timedOut = error { throw error }
                if case .transport = error { throw error }
                failure = error
            }
        }
        throw failure
    }

    private static func connect(_ fd: Int32, to address: addrinfo, deadline: HTTPDeadline) throws(HTTPClientError) {
        if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) == 0 { return }
        guard errno == EINPROGRESS || errno == EINTR else { throw unreachable(errno) }
        try deadline.wait(for: Int16(POLLOUT), on: fd)
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        if error != 0 { throw unreachable(error) }
    }

    private static func unreachable(_ code: Int32) -> HTTPClientError {
        switch code {
        case ECONNREFUSED: .unreachable("connection refused")
        case ENETUNREACH, EHOSTUNREACH: .unreachable("no route to host")
        case ETIMEDOUT: .unreachable("connection timed out")
        default: .unreachable("connect failed (errno \(code))")
        }
    }
}
