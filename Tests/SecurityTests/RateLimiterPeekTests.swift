import XCTest
@testable import Security

/// `RateLimiter.peek`: the decision `take` would give, with nothing spent and no key tracked.
final class RateLimiterPeekTests: XCTestCase {
    func testPeekSpendsNothingAndTracksNoNewKey() {
        let limiter = RateLimiter(limit: 2, window: 60)
        for _ in 0..<5 {
            let decision = limiter.peek("10.0.0.1", now: 100)
            XCTAssertTrue(decision.allowed)
            XCTAssertEqual(decision.remaining, 2)
        }
        XCTAssertEqual(limiter.keyCount, 0)
        XCTAssertTrue(limiter.take("10.0.0.1", now: 100).allowed)
        XCTAssertEqual(limiter.peek("10.0.0.1", now: 101).remaining, 1)
        XCTAssertEqual(limiter.keyCount, 1)
    }

    func testPeekReportsASpentBudgetAndWhenItComesBack() {
        let limiter = RateLimiter(limit: 2, window: 60)
        _ = limiter.take("k", now: 100)
        _ = limiter.take("k", now: 110)
        let spent = limiter.peek("k", now: 130)
        XCTAssertFalse(spent.allowed)
        XCTAssertEqual(spent.remaining, 0)
        XCTAssertEqual(spent.limit, 2)
        XCTAssertEqual(spent.retryAfterSeconds, 30, "the window began at the first take")
        XCTAssertFalse(limiter.peek("k", now: 130).allowed, "peeking again changes nothing")
        XCTAssertTrue(limiter.peek("k", now: 160).allowed, "a new window")
        XCTAssertEqual(limiter.peek("k", now: 160).remaining, 2)
    }

    func testPeekFollowsContinuousRefill() {
        let limiter = RateLimiter(capacity: 4, refillPerSecond: 1)
        for _ in 0..<4 { _ = limiter.take("k", now: 0) }
        XCTAssertFalse(limiter.peek("k", now: 0.5).allowed)
        XCTAssertEqual(limiter.peek("k", now: 0.5).retryAfterSeconds, 1)
        XCTAssertEqual(limiter.peek("k", now: 2).remaining, 2)
    }
}
