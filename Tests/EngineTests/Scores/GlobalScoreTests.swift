import XCTest
import Primitives
@testable import Engine

/// Each GlobalScore component, penalty and grade (API.md "GlobalScore"), on inputs set directly.
final class GlobalScoreTests: XCTestCase {
    /// 60 candles, P 100, E 98, S 94, T 110, RSI 55, MACD slope 0.5, low_trend 0.1, vol_quality
    /// 0.1, range_pos 0.7, volume percentile 0.6, z 0.5, dist_ma20 (100/98 − 1)·100 ≈ 2.04,
    /// ret5d 3, ret10d 5: no penalty applies.
    private func base() -> ScoreInputs {
        ScoreInputs(candleCount: 60, price: 100, rsi: 55, return5d: 3, return10d: 5, bollingerZ: 0.5,
                    distanceFromMA20: (100.0 / 98 - 1) * 100, macdSlope: 0.5, volumePercentile: 0.6, rangePosition: 0.7,
                    lowTrend: 0.1, volumeQuality: 0.1, entry: 98, stop: 94, target: 110)
    }

    /// RR = ((110 − 100)/(100 − 94))/3·100 = 55.56; target room = (10/100·100)/20·100 = 50; r =
    /// 6/100·100 = 6 → stop room 100; entry proximity = (1 − (2/98·100)/5)·100 = 59.18; momentum
    /// = 40 (RSI in band) + 30 (slope up) + 30·3/3 (ebs 5 ≥ 4, slope up, RSI in band) = 100;
    /// liquidity 60; technical balance 50 (|z| ≤ 1) + 50 (|dist| ≤ 5) = 100. Weighted:
    /// .25·55.556 + .18·50 + .12·100 + .12·59.184 + .10·100 + .13·60 + .10·100 = 69.791 → WATCH.
    func testWorkedCaseWithoutPenalties() throws {
        let score = try XCTUnwrap(GlobalScore(base()))
        let c = score.components
        XCTAssertEqual(c.riskReward, 500.0 / 9, accuracy: 1e-9)
        XCTAssertEqual(c.targetRoom, 50, accuracy: 1e-9)
        XCTAssertEqual(c.stopRoom, 100, accuracy: 1e-9)
        XCTAssertEqual(c.entryProximity, (1 - 200.0 / 98 / 5) * 100, accuracy: 1e-9)
        XCTAssertEqual(c.momentum, 100, accuracy: 1e-9)
        XCTAssertEqual(c.liquidity, 60, accuracy: 1e-9)
        XCTAssertEqual(c.technicalBalance, 100, accuracy: 1e-9)
        let expected = 0.25 * 500 / 9 + 0.18 * 50 + 0.12 * 100 + 0.12 * (1 - 200.0 / 98 / 5) * 100 + 10 + 0.13 * 60 + 10
        XCTAssertEqual(expected, 69.791, accuracy: 1e-3)
        XCTAssertEqual(score.penalties, [])
        XCTAssertEqual(score.score, expected, accuracy: 1e-9)
        XCTAssertEqual(score.grade, .watch)
    }

    func testNeedsFiftyCandles() {
        var inputs = base()
        inputs.candleCount = 49
        XCTAssertNil(GlobalScore(inputs))
    }

    /// T 130: ((30/6)/3)·100 = 166.7 caps at 100; P ≤ S (S 100) or no T: 0.
    func testRiskReward() {
        var inputs = base()
        inputs.target = 130
        XCTAssertEqual(GlobalScore.Components.riskReward(inputs), 100)
        inputs.stop = 100
        XCTAssertEqual(GlobalScore.Components.riskReward(inputs), 0)
        inputs = base()
        inputs.target = nil
        XCTAssertEqual(GlobalScore.Components.riskReward(inputs), 0)
    }

    /// T 140: 40%/20·100 = 200 caps at 100; T 104: 4/20·100 = 20; P ≥ T (T 100): 0.
    func testTargetRoom() {
        var inputs = base()
        inputs.target = 140
        XCTAssertEqual(GlobalScore.Components.targetRoom(inputs), 100)
        inputs.target = 104
        XCTAssertEqual(GlobalScore.Components.targetRoom(inputs), 20, accuracy: 1e-9)
        inputs.target = 100
        XCTAssertEqual(GlobalScore.Components.targetRoom(inputs), 0)
    }

