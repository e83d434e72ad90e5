import Connectors
import Engine
import HTTPStub
import Primitives
import Testing

/// The Telegram Bot API played by a local stub: what `sendMessage` sends, and how each kind of
/// answer (a delivery, a refusal, a rate limit, silence) comes back.
@Suite struct TelegramNotifierTests {
    static let token = "123456:SECRET-token_abc"

    static func notifier(_ stub: HTTPStub, chat: String = "-1001234567890", timeout: Double = 5) throws -> TelegramNotifier {
        try notifier(at: stub.baseURL, chat: chat, timeout: timeout)
    }

    static func notifier(at baseURL: String, chat: String = "-1001234567890", timeout: Double = 5) throws -> TelegramNotifier {
        TelegramNotifier(settings: try TelegramSettings(botToken: token, chatID: chat, apiURL: baseURL + "/", timeout: timeout))
    }

    static let delivered = #"{"ok":true,"result":{"message_id":4711,"date":1769601600,"chat":{"id":-1001234567890,"type":"supergroup"},"text":"hi"}}"#

    /// Why sending "hi" failed; nil (and an issue) when it was delivered.
    static func failure(of notifier: TelegramNotifier) async -> NotificationDeliveryError? {
        do throws(NotificationDeliveryError) {
            _ = try await notifier.send("hi")
            Issue.record("expected a failure")
            return nil
        } catch {
            return error
        }
    }

    @Test func sendsTheTextToTheChatAndReadsTheMessageIdAndDate() async throws {
        let stub = try HTTPStub { _ in .json(Self.delivered) }
        defer { stub.stop() }
        let answer = try await Self.notifier(stub).send("Fill: Buy 0.01 BTC/USDT \"quoted\"\nsecond line")
        #expect(answer == DeliveredNotification(messageID: 4711, destination: "-1001234567890", sentAt: 1_769_601_600_000))
        let request = try #require(stub.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/bot\(Self.token)/sendMessage")
        #expect(request.headers["content-type"] == "application/json")
        let body = try JSONParser.parse(request.body)
        #expect(body["chat_id"] == .string("-1001234567890"))
        #expect(body["text"] == .string("Fill: Buy 0.01 BTC/USDT \"quoted\"\nsecond line"))
    }

    @Test func aRefusalCarriesTelegramsCodeAndDescription() async throws {
        let stub = try HTTPStub { _ in .json(#"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#, status: 400) }
        defer { stub.stop() }
        await #expect(throws: NotificationDeliveryError.refused(code: 400, description: "Bad Request: chat not found", retryAfter: nil)) {
            try await Self.notifier(stub).send("hi")
        }
        #expect(!NotificationDeliveryError.refused(code: 400, description: "", retryAfter: nil).isTransient, "sending it again would fail again")
    }

    @Test func aRateLimitSaysHowLongToWait() async throws {
        let stub = try HTTPStub { _ in
            .json(#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}"#, status: 429)
        }
        defer { stub.stop() }
        let error = try await Self.failure(of: Self.notifier(stub))
        #expect(error == .refused(code: 429, description: "Too Many Requests: retry after 7", retryAfter: 7))
        #expect(error?.isTransient == true)
    }

    @Test func anAnswerThatIsNotTheBotAPIsIsARefusal() async throws {
        let stub = try HTTPStub { _ in StubResponse(status: 502, headers: [("Content-Type", "text/html")], body: Array("<html>bad gateway</html>".utf8)) }
        defer { stub.stop() }
        await #expect(throws: NotificationDeliveryError.refused(code: 502, description: "HTTP 502 without a Bot API answer", retryAfter: nil)) {
            try await Self.notifier(stub).send("hi")
        }
        stub.respond { _ in .json(#"{"ok":true,"result":{}}"#) }
        await #expect(throws: NotificationDeliveryError.self) { try await Self.notifier(stub).send("hi") }
    }

    @Test func silenceAndAClosedPortAreUnreachable() async throws {
        let stub = try HTTPStub { _ in .json(Self.delivered, delay: 3) }
        defer { stub.stop() }
        let started = ContinuousClock.now
        await #expect(throws: NotificationDeliveryError.unreachable("no answer within 1 s")) {
            try await Self.notifier(stub, timeout: 1).send("hi")
        }
        #expect(ContinuousClock.now - started < .seconds(2.5))
        let closed = try RefusingPort()
        await #expect(throws: NotificationDeliveryError.unreachable("connection refused")) {
            try await Self.notifier(at: closed.baseURL).send("hi")
        }
    }

    @Test func theTokenIsNeverInAnErrorOrADescription() async throws {
        // A service echoing the URL it was asked (as a misconfigured proxy might) is redacted.
        let stub = try HTTPStub { request in
            .json(#"{"ok":false,"error_code":404,"description":"Not Found: \#(request.path)"}"#, status: 404)
        }
        defer { stub.stop() }
        let error = try await Self.failure(of: Self.notifier(stub))
        #expect(error == .refused(code: 404, description: "Not Found: /bot***/sendMessage", retryAfter: nil))
        #expect(error.map { !$0.description.contains("SECRET") } == true)
        let settings = try TelegramSettings(botToken: Self.token, chatID: "@alerts", apiURL: stub.baseURL)
        #expect(!settings.description.contains("SECRET"))
        #expect(!"\(settings)".contains("SECRET"))
    }

    @Test func settingsRefuseWhatCannotWorkWithoutRepeatingTheToken() {
        #expect(throws: TelegramSettingsError.badToken) { try TelegramSettings(botToken: "123/../x?y", chatID: "1") }
        #expect(throws: TelegramSettingsError.badToken) { try TelegramSettings(botToken: "short", chatID: "1") }
        #expect(!TelegramSettingsError.badToken.description.contains("123/../x?y"))
        #expect(throws: TelegramSettingsError.badChatID("12a")) { try TelegramSettings(botToken: Self.token, chatID: "12a") }
        #expect(throws: TelegramSettingsError.badChatID("@")) { try TelegramSettings(botToken: Self.token, chatID: "@") }
        #expect(throws: TelegramSettingsError.badAPIURL("ftp://x")) { try TelegramSettings(botToken: Self.token, chatID: "1", apiURL: "ftp://x") }
        #expect(throws: TelegramSettingsError.badAPIURL("https://")) { try TelegramSettings(botToken: Self.token, chatID: "1", apiURL: "https://") }
        #expect(throws: TelegramSettingsError.badAPIURL("https://t.me?x=1")) {
            try TelegramSettings(botToken: Self.token, chatID: "1", apiURL: "https://t.me?x=1")
        }
        #expect((try? TelegramSettings(botToken: Self.token, chatID: "-42", apiURL: "https://api.telegram.org//"))?.apiURL
                == "https://api.telegram.org")
    }
}
