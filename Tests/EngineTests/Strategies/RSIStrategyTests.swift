import XCTest
@testable import Engine
import Primitives

/// RSI mean reversion on a hand-worked series. Wilder RSI(3) of the closes, with average gain
/// G and loss L (first: simple averages of three changes; then avg ← (avg·2 + x) / 3) and
/// RSI = 100 − 100 / (1 + G/L):
///
/// | candle | close | change | G       | L       | RSI   | decision                     |
/// |--------|-------|--------|---------|---------|-------|------------------------------|
/// | w0     | 100   |        |         |         |       | warm-up                      |
/// | w1     |  98   | −2     |         |         |       | warm-up                      |
/// | w2     |  99   | +1     |         |         |       | warm-up                      |
/// | w3     |  97   | −2     | 1/3     | 4/3     | 20.00 | warm-up: below 30, no order  |
/// | 0      |  98   | +1     | 5/9     | 8/9     | 38.46 | —                            |
/// | 1      |  96   | −2     | 10/27   | 34/27   | 22.73 | flat, < 30: BUY              |
/// | 2      |  95   | −1     | 20/81   | 95/81   | 17.39 | long already: —              |
/// | 3      |  98   | +3     | 283/243 | 190/243 | 59.83 | —                            |
/// | 4      | 101   | +3     | 1295/729| 380/729 | 77.31 | long, > 70: SELL all         |
/// | 5      | 102   | +1     |         |         | 81.37 | flat: —                      |
/// | 6      | 100   | −2     |         |         | 52.97 | —                            |
/// | 7      |  97   | −3     |         |         | 29.67 | flat, < 30: BUY              |
/// | 8      |  95   | −2     |         |         | 20.61 | long: —                      |
/// | 9      |  94   | −1     |         |         | 16.76 | long: —                      |
///
/// Sizing: 10% of the total quote balance at the close, 4 quantity digits, rounded down.
/// Candle 1: 10,000 × 10% / 96 = 10.416666… → 104166 lots (cost 999.9936, balance 9000.0064).
/// Candle 4 sells them at 101 (+1052.0766 → 10,052.083). Candle 7: 1005.2083 / 97 = 10.36297… →
/// 103629 lots.
final class RSIStrategyTests: XCTestCase {
    typealias Harness = StrategyHarness<RSIStrategy>

    static let config: [JSONMember] = [.number("period", 3)]
    static let warmUp: [Double] = [100, 98, 99, 97]
    static let closes: [Double] = [98, 96, 95, 98, 101, 102, 100, 97, 95, 94]

    func testBuysOversoldAndSellsOverboughtOnTheHandWorkedSeries() throws {
        var harness = Harness(try Harness.make(Self.config))
        try harness.warmUp(Self.warmUp)
        let signals = try harness.run(Self.closes)
        XCTAssertEqual(signals, [
            1: [.market(.buy, 104_166, "RSI 22.73 below 30")],
            4: [.market(.sell, 104_166, "RSI 77.31 above 70")],
            7: [.market(.buy, 103_629, "RSI 29.67 below 30")],
        ])
        XCTAssertEqual(harness.position, 103_629)
        XCTAssertEqual(harness.strategy.state, .object([JSONMember("last_signal", .string("RSI 29.67 below 30"))]))
    }

    func testThresholdsMustLeaveRoom() throws {
        XCTAssertThrowsError(try Harness.make([.number("oversold", 50), .number("overbought", 50)])) { error in
            XCTAssertEqual(error as? StrategyError, StrategyError("oversold (50) must be less than overbought (50)"))
        }
        let schema = RSIStrategy.descriptor.schema
        XCTAssertEqual(schema.validate(.object([.number("period", 1)])).failure,
                       ConfigError(field: "body.config.period", rule: "must be from 2 to 100"))
        XCTAssertEqual(schema.validate(.object([.number("overbought", 99.5)])).failure,
                       ConfigError(field: "body.config.overbought", rule: "must be from 50 to 99"))
        XCTAssertEqual(schema.validate(.object([.number("order_pct", 0)])).failure,
                       ConfigError(field: "body.config.order_pct", rule: "must be from 0.01 to 100"))
        XCTAssertThrowsError(try RSIStrategy(config: schema.defaults, symbols: [Harness.spec, Harness.spec]))
    }

    /// Restarted after candle 4 (the sell): warmed again with the candles seen so far and given
    /// the state, a new instance goes on to buy at candle 7 as the first does.
    func testRestoredStateGivesTheSameFutureSignals() throws {
        try Harness.assertRestoreResumes(Self.config, warmUp: Self.warmUp, closes: Self.closes, split: 5)
    }

    func testRestoreRefusesAnythingButItsState() throws {
        var strategy = try Harness.make()
        for bad: JSONValue in [.null, .object([]), .object([JSONMember("last_signal", .number("5"))]),
                               .object([JSONMember("last_signal", .null), JSONMember("anchor", .null)])] {
            XCTAssertThrowsError(try strategy.restore(state: bad), "\(bad)")
        }
        try strategy.restore(state: .object([JSONMember("last_signal", .null)]))
        XCTAssertEqual(strategy.state, .object([JSONMember("last_signal", .null)]))
    }

    /// RSI(3) is 22.73 at the close of 96, above an oversold of 20; after a change to period 2
    /// the RSI is recomputed over the kept closes 100, 98, 99, 97, 98, 96: first G = (0+1)/2 =
    /// 0.5, L = (2+0)/2 = 1; then (G, L) = (0.25, 1.5), (0.625, 0.75), (0.3125, 1.375): RSI =
    /// 100 − 100 / (1 + 0.3125/1.375) = 18.52 → buy.
    func testAChangedPeriodRecomputesTheRSIFromKeptCloses() throws {
        try Harness.assertReconfigured([.number("period", 3), .number("oversold", 20)], to: [.number("period", 2), .number("oversold", 20)],
                                       warmUp: Self.warmUp, before: [98], close: 96, expected: .market(.buy, 104_166, "RSI 18.52 below 20"))
    }

    func testImpossibleInputNeverMakesAnOrder() throws {
        var harness = Harness(try Harness.make(Self.config))
        try harness.warmUp(Self.warmUp + [98])
        // Skipped candles leave the RSI as it was, so the close of 96 still buys.
        try harness.assertImpossibleInputMakesNoOrder(entry: 96, expected: .market(.buy, 104_166, "RSI 22.73 below 30"))
    }
}