    /// r = (100 − S)/100·100: r 4 → 100; r 3 → (3 − 2)/2·60 + 40 = 70; r 1 → −30 + 40 = 10; r 0.5
    /// → −5 clamps to 0; r 10 → 100 − 4/4·50 = 50; r 20 → −75 clamps to 0; no S → 0.
    func testStopRoom() {
        let cases: [(Double?, Double)] = [(96, 100), (97, 70), (99, 10), (99.5, 0), (90, 50), (80, 0), (nil, 0)]
        for (stop, expected) in cases {
            var inputs = base()
            inputs.stop = stop
            XCTAssertEqual(GlobalScore.Components.stopRoom(inputs), expected, accuracy: 1e-9, "S \(String(describing: stop))")
        }
    }

    /// E 100 → 100; E 101: (1 − (1/101·100)/5)·100 = 80.198; E 95: 5.26% away → below 0 → 0.
    func testEntryProximity() {
        var inputs = base()
        inputs.entry = 100
        XCTAssertEqual(GlobalScore.Components.entryProximity(inputs), 100)
        inputs.entry = 101
        XCTAssertEqual(GlobalScore.Components.entryProximity(inputs), (1 - 100.0 / 101 / 5) * 100, accuracy: 1e-9)
        inputs.entry = 95
        XCTAssertEqual(GlobalScore.Components.entryProximity(inputs), 0)
    }

    /// RSI 36, slope −0.1: (36 − 30)/15·40 = 16, no slope bonus; ebs counts low_trend,
    /// vol_quality, range_pos = 3 < 4, so no confirmation: 16. RSI 72, slope 0.5: (80 − 72)/15·40
    /// = 21.33 + 30; ebs = slope, low_trend, vol_quality, range_pos = 4, confirmations ebs ≥ 4 and
    /// slope: 30·2/3 = 20 → 71.33. RSI 85 and RSI 20 give an RSI part of 0 (max(0, …)).
    func testMomentum() {
        var inputs = base()
        inputs.rsi = 36
        inputs.macdSlope = -0.1
        XCTAssertEqual(GlobalScore.Components.momentum(inputs), 16, accuracy: 1e-9)
        inputs = base()
        inputs.rsi = 72
        XCTAssertEqual(GlobalScore.Components.momentum(inputs), 8.0 / 15 * 40 + 30 + 20, accuracy: 1e-9)
        inputs.rsi = 85
        XCTAssertEqual(GlobalScore.Components.momentum(inputs), 0 + 30 + 20, accuracy: 1e-9)
        inputs.rsi = 20
        inputs.macdSlope = 0
        XCTAssertEqual(GlobalScore.Components.momentum(inputs), 0, "a slope of 0 is not > 0; ebs 3")
    }

    /// Volume percentile 0.25 → 25.
    func testLiquidity() {
        var inputs = base()
        inputs.volumePercentile = 0.25
        XCTAssertEqual(GlobalScore.Components.liquidity(inputs), 25)
    }

    /// z 2 → 50·(3 − 2)/2 = 25 and dist 7 → 50·(10 − 7)/5 = 30: 55. z 3.5 and dist 12: 0. z −1
    /// and dist −5 read as absolute values: 50 + 50.
    func testTechnicalBalance() {
        let cases: [(Double, Double, Double)] = [(2, 7, 55), (3.5, 12, 0), (-1, -5, 100), (3, 10, 0)]
        for (z, distance, expected) in cases {
            var inputs = base()
            inputs.bollingerZ = z
            inputs.distanceFromMA20 = distance
            XCTAssertEqual(GlobalScore.Components.technicalBalance(inputs), expected, accuracy: 1e-9, "z \(z), d \(distance)")
        }
    }

