/// One WebSocket frame with its payload already unmasked.
public struct WebSocketFrame: Sendable, Equatable {
    /// Whether this is the last frame of its message.
    public var fin: Bool
    /// What the payload means.
    public var opcode: WebSocketOpcode
    /// The application data, never masked.
    public var payload: [UInt8]

    /// Creates a frame; `fin` defaults to a complete, unfragmented message.
    public init(fin: Bool = true, opcode: WebSocketOpcode, payload: [UInt8]) {
        self.fin = fin
        self.opcode = opcode
        self.payload = payload
    }
}
