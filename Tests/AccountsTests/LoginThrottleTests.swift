import Foundation
import XCTest
@testable import Security
@testable import Backends
import Accounts

/// Login throttling: a hard limit per (username, address), a backoff per username that only
/// slows, and failures that are forgotten.
final class LoginThrottleTests: XCTestCase {
    private let backoff = FailureBackoff(freeFailures: 3, maximumDelay: .milliseconds(400))

    func testTheLimitIsPerUsernameAndAddress() {
        let throttle = LoginThrottle(attemptsPerMinute: 2, backoff: backoff)
        XCTAssertTrue(throttle.admit(username: "ann", address: "10.0.0.1", now: 0).allowed)
        XCTAssertTrue(throttle.admit(username: "ann", address: "10.0.0.1", now: 1).allowed)
        let refused = throttle.admit(username: "ann", address: "10.0.0.1", now: 2)
        XCTAssertFalse(refused.allowed)
        XCTAssertEqual(refused.retryAfterSeconds, 58)
        XCTAssertTrue(throttle.admit(username: "ann", address: "10.0.0.2", now: 2).allowed, "another address")
        XCTAssertTrue(throttle.admit(username: "bob", address: "10.0.0.1", now: 2).allowed, "another username")
        XCTAssertTrue(throttle.admit(username: "ann", address: "10.0.0.1", now: 60).allowed, "the next minute")
    }

    func testFailuresFromAnywhereOnlyDelayAndTheDelayIsCapped() {
        let throttle = LoginThrottle(attemptsPerMinute: 10, backoff: backoff)
        var delays: [Duration] = []
        for failure in 0..<8 {
            delays.append(throttle.delay(for: "ann", now: 0))
            XCTAssertTrue(throttle.admit(username: "ann", address: "10.1.0.\(failure)", now: 0).allowed)
            throttle.recordFailure(of: "ann", now: 0)
        }
        XCTAssertEqual(delays, [.zero, .zero, .zero, .milliseconds(50), .milliseconds(100), .milliseconds(200),
                                .milliseconds(400), .milliseconds(400)])
        XCTAssertEqual(throttle.delay(for: "bob", now: 0), .zero, "other usernames are not slowed")
    }

    func testFailuresAreForgottenAtTheFreeRate() {
        let throttle = LoginThrottle(attemptsPerMinute: 10, backoff: backoff)
        for _ in 0..<100 { throttle.recordFailure(of: "ann", now: 0) }
        XCTAssertEqual(throttle.delay(for: "ann", now: 0), .milliseconds(400))
        // 3 a minute forgiven: after 40 s two failures are forgotten.
        XCTAssertEqual(throttle.delay(for: "ann", now: 40), .milliseconds(100))
        XCTAssertEqual(throttle.delay(for: "ann", now: 600), .zero)
    }

    func testAZeroCapNeverDelays() {
        let throttle = LoginThrottle(attemptsPerMinute: 10, backoff: FailureBackoff(freeFailures: 1, maximumDelay: .zero))
        for _ in 0..<50 { throttle.recordFailure(of: "ann", now: 0) }
        XCTAssertEqual(throttle.delay(for: "ann", now: 0), .zero)
    }
}

/// The throttle inside `AuthService.login`, over a real SQLite database.
final class AuthServiceLoginThrottleTests: XCTestCase {
    private var directory: URL!
    private var backend: Backend!
    private var events: EventRecorder!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("throttle-\(UUID().uuidString)")
        backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("trading.db").path)
        events = EventRecorder()
    }

    override func tearDown() async throws {
        backend?.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    private func service(attemptsPerMinute: Int, backoff: FailureBackoff) async throws -> AuthService {
        let recorder = events!
        let auth = AuthService(backend: backend, signer: JWTSigner(secret: Array("a test secret of at least thirty-two bytes".utf8)),
                               roles: .testRoles, hasher: PasswordHasher(iterations: 1_000),
                               loginThrottle: LoginThrottle(attemptsPerMinute: attemptsPerMinute, backoff: backoff),
                               audit: { recorder.record($0) })
        _ = try await auth.createUser(username: "ann", password: "password-ann", role: "trader", actor: "test", address: nil)
        return auth
    }

    func testAnAddressPastItsLimitIsRefusedEvenWithTheRightPassword() async throws {
        let auth = try await service(attemptsPerMinute: 2, backoff: FailureBackoff(freeFailures: 10, maximumDelay: .zero))
        for _ in 0..<2 {
            do {
                _ = try await auth.login(username: "ann", password: "wrong", address: "10.0.0.1")
                XCTFail("a wrong password logged in")
            } catch {
                XCTAssertEqual(error, .invalidCredentials)
            }
        }
        do {
            _ = try await auth.login(username: "ann", password: "password-ann", address: "10.0.0.1")
            XCTFail("the third attempt from the address was let through")
        } catch {
            guard case .rateLimited(let decision) = error else { return XCTFail("expected rateLimited, got \(error)") }
            XCTAssertEqual(decision.limit, 2)
            XCTAssertNotNil(decision.retryAfterSeconds)
        }
        XCTAssertEqual(events.actions.last, "login_throttled")
        _ = try await auth.login(username: "ann", password: "password-ann", address: "10.0.0.2")
    }

    func testFailuresFromManyAddressesNeverLockTheUserOut() async throws {
        let auth = try await service(attemptsPerMinute: 1, backoff: FailureBackoff(freeFailures: 2, maximumDelay: .milliseconds(200)))
        for index in 0..<12 {
            do {
                _ = try await auth.login(username: "ann", password: "guess-\(index)", address: "10.9.0.\(index)")
                XCTFail("a guess logged in")
            } catch {
                XCTAssertEqual(error, .invalidCredentials, "guess \(index) was refused otherwise")
            }
        }
        let started = ContinuousClock.now
        _ = try await auth.login(username: "ann", password: "password-ann", address: "192.0.2.1")
        let waited = ContinuousClock.now - started
        XCTAssertGreaterThanOrEqual(waited, .milliseconds(200), "the right password waits the capped delay too")
        XCTAssertLessThan(waited, .seconds(2))
    }
}
