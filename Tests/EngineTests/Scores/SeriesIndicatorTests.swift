import XCTest
@testable import Engine

/// The series indicators the scores read, against values worked out by hand or with numpy.
final class SeriesIndicatorTests: XCTestCase {
    /// MACD(2, 3) of 1, 2, 3, 4, 6. EMA(2), α = 2/3, seeded with (1 + 2)/2 = 1.5: 2.5, 3.5,
    /// 3.5 + 2/3·2.5 = 31/6. EMA(3), α = 1/2, seeded with (1 + 2 + 3)/3 = 2: 3, 4.5. MACD from
    /// the third close: 2.5 − 2 = 0.5, 3.5 − 3 = 0.5, 31/6 − 4.5 = 2/3; slope 2/3 − 1/2 = 1/6.
    func testMACDByHand() {
        var macd = MACD(fast: 2, slow: 3)
        let values = [1.0, 2, 3, 4, 6].map { macd.add($0) }
        XCTAssertEqual(values[0...1], [nil, nil])
        IndicatorTests.assertEqual(values[2...].map { $0 ?? .nan }, [0.5, 0.5, 2.0 / 3])
        XCTAssertEqual(macd.slope ?? .nan, 1.0 / 6, accuracy: 1e-12)
    }

    /// MACD(12, 26) of 30 closes. Expected values computed with numpy in a scratch script:
    /// EMA seeded with the mean of the first n closes, then e += 2/(n + 1)·(x − e); MACD =
    /// EMA12 − EMA26 from the 26th close; slope = last two differenced.
    func testMACDAgainstNumpy() {
        let closes = [44.0, 44.5, 43.8, 44.9, 45.6, 45.2, 46.1, 46.8, 46.3, 47.0, 47.9, 47.4, 48.2, 48.9, 48.1, 47.5, 48.6,
                      49.3, 50.1, 49.6, 50.4, 51.2, 50.7, 51.5, 52.3, 51.8, 52.6, 53.4, 52.9, 53.8]
        var macd = MACD()
        let values = closes.compactMap { macd.add($0) }
        IndicatorTests.assertEqual(values, [2.26652610316048, 2.2857017936231827, 2.338495262861791, 2.313322108984785,
                                            2.339031779206671])
        XCTAssertEqual(MACD.of(closes).slope ?? .nan, 0.025709670221885972, accuracy: 1e-9)
        XCTAssertNil(MACD.of(Array(closes.prefix(26))).slope, "one MACD value has no slope")
        XCTAssertNil(MACD.of(Array(closes.prefix(25))).value, "EMA(26) needs 26 closes")
    }

    /// ret2d of 100, 50, 80, 120 = (120/50 − 1)·100 = 140; ret3d = (120/100 − 1)·100 = 20; no
    /// ret4d from four closes; a zero base gives none rather than infinity.
    func testPeriodReturn() {
        let closes = [100.0, 50, 80, 120]
        XCTAssertEqual(PeriodReturn.percent(closes, days: 2) ?? .nan, 140, accuracy: 1e-12)
        XCTAssertEqual(PeriodReturn.percent(closes, days: 3) ?? .nan, 20, accuracy: 1e-12)
        XCTAssertNil(PeriodReturn.percent(closes, days: 4))
        XCTAssertNil(PeriodReturn.percent([0, 5], days: 1))
    }

    /// Today's volume 5 among the last four of 9, 1, 5, 7, 5: 1, 5 and 5 are ≤ 5, so 3/4. With a
    /// window longer than the series all five count: 9 and 7 are above, 3/5.
    func testVolumePercentile() {
        let volumes = [9.0, 1, 5, 7, 5]
        XCTAssertEqual(VolumePercentile.share(volumes, lookback: 4), 0.75)
        XCTAssertEqual(VolumePercentile.share(volumes, lookback: 60), 0.6)
        XCTAssertEqual(VolumePercentile.share([3], lookback: 60), 1)
        XCTAssertNil(VolumePercentile.share([], lookback: 60))
    }

    /// Over the last three candles of highs 50, 12, 14, 13 and lows 1, 9, 10, 8: high 14, low 8;
    /// 12.5 sits at (12.5 − 8)/(14 − 8)·100 = 75. A flat range puts any price at 50.
    func testFiftyTwoWeekRange() throws {
        let range = try XCTUnwrap(FiftyTwoWeekRange(highs: [50, 12, 14, 13], lows: [1, 9, 10, 8], lookback: 3))
        XCTAssertEqual(range.high, 14)
        XCTAssertEqual(range.low, 8)
        XCTAssertEqual(range.position(of: 12.5), 75, accuracy: 1e-12)
        XCTAssertEqual(range.position(of: 20), 100, "clamped")
        XCTAssertEqual(FiftyTwoWeekRange(highs: [5, 5], lows: [5, 5])?.position(of: 5), 50)
        XCTAssertNil(FiftyTwoWeekRange(highs: [], lows: []))
    }

    /// 1, 3, 2, 5 at x = 0…3: x̄ = 1.5, ȳ = 2.75; Σ(x − x̄)(y − ȳ) = 2.625 − 0.125 − 0.375 +
    /// 3.375 = 5.5; Σ(x − x̄)² = 5; slope 1.1. The seven lows below: numpy.polyfit(x, y, 1)[0].
    func testLeastSquaresSlope() {
        XCTAssertEqual(LeastSquaresSlope.slope([1, 3, 2, 5]) ?? .nan, 1.1, accuracy: 1e-12)
        let lows: [Double] = [10.0, 10.4, 10.1, 10.9, 11.3, 11.0, 11.8]
        XCTAssertEqual(LeastSquaresSlope.slope(lows[...]) ?? .nan, 0.2785714285714288, accuracy: 1e-12)
        XCTAssertEqual(LeastSquaresSlope.slope([4, 4, 4]), 0)
        XCTAssertNil(LeastSquaresSlope.slope([4]))
    }

    /// Mean of close·volume over the last two of (10, 1), (20, 3), (30, 2): (60 + 60)/2 = 60.
    func testMeanAmount() {
        XCTAssertEqual(MeanAmount.mean(closes: [10, 20, 30], volumes: [1, 3, 2], period: 2), 60)
        XCTAssertNil(MeanAmount.mean(closes: [10, 20, 30], volumes: [1, 3, 2], period: 4))
    }
}
