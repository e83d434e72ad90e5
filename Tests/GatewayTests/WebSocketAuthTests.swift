import Backends
import Dispatch
import Engine
import Foundation
import Gateway
import Security
import Server
import Synchronization
import ServerTestSupport
import XCTest
import Accounts
import Handlers

/// `/ws` security through a real server and real sockets: token authentication (`auth`
/// messages and `?token=`) against a real `AuthService` on a temporary SQLite database, the
/// log lines of refused tokens, private channels, flood control, the IP allowlist and the
/// client the per-address connection cap counts.
final class WebSocketAuthTests: XCTestCase {
    private var server: HTTPServer?
    private var backend: Backend?
    private var databasePath = ""
    private let broadcaster = ChannelBroadcaster()
    private let signer = JWTSigner(secret: Array(repeating: 0x5A, count: 32))

    override func tearDown() {
        server?.shutdown()
        server = nil
        backend?.database.close()
        backend = nil
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
    }

    // MARK: auth messages

    func testAuthWithAnAccessTokenAnswersTheUserID() throws {
        let auth = try makeAuthService()
        let (user, tokens) = try createUser(auth, "alice")
        let client = try connect(try start(auth))
        client.send(json: ["type": "auth", "token": tokens.accessToken])
        let result = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(result["type"] as? String, "auth_result")
        XCTAssertEqual(result["success"] as? Bool, true)
        XCTAssertEqual(result["message"] as? String, "Authenticated")
        XCTAssertEqual(result["user_id"] as? String, user.id)
    }

    func testAuthWithAForgedSignatureFailsWithANullUserID() throws {
        let auth = try makeAuthService()
        let (user, _) = try createUser(auth, "mallory")
        let forged = JWTSigner(secret: Array(repeating: 0x01, count: 32)).sign(JWTClaims(
            sub: user.id, username: "mallory", role: "admin", iat: nowSeconds(), exp: nowSeconds() + 600, jti: "family.token"))
        let client = try connect(try start(auth))
        client.send(json: ["type": "auth", "token": forged])
        let result = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(result["success"] as? Bool, false)
        XCTAssertTrue((result["message"] as? String)?.hasPrefix("Invalid token") == true, "\(result)")
        XCTAssertTrue(result["user_id"] is NSNull, "user_id is present and null: \(result)")
    }

    func testAuthWithAnExpiredTokenSaysTokenExpired() throws {
        let auth = try makeAuthService()
        let (user, _) = try createUser(auth, "bob")
        let expired = signer.sign(JWTClaims(
            sub: user.id, username: "bob", role: "viewer", iat: nowSeconds() - 3600, exp: nowSeconds() - 60, jti: "family.token"))
        let client = try connect(try start(auth))
        client.send(json: ["type": "auth", "token": expired])
        let result = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(result["success"] as? Bool, false)
        XCTAssertEqual(result["message"] as? String, AuthError.tokenExpired.description)
    }

    func testAuthWithAnAPIKeySucceeds() throws {
        let auth = try makeAuthService()
        let (user, tokens) = try createUser(auth, "carol")
        let key = try blocking {
            let owner = try await auth.authenticate(accessToken: tokens.accessToken)
            return try await auth.createAPIKey(owner: owner, name: "ws", role: "viewer", expiresAt: nil, address: nil).key
        }
        XCTAssertTrue(key.hasPrefix("tsk_"))
        let client = try connect(try start(auth))
        client.send(json: ["type": "auth", "token": key])
        let result = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(result["success"] as? Bool, true, "\(result)")
        XCTAssertEqual(result["user_id"] as? String, user.id)
    }

    func testWithoutAnAuthenticatorEveryTokenIsRefused() throws {
        let client = try connect(try start(nil))
        client.send(json: ["type": "auth", "token": "anything"])
        let result = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(result["success"] as? Bool, false)
    }

    // MARK: ?token=

