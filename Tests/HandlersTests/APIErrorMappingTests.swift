import APIRuntime
import Accounts
import Backends
import Generated
import Handlers
import Security
import XCTest

/// Lower layers' typed errors become the spec's error codes in one place, case by case.
final class APIErrorMappingTests: XCTestCase {
    func testEveryAuthErrorHasItsCodeAndStatus() {
        let cases: [(AuthError, ErrorCode, Int)] = [
            (.invalidCredentials, .invalidCredentials, 401),
            (.invalidToken(reason: "revoked"), .invalidToken, 401),
            (.tokenExpired, .tokenExpired, 401),
            (.forbidden(reason: "key role above its owner's"), .insufficientPermission, 403),
            (.notFound("user 7"), .notFound, 404),
            (.conflict("username taken"), .conflict, 409),
            (.invalid(field: "password", reason: "too short"), .validationError, 400),
            (.storage(.unavailable("down")), .serviceUnavailable, 503),
            (.storage(.uniqueViolation(constraint: "users_username")), .conflict, 409),
            (.crypto(.randomUnavailable(detail: "no entropy")), .internalError, 500),
            (.rateLimited(RateLimitDecision(allowed: false, limit: 10, remaining: 0, resetAfterSeconds: 42, retryAfterSeconds: 42)),
             .rateLimited, 429),
        ]
        for (error, code, status) in cases {
            let mapped = APIError(error)
            XCTAssertEqual(mapped.code, code, "\(error)")
            XCTAssertEqual(mapped.code.httpStatus, status, "\(error)")
        }
    }

    func testAThrottledLoginCarriesRetryAfterAndTheLimitHeaders() {
        let decision = RateLimitDecision(allowed: false, limit: 10, remaining: 0, resetAfterSeconds: 42, retryAfterSeconds: 42)
        let mapped = APIError(AuthError.rateLimited(decision))
        XCTAssertEqual(mapped.headers.map(\.name), ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"])
        XCTAssertEqual(mapped.headers.last?.value, "42")
        XCTAssertTrue(mapped.message.contains("retry in 42 s"), mapped.message)
    }

    func testInvalidInputNamesTheField() {
        XCTAssertEqual(APIError(AuthError.invalid(field: "expires_at", reason: "must be in the future")).details,
                       [FieldIssue("expires_at", "must be in the future")])
    }

    func testMessagesNeverRevealWhetherAUsernameExists() {
        XCTAssertEqual(APIError(AuthError.invalidCredentials).message, "Invalid username or password")
    }
}
