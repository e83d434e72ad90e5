import XCTest

/// The messages that flow on `/ws` and `/ws/market` today, each held to the endpoint's
/// `serverMessage` schema by `ContractWebSocket.receive`.
extension ContractSuite {
    /// A `/ws` connection (or `path`) past its welcome message.
    func webSocket(_ path: String = "/ws") throws -> ContractWebSocket {
        let socket = try ContractWebSocket(port: server.port, path: path, spec: spec)
        XCTAssertEqual(try socket.receive()["type"], "welcome")
        return socket
    }

    func welcomeCarriesTheSpecVersionAndTheTime() throws {
        let socket = try ContractWebSocket(port: server.port, path: "/ws", spec: spec)
        defer { socket.close() }
        let welcome = try socket.receive()
        XCTAssertEqual(welcome["type"], "welcome")
        XCTAssertEqual(welcome["version"], spec.root["info"]?["version"])
        let milliseconds = try XCTUnwrap(welcome["timestamp"]?.number)
        XCTAssertLessThan(abs(milliseconds / 1000 - Date().timeIntervalSince1970), 60, "epoch milliseconds, now")
    }

    func subscribingToPublicChannelsIsConfirmed() throws {
        let socket = try webSocket()
        defer { socket.close() }
        let channels: JSONInstance = ["market:BTC-USDT", "kline:005930:1m", "orderbook:ETH-USDT", "all_markets"]
        try socket.send(["type": "subscribe", "channels": channels])
        XCTAssertEqual(try socket.receive(), ["type": "subscribed", "channels": channels])
    }

    func unsubscribingListsWhatWasSubscribed() throws {
        let socket = try webSocket()
        defer { socket.close() }
        try socket.send(["type": "subscribe", "channels": ["market:BTC-USDT"]])
        XCTAssertEqual(try socket.receive()["type"], "subscribed")
        try socket.send(["type": "unsubscribe", "channels": ["market:BTC-USDT", "market:ETH-USDT"]])
        XCTAssertEqual(try socket.receive(), ["type": "unsubscribed", "channels": ["market:BTC-USDT"]])
    }

    func pingIsAnsweredWithPong() throws {
        let socket = try webSocket()
        defer { socket.close() }
        try socket.send(["type": "ping"])
        let pong = try socket.receive()
        XCTAssertEqual(pong["type"], "pong")
        let milliseconds = try XCTUnwrap(pong["timestamp"]?.number)
        XCTAssertLessThan(abs(milliseconds / 1000 - Date().timeIntervalSince1970), 60, "epoch milliseconds, now")
    }

    func malformedMessagesAreAnsweredWithAnError() throws {
        let socket = try webSocket()
        defer { socket.close() }
        for text in ["not json", "[]", "{\"type\":\"dance\"}", "{\"type\":\"subscribe\"}"] {
            try socket.send(text: text)
            let error = try socket.receive()
            XCTAssertEqual(error["type"], "error", text)
            XCTAssertEqual(error["code"], "INVALID_MESSAGE", text)
        }
    }

    func unknownChannelsAreAnsweredWithAnError() throws {
        let socket = try webSocket()
        defer { socket.close() }
        try socket.send(["type": "subscribe", "channels": ["xyz"]])
        XCTAssertEqual(try socket.receive(),
                       ["type": "error", "code": "INVALID_CHANNEL", "message": "Unknown channel: xyz", "channel": "xyz"])
    }

    func channelParametersAreCheckedAgainstTheirSchemas() throws {
        let socket = try webSocket()
        defer { socket.close() }
        try socket.send(["type": "subscribe", "channels": ["kline:BTC-USDT:7m", "market:BTC USDT"]])
        XCTAssertEqual(try socket.receive(),
                       ["type": "error", "code": "INVALID_CHANNEL", "message": "Unknown channel: kline:BTC-USDT:7m", "channel": "kline:BTC-USDT:7m"])
        XCTAssertEqual(try socket.receive(),
                       ["type": "error", "code": "INVALID_CHANNEL", "message": "Unknown channel: market:BTC USDT", "channel": "market:BTC USDT"])
    }

    func privateChannelsNeedAnAuthenticatedConnection() throws {
        let socket = try webSocket()
        defer { socket.close() }
        try socket.send(["type": "subscribe", "channels": ["orders"]])
        let error = try socket.receive()
        XCTAssertEqual(error["type"], "error")
        XCTAssertEqual(error["code"], "UNAUTHORIZED")
        XCTAssertEqual(error["channel"], "orders", "the refusal names the channel, so clients drop it")
    }

    func authWithAnAccessTokenOpensPrivateChannels() throws {
        let viewer = try account("viewer")
        let socket = try webSocket()
        defer { socket.close() }
        try socket.send(["type": "auth", "token": .string(viewer.accessToken)])
        XCTAssertEqual(try socket.receive(), ["type": "auth_result", "success": true, "message": "Authenticated", "user_id": .string(viewer.id)])
        try socket.send(["type": "subscribe", "channels": ["orders", "positions", "strategies"]])
        XCTAssertEqual(try socket.receive(), ["type": "subscribed", "channels": ["orders", "positions", "strategies"]])
    }

    func authWithABadTokenFailsAndChangesNothing() throws {
        let socket = try webSocket()
        defer { socket.close() }
        try socket.send(["type": "auth", "token": "not-a-real-token"])
        let result = try socket.receive()
        XCTAssertEqual(result["type"], "auth_result")
        XCTAssertEqual(result["success"], false)
        XCTAssertEqual(result["user_id"], .null)
        try socket.send(["type": "subscribe", "channels": ["orders"]])
        XCTAssertEqual(try socket.receive()["code"], "UNAUTHORIZED", "still anonymous")
    }

