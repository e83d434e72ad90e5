import APIRuntime
import Engine
import Generated
import Primitives

/// `POST /api/v1/notifications/telegram/test` (admin): sends a message through the configured
/// Telegram bot now (not through the notification queue) and reports Telegram's answer.
/// Without a bot and chat it answers 409 `NOT_CONFIGURED`; when Telegram cannot be reached,
/// takes longer than its timeout or refuses the message, 503 `SERVICE_UNAVAILABLE` with the
/// reason (Telegram's own description when it refused). Waiting for Telegram holds only this
/// request: the handler awaits the HTTP client, never an event loop.
public struct NotificationsHandler: NotificationsAPI {
    /// The Telegram channel; nil when none is configured.
    let telegram: (any NotificationChannel)?

    public init(telegram: (any NotificationChannel)?) {
        self.telegram = telegram
    }

    /// The text sent when the request has none.
    static let defaultMessage = "Trading API Server: Telegram test message"

    public func sendTelegramTest(_ input: SendTelegramTestInput, context: RequestContext) async throws -> SendTelegramTestOutput {
        guard let telegram else {
            throw APIError(.notConfigured, message: "Telegram is not configured (set TRADING_TELEGRAM_BOT_TOKEN and TRADING_TELEGRAM_CHAT_ID)")
        }
        let delivered: DeliveredNotification
        do {
            delivered = try await telegram.send(input.body?.message ?? Self.defaultMessage)
        } catch {
            throw APIError(.serviceUnavailable, message: "Telegram \(error)")
        }
        return .ok(TelegramTestResponse(success: true, message: "Telegram test message sent", chatId: delivered.destination,
                                        messageId: Int(delivered.messageID), sentAt: Timestamp.iso8601(epochMilliseconds: delivered.sentAt)))
    }
}
