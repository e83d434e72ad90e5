/// A client message on its way from the event loop to the connection's conversation.
enum TradingSocketInput: Sendable {
    /// A text message within the rate limit.
    case text(String)
    /// A binary message within the rate limit (not part of the protocol; its bytes are not kept).
    case binary
    /// Messages were refused by the rate limit: tell the client, with this text.
    case rateLimited(String)

    /// The bytes the input holds while it waits.
    var byteCount: Int {
        switch self {
        case .text(let text): return text.utf8.count
        case .binary: return 0
        case .rateLimited(let message): return message.utf8.count
        }
    }
}