    func tokenInTheURLIsCheckedBeforeWelcome() throws {
        let viewer = try account("viewer")
        let socket = try webSocket("/ws?token=" + ContractClient.percentEncoded(viewer.accessToken))
        defer { socket.close() }
        XCTAssertEqual(try socket.receive(), ["type": "auth_result", "success": true, "message": "Authenticated", "user_id": .string(viewer.id)])
    }

    func marketDialectAnswersBadRequestsWithAnErrorResponse() throws {
        let socket = try ContractWebSocket(port: server.port, path: "/ws/market", spec: spec)
        defer { socket.close() }
        try socket.send(text: "not json")
        XCTAssertEqual(try socket.receive()["code"], "INVALID_MESSAGE")
        try socket.send(["action": "subscribe", "channel": "market", "symbols": ["!!bad"]])
        XCTAssertEqual(try socket.receive()["code"], "INVALID_CHANNEL")
    }

    func marketDialectRefusesAnOrderBookRequestWithoutASymbol() throws {
        let socket = try ContractWebSocket(port: server.port, path: "/ws/market", spec: spec)
        defer { socket.close() }
        try socket.send(["action": "subscribe", "channel": "orderbook", "depth": 5])
        XCTAssertEqual(try socket.receive(), ["code": "INVALID_MESSAGE", "message": "Invalid request: message.symbol is required"])
        try socket.send(["action": "subscribe", "channel": "market"])
        XCTAssertEqual(try socket.receive(), ["code": "INVALID_MESSAGE", "message": "Invalid request: message.symbols is required"])
    }
}

/// `/ws` and `/ws/market` on SQLite.
final class SQLiteWebSocketContractTests: SQLiteContractTestCase {
    func testWelcomeCarriesTheSpecVersionAndTheTime() throws { try suite.welcomeCarriesTheSpecVersionAndTheTime() }
    func testSubscribingToPublicChannelsIsConfirmed() throws { try suite.subscribingToPublicChannelsIsConfirmed() }
    func testUnsubscribingListsWhatWasSubscribed() throws { try suite.unsubscribingListsWhatWasSubscribed() }
    func testPingIsAnsweredWithPong() throws { try suite.pingIsAnsweredWithPong() }
    func testMalformedMessagesAreAnsweredWithAnError() throws { try suite.malformedMessagesAreAnsweredWithAnError() }
    func testUnknownChannelsAreAnsweredWithAnError() throws { try suite.unknownChannelsAreAnsweredWithAnError() }
    func testPrivateChannelsNeedAnAuthenticatedConnection() throws { try suite.privateChannelsNeedAnAuthenticatedConnection() }
    func testAuthWithAnAccessTokenOpensPrivateChannels() throws { try suite.authWithAnAccessTokenOpensPrivateChannels() }
    func testAuthWithABadTokenFailsAndChangesNothing() throws { try suite.authWithABadTokenFailsAndChangesNothing() }
    func testTokenInTheURLIsCheckedBeforeWelcome() throws { try suite.tokenInTheURLIsCheckedBeforeWelcome() }
    func testMarketDialectAnswersBadRequestsWithAnErrorResponse() throws { try suite.marketDialectAnswersBadRequestsWithAnErrorResponse() }
    func testMarketDialectRefusesAnOrderBookRequestWithoutASymbol() throws { try suite.marketDialectRefusesAnOrderBookRequestWithoutASymbol() }
    func testChannelParametersAreCheckedAgainstTheirSchemas() throws { try suite.channelParametersAreCheckedAgainstTheirSchemas() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// `/ws` and `/ws/market` on PostgreSQL.
final class PostgresWebSocketContractTests: PostgresContractTestCase {
    func testWelcomeCarriesTheSpecVersionAndTheTime() throws { try suite.welcomeCarriesTheSpecVersionAndTheTime() }
    func testSubscribingToPublicChannelsIsConfirmed() throws { try suite.subscribingToPublicChannelsIsConfirmed() }
    func testUnsubscribingListsWhatWasSubscribed() throws { try suite.unsubscribingListsWhatWasSubscribed() }
    func testPingIsAnsweredWithPong() throws { try suite.pingIsAnsweredWithPong() }
    func testMalformedMessagesAreAnsweredWithAnError() throws { try suite.malformedMessagesAreAnsweredWithAnError() }
    func testUnknownChannelsAreAnsweredWithAnError() throws { try suite.unknownChannelsAreAnsweredWithAnError() }
    func testPrivateChannelsNeedAnAuthenticatedConnection() throws { try suite.privateChannelsNeedAnAuthenticatedConnection() }
    func testAuthWithAnAccessTokenOpensPrivateChannels() throws { try suite.authWithAnAccessTokenOpensPrivateChannels() }
    func testAuthWithABadTokenFailsAndChangesNothing() throws { try suite.authWithABadTokenFailsAndChangesNothing() }
    func testTokenInTheURLIsCheckedBeforeWelcome() throws { try suite.tokenInTheURLIsCheckedBeforeWelcome() }
    func testMarketDialectAnswersBadRequestsWithAnErrorResponse() throws { try suite.marketDialectAnswersBadRequestsWithAnErrorResponse() }
    func testMarketDialectRefusesAnOrderBookRequestWithoutASymbol() throws { try suite.marketDialectRefusesAnOrderBookRequestWithoutASymbol() }
    func testChannelParametersAreCheckedAgainstTheirSchemas() throws { try suite.channelParametersAreCheckedAgainstTheirSchemas() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
