import Foundation
import HTTPStub
import Synchronization
import XCTest

/// The Telegram Bot API of the notification contract servers: one local stub for the process,
/// each class's server with its own bot token, so the requests of each are told apart by path.
/// Tests that want another answer set it with `respond(with:)` and put the default back.
enum TelegramStub {
    static let chat = "-1001234567890"
    /// Telegram's answer to a delivered message (4711, sent 2026-01-28T12:00:00Z).
    static let delivered = #"{"ok":true,"result":{"message_id":4711,"date":1769601600,"chat":{"id":-1001234567890,"type":"supergroup"}}}"#

    /// The stub (started on first use).
    static let server: HTTPStub = {
        do {
            return try HTTPStub { _ in .json(delivered) }
        } catch {
            fatalError("cannot start the Telegram stub: \(error)")
        }
    }()

    /// The `serve` options pointing a server at the stub with `token`: fills, errors and
    /// warnings are notified, one second is Telegram's timeout.
    static func arguments(token: String) -> [String] {
        ["--telegram-bot-token", token, "--telegram-chat-id", chat, "--telegram-api-url", server.baseURL,
         "--telegram-notify", "fills,errors,warnings", "--telegram-timeout", "1"]
    }

    /// The `sendMessage` bodies the server with `token` sent, oldest first.
    static func messages(token: String) -> [JSONInstance] {
        server.requests.filter { $0.path == "/bot\(token)/sendMessage" }.compactMap { try? JSONInstance.parse($0.body) }
    }

    /// Answers every request with `response` until `reset`.
    static func answer(_ response: StubResponse) {
        server.respond { _ in response }
    }

    static func reset() {
        server.respond { _ in .json(delivered) }
    }
}

/// `POST /api/v1/notifications/telegram/test` (admin) against a server whose bot is the
/// stub: the message and Telegram's answer, Telegram refusing, Telegram too slow, and the
/// fills the server notifies by itself. The token is never shown.
extension ContractSuite {
    func telegramTestSendsTheMessageAndReportsTelegramsAnswer(token: String) throws {
        let admin = try admin()
        let text = "contract test " + UUID().uuidString
        let sent = try admin.call("sendTelegramTest", body: ["message": .string(text)])
        XCTAssertEqual(sent.status, 200, sent.message.summary)
        XCTAssertEqual(sent["success"], .bool(true))
        XCTAssertEqual(sent["message"], "Telegram test message sent")
        XCTAssertEqual(sent["chat_id"].string, TelegramStub.chat)
        XCTAssertEqual(sent["message_id"].integer, 4711)
        XCTAssertEqual(sent["sent_at"], "2026-01-28T12:00:00Z", "Telegram's result.date")
        let received = TelegramStub.messages(token: token).filter { $0["text"]?.string == text }
        XCTAssertEqual(received.count, 1, "Telegram got the message once")
        XCTAssertEqual(received.first?["chat_id"]?.string, TelegramStub.chat)

        let plain = try admin.call("sendTelegramTest")
        XCTAssertEqual(plain.status, 200, plain.message.summary)
        XCTAssertTrue(TelegramStub.messages(token: token).contains { $0["text"]?.string == "Trading API Server: Telegram test message" },
                      "without a body the default text is sent")
    }