    func testTokenQueryParameterAuthenticatesBeforeWelcome() throws {
        let auth = try makeAuthService()
        let (user, tokens) = try createUser(auth, "dave")
        let client = try WebSocketTestClient(port: try start(auth), target: "/ws?token=\(tokens.accessToken)")
        XCTAssertEqual(client.status, 101)
        XCTAssertEqual(client.nextMessage()?["type"] as? String, "welcome")
        let result = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(result["type"] as? String, "auth_result")
        XCTAssertEqual(result["success"] as? Bool, true)
        XCTAssertEqual(result["user_id"] as? String, user.id)
        client.send(json: ["type": "subscribe", "channels": ["orders"]])
        XCTAssertEqual(client.nextMessage()?["channels"] as? [String], ["orders"])
    }

    func testBadTokenQueryParameterConnectsAnonymously() throws {
        let auth = try makeAuthService()
        let client = try WebSocketTestClient(port: try start(auth), target: "/ws?token=not-a-token")
        XCTAssertEqual(client.status, 101)
        XCTAssertEqual(client.nextMessage()?["type"] as? String, "welcome")
        let result = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(result["type"] as? String, "auth_result")
        XCTAssertEqual(result["success"] as? Bool, false)
        client.send(json: ["type": "subscribe", "channels": ["orders"]])
        XCTAssertEqual(client.nextMessage()?["code"] as? String, "UNAUTHORIZED")
    }

    // MARK: log lines

    func testRefusedTokensAreLoggedWithTheirSourceButNeverTheToken() throws {
        let auth = try makeAuthService()
        let log = LogCollector()
        let port = try start(auth, trustedProxies: ["127.0.0.1/32"], log: log.sink)
        let badMessageToken = "eyJhbGciOiJIUzI1NiJ9.secret-message-token.c2ln"
        let client = try WebSocketTestClient(port: port, headers: [("X-Request-Id", "ws-auth-1"), ("X-Forwarded-For", "203.0.113.7")])
        XCTAssertEqual(client.nextMessage()?["type"] as? String, "welcome")
        client.send(json: ["type": "auth", "token": badMessageToken])
        XCTAssertEqual(client.nextMessage()?["success"] as? Bool, false)
        let message = try XCTUnwrap(log.wait(for: "websocket_auth_failed") { $0["via"] as? String == "message" })
        XCTAssertEqual(message["level"] as? String, "warning")
        XCTAssertEqual(message["request_id"] as? String, "ws-auth-1")
        XCTAssertEqual(message["path"] as? String, "/ws")
        XCTAssertEqual(message["remote"] as? String, "127.0.0.1")
        XCTAssertEqual(message["client"] as? String, "203.0.113.7")
        XCTAssertTrue((message["reason"] as? String)?.hasPrefix("Invalid token") == true, "\(message)")

        let queried = try WebSocketTestClient(port: port, target: "/ws?token=tsk_secret-query-token")
        XCTAssertEqual(queried.nextMessage()?["type"] as? String, "welcome")
        XCTAssertEqual(queried.nextMessage()?["success"] as? Bool, false)
        let query = try XCTUnwrap(log.wait(for: "websocket_auth_failed") { $0["via"] as? String == "query" })
        XCTAssertEqual(query["reason"] as? String, "Invalid token: malformed API key")
        let everything = "\(log.entries("websocket_auth_failed")) \(log.entries("websocket_upgrade"))"
        XCTAssertFalse(everything.contains("secret-message-token") || everything.contains("secret-query-token"), everything)
    }

    func testASuccessfulAuthenticationIsNotAWarning() throws {
        let auth = try makeAuthService()
        let (_, tokens) = try createUser(auth, "carol")
        let log = LogCollector()
        let client = try connect(try start(auth, log: log.sink))
        client.send(json: ["type": "auth", "token": tokens.accessToken])
        XCTAssertEqual(client.nextMessage()?["success"] as? Bool, true)
        XCTAssertNil(log.wait(for: "websocket_auth_failed", timeout: 0.3))
    }

    // MARK: private channels

