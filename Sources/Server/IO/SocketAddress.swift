#if canImport(Glibc)
import Glibc
#endif

/// A peer address in printable form.
struct SocketAddress {
    var host: String
    var port: Int

    init(_ storage: sockaddr_storage) {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            let address = withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee } }
            var inAddress = address.sin_addr
            host = Self.text(of: &inAddress, family: AF_INET)
            port = Int(UInt16(bigEndian: address.sin_port))
        case AF_INET6:
            let address = withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee } }
            var inAddress = address.sin6_addr
            host = Self.text(of: &inAddress, family: AF_INET6)
            port = Int(UInt16(bigEndian: address.sin6_port))
        default:
            host = "unknown"
            port = 0
        }
    }

    /// `inet_ntop`'s text for an `in_addr` or `in6_addr`.
    private static func text(of address: UnsafeRawPointer, family: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        inet_ntop(family, address, &buffer, socklen_t(buffer.count))
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
