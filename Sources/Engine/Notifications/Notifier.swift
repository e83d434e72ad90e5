/// Where operator notifications go (fills, errors). `notify` only queues and returns at once,
/// so a slow or unreachable channel never slows the caller (the engine's commit path, the
/// error recorder's observers).
public protocol Notifier: Sendable {
    /// Queues `event`; returns at once. An event of a topic the notifier is not configured for
    /// is ignored.
    func notify(_ event: NotificationEvent)
}
