import XCTest
@testable import Gateway

/// The flood-control rules of WebSocket connections, on an explicit clock.
final class WebSocketFloodGuardTests: XCTestCase {
    func testBurstUpToTheLimitIsAcceptedAndTheNextRefusedWithOneNotice() {
        var flood = WebSocketFloodGuard(messagesPerSecond: 10)
        for index in 0..<10 { XCTAssertEqual(flood.admit(now: 100 + Double(index) * 0.001), .accept) }
        XCTAssertEqual(flood.admit(now: 100.011), .refuse(notify: true))
        XCTAssertEqual(flood.admit(now: 100.012), .refuse(notify: false), "at most one notice a second")
    }

    func testTokensComeBackAtTheConfiguredRate() {
        var flood = WebSocketFloodGuard(messagesPerSecond: 10)
        for _ in 0..<10 { XCTAssertEqual(flood.admit(now: 0), .accept) }
        XCTAssertEqual(flood.admit(now: 0.05), .refuse(notify: true))
        XCTAssertEqual(flood.admit(now: 0.1), .accept, "one token a tenth of a second")
    }

    func testSteadyRateAtTheLimitIsNeverRefused() {
        var flood = WebSocketFloodGuard(messagesPerSecond: 10)
        for index in 0..<100 { XCTAssertEqual(flood.admit(now: Double(index) * 0.1), .accept) }
    }

    func testRefusalsForMoreThanTwoSecondsInARowDisconnect() {
        var flood = WebSocketFloodGuard(messagesPerSecond: 10)
        for _ in 0..<10 { _ = flood.admit(now: 0) }
        var verdicts: [WebSocketFloodGuard.Verdict] = []
        var time = 0.0
        // 20 a second: every other message is refused, the flood never pauses for a second.
        for step in 1...44 {
            time = Double(step) * 0.05
            verdicts.append(flood.admit(now: time))
            if case .disconnect = verdicts.last { break }
        }
        guard case .disconnect = verdicts.last else { return XCTFail("expected a disconnect, got \(verdicts.last!)") }
        XCTAssertGreaterThan(time, 2, "not before the flood has lasted 2 seconds")
        XCTAssertTrue((2...3).contains(verdicts.filter { $0 == .refuse(notify: true) }.count), "one notice a second")
        XCTAssertEqual(flood.admit(now: time + 0.01), .ignore)
    }

    func testAGapOfASecondEndsTheFlood() {
        var flood = WebSocketFloodGuard(messagesPerSecond: 2)
        var time = 0.0
        for _ in 0..<4 {
            // A burst twice the limit, then silence: refused each time, never disconnected.
            XCTAssertEqual(flood.admit(now: time), .accept)
            XCTAssertEqual(flood.admit(now: time), .accept)
            XCTAssertEqual(flood.admit(now: time), .refuse(notify: true))
            XCTAssertEqual(flood.admit(now: time), .refuse(notify: false))
            time += 1.5
        }
    }

    func testMoreThanThreeTimesTheLimitInOneSecondDisconnectsAtOnce() {
        var flood = WebSocketFloodGuard(messagesPerSecond: 10)
        for _ in 0..<30 { _ = flood.admit(now: 5) }
        guard case .disconnect = flood.admit(now: 5.5) else { return XCTFail("31 messages within a second") }
    }
}
