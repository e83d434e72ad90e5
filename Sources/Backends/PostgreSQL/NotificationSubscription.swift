/// A running LISTEN, returned by `PostgresDatabase.listen(channel:handler:)`. Listening
/// lasts while this object is alive: keep it for as long as notifications are wanted, and
/// cancel it (or let it go) to stop.
public final class NotificationSubscription: Sendable {
    /// The channel listened on.
    public let channel: String
    private let listener: PostgresNotificationListener

    init(channel: String, listener: PostgresNotificationListener) {
        self.channel = channel
        self.listener = listener
    }

    deinit {
        listener.stop()
    }

    /// Stops listening and closes the dedicated session. A notification being handled at
    /// that moment still completes; no further ones are delivered after about 0.2 s.
    public func cancel() {
        listener.stop()
    }
}
