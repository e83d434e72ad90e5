/// The address ranges a principal (or the whole server) may connect from.
public struct IPAllowlist: Sendable, Equatable {
    /// The permitted ranges; empty means every address is allowed.
    public let ranges: [CIDR]

    /// An allowlist of `ranges` (empty: allow all).
    public init(_ ranges: [CIDR]) {
        self.ranges = ranges
    }

    /// Parses each entry with `CIDR(parsing:)`; the first bad entry is thrown.
    public init(parsing entries: [String]) throws(IPAddressError) {
        var ranges: [CIDR] = []
        for entry in entries { ranges.append(try CIDR(parsing: entry)) }
        self.init(ranges)
    }

    /// Whether the list is empty and so restricts nothing.
    public var allowsAll: Bool { ranges.isEmpty }

    /// Whether `address` may connect: always when the list is empty, otherwise when
    /// some range contains it. An unparseable address is refused by a non-empty list.
    public func allows(_ address: String) -> Bool {
        guard !ranges.isEmpty else { return true }
        guard let parsed = try? IPAddress(parsing: address) else { return false }
        return ranges.contains { $0.contains(parsed) }
    }
}
