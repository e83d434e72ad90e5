#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A dedicated session that LISTENs on one channel, polled on its own worker thread. It
/// survives server restarts: when the session breaks it reconnects and LISTENs again
/// (notifications sent while it was disconnected are lost, as PostgreSQL keeps none).
final class PostgresNotificationListener: Sendable {
    /// How long one poll waits for the socket, which bounds how late `stop()` takes effect.
    private static let pollMilliseconds: Int32 = 200
    /// The pause between reconnection attempts while the server is down.
    private static let retryMicroseconds: UInt32 = 500_000

    private let connection: PostgresConnection
    private let worker: BlockingWorker
    private let listenStatement: String
    private let handler: @Sendable (String) -> Void
    private let isStopped = Atomic<Bool>(false)

    /// Connects and LISTENs before returning, so that a notification sent after this returns
    /// is delivered; then starts polling. Blocks for at most the connect timeout.
    init(channel: String, settings: PostgresConnectionSettings, handler: @escaping @Sendable (String) -> Void) throws(StorageError) {
        // Quoted, so the channel keeps its case exactly as pg_notify (which takes text) sends it.
        listenStatement = "LISTEN \"\(try PostgresIdentifier.checked(channel, as: "channel"))\""
        connection = PostgresConnection(settings: settings)
        try connection.connect()
        try connection.executeScript(listenStatement)
        worker = BlockingWorker()
        self.handler = handler
        Task.detached { [self] in
            _ = try? await worker.run { self.pollUntilStopped() }
            worker.stop()
        }
    }

    /// Ends the polling loop (within one poll interval) and closes the session.
    func stop() {
        isStopped.store(true, ordering: .relaxed)
    }

    private func pollUntilStopped() {
        var isListening = true
        while !isStopped.load(ordering: .relaxed) {
            do throws(StorageError) {
                if !isListening {
                    try connection.prepareForUse()
                    try connection.executeScript(listenStatement)
                    isListening = true
                }
                for payload in try connection.receiveNotifications(waitingAtMost: Self.pollMilliseconds) {
                    handler(payload)
                }
            } catch {
                isListening = false
                usleep(Self.retryMicroseconds)
            }
        }
        connection.close()
    }
}
