/// Where audit events go.
public typealias AuditSink = @Sendable (AuditEvent) -> Void
