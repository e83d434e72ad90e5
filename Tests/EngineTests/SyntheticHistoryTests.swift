import XCTest
import Primitives
@testable import Engine

/// Seeded synthetic history and the unit scales that read integer prices as decimals.
final class SyntheticHistoryTests: XCTestCase {
    func testCandlesAreConsistentConsecutiveAndSeeded() {
        var random = SeededRandom(seed: 11)
        let bars = SyntheticHistory.bars(count: 600, interval: .day1, firstStart: 1_700_000_000_000, startPrice: 7_000_000,
                                         mu: 0.05, sigma: 0.4, meanVolume: 1_000, random: &random)
        XCTAssertEqual(bars.count, 600)
        XCTAssertTrue(bars.allSatisfy(\.isConsistent))
        XCTAssertTrue(zip(bars, bars.dropFirst()).allSatisfy { $1.start == $0.start + 86_400_000 && $1.open == $0.close })
        XCTAssertEqual(bars[0].start % 86_400_000, 0)
        var again = SeededRandom(seed: 11)
        XCTAssertEqual(bars, SyntheticHistory.bars(count: 600, interval: .day1, firstStart: 1_700_000_000_000,
                                                   startPrice: 7_000_000, mu: 0.05, sigma: 0.4, meanVolume: 1_000, random: &again))
    }

    func testDailyLogReturnsHaveTheRequestedVolatility() {
        var random = SeededRandom(seed: 12)
        let bars = SyntheticHistory.bars(count: 5_000, interval: .day1, firstStart: 0, startPrice: 100_000_000,
                                         mu: 0, sigma: 0.3, meanVolume: 10, random: &random)
        let returns = zip(bars, bars.dropFirst()).map { log(Double($1.close) / Double($0.close)) }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let variance = returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(returns.count - 1)
        XCTAssertEqual((variance * 365.25).squareRoot(), 0.3, accuracy: 0.015)
    }

    /// BTC's history is monthly: its daily candles are made inside each month and must give
    /// the month back.
    func testDailyCandlesInsideAMonthAggregateBackToIt() {
        var random = SeededRandom(seed: 13)
        let february = CandleInterval.month1.bucketStart(of: 1_330_000_000_000) // 2012-02
        let end = CandleInterval.month1.nextStart(after: february)
        let month = Bar(start: february, open: 555, high: 650, low: 380, close: 499, volume: 476_160)
        let days = SyntheticHistory.subdivide(month, until: end, into: .day1, random: &random)
        XCTAssertEqual(days.count, 29, "2012 was a leap year")
        XCTAssertTrue(days.allSatisfy(\.isConsistent))
        XCTAssertTrue(zip(days, days.dropFirst()).allSatisfy { $1.start == $0.start + 86_400_000 })
        XCTAssertEqual(BarAggregator.roll(days, into: .month1), [month])
    }

    func testUnitScalesRoundTripDecimals() throws {
        let cents = UnitScale(digits: 2)
        XCTAssertEqual(cents.units(try XCTUnwrap(ExactDecimal("65432.1"))), 6_543_210)
        XCTAssertEqual(cents.decimal(6_543_210).description, "65432.10")
        XCTAssertEqual(cents.units(try XCTUnwrap(ExactDecimal("0.005"))), 0, "half to even")
        XCTAssertEqual(cents.units(try XCTUnwrap(ExactDecimal("0.015"))), 2, "half to even")
        XCTAssertNil(UnitScale(digits: 18).units(try XCTUnwrap(ExactDecimal("100000000000"))), "does not fit 64 bits")
        let bar = UnitScale.bar(start: 0, open: try XCTUnwrap(ExactDecimal("1.0716")), high: try XCTUnwrap(ExactDecimal("1.0722")),
                                low: try XCTUnwrap(ExactDecimal("1.07083")), close: try XCTUnwrap(ExactDecimal("1.07219")),
                                volume: try XCTUnwrap(ExactDecimal("1413")), prices: UnitScale(digits: 5), quantities: UnitScale(digits: 0))
        XCTAssertEqual(bar, Bar(start: 0, open: 107_160, high: 107_220, low: 107_083, close: 107_219, volume: 1413))
    }
}
