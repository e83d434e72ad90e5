/// A service that delivers one message and says how it went (Telegram). Implemented by the
/// Connectors target, used through this protocol by the engine's `NotificationQueue` and the
/// handlers, which know nothing of HTTP.
public protocol NotificationChannel: Sendable {
    /// Where the messages go, safe to show (Telegram: the chat id; never a secret).
    var destination: String { get }
    /// Sends `text` and returns the service's answer, or why it was not delivered.
    func send(_ text: String) async throws(NotificationDeliveryError) -> DeliveredNotification
}

/// A message the channel accepted.
public struct DeliveredNotification: Sendable, Equatable {
    /// The service's id of the message (Telegram's `message_id`).
    public var messageID: Int64
    /// Where it went (Telegram's chat id).
    public var destination: String
    /// When the service says it was sent (epoch ms).
    public var sentAt: Int

    public init(messageID: Int64, destination: String, sentAt: Int) {
        self.messageID = messageID
        self.destination = destination
        self.sentAt = sentAt
    }
}

/// Why a message was not delivered. The texts never contain a secret (a bot token).
public enum NotificationDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer: the service could not be reached or took too long.
    case unreachable(String)
    /// The service answered and refused the message: its status or error code, its own
    /// description, and the seconds it asks to wait before the next message (a rate limit).
    case refused(code: Int, description: String, retryAfter: Int?)

    /// Whether sending the same message later may work (a rate limit, a failure of the
    /// service, no answer); a refusal of the message itself (a bad chat id, a revoked token)
    /// would only be refused again.
    public var isTransient: Bool {
        switch self {
        case .unreachable: true
        case .refused(let code, _, let retryAfter): retryAfter != nil || code == 429 || code >= 500
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let reason): "cannot be reached: \(reason)"
        case .refused(let code, let description, _): "refused the message (error \(code)): \(description)"
        }
    }
}
