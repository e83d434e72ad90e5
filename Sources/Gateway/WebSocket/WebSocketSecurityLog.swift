import Server

/// The security events of one `/ws` connection as log lines naming its upgrade (request id,
/// path, peer and client): each refused token, with the reason and never the token. Closes
/// for flooding are logged by the transport, which performs them (`websocket_closed`).
struct WebSocketSecurityLog: Sendable {
    /// Where a connection's token came from.
    enum TokenSource: String {
        /// An `auth` message.
        case message
        /// `?token=` on the connect URL.
        case query
    }

    let sink: LogSink
    /// The upgrade that opened the connection.
    let context: WebSocketContext

    /// `websocket_auth_failed`, a warning: `via` (`message` or `query`) and the reason.
    func authenticationFailed(via source: TokenSource, reason: String) {
        var line = context.logLine(.warning, "websocket_auth_failed")
        line.add("via", source.rawValue)
        line.add("reason", reason)
        sink.write(line)
    }
}
