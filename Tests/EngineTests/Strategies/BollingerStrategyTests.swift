import XCTest
@testable import Engine
import Primitives

/// Bollinger bands (period 4, k 1.5) on a hand-worked series: middle = mean of the last four
/// closes, σ = their population standard deviation (√(Σ(x − mean)² / 4)), bands = middle ± 1.5σ.
///
/// | candle | close | window            | mean  | Σ(x−mean)² | σ        | lower   | upper    | exit middle | exit upper |
/// |--------|-------|-------------------|-------|------------|----------|---------|----------|-------------|------------|
/// | w0–w3  | 100, 102, 100, 102 (warm-up)                                                                            |
/// | 0      | 101   | 102 100 102 101   | 101.25| 2.75       | 0.829156 | 100.01  | 102.49   | —           | —          |
/// | 1      |  96   | 100 102 101 96    |  99.75| 20.75      | 2.277608 |  96.33  | 103.17   | BUY (< 96.33)| BUY       |
/// | 2      |  97   | 102 101 96 97     |  99.00| 26         | 2.549510 |  95.18  | 102.82   | —           | —          |
/// | 3      | 100   | 101 96 97 100     |  98.50| 17         | 2.061553 |  95.41  | 101.59   | SELL (≥ 98.50)| —        |
/// | 4      | 103   | 96 97 100 103     |  99.00| 30         | 2.738613 |  94.89  | 103.11   | flat        | 103 < 103.11 |
/// | 5      | 106   | 97 100 103 106    | 101.50| 45         | 3.354102 |  96.47  | 106.53   | flat        | —          |
/// | 6      |  99   | 100 103 106 99    | 102.00| 30         | 2.738613 |  97.89  | 106.11   | —           | —          |
/// | 7      |  92   | 103 106 99 92     | 100.00| 110        | 5.244044 |  92.13  | 107.87   | BUY (< 92.13)| long      |
/// | 8      |  95   | 106 99 92 95      |  98.00| 110        | 5.244044 |  90.13  | 105.87   | 95 < 98     | —          |
/// | 9      | 108   | 99 92 95 108      |  98.50| 145        | 6.020797 |  89.47  | 107.53   | SELL        | SELL (≥ 107.53) |
///
/// Sizing: 10% of the total quote balance. Candle 1: 1000 / 96 = 10.416666… → 104166 lots
/// (cost 999.9936); sold at 100 (+1041.66): balance 10,041.6664; candle 7: 1004.16664 / 92 =
/// 10.91485… → 109148 lots.
final class BollingerStrategyTests: XCTestCase {
    typealias Harness = StrategyHarness<BollingerStrategy>

    static let config: [JSONMember] = [.number("period", 4), .number("k", 1.5)]
    static let warmUp: [Double] = [100, 102, 100, 102]
    static let closes: [Double] = [101, 96, 97, 100, 103, 106, 99, 92, 95, 108]

    func testBuysBelowTheLowerBandAndSellsAtTheMiddle() throws {
        var harness = Harness(try Harness.make(Self.config))
        try harness.warmUp(Self.warmUp)
        XCTAssertEqual(try harness.run(Self.closes), [
            1: [.market(.buy, 104_166, "close 96.00 below lower band 96.33")],
            3: [.market(.sell, 104_166, "close 100.00 at or above middle band 98.50")],
            7: [.market(.buy, 109_148, "close 92.00 below lower band 92.13")],
            9: [.market(.sell, 109_148, "close 108.00 at or above middle band 98.50")],
        ])
        XCTAssertEqual(harness.position, 0)
    }

    func testExitAtUpperHoldsUntilTheUpperBand() throws {
        var harness = Harness(try Harness.make(Self.config + [JSONMember("exit_at", .string("upper"))]))
        try harness.warmUp(Self.warmUp)
        XCTAssertEqual(try harness.run(Self.closes), [
            1: [.market(.buy, 104_166, "close 96.00 below lower band 96.33")],
            9: [.market(.sell, 104_166, "close 108.00 at or above upper band 107.53")],
        ])
    }

    func testConfigurationRules() throws {
        let schema = BollingerStrategy.descriptor.schema
        XCTAssertEqual(schema.validate(.object([.number("k", 0.4)])).failure, ConfigError(field: "body.config.k", rule: "must be from 0.5 to 5"))
        XCTAssertEqual(schema.validate(.object([.number("period", 201)])).failure,
                       ConfigError(field: "body.config.period", rule: "must be from 2 to 200"))
        XCTAssertEqual(schema.validate(.object([JSONMember("exit_at", .string("lower"))])).failure,
                       ConfigError(field: "body.config.exit_at", rule: "must be one of middle, upper"))
        let defaults = schema.defaults
        XCTAssertEqual(defaults.integer("period"), 20)
        XCTAssertEqual(defaults.number("k"), 2)
        XCTAssertEqual(defaults.choice("exit_at"), "middle")
        XCTAssertEqual(defaults.number("order_pct"), 10)
    }

    func testRestoredStateGivesTheSameFutureSignals() throws {
        try Harness.assertRestoreResumes(Self.config, warmUp: Self.warmUp, closes: Self.closes, split: 4)
    }

    /// With k = 2 the lower band at candle 1 is 99.75 − 2 × 2.277608 = 95.19: 96 does not buy.
    /// Changed to period 5 and k 1.5 after candle 0, the bands are recomputed from the kept
    /// closes: window 102 100 102 101 96, mean 100.2, Σ(x−mean)² = 3.24 + 0.04 + 3.24 + 0.64 +
    /// 17.64 = 24.8, σ = √4.96 = 2.227106, lower = 100.2 − 3.340659 = 96.86: 96 buys.
    func testAChangedPeriodAndWidthRecomputeTheBands() throws {
        try Harness.assertReconfigured([.number("period", 4)], to: [.number("period", 5), .number("k", 1.5)], warmUp: Self.warmUp,
                                       before: [101], close: 96, expected: .market(.buy, 104_166, "close 96.00 below lower band 96.86"))
    }

    func testImpossibleInputNeverMakesAnOrder() throws {
        var harness = Harness(try Harness.make(Self.config))
        try harness.warmUp(Self.warmUp + [101])
        try harness.assertImpossibleInputMakesNoOrder(entry: 96, expected: .market(.buy, 104_166, "close 96.00 below lower band 96.33"))
    }
}
