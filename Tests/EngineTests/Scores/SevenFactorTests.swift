import XCTest
import Backends
@testable import Engine

/// Each 7Factor factor (API.md "7Factor") on inputs set directly, worked out by hand.
final class SevenFactorTests: XCTestCase {
    private func fundamentals(per: Double? = nil, pbr: Double? = nil, psr: Double? = nil, roe: Double? = nil, roa: Double? = nil,
                              operatingMargin: Double? = nil, netMargin: Double? = nil, revenueGrowth: Double? = nil,
                              earningsGrowth: Double? = nil) -> FundamentalRecord {
        FundamentalRecord(ticker: "T", market: "US", per: per, pbr: pbr, psr: psr, roe: roe, roa: roa,
                          operatingMargin: operatingMargin, netMargin: netMargin, revenueGrowth: revenueGrowth,
                          earningsGrowth: earningsGrowth, updatedAt: 0)
    }

    /// RSI 20 → 70 + (30 − 20)·0.67 = 76.7; ret5d 5 → norm(5, −10, 10 → 0, 100) = 75; ret20d −30
    /// clamps to −20 → 0: mean(50, 76.7, 75, 0) = 50.425. RSI 80 alone → 60 − 10·0.33 = 56.7,
    /// mean(50, 56.7) = 53.35. RSI 50 alone is itself: 50. Nothing: 50.
    func testMomentum() {
        XCTAssertEqual(SevenFactor.momentum(ScoreInputs(candleCount: 60, rsi: 20, return5d: 5, return20d: -30)), 50.425,
                       accuracy: 1e-12)
        XCTAssertEqual(SevenFactor.momentum(ScoreInputs(candleCount: 60, rsi: 80)), 53.35, accuracy: 1e-12)
        XCTAssertEqual(SevenFactor.momentum(ScoreInputs(candleCount: 60, rsi: 50)), 50)
        XCTAssertEqual(SevenFactor.momentum(ScoreInputs(candleCount: 0)), 50)
    }

    /// PER 10 → 100 − (10 − 5)/25·100 = 80; PBR 2 → 100 − 1.5/2.5·100 = 40; PSR 20 clamps to 10
    /// → 0: mean 40. PBR 0.5 alone → 100. No ratios, or no record: 50.
    func testValue() {
        XCTAssertEqual(SevenFactor.value(fundamentals(per: 10, pbr: 2, psr: 20)), 40, accuracy: 1e-12)
        XCTAssertEqual(SevenFactor.value(fundamentals(pbr: 0.5)), 100)
        XCTAssertEqual(SevenFactor.value(fundamentals()), 50)
        XCTAssertEqual(SevenFactor.value(nil), 50)
    }

    /// ROE 12.5 → 50, ROA 30 clamps to 15 → 100, operating margin −5 → 0, net margin 10 → 50:
    /// mean 50. ROE 25 alone → 100. None: 50.
    func testQuality() {
        XCTAssertEqual(SevenFactor.quality(fundamentals(roe: 12.5, roa: 30, operatingMargin: -5, netMargin: 10)), 50,
                       accuracy: 1e-12)
        XCTAssertEqual(SevenFactor.quality(fundamentals(roe: 25)), 100)
        XCTAssertEqual(SevenFactor.quality(fundamentals()), 50)
    }

    /// ATR% 2 → 100 − (2 − 1)/4·100 = 75; 0.5 clamps to 1 → 100; 9 → 0; missing → 50.
    func testVolatility() {
        XCTAssertEqual(SevenFactor.volatility(ScoreInputs(candleCount: 60, atrPercent: 2)), 75, accuracy: 1e-12)
        XCTAssertEqual(SevenFactor.volatility(ScoreInputs(candleCount: 60, atrPercent: 0.5)), 100)
        XCTAssertEqual(SevenFactor.volatility(ScoreInputs(candleCount: 60, atrPercent: 9)), 0)
        XCTAssertEqual(SevenFactor.volatility(ScoreInputs(candleCount: 60)), 50)
    }

    /// Volume percentile 0.8 → 80; avg_amount 2.55e9 → 25.5 → 30 + (25.5 − 1)/49·70 = 65: mean
    /// 72.5. avg_amount 1e7 alone → 0.1 clamps to 1 → 30. Neither → 50.
    func testLiquidity() {
        XCTAssertEqual(SevenFactor.liquidity(ScoreInputs(candleCount: 60, volumePercentile: 0.8, averageAmount: 2.55e9)), 72.5,
                       accuracy: 1e-9)
        XCTAssertEqual(SevenFactor.liquidity(ScoreInputs(candleCount: 60, averageAmount: 1e7)), 30, accuracy: 1e-12)
        XCTAssertEqual(SevenFactor.liquidity(ScoreInputs(candleCount: 60)), 50)
    }

    /// Revenue growth 10 → (10 + 10)/40·100 = 50; earnings growth 50 → 100: mean 75. Earnings
    /// growth 15 alone → (15 + 20)/70·100 = 50. Neither → 50.
    func testGrowth() {
        XCTAssertEqual(SevenFactor.growth(fundamentals(revenueGrowth: 10, earningsGrowth: 50)), 75, accuracy: 1e-12)
        XCTAssertEqual(SevenFactor.growth(fundamentals(earningsGrowth: 15)), 50, accuracy: 1e-12)
        XCTAssertEqual(SevenFactor.growth(fundamentals()), 50)
    }

    /// pos 10 → 70 + 10·1.5 = 85; pos 0 → 100; pos 90 → 60 − 10·1.5 = 45; pos 100 → 30; pos 20
    /// and 80 are themselves; missing → 50.
    func testSentiment() {
        let cases: [(Double?, Double)] = [(10, 85), (0, 100), (90, 45), (100, 30), (20, 20), (80, 80), (nil, 50)]
        for (position, expected) in cases {
            XCTAssertEqual(SevenFactor.sentiment(ScoreInputs(candleCount: 60, position52: position)), expected, accuracy: 1e-12,
                           "position \(String(describing: position))")
        }
    }

    /// .20·60 + .15·40 + .20·50 + .10·75 + .10·72.5 + .15·75 + .10·85 = 12 + 6 + 10 + 7.5 + 7.25 +
    /// 11.25 + 8.5 = 62.5. With every input missing each factor is 50, and so is the total.
    func testTotalScoreIsTheWeightedSum() {
        let factors = SevenFactor(momentum: 60, value: 40, quality: 50, volatility: 75, liquidity: 72.5, growth: 75, sentiment: 85)
        XCTAssertEqual(factors.total, 62.5, accuracy: 1e-12)
        let missing = SevenFactor(inputs: ScoreInputs(candleCount: 0), fundamentals: nil)
        XCTAssertEqual(missing, SevenFactor(momentum: 50, value: 50, quality: 50, volatility: 50, liquidity: 50, growth: 50,
                                            sentiment: 50))
        XCTAssertEqual(missing.total, 50, accuracy: 1e-12)
    }
}
