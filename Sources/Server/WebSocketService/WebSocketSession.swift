/// The receiving side of one WebSocket connection, called on its event loop.
public protocol WebSocketSession: AnyObject {
    /// A complete text message.
    func received(text: String)
    /// A complete binary message.
    func received(binary: [UInt8])
    /// The connection closed (either side, or dropped); called once.
    func closed()
}
