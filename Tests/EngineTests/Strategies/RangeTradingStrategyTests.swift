@testable import Engine
import Primitives
import XCTest

final class RangeTradingStrategyTests: XCTestCase {
    private typealias Driver = SingleSymbolDriver<RangeTradingStrategy>

    /// lookback 5, entry_zone_pct 20, exit_zone_pct 20, stop_pct 3, order_pct 10 of a 10,000
    /// quote balance: each buy is 1,000 worth at the close. Ticks of 0.01, lots of 0.0001;
    /// market orders fill at the close. H and L: highest high and lowest low of the 5 candles
    /// before the one that closes.
    private let settings: KeyValuePairs<String, String> = ["lookback": "5"]
    private let warmUp = dailyCandles([
        (100, 105, 95, 100),
        (100, 110, 98, 108),
        (108, 109, 90, 92),
        (92, 100, 91, 99),
        (99, 104, 96, 103),
    ])
    private let series = dailyCandles([
        (103, 104, 93, 94),   // 5: H 110 L 90 (candles 0-4): entry zone 90…90 + 0.2 × 20 = 94.00: 94 buys, 1000 / 94 = 10.6382 → 106382
        (94, 100, 93, 99),    // 6: H 110 L 90 (1-5): exit at 110 − 4 = 106.00, stop below 90 × 0.97 = 87.30: 99 neither
        (99, 108, 98, 107),   // 7: H 109 L 90 (2-6): exit at 109 − 0.2 × 19 = 105.20: 107 sells (range top)
        (107, 107, 95, 96),   // 8: H 108 L 91 (3-7): entry zone 91…91 + 3.4 = 94.40: 96 above it
        (96, 97, 92, 93),     // 9: H 108 L 93 (4-8): entry zone 93…96.00: 93 buys, 1000 / 93 = 10.7526 → 107526
        (93, 93, 88, 89),     // 10: H 108 L 92 (5-9): exit 104.80; stop below 92 × 0.97 = 89.24: 89 sells (breakdown stop)
        (89, 90, 85, 86),     // 11: H 108 L 88 (6-10): 86 is below the range: no buy
        (86, 89, 85, 88),     // 12: H 108 L 85 (7-11): entry zone 85…85 + 4.6 = 89.60: 88 buys, 1000 / 88 = 11.3636 → 113636
    ], from: 5)

    private func buy(_ lots: Int64, _ reason: String) -> StrategyIntent {
        .order(Signal(symbol: 0, kind: .entry, side: .buy, quantity: lots, tag: 1, reason: reason))
    }

    private func sell(_ lots: Int64, tag: Int, _ reason: String) -> StrategyIntent {
        .order(Signal(symbol: 0, kind: .exit, side: .sell, quantity: lots, tag: tag, reason: reason))
    }

    private var expected: [[StrategyIntent]] {
        [
            [buy(106382, "close 94.00 at or below 94.00 (bottom 20% of range 90.00–110.00)")],
            [],
            [sell(106382, tag: 2, "range top: close 107.00 at or above 105.20 (top 20% of range 90.00–109.00)")],
            [],
            [buy(107526, "close 93.00 at or below 96.00 (bottom 20% of range 93.00–108.00)")],
            [sell(107526, tag: 3, "breakdown stop: close 89.00 below 89.24 (low 92.00 − 3%)")],
            [],
            [buy(113636, "close 88.00 at or below 89.60 (bottom 20% of range 85.00–108.00)")],
        ]
    }

    func testBuysInTheBottomOfTheRangeAndSellsAtItsTopOrBelowIt() throws {
        var driver = try Driver(settings)
        XCTAssertEqual(try driver.warmUp(warmUp), [])
        XCTAssertEqual(try driver.run(series), expected)
        XCTAssertEqual(driver.position, 113636)
        XCTAssertEqual(driver.strategy.state,
                       .object([JSONMember("last_signal", .string("close 88.00 at or below 89.60 (bottom 20% of range 85.00–108.00)"))]))
    }

    func testDecidesNothingUntilLookbackCandlesClosed() throws {
        var driver = try Driver(settings)
        XCTAssertEqual(try driver.run(warmUp), [[], [], [], [], []], "live from the start: the first five only make the range")
        XCTAssertEqual(try driver.close(series[0]), expected[0])
    }

    func testARangeWithoutWidthIsNotTraded() throws {
        var driver = try Driver(settings)
        _ = try driver.warmUp((0..<5).map { flatCandle(100, day: $0) })
        XCTAssertEqual(try driver.close(flatCandle(100, day: 5)), [])
    }