    func telegramRefusingTheMessageAnswers503WithItsDescription() throws {
        TelegramStub.answer(.json(#"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#, status: 400))
        defer { TelegramStub.reset() }
        let refused = try admin().call("sendTelegramTest", body: ["message": "refused"])
        assertError(refused, 503, "SERVICE_UNAVAILABLE")
        XCTAssertEqual(refused["message"], "Telegram refused the message (error 400): Bad Request: chat not found")
    }

    func aSlowTelegramAnswers503WithoutHoldingOtherRequests() throws {
        TelegramStub.answer(.json(TelegramStub.delivered, delay: 4))
        defer { TelegramStub.reset() }
        let admin = try admin()
        let started = Date()
        let answer = Mutex<ContractResponse?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            answer.withLock { $0 = try? admin.call("sendTelegramTest", body: ["message": "slow"]) }
            done.signal()
        }
        Thread.sleep(forTimeInterval: 0.2)
        for _ in 0..<5 {
            let asked = Date()
            XCTAssertEqual(try api.call("getHealth").status, 200)
            XCTAssertLessThan(Date().timeIntervalSince(asked), 0.5, "other requests are answered while Telegram is waited for")
        }
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        let slow = try XCTUnwrap(answer.withLock { $0 })
        assertError(slow, 503, "SERVICE_UNAVAILABLE")
        XCTAssertEqual(slow["message"], "Telegram cannot be reached: no answer within 1 s")
        XCTAssertLessThan(Date().timeIntervalSince(started), 3.5, "the timeout (1 s) bounds the wait, not Telegram")
    }

    func telegramTestIsForAdminsAndValidatesItsBody() throws {
        assertError(try api.call("sendTelegramTest"), 401, "MISSING_TOKEN")
        assertError(try account("trader").client.call("sendTelegramTest"), 403, "INSUFFICIENT_PERMISSION")
        let admin = try admin()
        assertValidationError(try admin.call("sendTelegramTest", body: ["message": ""]), field: "message")
        assertValidationError(try admin.call("sendTelegramTest", body: ["message": .string(String(repeating: "x", count: 4097))]), field: "message")
        assertValidationError(try admin.call("sendTelegramTest", body: ["message": "hi", "chat_id": "1"]), field: "chat_id")
        assertError(try admin.call("sendTelegramTest", rawBody: "{\"message\":"), 400, "VALIDATION_ERROR")
    }

    func aFillIsNotifiedOnTelegram(token: String) throws {
        let trader = try account("trader").client
        let bought = try trader.call("createOrder", body: ["symbol": "BTC/USDT", "side": "Buy", "order_type": "Market", "quantity": "0.01"])
        XCTAssertEqual(bought.status, 201, bought.message.summary)
        defer { _ = try? trader.call("createOrder", body: ["symbol": "BTC/USDT", "side": "Sell", "order_type": "Market", "quantity": "0.01"]) }
        let deadline = Date().addingTimeInterval(15)
        var texts: [String] = []
        repeat {
            Thread.sleep(forTimeInterval: 0.2)
            texts = TelegramStub.messages(token: token).compactMap { $0["text"]?.string }
        } while !texts.contains(where: Self.isManualFill) && Date() < deadline
        let fill = try XCTUnwrap(texts.first(where: Self.isManualFill), "no fill notification among \(texts)")
        XCTAssertTrue(fill.contains("Fill: Buy 0.01") && fill.contains("BTC/USDT at ") && fill.contains("(taker)"), fill)
    }

    func aStrategyErrorIsNotifiedOnTelegram(token: String) throws {
        let admin = try admin()
        let id = "notify_" + UUID().uuidString.prefix(8).lowercased()
        // As in the monitoring test: one open order allowed, so the grid's further signals are refused.
        let created = try admin.call("createStrategy", body: [
            "id": .string(id), "type": "grid", "name": "Refused grid", "symbols": ["ETH/USDT"],
            "config": ["warmup_candles": 0, "levels": 3, "spacing_pct": 0.1, "max_open_orders": 1],
        ])
        XCTAssertEqual(created.status, 201, created.message.summary)
        XCTAssertEqual(try admin.call("startStrategy", path: ["id": id]).status, 200)
        defer {
            _ = try? admin.call("stopStrategy", path: ["id": id])
            _ = try? admin.call("deleteStrategy", path: ["id": id])
        }
        // Written by the engine with its batch, the error reaches Telegram once the batch commits.
        let deadline = Date().addingTimeInterval(75)
        var texts: [String] = []
        repeat {
            Thread.sleep(forTimeInterval: 0.2)
            texts = TelegramStub.messages(token: token).compactMap { $0["text"]?.string }
        } while !texts.contains(where: { $0.contains("[warning] strategy: ") && $0.contains(id) }) && Date() < deadline
        let recorded = try admin.call("listErrors", query: ["category": "strategy"])
        XCTAssertTrue(texts.contains { $0.contains("[warning] strategy: ") && $0.contains(id) && $0.contains("max_open_orders") },
                      "no notification of \(id)'s refused signals among \(texts.suffix(5)); recorded: \(recorded.message.summary)")
    }

    private static func isManualFill(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.contains("Fill: Buy") && $0.contains("BTC/USDT") && $0.hasSuffix("manual order") }
    }

