/// Why an address or a range could not be parsed; each case carries the offending text.
public enum IPAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not an IPv4 or IPv6 address (`inet_pton` refused it, or a bracket or port is wrong).
    case invalidAddress(String)
    /// The part after `/` is not a decimal prefix length that fits the address family.
    case invalidPrefixLength(String)
    /// An IPv6 zone (`fe80::1%eth0`) was given. Zones name an interface of one host,
    /// so ranges and allowlists cannot meaningfully match them; they are refused.
    case zoneNotSupported(String)

    /// A message naming the offending text.
    public var description: String {
        switch self {
        case .invalidAddress(let text): "not an IP address: \"\(text)\""
        case .invalidPrefixLength(let text): "invalid prefix length in \"\(text)\""
        case .zoneNotSupported(let text): "IPv6 zones are not supported: \"\(text)\""
        }
    }
}
