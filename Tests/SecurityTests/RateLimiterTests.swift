import Dispatch
import Glibc
import Synchronization
import XCTest
@testable import Security

final class RateLimiterTests: XCTestCase {
    func testRESTBudgetRefusesThe1201stRequestInAMinute() {
        let limiter = RateLimiter(requestsPerMinute: 1_200)
        for index in 0..<1_200 {
            XCTAssertTrue(limiter.take("user-1", now: 1_000).allowed, "request \(index + 1)")
        }
        let refused = limiter.take("user-1", now: 1_000)
        XCTAssertFalse(refused.allowed)
        XCTAssertEqual(refused.remaining, 0)
        XCTAssertEqual(refused.limit, 1_200)
        XCTAssertEqual(refused.retryAfterSeconds, 60, "the whole budget comes back when the minute ends")
        XCTAssertFalse(limiter.take("user-1", now: 1_059.9).allowed, "still inside the minute")
        let renewed = limiter.take("user-1", now: 1_060)
        XCTAssertTrue(renewed.allowed)
        XCTAssertEqual(renewed.remaining, 1_199)
        XCTAssertEqual(renewed.resetAfterSeconds, 60)
    }

    func testPerMinuteInitializerCountsOneMinuteWindows() {
        let limiter = RateLimiter(requestsPerMinute: 1_200)
        XCTAssertEqual(limiter.capacity, 1_200)
        XCTAssertEqual(limiter.window, 60)
        XCTAssertNil(RateLimiter(requestsPerSecond: 100).window, "per-second limits refill continuously")
    }

    func testAllowedDecisionReportsRemainingAndReset() {
        let limiter = RateLimiter(capacity: 1_200, refillPerSecond: 20)
        let decision = limiter.take("k", now: 0)
        XCTAssertEqual(decision, RateLimitDecision(allowed: true, limit: 1_200, remaining: 1_199, resetAfterSeconds: 1,
                                                   retryAfterSeconds: nil))
        for _ in 0..<99 { _ = limiter.take("k", now: 0) }
        XCTAssertEqual(limiter.take("k", now: 0).resetAfterSeconds, 6)
    }

    func testLoginBudgetTellsClientToWaitForTheWindowsEnd() {
        let limiter = RateLimiter(requestsPerMinute: 10)
        for _ in 0..<10 { XCTAssertTrue(limiter.take("ip:203.0.113.9", now: 50).allowed) }
        let refused = limiter.take("ip:203.0.113.9", now: 80)
        XCTAssertFalse(refused.allowed)
        XCTAssertEqual(refused.retryAfterSeconds, 30)
        XCTAssertEqual(refused.resetAfterSeconds, 30)
    }

    func testTokensRefillOverTime() {
        let limiter = RateLimiter(capacity: 1_200, refillPerSecond: 20)
        for _ in 0..<1_200 { _ = limiter.take("k", now: 10) }
        XCTAssertFalse(limiter.take("k", now: 10.04).allowed)
        XCTAssertTrue(limiter.take("k", now: 10.05).allowed)
        XCTAssertFalse(limiter.take("k", now: 10.05).allowed)
        XCTAssertEqual(limiter.take("k", now: 70.05).remaining, 1_199)
    }

    func testRefillNeverExceedsCapacity() {
        let limiter = RateLimiter(capacity: 5, refillPerSecond: 1)
        _ = limiter.take("k", now: 0)
        XCTAssertEqual(limiter.take("k", now: 1_000_000).remaining, 4)
    }

    func testClockGoingBackwardsAddsNothing() {
        let limiter = RateLimiter(capacity: 2, refillPerSecond: 1)
        _ = limiter.take("k", now: 100)
        _ = limiter.take("k", now: 100)
        XCTAssertFalse(limiter.take("k", now: 50).allowed)
        XCTAssertFalse(limiter.take("k", now: 100.5).allowed)
        XCTAssertTrue(limiter.take("k", now: 101).allowed)
    }

    func testKeysHaveIndependentBuckets() {
        let limiter = RateLimiter(capacity: 1, refillPerSecond: 1)
        XCTAssertTrue(limiter.take("a", now: 0).allowed)
        XCTAssertFalse(limiter.take("a", now: 0).allowed)
        XCTAssertTrue(limiter.take("b", now: 0).allowed)
    }

    func testCostSpendsSeveralTokens() {
        let limiter = RateLimiter(capacity: 10, refillPerSecond: 1)
        XCTAssertEqual(limiter.take("k", now: 0, cost: 4).remaining, 6)
        let refused = limiter.take("k", now: 0, cost: 7)
        XCTAssertFalse(refused.allowed)
        XCTAssertEqual(refused.remaining, 6)
        XCTAssertEqual(refused.retryAfterSeconds, 1)
    }

