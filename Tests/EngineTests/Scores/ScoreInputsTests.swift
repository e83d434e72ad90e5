import XCTest
import Primitives
@testable import Engine

/// ScoreInputs (API.md "Inputs of the scores") on small series worked out by hand.
final class ScoreInputsTests: XCTestCase {
    /// Twenty candles i = 0…19: low 100 + i, high low + 10, close low + 5 (105…124, rising by
    /// 1), even candles up (open = close − 2, volume 250), odd ones down (open = close + 2,
    /// volume 150). P = 124.
    private func twentyCandles() -> ScoreInputs {
        let lows = (0..<20).map { 100.0 + Double($0) }
        let closes = lows.map { $0 + 5 }
        let opens = closes.indices.map { closes[$0] + ($0 % 2 == 0 ? -2 : 2) }
        let volumes = closes.indices.map { $0 % 2 == 0 ? 250.0 : 150.0 }
        return ScoreInputs(opens: opens, highs: lows.map { $0 + 10 }, lows: lows, closes: closes, volumes: volumes)
    }

    /// MA20 = mean(105…124) = 114.5; dist_ma20 = (124/114.5 − 1)·100 = 8.29694…; Bollinger σ
    /// (population) of 20 consecutive numbers = √((20² − 1)/12) = √33.25, z = (124 − 114.5)/(2σ);
    /// ret5d = (124/119 − 1)·100, ret10d = (124/114 − 1)·100, no ret20d (21 closes needed).
    func testTwentyCandleAverages() {
        let inputs = twentyCandles()
        XCTAssertEqual(inputs.candleCount, 20)
        XCTAssertEqual(inputs.price, 124)
        XCTAssertEqual(inputs.ma20 ?? .nan, 114.5, accuracy: 1e-12)
        XCTAssertEqual(inputs.distanceFromMA20 ?? .nan, (124 / 114.5 - 1) * 100, accuracy: 1e-12)
        XCTAssertEqual(inputs.bollingerZ ?? .nan, 9.5 / (2 * 33.25.squareRoot()), accuracy: 1e-12)
        XCTAssertEqual(inputs.return5d ?? .nan, (124.0 / 119 - 1) * 100, accuracy: 1e-12)
        XCTAssertEqual(inputs.return10d ?? .nan, (124.0 / 114 - 1) * 100, accuracy: 1e-12)
        XCTAssertNil(inputs.return20d)
        XCTAssertNil(inputs.macd, "EMA(26) needs 26 closes")
        XCTAssertNil(inputs.macdSlope)
    }

    /// Closes only rise: RSI(14) = 100. Every true range is 10 (high − low 10 beats |high −
    /// previous close| = 6 and |low − previous close| = 4), so ATR(14) = 10 and ATR% =
    /// 10/124·100. E = MA20 = 114.5, S = E − 2·10 = 94.5, T = max(highest high 129, E + 30) = 144.5.
    func testWilderInputsAndLevels() {
        let inputs = twentyCandles()
        XCTAssertEqual(inputs.rsi, 100)
        XCTAssertEqual(inputs.atr ?? .nan, 10, accuracy: 1e-12)
        XCTAssertEqual(inputs.atrPercent ?? .nan, 1000.0 / 124, accuracy: 1e-12)
        XCTAssertEqual(inputs.entry ?? .nan, 114.5, accuracy: 1e-12)
        XCTAssertEqual(inputs.stop ?? .nan, 94.5, accuracy: 1e-12)
        XCTAssertEqual(inputs.target ?? .nan, 144.5, accuracy: 1e-12)
    }

    /// range_pos = (124 − 100)/(129 − 100) = 24/29; the lows rise by 1 a candle around a mean of
    /// 109.5, so low_trend = 1·20/109.5; up candles average 250, down ones 150, all 200:
    /// vol_quality = (250 − 150)/200 = 0.5. Today's 150 is ≥ ten of the twenty volumes: 0.5.
    /// avg_amount = (250·Σ even closes 1140 + 150·Σ odd closes 1150)/20 = 22875. The 52-week
    /// range is 100…129, position 24/29·100.
    func testRangeTrendAndVolumeInputs() {
        let inputs = twentyCandles()
        XCTAssertEqual(inputs.rangePosition ?? .nan, 24.0 / 29, accuracy: 1e-12)
        XCTAssertEqual(inputs.lowTrend ?? .nan, 20 / 109.5, accuracy: 1e-12)
        XCTAssertEqual(inputs.volumeQuality ?? .nan, 0.5, accuracy: 1e-12)
        XCTAssertEqual(inputs.volumePercentile, 0.5)
        XCTAssertEqual(inputs.averageAmount ?? .nan, 22875, accuracy: 1e-9)
        XCTAssertEqual(inputs.high52, 129)
        XCTAssertEqual(inputs.low52, 100)
        XCTAssertEqual(inputs.position52 ?? .nan, 2400.0 / 29, accuracy: 1e-12)
    }