    func testAnExitAlreadyWorkingIsNotAskedForTwice() throws {
        var driver = try Driver(settings)
        driver.fillsMarketOrders = false
        _ = try driver.warmUp(warmUp)
        XCTAssertEqual(try driver.close(series[0]), expected[0])
        XCTAssertEqual(try driver.close(series[1]), [], "its buy is working: no second one")
        try driver.fillOpen(tag: 1, quantity: 106382, price: 9400)
        XCTAssertEqual(try driver.close(series[2]), expected[2])
        XCTAssertEqual(try driver.close(dailyCandles([(107, 109, 106, 108)], from: 8)[0]), [], "the range-top sell is working")
    }

    func testRestoredStateAfterAWarmUpGivesTheSameSignals() throws {
        var original = try Driver(settings)
        _ = try original.warmUp(warmUp)
        _ = try original.run(Array(series[...3]))
        XCTAssertEqual(original.strategy.state["last_signal"], .string("range top: close 107.00 at or above 105.20 (top 20% of range 90.00–109.00)"))

        // A restart: a new instance with the state back, warmed up again with the stored candles.
        var restored = try original.restarted(settings)
        XCTAssertEqual(try restored.warmUp(warmUp + series[...3]), [])
        XCTAssertEqual(try restored.run(Array(series[4...])), Array(expected[4...]))
        XCTAssertEqual(try original.run(Array(series[4...])), Array(expected[4...]))
    }

    func testReconfigureKeepsTheRangeUnlessTheLookbackChanges() throws {
        var driver = try Driver(settings)
        _ = try driver.warmUp(warmUp)
        try driver.reconfigure(["lookback": "5", "entry_zone_pct": "10"])
        // Candle 5 with a zone of 10%: 90…92.00, and 94 is above it.
        XCTAssertEqual(try driver.close(series[0]), [])

        var longer = try Driver(settings)
        _ = try longer.warmUp(warmUp)
        try longer.reconfigure(["lookback": "6"])
        XCTAssertEqual(try longer.close(series[0]), [], "a new lookback starts the range again")
        _ = try longer.warmUp(Array(series[1...5]))
        // Candle 11 over candles 5-10: H 108, L 88, zone 88…88 + 0.2 × 20 = 92.00; 91 buys, 1000 / 91 = 10.989 → 109890.
        XCTAssertEqual(try longer.close(dailyCandles([(89, 92, 88, 91)], from: 11)[0]),
                       [buy(109890, "close 91.00 at or below 92.00 (bottom 20% of range 88.00–108.00)")])
    }

    func testConfigurationIsChecked() throws {
        XCTAssertEqual(Driver.refusal(["lookback": "4"]), ConfigError(field: "body.config.lookback", rule: "must be from 5 to 500"))
        XCTAssertEqual(Driver.refusal(["entry_zone_pct": "51"]), ConfigError(field: "body.config.entry_zone_pct", rule: "must be from 1 to 50"))
        XCTAssertEqual(Driver.refusal(["exit_zone_pct": "0"]), ConfigError(field: "body.config.exit_zone_pct", rule: "must be from 1 to 50"))
        XCTAssertEqual(Driver.refusal(["stop_pct": "0.4"]), ConfigError(field: "body.config.stop_pct", rule: "must be from 0.5 to 50"))
        XCTAssertNil(Driver.refusal(["lookback": "500", "entry_zone_pct": "50", "exit_zone_pct": "1", "stop_pct": "50"]))
    }

    func testImpossibleInputPlacesNothing() throws {
        var driver = try Driver(settings)
        _ = try driver.warmUp(warmUp)
        var strategy = driver.strategy
        driver.quote = .infinity
        XCTAssertEqual(try driver.close(series[0]), [])
        XCTAssertEqual(try strategy.candleClosed(series[0], symbol: 0, context: driver.context(price: 0)), [], "no price, no size")
        XCTAssertThrowsError(try strategy.candleClosed(series[0], symbol: 1, context: driver.context(price: 9400)))
        XCTAssertThrowsError(try driver.close(Bar(start: 0, open: 100, high: 100, low: 100, close: 100, volume: -1)))
    }

    func testRestoreRefusesAStateItDidNotWrite() throws {
        var strategy = try RangeTradingStrategy(config: Driver.config(settings), symbols: [Driver.testSpec])
        for state: JSONValue in [.object([]), .object([JSONMember("last_signal", .bool(true))]), .string("x"),
                                 .object([JSONMember("last_signal", .null), JSONMember("range", .null)])] {
            XCTAssertThrowsError(try strategy.restore(state: state), "\(state)")
        }
    }
}
