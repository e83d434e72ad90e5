import XCTest
@testable import Engine

/// The seeded 260-candle fixture end to end: ScoreInputs → SevenFactor, RouteState and
/// GlobalScore, against values computed independently with a numpy script (`tests/reference/scores_ref.py`) written
/// from API.md's formulas (not from this code): it regenerates the candles with its own
/// xoshiro256** and computes EMA/Wilder averages by loops, σ with numpy.std (population),
/// the low_trend slope with numpy.polyfit, windows with list slices.
final class ScoreFixtureTests: XCTestCase {
    /// The generator is the one the script reimplemented: its first and last candles.
    func testFixtureCandles() {
        let bars = ScoreFixture.bars()
        XCTAssertEqual(bars.count, 260)
        XCTAssertEqual([bars[0].open, bars[0].high, bars[0].low, bars[0].close, bars[0].volume], [10000, 10017, 9836, 9849, 705_994_823])
        XCTAssertEqual([bars[2].open, bars[2].high, bars[2].low, bars[2].close, bars[2].volume], [9848, 10014, 9797, 9962, 376_050_352])
        XCTAssertEqual([bars[259].open, bars[259].high, bars[259].low, bars[259].close, bars[259].volume],
                       [13580, 13683, 13525, 13646, 189_169_605])
    }

    func testInputs() {
        let inputs = ScoreInputs(bars: ScoreFixture.bars(), spec: ScoreFixture.spec)
        XCTAssertEqual(inputs.candleCount, 260)
        let expected: [(Double?, Double, String)] = [
            (inputs.price, 136.46, "price"),
            (inputs.rsi, 72.10427708347984, "rsi"),
            (inputs.return5d, 2.6709803626514317, "ret5d"),
            (inputs.return10d, 4.223630947834711, "ret10d"),
            (inputs.return20d, 10.075018149552317, "ret20d"),
            (inputs.ma20, 130.65700000000004, "ma20"),
            (inputs.atr, 1.6128069205390076, "atr"),
            (inputs.atrPercent, 1.1818898728851, "atr_pct"),
            (inputs.bollingerZ, 0.798449165586146, "bollinger_z"),
            (inputs.distanceFromMA20, 4.441400001530704, "dist_ma20"),
            (inputs.macd, 2.3302274811945267, "macd"),
            (inputs.macdSlope, 0.14388086815216639, "macd_slope"),
            (inputs.volumePercentile, 0.16666666666666666, "volume_percentile"),
            (inputs.averageAmount, 666444164.6690301, "avg_amount"),
            (inputs.high52, 136.83, "high52"),
            (inputs.low52, 97.4, "low52"),
            (inputs.position52, 99.06162820187673, "position52"),
            (inputs.rangePosition, 0.9731494920174163, "range_pos"),
            (inputs.lowTrend, 0.09280341726620263, "low_trend"),
            (inputs.volumeQuality, 0.05547858370591089, "vol_quality"),
            (inputs.entry, 130.65700000000004, "entry"),
            (inputs.stop, 127.43138615892202, "stop"),
            (inputs.target, 136.83, "target"),
        ]
        for (actual, wanted, name) in expected { Self.assertClose(actual, wanted, name) }
    }

    /// momentum mean(50, RSI part 60 − (72.104 − 70)·0.33, norm(ret5d), norm(ret20d)); value,
    /// quality and growth from the fixture's fundamentals; sentiment of position 99.06 is
    /// 60 − 19.06·1.5 = 31.41.
    func testSevenFactor() {
        let inputs = ScoreInputs(bars: ScoreFixture.bars(), spec: ScoreFixture.spec)
        let factors = SevenFactor(inputs: inputs, fundamentals: ScoreFixture.fundamentals)
        let expected: [(Double, Double, String)] = [
            (factors.momentum, 61.9620089373974, "momentum"), (factors.value, 76.73684210526316, "value"),
            (factors.quality, 45.0, "quality"), (factors.volatility, 95.4527531778725, "volatility"),
            (factors.liquidity, 27.37936308096926, "liquidity"), (factors.growth, 59.64285714285715, "growth"),
            (factors.sentiment, 31.407557697184906, "sentiment"), (factors.total, 57.2733240703002, "total"),
        ]
        for (actual, wanted, name) in expected { Self.assertClose(actual, wanted, name) }
    }

