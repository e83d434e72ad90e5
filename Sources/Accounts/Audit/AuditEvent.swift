import Primitives

/// A security-relevant event: who did what, from where, and whether it worked. Events
/// never carry a password, token or key, only names and ids.
public struct AuditEvent: Sendable, Equatable {
    /// What happened: `login`, `login_failed`, `login_throttled`, `refresh_reuse`, `logout`, `user_created`,
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
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("log"); writer.string("audit")
        writer.key("time"); writer.int(epochMilliseconds)
        writer.key("action"); writer.string(action)
        if let actor { writer.key("actor"); writer.string(actor) }
        if let target { writer.key("target"); writer.string(target) }
        if let address { writer.key("address"); writer.string(address) }
        if let detail { writer.key("detail"); writer.string(detail) }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
