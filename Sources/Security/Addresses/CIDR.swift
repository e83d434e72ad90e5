/// An address range such as `10.0.0.0/8` or `2001:db8::/32`; a bare address is a
/// range of one.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the range (host bits cleared).
    public let network: IPAddress
    /// Leading bits that every address in the range shares with `network`.
    public let prefixLength: Int

    /// Parses `address` or `address/prefix`. Host bits set below the prefix are
    /// cleared (`192.168.1.7/24` is `192.168.1.0/24`), as in most network tools. The
    /// prefix is plain decimal without sign or leading zero, at most 32 (IPv4) or 128
    /// (IPv6); an IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`) becomes the IPv4
    /// range it describes (`10.0.0.0/8`).
    public init(parsing text: String) throws(IPAddressError) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let address = try IPAddress(literal: String(parts[0]), original: text)
        let writtenAsIPv6 = parts[0].contains(":")
        var prefixLength = writtenAsIPv6 ? 128 : 32
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  digits == "0" || !digits.hasPrefix("0"), let value = Int(digits), value <= prefixLength
            else { throw .invalidPrefixLength(text) }
            prefixLength = value
        }
        if writtenAsIPv6 && address.family == .ipv4 {
            guard prefixLength >= 96 else { throw .invalidPrefixLength(text) }
            prefixLength -= 96
        }
        self.init(address, prefixLength: prefixLength)
    }

    /// The range of `prefixLength` leading bits of `address`. Precondition: the
    /// length fits the address family.
    public init(_ address: IPAddress, prefixLength: Int) {
        precondition((0...address.family.bitCount).contains(prefixLength), "prefix length \(prefixLength) out of range")
        self.prefixLength = prefixLength
        network = IPAddress(family: address.family, bytes: Self.masked(address.bytes, prefixLength: prefixLength))
    }

    /// Whether `address` lies in this range (always false across families).
    public func contains(_ address: IPAddress) -> Bool {
        address.family == network.family && Self.masked(address.bytes, prefixLength: prefixLength) == network.bytes
    }

    /// Whether the text `address` (any form `IPAddress(parsing:)` accepts) lies in
    /// this range; false when it is not an address.
    public func contains(_ address: String) -> Bool {
        guard let parsed = try? IPAddress(parsing: address) else { return false }
        return contains(parsed)
    }

    /// `network/prefixLength` in canonical form.
    public var description: String {
        "\(network)/\(prefixLength)"
    }

    private static func masked(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        var result = bytes
        for index in result.indices {
            let bitsKept = min(8, max(0, prefixLength - index * 8))
            result[index] &= bitsKept == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsKept))
        }
        return result
    }
}