    func testPrivateChannelIsRefusedUntilTheConnectionAuthenticates() throws {
        let auth = try makeAuthService()
        let (_, tokens) = try createUser(auth, "erin")
        let client = try connect(try start(auth))
        client.send(json: ["type": "subscribe", "channels": ["orders", "market:BTC-USDT"]])
        let refused = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(refused["type"] as? String, "error")
        XCTAssertEqual(refused["code"] as? String, "UNAUTHORIZED")
        XCTAssertEqual(client.nextMessage()?["channels"] as? [String], ["market:BTC-USDT"], "public channels stay public")
        XCTAssertEqual(broadcaster.subscriberCount("orders"), 0)

        client.send(json: ["type": "auth", "token": tokens.accessToken])
        XCTAssertEqual(client.nextMessage()?["success"] as? Bool, true)
        client.send(json: ["type": "subscribe", "channels": ["orders", "positions", "strategies"]])
        XCTAssertEqual(client.nextMessage()?["channels"] as? [String], ["orders", "positions", "strategies"])
        XCTAssertEqual(broadcaster.publish(#"{"type":"order_update"}"#, to: "orders"), 1)
        XCTAssertEqual(client.nextMessage()?["type"] as? String, "order_update")
    }

    func testMessagesSentRightAfterAuthWaitForItsResult() throws {
        let auth = try makeAuthService()
        let (_, tokens) = try createUser(auth, "frank")
        let client = try connect(try start(auth))
        client.send(json: ["type": "auth", "token": tokens.accessToken])
        client.send(json: ["type": "subscribe", "channels": ["positions"]])
        XCTAssertEqual(client.nextMessage()?["type"] as? String, "auth_result")
        let subscribed = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(subscribed["type"] as? String, "subscribed", "\(subscribed)")
        XCTAssertEqual(subscribed["channels"] as? [String], ["positions"])
    }

    func testDisabledUserCannotAddPrivateSubscriptionsAndLosesItsOwn() throws {
        let auth = try makeAuthService()
        let (user, tokens) = try createUser(auth, "grace")
        let client = try connect(try start(auth))
        client.send(json: ["type": "auth", "token": tokens.accessToken])
        XCTAssertEqual(client.nextMessage()?["success"] as? Bool, true)
        client.send(json: ["type": "subscribe", "channels": ["orders"]])
        XCTAssertEqual(client.nextMessage()?["channels"] as? [String], ["orders"])

        _ = try blocking {
            let admin = Identity(userID: "admin-id", username: "admin", role: "admin", credential: .apiKey(id: "test"))
            return try await auth.updateUser(id: user.id, UserChange(disabled: true), actor: admin, address: nil)
        }
        client.send(json: ["type": "subscribe", "channels": ["positions", "market:ETH-USDT"]])
        let unsubscribed = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(unsubscribed["type"] as? String, "unsubscribed")
        XCTAssertEqual(unsubscribed["channels"] as? [String], ["orders"])
        let refused = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(refused["code"] as? String, "UNAUTHORIZED")
        XCTAssertEqual(client.nextMessage()?["channels"] as? [String], ["market:ETH-USDT"])
        XCTAssertEqual(broadcaster.subscriberCount("orders"), 0)
        XCTAssertEqual(broadcaster.subscriberCount("positions"), 0)
    }

    // MARK: flood control

    func testFloodGetsRateLimitedErrorsAtMostOnceASecondThenA1008Close() throws {
        let client = try connect(try start(nil, messagesPerSecond: 10))
        var pongs = 0
        var errors: [[String: Any]] = []
        var closeCode: Int?
        let deadline = Date().addingTimeInterval(8)
        // 25 messages a second against a limit of 10 (below the 3× that closes at once): the
        // burst allowance runs out after about 0.7 s, then most messages are refused until
        // the flood has lasted 2 s.
        while closeCode == nil && Date() < deadline {
            client.send(json: ["type": "ping"])
            let nextSend = Date().addingTimeInterval(0.04)
            while closeCode == nil, nextSend.timeIntervalSinceNow > 0,
                  let frame = client.nextFrame(timeout: nextSend.timeIntervalSinceNow) {
                if frame.opcode == .close {
                    closeCode = frame.payload.count >= 2 ? Int(frame.payload[0]) << 8 | Int(frame.payload[1]) : 0
                }
                let message = (try? JSONSerialization.jsonObject(with: Data(frame.payload))) as? [String: Any] ?? [:]
                if message["type"] as? String == "pong" { pongs += 1 }
                if message["type"] as? String == "error" { errors.append(message) }
            }
        }
        XCTAssertEqual(closeCode, 1008)
        XCTAssertGreaterThanOrEqual(pongs, 10, "messages within the limit are answered")
        XCTAssertTrue(errors.allSatisfy { $0["code"] as? String == "RATE_LIMITED" }, "\(errors)")
        XCTAssertTrue((2...4).contains(errors.count), "one RATE_LIMITED error a second, not one per message: \(errors.count)")
    }

    func testBurstOfMoreThanThreeTimesTheLimitClosesAtOnce() throws {
        let client = try connect(try start(nil, messagesPerSecond: 10))
        for _ in 0..<31 { client.send(json: ["type": "ping"]) }
        XCTAssertEqual(client.closeCode(timeout: 3), 1008)
    }

    func testClientWithinTheLimitIsNeverLimited() throws {
        let client = try connect(try start(nil, messagesPerSecond: 20))
        var sent = 0
        for _ in 0..<20 {
            client.send(json: ["type": "ping"])
            sent += 1
        }
        let steadyUntil = Date().addingTimeInterval(2.5)
        while Date() < steadyUntil {
            usleep(80_000)
            client.send(json: ["type": "ping"])
            sent += 1
        }
        var pongs = 0
        while let message = client.nextMessage(timeout: 1) {
            XCTAssertEqual(message["type"] as? String, "pong", "\(message)")
            pongs += 1
            if pongs == sent { break }
        }
        XCTAssertEqual(pongs, sent)
    }

    func testMarketDialectIsRateLimitedToo() throws {
        let client = try WebSocketTestClient(port: try start(nil, messagesPerSecond: 5), target: "/ws/market")
        XCTAssertEqual(client.status, 101)
        for _ in 0..<6 { client.send(json: ["action": "subscribe", "channel": "market", "symbols": ["BTC-USDT"]]) }
        let error = try XCTUnwrap(client.nextMessage())
        XCTAssertEqual(error["code"] as? String, "RATE_LIMITED")
        XCTAssertNil(client.nextMessage(timeout: 0.3), "subscriptions within the limit are not answered in this dialect")
    }

    // MARK: IP allowlist

    func testUpgradeFromOutsideTheAllowlistIsRefusedWith403() throws {
        let port = try start(nil, allowlist: ["10.0.0.0/8"])
        for headers in [[], [("X-Forwarded-For", "10.1.2.3")]] {
            let client = try WebSocketTestClient(port: port, headers: headers)
            XCTAssertEqual(client.status, 403, client.responseHead)
            let body = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(client.responseBody.utf8)) as? [String: Any])
            XCTAssertEqual(body["code"] as? String, "IP_NOT_ALLOWED", "an untrusted peer's X-Forwarded-For is ignored")
            XCTAssertNotNil(body["message"] as? String)
        }
    }

