import Engine
import Primitives

/// Telegram as a `NotificationChannel`: each message is one `sendMessage` call of the Bot API
/// (`POST {api}/bot{token}/sendMessage` with `{chat_id, text}`), and Telegram's answer is read:
/// `{ok:true, result:{message_id, date}}` is a delivery, `{ok:false, error_code, description}`
/// a refusal (with `parameters.retry_after` on a rate limit). No error or description it
/// produces contains the bot token.
public struct TelegramNotifier: NotificationChannel {
    public let settings: TelegramSettings
    private let client: HTTPClient

    /// A notifier over its own HTTP client: one attempt per message (the queue retries), the
    /// settings' timeout, answers up to 1 MiB.
    public init(settings: TelegramSettings) {
        self.settings = settings
        client = HTTPClient(settings: HTTPClientSettings(timeout: settings.timeout, maxResponseBytes: 1 << 20, retries: 0))
    }

    public var destination: String { settings.chatID }

    public func send(_ text: String) async throws(NotificationDeliveryError) -> DeliveredNotification {
        var body = JSONWriter(capacity: text.utf8.count + 64)
        body.beginObject()
        body.key("chat_id")
        body.string(settings.chatID)
        body.key("text")
        body.string(text)
        body.endObject()
        let request = HTTPClientRequest(method: "POST", url: settings.url(of: "sendMessage"),
                                        headers: [(name: "Content-Type", value: "application/json")], body: body.bytes)
        let response: HTTPClientResponse
        do {
            response = try await client.send(request)
        } catch {
            if case .unreachable(let reason) = error { throw .unreachable(redacted(reason)) }
            throw .unreachable(redacted(error.description))
        }
        return try answer(response)
    }

    /// Telegram's answer to `sendMessage`.
    func answer(_ response: HTTPClientResponse) throws(NotificationDeliveryError) -> DeliveredNotification {
        guard let json = try? JSONParser.parse(response.body), case .object = json, case .bool(let ok)? = json["ok"] else {
            throw .refused(code: response.status, description: "HTTP \(response.status) without a Bot API answer", retryAfter: nil)
        }
        guard ok else {
            let code = json["error_code"]?.integer ?? response.status
            var description = "no description"
            if case .string(let text)? = json["description"] { description = redacted(text) }
            let retryAfter = json["parameters"]?["retry_after"]?.integer
            throw .refused(code: code, description: description, retryAfter: retryAfter)
        }
        guard let result = json["result"], let id = result["message_id"]?.integer, let date = result["date"]?.integer else {
            throw .refused(code: response.status, description: "the answer has no result.message_id and result.date", retryAfter: nil)
        }
        var chat = settings.chatID
        if let number = result["chat"]?["id"]?.integer { chat = String(number) }
        return DeliveredNotification(messageID: Int64(id), destination: chat, sentAt: date * 1000)
    }

    /// `text` with the token replaced, should an answer ever echo it.
    private func redacted(_ text: String) -> String {
        text.replacing(settings.botToken, with: "***")
    }
}