    /// RSI 72.1 < 75 and ret5d 2.67 ≤ 20: not OVERHEAT; RSI above 65: not ATTACK; dist_ma20 4.44 >
    /// −2: ARMED.
    func testRouteState() {
        XCTAssertEqual(RouteState(ScoreInputs(bars: ScoreFixture.bars(), spec: ScoreFixture.spec)), .armed)
    }

    /// Components, penalties (RSI 72.1 outside 45–65, volume percentile 1/6 < 0.2), score and grade.
    func testGlobalScore() throws {
        let score = try XCTUnwrap(GlobalScore(ScoreInputs(bars: ScoreFixture.bars(), spec: ScoreFixture.spec)))
        let c = score.components
        let expected: [(Double, Double, String)] = [
            (c.riskReward, 1.3660273382409862, "risk/reward"), (c.targetRoom, 1.3557086325663361, "target room"),
            (c.stopRoom, 92.29615051042444, "stop room"), (c.entryProximity, 11.171999969386004, "entry proximity"),
            (c.momentum, 71.05526111072042, "momentum"), (c.liquidity, 16.666666666666664, "liquidity"),
            (c.technicalBalance, 100, "technical balance"), (c.weightedSum, 32.273905223738154, "weighted sum"),
            (score.score, 24.273905223738154, "score"),
        ]
        for (actual, wanted, name) in expected { Self.assertClose(actual, wanted, name) }
        XCTAssertEqual(score.penalties, [.rsiOutsideBand, .thinVolume])
        XCTAssertEqual(score.grade, .hold)
    }

    /// Every prefix of the fixture, from no candle to all 260: no input, factor, component or
    /// score is NaN or infinite, factors and components stay within 0…100, and RouteState and
    /// GlobalScore appear exactly from 40 and 50 candles.
    func testNoNaNAtAnyLength() {
        let bars = ScoreFixture.bars()
        for count in 0...bars.count {
            let inputs = ScoreInputs(bars: Array(bars.prefix(count)), spec: ScoreFixture.spec)
            ScoreInputsTests.assertAllFinite(inputs)
            let factors = SevenFactor(inputs: inputs, fundamentals: count % 2 == 0 ? ScoreFixture.fundamentals : nil)
            let values = [factors.momentum, factors.value, factors.quality, factors.volatility, factors.liquidity, factors.growth,
                          factors.sentiment, factors.total]
            XCTAssertTrue(values.allSatisfy { (0...100).contains($0) }, "\(count) candles: \(values)")
            XCTAssertEqual(RouteState(inputs) != nil, count >= 40)
            let score = GlobalScore(inputs)
            XCTAssertEqual(score != nil, count >= 50)
            if let score {
                let c = score.components
                let parts = [c.riskReward, c.targetRoom, c.stopRoom, c.entryProximity, c.momentum, c.liquidity,
                             c.technicalBalance, score.score]
                XCTAssertTrue(parts.allSatisfy { (0...100).contains($0) }, "\(count) candles: \(parts)")
            }
        }
    }

    /// `actual` within 1e-9 relative of `expected`: the script sums in other orders.
    static func assertClose(_ actual: Double?, _ expected: Double, _ name: String, file: StaticString = #filePath,
                            line: UInt = #line) {
        guard let actual else { return XCTFail("\(name) missing", file: file, line: line) }
        XCTAssertEqual(actual, expected, accuracy: max(1e-12, abs(expected) * 1e-9), name, file: file, line: line)
    }
}
