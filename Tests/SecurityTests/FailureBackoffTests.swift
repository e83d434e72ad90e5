import XCTest
@testable import Security

/// The delay schedule that slows repeated failures: free ones, then doubling from 50 ms, capped.
final class FailureBackoffTests: XCTestCase {
    func testFreeFailuresCostNothingThenTheDelayDoublesUpToTheCap() {
        let backoff = FailureBackoff(freeFailures: 10, maximumDelay: .seconds(1))
        XCTAssertEqual((0..<10).map { backoff.delay(afterFailures: $0) }, Array(repeating: .zero, count: 10))
        XCTAssertEqual((10...15).map { backoff.delay(afterFailures: $0) },
                       [.milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1)])
        XCTAssertEqual(backoff.delay(afterFailures: 1_000), .seconds(1))
        XCTAssertEqual(backoff.delay(afterFailures: Int.max), .seconds(1), "no overflow however many failures")
    }

    func testSaturatingFailuresIsWhereTheCapIsReached() {
        XCTAssertEqual(FailureBackoff(freeFailures: 10, maximumDelay: .seconds(1)).saturatingFailures, 15)
        XCTAssertEqual(FailureBackoff(freeFailures: 1, maximumDelay: .seconds(3)).saturatingFailures, 7)
        XCTAssertEqual(FailureBackoff(freeFailures: 4, maximumDelay: .milliseconds(50)).saturatingFailures, 4)
    }

    func testAZeroCapTurnsTheBackoffOff() {
        let off = FailureBackoff(freeFailures: 1, maximumDelay: .zero)
        XCTAssertEqual(off.delay(afterFailures: 100), .zero)
        XCTAssertEqual(off.saturatingFailures, 1)
    }
}
