import Synchronization

/// What every loop of one server shares: configuration, the responders, counters and the
/// loops' inboxes.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    /// The CORS rules of `configuration`, built once rather than per response.
    let cors: CORSPolicy
    let responder: any HTTPResponder
    let webSocketEndpoint: (any WebSocketEndpoint)?
    /// Open WebSocket connections per client address, against `maxWebSocketConnectionsPerAddress`.
    let webSocketSlots: AddressSlots
    let inFlight = Atomic<Int>(0)
    private let nextConnection = Atomic<UInt64>(16)
    /// A random prefix so request ids differ across restarts and instances (`EventLoop.makeRequestID`).
    let requestIDPrefix: String
    let inboxes: [LoopInbox]

    init(configuration: ServerConfiguration, responder: any HTTPResponder, webSocketEndpoint: (any WebSocketEndpoint)?, inboxes: [LoopInbox]) {
        self.configuration = configuration
        cors = CORSPolicy(origins: configuration.corsAllowedOrigins)
        self.responder = responder
        self.webSocketEndpoint = webSocketEndpoint
        webSocketSlots = AddressSlots(limit: configuration.maxWebSocketConnectionsPerAddress)
        self.inboxes = inboxes
        requestIDPrefix = String(UInt32.random(in: 0x1000_0000...UInt32.max), radix: 16)
    }

    /// A connection id unique within the process (never reused, unlike descriptors).
    func makeConnectionID() -> UInt64 {
        nextConnection.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Writes one log line (a JSON object) to the configured sink.
    func log(_ line: String) {
        configuration.log.write(line)
    }

    /// Writes `line` to the configured sink.
    func log(_ line: LogLine) {
        configuration.log.write(line)
    }
}