    func theBotTokenIsNeverShown(token: String) throws {
        // A Bot API that echoes the URL it was asked has the token redacted from the answer.
        TelegramStub.server.respond { request in
            .json(#"{"ok":false,"error_code":404,"description":"Not Found: \#(request.path)"}"#, status: 404)
        }
        defer { TelegramStub.reset() }
        let echoed = try admin().call("sendTelegramTest", body: ["message": "echo"])
        assertError(echoed, 503, "SERVICE_UNAVAILABLE")
        XCTAssertEqual(echoed["message"], "Telegram refused the message (error 404): Not Found: /bot***/sendMessage")
        XCTAssertFalse(echoed.message.text.contains(token))
        XCTAssertFalse(try api.call("getMetrics").message.text.contains(token))
        let log = server.wholeLog
        XCTAssertTrue(log.contains("Telegram notifications: Telegram chat \(TelegramStub.chat)"), "the start is logged:\n\(server.log)")
        XCTAssertFalse(log.contains(token), "the log never holds the token:\n\(log)")
        XCTAssertFalse(log.contains(token.split(separator: ":").last!), "not even its secret half")
    }

    func telegramTestWithoutABotIsNotConfigured() throws {
        let unconfigured = try admin().call("sendTelegramTest", body: ["message": "hi"])
        assertError(unconfigured, 409, "NOT_CONFIGURED")
        XCTAssertEqual(unconfigured["message"], "Telegram is not configured (set TRADING_TELEGRAM_BOT_TOKEN and TRADING_TELEGRAM_CHAT_ID)")
    }
}

/// Telegram on SQLite.
final class SQLiteNotificationsContractTests: ContractTestCase {
    static let token = "111111:sqlite-contract-SECRET"
    override class var backend: ContractBackend { .sqlite }
    override class var serverArguments: [String] { super.serverArguments + TelegramStub.arguments(token: token) }
    func testTelegramTestSendsTheMessageAndReportsTelegramsAnswer() throws {
        try suite.telegramTestSendsTheMessageAndReportsTelegramsAnswer(token: Self.token)
    }
    func testTelegramRefusingTheMessageAnswers503WithItsDescription() throws { try suite.telegramRefusingTheMessageAnswers503WithItsDescription() }
    func testASlowTelegramAnswers503WithoutHoldingOtherRequests() throws { try suite.aSlowTelegramAnswers503WithoutHoldingOtherRequests() }
    func testTelegramTestIsForAdminsAndValidatesItsBody() throws { try suite.telegramTestIsForAdminsAndValidatesItsBody() }
    func testAFillIsNotifiedOnTelegram() throws { try suite.aFillIsNotifiedOnTelegram(token: Self.token) }
    func testAStrategyErrorIsNotifiedOnTelegram() throws { try suite.aStrategyErrorIsNotifiedOnTelegram(token: Self.token) }
    func testTheBotTokenIsNeverShown() throws { try suite.theBotTokenIsNeverShown(token: Self.token) }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Telegram on PostgreSQL.
final class PostgresNotificationsContractTests: ContractTestCase {
    static let token = "222222:postgres-contract-SECRET"
    override class var backend: ContractBackend { .postgres }
    override class var serverArguments: [String] { super.serverArguments + TelegramStub.arguments(token: token) }
    func testTelegramTestSendsTheMessageAndReportsTelegramsAnswer() throws {
        try suite.telegramTestSendsTheMessageAndReportsTelegramsAnswer(token: Self.token)
    }
    func testTelegramRefusingTheMessageAnswers503WithItsDescription() throws { try suite.telegramRefusingTheMessageAnswers503WithItsDescription() }
    func testASlowTelegramAnswers503WithoutHoldingOtherRequests() throws { try suite.aSlowTelegramAnswers503WithoutHoldingOtherRequests() }
    func testTelegramTestIsForAdminsAndValidatesItsBody() throws { try suite.telegramTestIsForAdminsAndValidatesItsBody() }
    func testAFillIsNotifiedOnTelegram() throws { try suite.aFillIsNotifiedOnTelegram(token: Self.token) }
    func testAStrategyErrorIsNotifiedOnTelegram() throws { try suite.aStrategyErrorIsNotifiedOnTelegram(token: Self.token) }
    func testTheBotTokenIsNeverShown() throws { try suite.theBotTokenIsNeverShown(token: Self.token) }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// A server without a bot, on SQLite: the test message is not configured.
final class SQLiteUnconfiguredNotificationsContractTests: ContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testTelegramTestWithoutABotIsNotConfigured() throws { try suite.telegramTestWithoutABotIsNotConfigured() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// A server without a bot, on PostgreSQL.
final class PostgresUnconfiguredNotificationsContractTests: ContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testTelegramTestWithoutABotIsNotConfigured() throws { try suite.telegramTestWithoutABotIsNotConfigured() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
