#if canImport(Glibc)
import Glibc
#endif

/// A security-relevant event: who did what, from where, and whether it worked. Events
/// never carry a password, token or key, only names and ids.
public struct AuditEvent: Sendable, Equatable {
    /// What happened: `login`, `login_failed`, `refresh_reuse`, `logout`, `user_created`,
    /// `user_updated`, `user_deleted`, `role_changed`, `user_disabled`, `password_changed`,
    /// `api_key_created`, `api_key_revoked`, `admin_bootstrapped`.
    public var action: String
    /// The acting user's name (or the name tried, for a failed login).
    public var actor: String?
    /// The user, key or family acted on.
    public var target: String?
    /// The client address, when the event came from a request.
    public var address: String?
    /// Extra facts (`role=admin`, `reason=unknown user`).
    public var detail: String?

    public init(action: String, actor: String? = nil, target: String? = nil, address: String? = nil, detail: String? = nil) {
        self.action = action
        self.actor = actor
        self.target = target
        self.address = address
        self.detail = detail
    }

    /// One JSON line: `{"log":"audit","time":…,"action":…,…}`.
    public func jsonLine(epochMilliseconds: Int) -> String {
        var fields = ["\"log\":\"audit\"", "\"time\":\(epochMilliseconds)", "\"action\":\(Self.quoted(action))"]
        if let actor { fields.append("\"actor\":\(Self.quoted(actor))") }
        if let target { fields.append("\"target\":\(Self.quoted(target))") }
        if let address { fields.append("\"address\":\(Self.quoted(address))") }
        if let detail { fields.append("\"detail\":\(Self.quoted(detail))") }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONStringLiteral.append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Where audit events go.
public typealias AuditSink = @Sendable (AuditEvent) -> Void

/// The default sink: one JSON line per event on standard error, next to the request log.
public enum StandardErrorAudit {
    /// Writes `event` as one line (a single write, so lines of concurrent events never interleave).
    public static func write(_ event: AuditEvent) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let line = event.jsonLine(epochMilliseconds: Int(spec.tv_sec) * 1000 + Int(spec.tv_nsec) / 1_000_000) + "\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
