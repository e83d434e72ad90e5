/// The bot and chat notifications go to (`TRADING_TELEGRAM_BOT_TOKEN`, `TRADING_TELEGRAM_CHAT_ID`)
/// and where the Bot API is (`TRADING_TELEGRAM_API_URL`). The token is a secret: it is only
/// ever put in the request path, and the description of these settings leaves it out.
public struct TelegramSettings: Sendable, CustomStringConvertible {
    /// Telegram's Bot API.
    public static let defaultAPIURL = "https://api.telegram.org"

    /// The bot's token (`123456:ABC-DEF…`).
    public let botToken: String
    /// The chat: a number (negative for groups) or `@channelusername`.
    public let chatID: String
    /// The Bot API's base URL, without a trailing slash.
    public let apiURL: String
    /// Seconds one request may take.
    public var timeout: Double

    /// Checked settings; throws a message that never repeats the token.
    public init(botToken: String, chatID: String, apiURL: String = Self.defaultAPIURL, timeout: Double = 10) throws(TelegramSettingsError) {
        guard Self.isToken(botToken) else { throw .badToken }
        guard Self.isChatID(chatID) else { throw .badChatID(chatID) }
        var url = apiURL
        while url.hasSuffix("/") { url.removeLast() }
        let host = url.hasPrefix("https://") ? url.dropFirst(8) : url.hasPrefix("http://") ? url.dropFirst(7) : ""
        guard !host.isEmpty, !host.hasPrefix("/"), !url.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) else {
            throw .badAPIURL(apiURL)
        }
        self.botToken = botToken
        self.chatID = chatID
        self.apiURL = url
        self.timeout = timeout
    }

    /// Where `method` of the bot is (the token is in the path).
    func url(of method: String) -> String {
        "\(apiURL)/bot\(botToken)/\(method)"
    }

    public var description: String {
        "Telegram chat \(chatID) through \(apiURL) (bot token set)"
    }

    /// A token as Telegram makes them: letters, digits, `:`, `_` and `-`, nothing that would
    /// change the meaning of the URL it goes into.
    static func isToken(_ token: String) -> Bool {
        (8...200).contains(token.utf8.count) && token.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x3A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2D
        }
    }

    /// A chat id: an integer, or `@` and a username.
    static func isChatID(_ chat: String) -> Bool {
        if chat.hasPrefix("@") {
            let name = chat.dropFirst()
            return (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        }
        let digits = chat.hasPrefix("-") ? chat.dropFirst() : Substring(chat)
        return (1...20).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// Settings that cannot work; the texts never contain the token.
public enum TelegramSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    case badToken
    case badChatID(String)
    case badAPIURL(String)

    public var description: String {
        switch self {
        case .badToken: "the Telegram bot token is not one (letters, digits, ':', '_' and '-', as BotFather gives it)"
        case .badChatID(let chat): "the Telegram chat id '\(chat)' is neither a number nor @username"
        case .badAPIURL(let url): "the Telegram API URL '\(url)' is not an http(s) URL without query"
        }
    }
}
