import XCTest
@testable import Engine

/// Each RouteState rule (API.md "RouteState"), first match winning, on inputs set directly.
final class RouteStateTests: XCTestCase {
    /// Inputs of 40 candles that match ATTACK: RSI 55, range_pos 0.8, low_trend 0.1,
    /// vol_quality 0.05, dist_ma20 −3.
    private func attacking() -> ScoreInputs {
        ScoreInputs(candleCount: 40, rsi: 55, return5d: 3, distanceFromMA20: -3, rangePosition: 0.8, lowTrend: 0.1,
                    volumeQuality: 0.05)
    }

    func testNeedsFortyCandles() {
        var inputs = attacking()
        inputs.candleCount = 39
        XCTAssertNil(RouteState(inputs))
        inputs.candleCount = 40
        XCTAssertEqual(RouteState(inputs), .attack)
    }

    /// ret5d 20.5 > 20 or RSI exactly 75 overheat, even when ATTACK's conditions hold too;
    /// ret5d exactly 20 does not.
    func testOverheat() {
        var inputs = attacking()
        inputs.return5d = 20.5
        XCTAssertEqual(RouteState(inputs), .overheat)
        inputs.return5d = 20
        XCTAssertEqual(RouteState(inputs), .attack)
        inputs.rsi = 75
        XCTAssertEqual(RouteState(inputs), .overheat)
    }

    /// ATTACK holds at RSI 45 and 65; it fails at RSI 65.5, range_pos 0.79, low_trend 0 or
    /// vol_quality 0, each leaving dist_ma20 −3 and vol_quality < 0.2 to fall to WAIT (low_trend >
    /// 0, dist_ma20 > −5) or NEUTRAL (low_trend 0).
    func testAttack() {
        for rsi in [45.0, 65] {
            var inputs = attacking()
            inputs.rsi = rsi
            XCTAssertEqual(RouteState(inputs), .attack, "RSI \(rsi)")
        }
        var inputs = attacking()
        inputs.rsi = 65.5
        XCTAssertEqual(RouteState(inputs), .wait)
        inputs = attacking()
        inputs.rangePosition = 0.79
        XCTAssertEqual(RouteState(inputs), .wait)
        inputs = attacking()
        inputs.volumeQuality = 0
        XCTAssertEqual(RouteState(inputs), .wait)
        inputs = attacking()
        inputs.lowTrend = 0
        XCTAssertEqual(RouteState(inputs), .neutral)
    }

    /// ARMED by vol_quality 0.2 (with RSI 70 so ATTACK fails, dist_ma20 −10), or by dist_ma20
    /// −1.9 > −2 (vol_quality 0.1, range_pos 0.5); dist_ma20 exactly −2 is not enough.
    func testArmed() {
        XCTAssertEqual(RouteState(ScoreInputs(candleCount: 40, rsi: 70, distanceFromMA20: -10, lowTrend: -0.1, volumeQuality: 0.2)),
                       .armed)
        XCTAssertEqual(RouteState(ScoreInputs(candleCount: 40, rsi: 50, distanceFromMA20: -1.9, rangePosition: 0.5, lowTrend: -0.1,
                                              volumeQuality: 0.1)), .armed)
        XCTAssertEqual(RouteState(ScoreInputs(candleCount: 40, rsi: 50, distanceFromMA20: -2, rangePosition: 0.5, lowTrend: -0.1,
                                              volumeQuality: 0.1)), .neutral)
    }

    /// WAIT: low_trend 0.1 > 0 and dist_ma20 −4 > −5 (range_pos 0.5 stops ATTACK, vol_quality 0.1
    /// and dist_ma20 ≤ −2 stop ARMED); dist_ma20 −5 falls to NEUTRAL.
    func testWait() {
        var inputs = ScoreInputs(candleCount: 40, rsi: 50, distanceFromMA20: -4, rangePosition: 0.5, lowTrend: 0.1, volumeQuality: 0.1)
        XCTAssertEqual(RouteState(inputs), .wait)
        inputs.distanceFromMA20 = -5
        XCTAssertEqual(RouteState(inputs), .neutral)
    }

    /// NEUTRAL: falling lows below the average; and when every input is missing.
    func testNeutral() {
        XCTAssertEqual(RouteState(ScoreInputs(candleCount: 40, rsi: 50, distanceFromMA20: -4, rangePosition: 0.9, lowTrend: -0.1,
                                              volumeQuality: 0.1)), .neutral)
        XCTAssertEqual(RouteState(ScoreInputs(candleCount: 40)), .neutral)
        XCTAssertEqual(RouteState.allCases.map(\.rawValue), ["OVERHEAT", "ATTACK", "ARMED", "WAIT", "NEUTRAL"])
    }
}
