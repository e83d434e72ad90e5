import CLinux
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// What other threads ask an event loop to do. Messages carry only values, so nothing but
/// the loop ever touches its connections.
enum LoopMessage: Sendable {
    /// A handler finished: write this response on connection `connection`.
    case respond(connection: UInt64, response: HTTPResponse, requestID: String, startedAt: UInt64)
    /// Queue a WebSocket frame on each target; with a conflation key, a slow reader keeps
    /// only the newest frame per key instead of queueing them all.
    case send(frame: [UInt8], targets: [UInt64], conflationKey: String?)
    /// Close a WebSocket with a status code.
    case closeWebSocket(connection: UInt64, code: UInt16, reason: String)
    /// Stop accepting; close idle connections; close WebSockets with 1001.
    case beginShutdown
}