    func testForwardedForFromATrustedProxyNamesTheClient() throws {
        let port = try start(nil, allowlist: ["203.0.113.0/24"], trustedProxies: ["127.0.0.1/32"])
        let allowed = try WebSocketTestClient(port: port, headers: [("X-Forwarded-For", "203.0.113.7")])
        XCTAssertEqual(allowed.status, 101, allowed.responseHead)
        XCTAssertEqual(allowed.nextMessage()?["type"] as? String, "welcome")
        let refused = try WebSocketTestClient(port: port, headers: [("X-Forwarded-For", "198.51.100.1")])
        XCTAssertEqual(refused.status, 403, refused.responseHead)
    }

    // MARK: connection cap

    func testTheCapCountsTheClientATrustedProxyNames() throws {
        let port = try start(nil, trustedProxies: ["127.0.0.1/32"], connectionsPerAddress: 1)
        let first = try WebSocketTestClient(port: port, headers: [("X-Forwarded-For", "203.0.113.7")])
        XCTAssertEqual(first.status, 101, first.responseHead)
        let refused = try WebSocketTestClient(port: port, target: "/ws/market", headers: [("X-Forwarded-For", "203.0.113.7")])
        XCTAssertEqual(refused.status, 429, refused.responseHead)
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(refused.responseBody.utf8)) as? [String: Any])
        XCTAssertEqual(body["message"] as? String, "Too many WebSocket connections from 203.0.113.7: at most 1 at once")
        let other = try WebSocketTestClient(port: port, headers: [("X-Forwarded-For", "203.0.113.8")])
        XCTAssertEqual(other.status, 101, "another client behind the same proxy")
        XCTAssertEqual(server?.webSocketConnections(from: "203.0.113.7"), 1)
        XCTAssertEqual(server?.webSocketConnections(from: "127.0.0.1"), 0, "the proxy itself holds none")
    }

    func testAddressInsideTheAllowlistConnects() throws {
        let client = try connect(try start(nil, allowlist: ["127.0.0.0/8"]))
        client.send(json: ["type": "ping"])
        XCTAssertEqual(client.nextMessage()?["type"] as? String, "pong")
    }

    // MARK: Harness

    private func makeAuthService() throws -> AuthService {
        databasePath = NSTemporaryDirectory() + "ws-auth-\(UUID().uuidString).db"
        let path = databasePath
        let opened = try blocking { try await Backend.open("sqlite:" + path) }
        backend = opened
        return AuthService(backend: opened, signer: signer, roles: .spec, hasher: PasswordHasher(iterations: 1_000), audit: { _ in })
    }

    /// A viewer named `name`, logged in.
    private func createUser(_ auth: AuthService, _ name: String) throws -> (UserRecord, IssuedTokens) {
        try blocking {
            let user = try await auth.createUser(username: name, password: "\(name)-password-1", role: "viewer", actor: nil, address: nil)
            return (user, try await auth.login(username: name, password: "\(name)-password-1", address: nil))
        }
    }

    /// Starts a server with the trading endpoint; returns its port.
    private func start(_ auth: AuthService?, messagesPerSecond: Int = 100, allowlist: [String] = [],
                       trustedProxies: [String] = [], connectionsPerAddress: Int = 256, log: LogSink = .standardError) throws -> Int {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 2
        configuration.logRequests = false
        configuration.shutdownGracePeriod = 1
        configuration.maxWebSocketConnectionsPerAddress = connectionsPerAddress
        configuration.log = log
        let endpoint = TradingWebSocketEndpoint(
            broadcaster: broadcaster, symbols: { SymbolUniverse.demo.resolve($0) }, bookDepths: OrderBookDepths(),
            metrics: Metrics(), version: "1.0.0",
            authenticator: auth.map { TradingWebSocketEndpoint.authenticator(using: $0) },
            messagesPerSecond: messagesPerSecond, allowlist: try IPAllowlist(parsing: allowlist),
            trustedProxies: try trustedProxies.map { try CIDR(parsing: $0) }, log: log)
        let started = try HTTPServer(configuration: configuration, responder: NotFoundResponder(), webSocketEndpoint: endpoint)
        try started.start()
        server = started
        return started.port
    }

    /// An upgraded `/ws` client past its `welcome`.
    private func connect(_ port: Int) throws -> WebSocketTestClient {
        let client = try WebSocketTestClient(port: port)
        XCTAssertEqual(client.status, 101, client.responseHead)
        XCTAssertEqual(client.nextMessage()?["type"] as? String, "welcome")
        return client
    }

    private func nowSeconds() -> Int { Int(Date().timeIntervalSince1970) }

    /// Runs async set-up work from a synchronous test, off the test's thread, and waits.
    private func blocking<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
        let outcome = Outcome<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            let result: Result<Value, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            outcome.result.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.result.withLock { $0! }.get()
    }
}

/// Carries a result out of the task in `blocking`.
private final class Outcome<Value: Sendable>: Sendable {
    let result = Mutex<Result<Value, any Error>?>(nil)
}
