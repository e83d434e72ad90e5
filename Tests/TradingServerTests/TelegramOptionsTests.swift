import Engine
import XCTest
@testable import TradingServer

/// The Telegram settings of `serve`: off by default, from the environment or flags, refused
/// when they cannot work, and never repeating the token in a message.
final class TelegramOptionsTests: XCTestCase {
    static let token = "123456:AAH-secret_token"

    func testOffByDefault() throws {
        let options = try ServeOptions(arguments: [], environment: [:])
        XCTAssertNil(options.telegram)
        XCTAssertEqual(options.telegramTopics, [.fills, .errors])
    }

    func testFromTheEnvironmentWithFlagsOverIt() throws {
        let options = try ServeOptions(
            arguments: ["--telegram-notify", "errors,warnings"],
            environment: ["TRADING_TELEGRAM_BOT_TOKEN": Self.token, "TRADING_TELEGRAM_CHAT_ID": "-100200",
                          "TRADING_TELEGRAM_API_URL": "http://127.0.0.1:8081/", "TRADING_TELEGRAM_NOTIFY": "fills"])
        let telegram = try XCTUnwrap(options.telegram)
        XCTAssertEqual(telegram.botToken, Self.token)
        XCTAssertEqual(telegram.chatID, "-100200")
        XCTAssertEqual(telegram.apiURL, "http://127.0.0.1:8081")
        XCTAssertEqual(telegram.timeout, 10)
        XCTAssertEqual(options.telegramTopics, [.errors, .warnings])
        XCTAssertEqual(try ServeOptions(arguments: ["--telegram-bot-token", Self.token, "--telegram-chat-id", "@alerts"],
                                        environment: [:]).telegram?.apiURL, "https://api.telegram.org")
    }

    func testSettingsThatCannotWorkAreRefusedWithoutTheToken() {
        let refused: [[String]] = [
            ["--telegram-bot-token", Self.token],
            ["--telegram-chat-id", "42"],
            ["--telegram-bot-token", Self.token + "/x", "--telegram-chat-id", "42"],
            ["--telegram-bot-token", Self.token, "--telegram-chat-id", "forty-two"],
            ["--telegram-bot-token", Self.token, "--telegram-chat-id", "42", "--telegram-api-url", "api.telegram.org"],
            ["--telegram-bot-token", Self.token, "--telegram-chat-id", "42", "--telegram-timeout", "0"],
            ["--telegram-notify", "fills,trades"],
        ]
        for arguments in refused {
            XCTAssertThrowsError(try ServeOptions(arguments: arguments, environment: [:]), "\(arguments)") { error in
                XCTAssertFalse("\(error)".contains("secret_token"), "\(error)")
            }
        }
    }

    func testEveryTelegramOptionIsListedByHelp() {
        for flag in ["--telegram-bot-token", "--telegram-chat-id", "--telegram-api-url", "--telegram-notify", "--telegram-timeout"] {
            XCTAssertTrue(ServeOptions.help.contains(flag), flag)
        }
    }
}
