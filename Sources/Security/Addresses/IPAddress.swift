import Glibc

/// An IPv4 or IPv6 address. IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, which a
/// dual-stack socket reports for IPv4 clients) are stored as the IPv4 address they
/// carry, so they match IPv4 ranges and produce one rate-limit key per client.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address family.
    public enum Family: Sendable, Hashable {
        /// 4-byte addresses.
        case ipv4
        /// 16-byte addresses.
        case ipv6

        /// Bits in an address of this family.
        public var bitCount: Int { self == .ipv4 ? 32 : 128 }
    }

    /// The address family.
    public let family: Family
    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// Parses an address as it appears in a socket peer or an `X-Forwarded-For`
    /// entry: a plain IPv4 or IPv6 address, `[ipv6]`, `[ipv6]:port` or `ipv4:port`
    /// (the port is dropped). Zones (`%eth0`) are refused with `.zoneNotSupported`.
    public init(parsing text: String) throws(IPAddressError) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .invalidAddress(text) }
            let inner = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || Self.isPort(rest.dropFirst()) && rest.first == ":" else { throw .invalidAddress(text) }
            try self.init(literal: inner, original: text)
            guard family == .ipv6 || inner.contains(":") else { throw .invalidAddress(text) }
            return
        }
        let colons = text.count { $0 == ":" }
        if colons == 1, let colon = text.firstIndex(of: ":"), text[..<colon].contains(".") {
            guard Self.isPort(text[text.index(after: colon)...]) else { throw .invalidAddress(text) }
            try self.init(literal: String(text[..<colon]), original: text)
            return
        }
        try self.init(literal: text, original: text)
    }

    /// Parses a bare address literal (no brackets, no port), as in a CIDR.
    init(literal: String, original: String) throws(IPAddressError) {
        guard !literal.contains("%") else { throw .zoneNotSupported(original) }
        if literal.contains(":") {
            var address = in6_addr()
            guard inet_pton(AF_INET6, literal, &address) == 1 else { throw .invalidAddress(original) }
            let bytes = withUnsafeBytes(of: &address) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
                self.init(family: .ipv4, bytes: Array(bytes[12..<16]))
            } else {
                self.init(family: .ipv6, bytes: bytes)
            }
        } else {
            var address = in_addr()
            guard inet_pton(AF_INET, literal, &address) == 1 else { throw .invalidAddress(original) }
            self.init(family: .ipv4, bytes: withUnsafeBytes(of: &address) { Array($0) })
        }
    }

    init(family: Family, bytes: [UInt8]) {
        self.family = family
        self.bytes = bytes
    }

    /// The canonical text (`inet_ntop`): dotted quad for IPv4, RFC 5952 form for IPv6.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let result: UnsafePointer<CChar>?
        switch family {
        case .ipv4:
            var address = in_addr()
            withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
            result = inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
        case .ipv6:
            var address = in6_addr()
            withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
            result = inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
        }
        // inet_ntop fails only for a short buffer or an unknown family, neither possible here.
        precondition(result != nil, "inet_ntop failed")
        let end = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `text` is a decimal port number 0...65535.
    private static func isPort(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 5 && text.allSatisfy { $0.isASCII && $0.isNumber } && Int(text).map { $0 <= 65_535 } == true
    }
}
