import XCTest
@testable import Engine

/// The rolling indicators against values worked out by hand on short series.
final class IndicatorTests: XCTestCase {
    func testRollingWindowKeepsTheLastValuesOldestFirst() {
        var window = RollingWindow(capacity: 3)
        XCTAssertNil(window.last)
        XCTAssertNil(window.append(1))
        XCTAssertNil(window.append(5))
        XCTAssertFalse(window.isFull)
        XCTAssertNil(window.append(3))
        XCTAssertTrue(window.isFull)
        XCTAssertEqual(window.append(4), 1, "the oldest value is pushed out")
        XCTAssertEqual(window.append(2), 5)
        XCTAssertEqual(window.values, [3, 4, 2])
        XCTAssertEqual([window[0], window[1], window[2]], [3, 4, 2])
        XCTAssertEqual(window.last, 2)
        XCTAssertEqual(window.maximum, 4)
        XCTAssertEqual(window.minimum, 2)
        XCTAssertEqual(window.count, 3)
    }

    /// SMA(3) of 10, 11, 12, 13, 20, 14: nil, nil, (10+11+12)/3 = 11, (11+12+13)/3 = 12,
    /// (12+13+20)/3 = 15, (13+20+14)/3 = 47/3.
    func testSimpleMovingAverage() {
        var sma = SimpleMovingAverage(period: 3)
        let values = [10.0, 11, 12, 13, 20, 14].map { sma.add($0) }
        XCTAssertEqual(values[0...1], [nil, nil])
        Self.assertEqual(values[2...].map { $0 ?? .nan }, [11, 12, 15, 47.0 / 3])
        XCTAssertEqual(sma.value ?? .nan, 47.0 / 3, accuracy: 1e-12)
    }

    /// EMA(3): α = 2 / (3 + 1) = 0.5, seeded with SMA(3) of the first three values (11); then
    /// 11 + 0.5 × (13 − 11) = 12, 12 + 0.5 × (20 − 12) = 16, 16 + 0.5 × (14 − 16) = 15.
    func testExponentialMovingAverage() {
        var ema = ExponentialMovingAverage(period: 3)
        let values = [10.0, 11, 12, 13, 20, 14].map { ema.add($0) }
        XCTAssertEqual(values[0...1], [nil, nil])
        Self.assertEqual(values[2...].map { $0 ?? .nan }, [11, 12, 16, 15])
    }

    /// RSI(3) of 10, 11, 12, 11, 13, 12. Changes +1, +1, −1, +2, −1. First averages over three
    /// changes: gain 2/3, loss 1/3, RS 2, RSI = 100 − 100/3 = 66.67. Then gain (2/3·2 + 2)/3 =
    /// 10/9, loss (1/3·2 + 0)/3 = 2/9, RS 5, RSI = 100 − 100/6 = 83.33. Then gain (10/9·2)/3 =
    /// 20/27, loss (2/9·2 + 1)/3 = 13/27, RS 20/13, RSI = 100 − 1300/33 = 60.61.
    func testWilderRSI() {
        var rsi = WilderRSI(period: 3)
        let values = [10.0, 11, 12, 11, 13, 12].map { rsi.add($0) }
        XCTAssertEqual(values[0...2], [nil, nil, nil])
        Self.assertEqual(values[3...].map { $0 ?? .nan }, [200.0 / 3, 250.0 / 3, 100 - 1300.0 / 33])
    }

    /// No loss at all is 100; no change at all is 50.
    func testWilderRSIWithoutLosses() {
        var rising = WilderRSI(period: 2)
        XCTAssertEqual([1.0, 2, 3, 4].compactMap { rising.add($0) }, [100, 100])
        var flat = WilderRSI(period: 2)
        XCTAssertEqual([5.0, 5, 5].compactMap { flat.add($0) }, [50])
    }

    /// ATR(3). True ranges: candle 1 (12, 10, 11) its range 2; candle 2 (13, 11, 12): max(2,
    /// |13 − 11|, |11 − 11|) = 2; candle 3 (15, 12, 14): max(3, |15 − 12|, |12 − 12|) = 3; first
    /// ATR = (2 + 2 + 3)/3 = 7/3. Candle 4 (14, 13, 13.5): max(1, 0, 1) = 1 → (7/3·2 + 1)/3 =
    /// 17/9. Candle 5 (20, 16, 19) gaps up: max(4, |20 − 13.5| = 6.5, 2.5) = 6.5 → (17/9·2 +
    /// 6.5)/3 = 92.5/27. Candle 6 (18, 12, 13): max(6, 1, |12 − 19| = 7) = 7 → (92.5/27·2 + 7)/3 = 374/81.
    func testWilderATR() {
        var atr = WilderATR(period: 3)
        let candles: [(Double, Double, Double)] = [(12, 10, 11), (13, 11, 12), (15, 12, 14), (14, 13, 13.5), (20, 16, 19), (18, 12, 13)]
        let values = candles.map { atr.add(high: $0.0, low: $0.1, close: $0.2) }
        XCTAssertEqual(values[0...1], [nil, nil])
        Self.assertEqual(values[2...].map { $0 ?? .nan }, [7.0 / 3, 17.0 / 9, 92.5 / 27, 374.0 / 81])
    }

    /// Bollinger(8, k 2) of 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5, squared deviations 9, 1, 1,
    /// 1, 0, 0, 4, 16 sum to 32, σ = √(32/8) = 2: bands 1, 5, 9. Then 1 replaces 2: window 4,
    /// 4, 4, 5, 5, 7, 9, 1, mean 39/8 = 4.875, Σ(x − mean)² = 3·0.765625 + 2·0.015625 +
    /// 4.515625 + 17.015625 + 15.015625 = 38.875, σ = √4.859375 = 2.204399.
    func testBollingerBands() {
        var bands = BollingerBands(period: 8, k: 2)
        let values = [2.0, 4, 4, 4, 5, 5, 7].map { bands.add($0) }
        XCTAssertTrue(values.allSatisfy { $0 == nil })
        let first = bands.add(9)
        Self.assertEqual([first?.lower, first?.middle, first?.upper].map { $0 ?? .nan }, [1, 5, 9])
        let second = bands.add(1)
        let sigma = (38.875 / 8).squareRoot()
        XCTAssertEqual(sigma, 2.204399, accuracy: 1e-6)
        Self.assertEqual([second?.lower, second?.middle, second?.upper].map { $0 ?? .nan }, [4.875 - 2 * sigma, 4.875, 4.875 + 2 * sigma])
    }

    static func assertEqual(_ actual: [Double], _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, file: file, line: line)
        for (value, wanted) in zip(actual, expected) {
            XCTAssertEqual(value, wanted, accuracy: 1e-9, "\(actual) vs \(expected)", file: file, line: line)
        }
    }
}