    /// Each penalty alone, from the penalty-free base: its condition just crossed, the score
    /// its components' weighted sum less its points; at its boundary (or, for the distance from
    /// entry, 4.2% inside it: E 96) it does not apply.
    func testEachPenalty() throws {
        let cases: [(GlobalScore.Penalty, Double, (inout ScoreInputs) -> Void, (inout ScoreInputs) -> Void)] = [
            (.return5dAbove10, 6, { $0.return5d = 10.5 }, { $0.return5d = 10 }),
            (.return10dAbove20, 6, { $0.return10d = 21 }, { $0.return10d = 20 }),
            (.rsiOutsideBand, 4, { $0.rsi = 65.5 }, { $0.rsi = 45 }),
            (.macdFalling, 4, { $0.macdSlope = -0.1 }, { $0.macdSlope = 0 }),
            (.farFromEntry, 4, { $0.entry = 94 }, { $0.entry = 96 }),
            (.thinVolume, 4, { $0.volumePercentile = 0.19 }, { $0.volumePercentile = 0.2 }),
            (.bollingerExtreme, 2, { $0.bollingerZ = -3.1 }, { $0.bollingerZ = 3 }),
        ]
        for (penalty, points, cross, boundary) in cases {
            var inputs = base()
            cross(&inputs)
            let score = try XCTUnwrap(GlobalScore(inputs))
            XCTAssertEqual(score.penalties, [penalty])
            XCTAssertEqual(penalty.points, points)
            XCTAssertEqual(score.score, score.components.weightedSum - points, accuracy: 1e-9, "\(penalty)")
            var atBoundary = base()
            boundary(&atBoundary)
            XCTAssertEqual(GlobalScore(atBoundary)?.penalties, [], "\(penalty) at its boundary")
        }
    }

    /// Every penalty at once (6 + 6 + 4 + 4 + 4 + 4 + 2 = 30) over a weighted sum of .13·10 =
    /// 1.3 (only liquidity scores: no S, T or slope bonus, RSI 90 gives 0, z and dist too far):
    /// floored at 0, HOLD.
    func testFloorAtZero() throws {
        let inputs = ScoreInputs(candleCount: 50, price: 100, rsi: 90, return5d: 15, return10d: 25, bollingerZ: 4,
                                 distanceFromMA20: -16.7, macdSlope: -1, volumePercentile: 0.1, entry: 120)
        let score = try XCTUnwrap(GlobalScore(inputs))
        XCTAssertEqual(score.components.weightedSum, 1.3, accuracy: 1e-9)
        XCTAssertEqual(score.penalties, GlobalScore.Penalty.allCases)
        XCTAssertEqual(score.penalties.reduce(0) { $0 + $1.points }, 30)
        XCTAssertEqual(score.score, 0)
        XCTAssertEqual(score.grade, .hold)
    }

    /// The stored parts: every component by name, the weighted sum, the penalties with their
    /// points, the score and the grade.
    func testJSON() throws {
        var inputs = base()
        inputs.volumePercentile = 0.1
        let score = try XCTUnwrap(GlobalScore(inputs))
        let json = score.json
        XCTAssertEqual(json["components"]?["stop_room"], .number("100.0"))
        XCTAssertEqual(json["components"]?["liquidity"], .number(String(score.components.liquidity)))
        XCTAssertEqual(json["weighted_sum"], .number(String(score.components.weightedSum)))
        XCTAssertEqual(json["penalties"], .array([.object([JSONMember("name", .string("volume_percentile_lt_0_2")),
                                                           JSONMember("points", .number("4.0"))])]))
        XCTAssertEqual(json["score"], .number(String(score.score)))
        XCTAssertEqual(json["grade"], .string("WATCH"), "69.79 − .13·50 − 4 = 59.29")
    }

    /// ≥ 70 BUY, ≥ 50 WATCH, else HOLD.
    func testGrade() {
        XCTAssertEqual(GlobalScore.Grade(score: 70), .buy)
        XCTAssertEqual(GlobalScore.Grade(score: 69.99), .watch)
        XCTAssertEqual(GlobalScore.Grade(score: 50), .watch)
        XCTAssertEqual(GlobalScore.Grade(score: 49.99), .hold)
    }
}