    func testCostAboveCapacityIsAlwaysRefused() {
        let limiter = RateLimiter(capacity: 10, refillPerSecond: 1)
        let refused = limiter.take("k", now: 0, cost: 11)
        XCTAssertFalse(refused.allowed)
        XCTAssertEqual(refused.remaining, 10)
        XCTAssertGreaterThanOrEqual(refused.retryAfterSeconds ?? 0, 1)
    }

    func testRetryAfterIsRoundedUpToWholeSeconds() {
        let limiter = RateLimiter(capacity: 1, refillPerSecond: 0.4)
        _ = limiter.take("k", now: 0)
        XCTAssertEqual(limiter.take("k", now: 0).retryAfterSeconds, 3)
        XCTAssertEqual(limiter.take("k", now: 2).retryAfterSeconds, 1)
    }

    func testConcurrentTakesOnOneKeyAllowExactlyCapacity() {
        let limiter = RateLimiter(capacity: 1_000, refillPerSecond: 1)
        let allowed = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<500 where limiter.take("shared", now: 5).allowed {
                allowed.add(1, ordering: .relaxed)
            }
        }
        XCTAssertEqual(allowed.load(ordering: .relaxed), 1_000)
    }

    func testConcurrentTakesOnManyKeysKeepEachCountExact() {
        let limiter = RateLimiter(capacity: 50, refillPerSecond: 1, maxKeys: 100_000)
        let counts = Mutex([Int](repeating: 0, count: 64))
        DispatchQueue.concurrentPerform(iterations: 16) { worker in
            for round in 0..<400 {
                let key = (worker + round) % 64
                if limiter.take("key-\(key)", now: 1).allowed { counts.withLock { $0[key] += 1 } }
            }
        }
        XCTAssertEqual(counts.withLock { $0 }, [Int](repeating: 50, count: 64))
    }

    func testKeyCountNeverExceedsMaxKeys() {
        let limiter = RateLimiter(capacity: 10, refillPerSecond: 0.001, maxKeys: 100)
        for index in 0..<10_000 {
            _ = limiter.take("client-\(index)", now: Double(index) * 0.001)
            XCTAssertLessThanOrEqual(limiter.keyCount, 100)
        }
    }

    func testLargeLimiterStaysWithinMaxKeysAcrossShards() {
        let limiter = RateLimiter(capacity: 10, refillPerSecond: 0.001, maxKeys: 20_000)
        for index in 0..<60_000 { _ = limiter.take("client-\(index)", now: 0) }
        XCTAssertLessThanOrEqual(limiter.keyCount, 20_000)
        XCTAssertGreaterThan(limiter.keyCount, 15_000)
    }

    func testIdleBucketsAreDroppedBeforeActiveOnes() {
        let limiter = RateLimiter(capacity: 10, refillPerSecond: 1, maxKeys: 8)
        for index in 0..<4 { _ = limiter.take("active-\(index)", now: 0, cost: 5) }
        for index in 0..<4 { _ = limiter.take("idle-\(index)", now: 0) }
        XCTAssertEqual(limiter.keyCount, 8)
        // At t=2 the idle buckets are full again; the active ones are still at 7.
        _ = limiter.take("newcomer", now: 2)
        XCTAssertEqual(limiter.keyCount, 5)
        XCTAssertEqual(limiter.take("active-0", now: 2).remaining, 6)
    }

    func testMonotonicClockAdvances() {
        let first = RateLimiter.monotonicSeconds()
        let second = RateLimiter.monotonicSeconds()
        XCTAssertGreaterThan(first, 0)
        XCTAssertGreaterThanOrEqual(second, first)
    }

    func testHeaderFieldsIncludeRetryAfterOnlyWhenRefused() {
        let refused = RateLimitDecision(allowed: false, limit: 10, remaining: 0, resetAfterSeconds: 60, retryAfterSeconds: 6)
        let before = Int(time(nil))
        let fields = refused.headerFields.map { "\($0.name): \($0.value)" }
        let after = Int(time(nil))
        XCTAssertEqual(fields.count, 4)
        XCTAssertEqual(Array(fields.prefix(2)), ["X-RateLimit-Limit: 10", "X-RateLimit-Remaining: 0"])
        XCTAssertTrue((before + 60...after + 60).map { "X-RateLimit-Reset: \($0)" }.contains(fields[2]),
                      "Reset is the epoch second the budget is whole again: \(fields[2])")
        XCTAssertEqual(fields[3], "Retry-After: 6")
        let allowed = RateLimitDecision(allowed: true, limit: 10, remaining: 9, resetAfterSeconds: 6, retryAfterSeconds: nil)
        XCTAssertFalse(allowed.headerFields.contains { $0.name == "Retry-After" })
    }
}
