/// Where a request goes, read from an absolute `http` or `https` URL: scheme, host, port and
/// the request target (path and query; a fragment is dropped, as clients never send it).
///
/// Only what a request line may carry is accepted: no spaces, controls or non-ASCII bytes
/// (callers percent-encode), and no user information (credentials travel in headers).
struct HTTPTarget: Equatable, Sendable {
    var secure: Bool
    /// The host as written, without brackets for an IPv6 literal, in lower case.
    var host: String
    var port: Int
    /// Path and query, at least "/".
    var requestTarget: String

    /// Whether `host` is an IPv4 or IPv6 literal (TLS then checks an IP, and sends no SNI).
    var hostIsAddress: Bool { host.contains(":") || host.utf8.allSatisfy { $0 == UInt8(ascii: ".") || (48...57).contains($0) } }

    /// The `Host` header: the port only when not the scheme's default, IPv6 in brackets.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// Whether `other` is the same origin (scheme, host and port).
    func sameOrigin(as other: HTTPTarget) -> Bool {
        secure == other.secure && host == other.host && port == other.port
    }

    init(secure: Bool, host: String, port: Int, requestTarget: String) {
        self.secure = secure
        self.host = host
        self.port = port
        self.requestTarget = requestTarget
    }

    init?(_ url: String) {
        guard url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), let schemeEnd = url.range(of: "://") else { return nil }
        switch url[..<schemeEnd.lowerBound].lowercased() {
        case "http": secure = false
        case "https": secure = true
        default: return nil
        }
        var rest = url[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let path = rest[authorityEnd...]
        requestTarget = path.first == "?" ? "/" + path : (path.isEmpty ? "/" : String(path))
        guard !authority.contains("@"), let (host, port) = Self.hostAndPort(authority, secure: secure) else { return nil }
        self.host = host.lowercased()
        self.port = port
    }

    /// The target `location` (a redirect's) names, read against this one: an absolute URL,
    /// a network-path (`//host/…`), an absolute path or a path relative to this one's.
    func resolving(_ location: String) -> HTTPTarget? {
        if location.contains("://") { return HTTPTarget(location) }
        if location.hasPrefix("//") { return HTTPTarget((secure ? "https:" : "http:") + location) }
        var resolved = self
        guard location.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), !location.isEmpty else { return nil }
        var relative = Substring(location)
        if let hash = relative.firstIndex(of: "#") { relative = relative[..<hash] }
        if relative.hasPrefix("/") {
            resolved.requestTarget = String(relative)
        } else {
            let path = requestTarget.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let directory = path[...(path.lastIndex(of: "/") ?? path.startIndex)]
            resolved.requestTarget = String(relative.hasPrefix("?") ? path + relative : directory + relative)
        }
        return resolved
    }

    private static func hostAndPort(_ authority: Substring, secure: Bool) -> (Substring, Int)? {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { return nil }
        guard let portText else { return (host, secure ? 443 : 80) }
        guard !portText.isEmpty, portText.count <= 5, let port = Int(portText), (1...65535).contains(port) else { return nil }
        return (host, port)
    }
}
