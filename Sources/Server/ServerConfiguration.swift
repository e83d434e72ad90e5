import Primitives

/// Everything the transport can be told: address, threads, limits, timeouts, CORS, the headers
/// of its own answers and where its log lines go.
public struct ServerConfiguration: Sendable {
    /// The address to listen on.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one (tests).
    public var port: Int = 3000
    /// Serves HTTPS and WSS with this certificate (TLS 1.2 or newer) on the same loops; nil
    /// serves plain HTTP. Reloading it changes the certificate of new connections.
    public var tls: TLSConfiguration?
    /// Event loops (threads); one per core by default.
    public var eventLoops: Int = ServerConfiguration.coreCount
    /// Request line and headers, in bytes (431 beyond).
    public var maxHeaderBytes: Int = 16 * 1024
    /// Request body, in bytes (413 beyond).
    public var maxBodyBytes: Int = 1 << 20
    /// Seconds a client may take to send a whole request once it started (slow-loris guard).
    public var requestReadTimeout: Double = 10
    /// Seconds an idle keep-alive connection stays open.
    public var idleTimeout: Double = 60
    /// Requests being handled on the pool at once across the server; more get 503. Answers a
    /// responder makes on the event loop (`HTTPResponder.respondOnLoop`) never wait and are not counted.
    public var maxInFlightRequests: Int = 4096
    /// Open connections per event loop; more are closed at once.
    public var maxConnectionsPerLoop: Int = 20_000
    /// Origins allowed by CORS (`*` for any); empty disables CORS headers.
    public var corsAllowedOrigins: [String] = []
    /// Largest WebSocket message (frames and reassembled), in bytes (close 1009 beyond).
    public var maxWebSocketMessageBytes: Int = 1 << 20
    /// Seconds of silence after which the server pings a WebSocket peer.
    public var webSocketPingInterval: Double = 30
    /// Seconds a pinged peer has to answer before it is dropped.
    public var webSocketPongTimeout: Double = 30
    /// WebSocket connections one client address may hold open at once, across every path; an
    /// upgrade past it is refused with 429 before the handshake completes. The client is who
    /// the endpoint names (`WebSocketEndpoint.clientAddress(of:remoteAddress:)`, the address
    /// behind trusted proxies). 256 leaves room for an office or a carrier-grade NAT behind
    /// one address, where each browser tab holds one or two sockets and a bot a handful,
    /// while one host can no longer hold thousands of descriptors and send queues.
    public var maxWebSocketConnectionsPerAddress: Int = 256
    /// Bytes of reliable frames queued for one WebSocket before it is closed as too slow.
    public var maxWebSocketQueuedBytes: Int = 8 << 20
    /// Queued bytes beyond which conflatable frames (market data) keep only the newest per key.
    public var webSocketConflationThreshold: Int = 64 * 1024
    /// Seconds an event loop may hold published WebSocket frames (`ChannelBroadcaster`,
    /// `WebSocketHandle.send`) before writing them: frames published close together then
    /// leave in one write per connection, which at high fan-out rates divides the system
    /// calls of both ends. A frame published after a quiet spell at least this long is
    /// written at once, so this only ever adds latency under load, and at most this much.
    /// 0 (the default) writes at the end of every loop iteration: no latency is added, since
    /// 2 ms measured no gain on this 2-core machine, where a backlog already batches writes.
    public var webSocketFanoutFlushInterval: Double = 0
    /// Seconds graceful shutdown waits for in-flight requests.
    public var shutdownGracePeriod: Double = 5
    /// Log one JSON line per request and per WebSocket upgrade. Warnings (a WebSocket closed
    /// for breaking a rule) are logged either way.
    public var logRequests: Bool = true
    /// Where log lines go: standard error unless a test collects them.
    public var log: LogSink = .standardError
    /// Headers of every answer the transport writes itself (400, 408, 413, 431, 505, a busy
    /// 503, refused upgrades, CORS preflights), as the API's answers carry them. Serving TLS,
    /// the composition root adds `Strict-Transport-Security` like the API responder does.
    public var securityHeaders: [SecurityHeaders.Field] = SecurityHeaders.api
    /// Renders the body of errors the transport answers itself (400, 408, 413, 429, 431, 503 …):
    /// status and message in, media type and bytes out.
    public var errorBody: @Sendable (_ status: Int, _ message: String) -> (contentType: String, body: [UInt8]) =
        ServerConfiguration.defaultErrorBody

    public init() {}

    /// The number of online processors.
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `{"code":"HTTP_<status>","message":…}`.
    public static let defaultErrorBody: @Sendable (Int, String) -> (contentType: String, body: [UInt8]) = { status, message in
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("code"); writer.string("HTTP_\(status)")
        writer.key("message"); writer.string(message)
        writer.endObject()
        return ("application/json", writer.bytes)
    }
}

#if canImport(Glibc)
import Glibc
#endif