    /// low_trend and vol_quality are clamped to [−1, 1]: lows doubling each candle, and up
    /// candles with all the volume against down candles with none ((20 − 0)/10 = 2 → 1).
    /// vol_quality is 0 when one side is empty (no down candle).
    func testClampsAndEmptySides() {
        let lows = (0..<20).map { Double(1 << $0) }
        let closes = lows.map { $0 + 1 }
        let opens = closes.indices.map { closes[$0] + ($0 % 2 == 0 ? -0.5 : 0.5) }
        let volumes = closes.indices.map { $0 % 2 == 0 ? 20.0 : 0 }
        let inputs = ScoreInputs(opens: opens, highs: closes, lows: lows, closes: closes, volumes: volumes)
        XCTAssertEqual(inputs.lowTrend, 1)
        XCTAssertEqual(inputs.volumeQuality, 1)
        let allUp = ScoreInputs(opens: lows, highs: closes, lows: lows, closes: closes, volumes: volumes)
        XCTAssertEqual(allUp.volumeQuality, 0)
    }

    /// Twenty identical one-price candles of a symbol with 2 price and 3 quantity digits: 12345
    /// ticks read 123.45, 2500 lots 2.5, so avg_amount = 308.625. Every width is 0: Bollinger z 0,
    /// range_pos 0.5, 52-week position 50; RSI of no change 50, ATR 0, low_trend and
    /// vol_quality 0; S = E and T = max(123.45, E). Nothing is NaN.
    func testFlatCandlesGiveFallbacksNotNaN() {
        let spec = SymbolSpec(key: SymbolKey("FLAT-USDT")!, name: "Flat", market: .crypto, prices: UnitScale(digits: 2),
                              quantities: UnitScale(digits: 3), source: .synthetic(seed: 1, startPrice: 12345, sigma: 0))
        let bars = (0..<20).map { Bar(start: $0 * 86_400_000, open: 12345, high: 12345, low: 12345, close: 12345, volume: 2500) }
        let inputs = ScoreInputs(bars: bars, spec: spec)
        XCTAssertEqual(inputs.price ?? .nan, 123.45, accuracy: 1e-12)
        XCTAssertEqual(inputs.averageAmount ?? .nan, 308.625, accuracy: 1e-9)
        XCTAssertEqual(inputs.bollingerZ, 0)
        XCTAssertEqual(inputs.rangePosition, 0.5)
        XCTAssertEqual(inputs.position52, 50)
        XCTAssertEqual(inputs.rsi, 50)
        XCTAssertEqual(inputs.atr, 0)
        XCTAssertEqual(inputs.atrPercent, 0)
        XCTAssertEqual(inputs.lowTrend, 0)
        XCTAssertEqual(inputs.volumeQuality, 0)
        XCTAssertEqual(inputs.stop ?? .nan, 123.45, accuracy: 1e-12)
        XCTAssertEqual(inputs.target ?? .nan, 123.45, accuracy: 1e-12)
        Self.assertAllFinite(inputs)
    }

    /// With ten candles only what ten candles allow exists: P, ret5d, the volume percentile and
    /// the 52-week range over what there is; nothing of a 14- or 20-candle period. No candles
    /// at all give no inputs.
    func testTooFewCandles() {
        let closes = (1...10).map(Double.init)
        let inputs = ScoreInputs(opens: closes, highs: closes, lows: closes, closes: closes, volumes: closes)
        XCTAssertEqual(inputs.price, 10)
        XCTAssertEqual(inputs.return5d ?? .nan, (10.0 / 5 - 1) * 100, accuracy: 1e-12)
        XCTAssertEqual(inputs.volumePercentile, 1)
        XCTAssertEqual(inputs.high52, 10)
        XCTAssertEqual(inputs.low52, 1)
        for missing in [inputs.return10d, inputs.rsi, inputs.atr, inputs.ma20, inputs.bollingerZ, inputs.distanceFromMA20,
                        inputs.macd, inputs.averageAmount, inputs.rangePosition, inputs.lowTrend, inputs.volumeQuality,
                        inputs.entry, inputs.stop, inputs.target] {
            XCTAssertNil(missing)
        }
        XCTAssertEqual(ScoreInputs(opens: [], highs: [], lows: [], closes: [], volumes: []), ScoreInputs(candleCount: 0))
    }

    /// The stored JSON object holds candle_count and every input by name (null when missing),
    /// and reads back to the same inputs.
    func testJSONRoundTrip() throws {
        let inputs = twentyCandles()
        let json = inputs.json
        XCTAssertEqual(json["candle_count"], .number("20"))
        XCTAssertEqual(json["price"], .number("124.0"))
        XCTAssertEqual(json["ret20d"], .null)
        XCTAssertEqual(json["range_pos"], .number(String(24.0 / 29)))
        guard case .object(let members) = json else { return XCTFail("an object") }
        XCTAssertEqual(members.count, 24)
        XCTAssertEqual(ScoreInputs(json: json), inputs)
        XCTAssertNil(ScoreInputs(json: .object([JSONMember("rsi", .number("50"))])), "candle_count is required")
    }

    /// Fails unless every input that is set is a finite number.
    static func assertAllFinite(_ inputs: ScoreInputs, file: StaticString = #filePath, line: UInt = #line) {
        for (name, value) in ScoreInputs.storedNames {
            if let number = inputs[keyPath: value] {
                XCTAssertTrue(number.isFinite, "\(name) = \(number)", file: file, line: line)
            }
        }
    }
}
