import XCTest
@testable import Engine
import Primitives

/// SMA crossover (fast 2, slow 4) on a hand-worked series. Whole-number closes keep the
/// averages exact, so the comparisons below are exact too.
///
/// | candle | close | SMA2   | SMA4   | previous (fast, slow) | decision                                 |
/// |--------|-------|--------|--------|-----------------------|------------------------------------------|
/// | w0–w2  | 100, 99, 98 (warm-up)                                                                      |
/// | w3     |  97   |  97.5  |  98.5  |                       | warm-up                                  |
/// | 0      |  98   |  97.5  |  98.0  | 97.5 ≤ 98.5           | fast still below: —                      |
/// | 1      | 101   |  99.5  |  98.5  | 97.5 ≤ 98.0           | golden cross, flat: BUY                  |
/// | 2      | 103   | 102.0  |  99.75 | above                 | —                                        |
/// | 3      | 102   | 102.5  | 101.0  | above                 | —                                        |
/// | 4      |  99   | 100.5  | 101.25 | 102.5 ≥ 101.0         | dead cross, long: SELL all               |
/// | 5      |  97   |  98.0  | 100.25 | below                 | —                                        |
/// | 6      |  96   |  96.5  |  98.5  | below                 | —                                        |
/// | 7      |  99   |  97.5  |  97.75 | below                 | —                                        |
/// | 8      | 103   | 101.0  |  98.75 | 97.5 ≤ 97.75          | golden cross, flat: BUY                  |
/// | 9      | 104   | 103.5  | 100.5  | above                 | —                                        |
///
/// Sizing: 10% of the total quote balance at the close. Candle 1: 1000 / 101 = 9.90099… →
/// 99009 lots (cost 999.9909); sold at 99 (+980.1891): balance 9,980.1982; candle 8:
/// 998.01982 / 103 = 9.68951… → 96895 lots.
final class SMACrossoverStrategyTests: XCTestCase {
    typealias Harness = StrategyHarness<SMACrossoverStrategy>

    static let config: [JSONMember] = [.number("fast", 2), .number("slow", 4)]
    static let warmUp: [Double] = [100, 99, 98, 97]
    static let closes: [Double] = [98, 101, 103, 102, 99, 97, 96, 99, 103, 104]

    func testBuysGoldenCrossesAndSellsDeadCrosses() throws {
        var harness = Harness(try Harness.make(Self.config))
        try harness.warmUp(Self.warmUp)
        XCTAssertEqual(try harness.run(Self.closes), [
            1: [.market(.buy, 99_009, "fast SMA 99.50 crossed above slow SMA 98.50")],
            4: [.market(.sell, 99_009, "fast SMA 100.50 crossed below slow SMA 101.25")],
            8: [.market(.buy, 96_895, "fast SMA 101.00 crossed above slow SMA 98.75")],
        ])
    }

    /// Averages equal on the previous candle (100 = 100 after four closes of 100) count as
    /// "not above": the next close of 102 (SMA2 101 > SMA4 100.5) is a golden cross.
    func testACrossFromEqualAveragesCounts() throws {
        var harness = Harness(try Harness.make(Self.config))
        try harness.warmUp([100, 100, 100, 100])
        XCTAssertEqual(try harness.run([102]), [0: [.market(.buy, 98_039, "fast SMA 101.00 crossed above slow SMA 100.50")]])
    }

    /// A cross is a change between two candles: a strategy whose fast average crossed above the
    /// slow one during warm-up does not buy while it stays above.
    func testNoBuyWhileFastStaysAboveAfterAWarmUpCross() throws {
        var harness = Harness(try Harness.make(Self.config))
        try harness.warmUp(Self.warmUp + [98, 101])
        XCTAssertEqual(try harness.run([103, 102]), [:])
    }

    func testFastMustBeLessThanSlow() throws {
        XCTAssertThrowsError(try Harness.make([.number("fast", 12), .number("slow", 10)])) { error in
            XCTAssertEqual(error as? StrategyError, StrategyError("fast (12) must be less than slow (10)"))
        }
        XCTAssertThrowsError(try Harness.make([.number("fast", 10), .number("slow", 10)]))
        var strategy = try Harness.make()
        XCTAssertThrowsError(try strategy.reconfigure(try SMACrossoverStrategy.descriptor.schema.validate(.object([.number("fast", 40)])).get()))
        let schema = SMACrossoverStrategy.descriptor.schema
        XCTAssertEqual(schema.validate(.object([.number("slow", 401)])).failure, ConfigError(field: "body.config.slow", rule: "must be from 3 to 400"))
        XCTAssertEqual(schema.validate(.object([.number("fast", 2.5)])).failure,
                       ConfigError(field: "body.config.fast", rule: "must be a whole number, got 2.5"))
    }

    func testRestoredStateGivesTheSameFutureSignals() throws {
        try Harness.assertRestoreResumes(Self.config, warmUp: Self.warmUp, closes: Self.closes, split: 3)
    }

    /// After 100, 99, 98, 97, 98, 96 a close of 98 is no cross for fast 2 / slow 4 (SMA2 97.0
    /// vs SMA4 97.25 before and after). Changed to fast 3 before that close, the averages are
    /// recomputed over the kept closes: previous SMA3 (97 + 98 + 96) / 3 = 97.0 ≤ SMA4 97.25,
    /// now SMA3 (98 + 96 + 98) / 3 = 97.33 > SMA4 (97 + 98 + 96 + 98) / 4 = 97.25: a golden
    /// cross; 1000 / 98 = 10.20408… → 102040 lots.
    func testAChangedPeriodRecomputesTheAverages() throws {
        try Harness.assertReconfigured(Self.config, to: [.number("fast", 3), .number("slow", 4)], warmUp: Self.warmUp + [98, 96],
                                       close: 98, expected: .market(.buy, 102_040, "fast SMA 97.33 crossed above slow SMA 97.25"))
    }

    func testImpossibleInputNeverMakesAnOrder() throws {
        var harness = Harness(try Harness.make(Self.config))
        try harness.warmUp(Self.warmUp + [98])
        try harness.assertImpossibleInputMakesNoOrder(entry: 101, expected: .market(.buy, 99_009, "fast SMA 99.50 crossed above slow SMA 98.50"))
    }
}
