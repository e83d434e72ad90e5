/// Finds the address of the client behind any trusted reverse proxies.
public enum ClientAddress {
    /// Most `X-Forwarded-For` entries examined; a longer chain stops at the last
    /// trusted hop reached, as a malformed entry does.
    public static let maximumForwardedHops = 32

    /// The client address for rate limiting and allowlists, in canonical form.
    ///
    /// `X-Forwarded-For` is honoured only when `peer` (the socket address) is inside
    /// `trustedProxies`; then the list is walked right to left (the right-most entry
    /// was written by the nearest proxy), skipping trusted proxies, and the first
    /// untrusted address is the client. Entries left of it were written by the client
    /// itself and are never believed. When every entry is a trusted proxy, the
    /// left-most is the answer. A malformed entry (or `unknown`, or a zone) stops the
    /// walk and the last trusted hop is returned: what lies beyond it cannot be
    /// verified, and blaming the proxy is safer than believing a client-written value.
    /// `forwardedFor` is the header's value, several headers joined with commas. A
    /// `peer` that is not an address at all is returned unchanged.
    public static func resolve(peer: String, forwardedFor: String?, trustedProxies: [CIDR]) -> String {
        guard let peerAddress = try? IPAddress(parsing: peer) else { return peer }
        func isTrusted(_ address: IPAddress) -> Bool { trustedProxies.contains { $0.contains(address) } }
        guard let forwardedFor, isTrusted(peerAddress) else { return peerAddress.description }
        var lastTrusted = peerAddress
        let entries = forwardedFor.split(separator: ",", omittingEmptySubsequences: false)
        for entry in entries.reversed().prefix(maximumForwardedHops) {
            let text = entry.trimmingASCIIWhitespace()
            guard let address = try? IPAddress(parsing: text) else { return lastTrusted.description }
            guard isTrusted(address) else { return address.description }
            lastTrusted = address
        }
        return lastTrusted.description
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (header list whitespace).
    fileprivate func trimmingASCIIWhitespace() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }
}
