#if canImport(Glibc)
import Glibc
#endif

/// Opens non-blocking listening sockets. Every event loop gets its own socket on the same
/// address with `SO_REUSEPORT`, so the kernel spreads new connections across the loops and
/// no accept wakes more than one loop.
enum ListeningSocket {
    /// Binds and listens on `host:port` (IPv4 or IPv6 literal, or a name); `port` 0 picks a
    /// free port, which `boundPort(of:)` then tells.
    static func open(host: String, port: Int, backlog: Int32 = 1024) throws(SocketError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw SocketError("getaddrinfo(\(host))", code: status == EAI_SYSTEM ? errno : EINVAL)
        }
        defer { freeaddrinfo(list) }
        var lastError = SocketError("bind(\(host):\(port))", code: EADDRNOTAVAIL)
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { lastError = SocketError("socket"); continue }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, socklen_t(MemoryLayout<Int32>.size))
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                lastError = SocketError("bind(\(host):\(port))")
                close(fd)
                continue
            }
            guard listen(fd, backlog) == 0 else {
                lastError = SocketError("listen")
                close(fd)
                continue
            }
            return fd
        }
        throw lastError
    }

    /// The port a socket is bound to.
    static func boundPort(of fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { return 0 }
        return SocketAddress(storage).port
    }
}
