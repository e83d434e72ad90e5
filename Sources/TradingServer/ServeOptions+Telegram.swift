import Connectors
import Engine

extension ServeOptions {
    /// The Telegram options (flags and environment variables), part of `table`.
    static let telegramTable: [(flag: String, environment: String, help: String)] = [
        ("--telegram-bot-token", "TRADING_TELEGRAM_BOT_TOKEN",
         "Telegram bot token for notifications, with --telegram-chat-id (prefer the variable: ps shows flags; never logged)"),
        ("--telegram-chat-id", "TRADING_TELEGRAM_CHAT_ID", "Telegram chat the notifications go to: a number or @channel"),
        ("--telegram-api-url", "TRADING_TELEGRAM_API_URL", "Telegram Bot API base URL (default https://api.telegram.org)"),
        ("--telegram-notify", "TRADING_TELEGRAM_NOTIFY",
         "what Telegram is told of: fills, errors, warnings, comma-separated, or none (default fills,errors)"),
        ("--telegram-timeout", "TRADING_TELEGRAM_TIMEOUT", "seconds a Telegram request may take (1 to 60, default 10)"),
    ]

    /// The Telegram settings of `values` (nil when neither a token nor a chat is given) and the
    /// topics to notify. A token without a chat, or a chat without a token, is refused, and no
    /// message repeats the token.
    static func telegram(_ values: [String: String]) throws(OptionError) -> (TelegramSettings?, Set<NotificationTopic>) {
        var topics = NotificationTopic.defaults
        if let text = values["--telegram-notify"] {
            guard let parsed = NotificationTopic.parse(text) else {
                throw OptionError("--telegram-notify must list fills, errors, warnings (comma-separated) or be none, not '\(text)'")
            }
            topics = parsed
        }
        let token = values["--telegram-bot-token"].flatMap { $0.isEmpty ? nil : $0 }
        let chat = values["--telegram-chat-id"].flatMap { $0.isEmpty ? nil : $0 }
        guard let token, let chat else {
            if token != nil || chat != nil {
                throw OptionError("--telegram-bot-token and --telegram-chat-id go together: give both (or neither: no Telegram)")
            }
            return (nil, topics)
        }
        let timeout = try integer(values, "--telegram-timeout", in: 1...60) ?? 10
        do {
            let settings = try TelegramSettings(botToken: token, chatID: chat, apiURL: values["--telegram-api-url"] ?? TelegramSettings.defaultAPIURL,
                                                timeout: Double(timeout))
            return (settings, topics)
        } catch {
            throw OptionError(error.description)
        }
    }
}
