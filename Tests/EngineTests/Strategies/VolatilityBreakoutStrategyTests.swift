@testable import Engine
import Primitives
import XCTest

final class VolatilityBreakoutStrategyTests: XCTestCase {
    private typealias Driver = SingleSymbolDriver<VolatilityBreakoutStrategy>

    /// k 0.5, order_pct 10 of a 10,000 quote balance: each breakout buys 1,000 worth at its
    /// target. Ticks of 0.01, lots of 0.0001.
    private let series = dailyCandles([
        (100, 104, 98, 102),  // 0: range 6 → target 102 + 3 = 105.00; 1000 / 105 = 9.52380 → 95238 lots
        (102, 104, 101, 103), // 1: high 104 < 105: no fill. Cancel it; range 3 → target 103 + 1.5 = 104.50; 1000 / 104.5 = 9.56937 → 95693
        (103, 107, 102, 106), // 2: high 107 ≥ 104.50: bought 95693 at 104.50. Close: sold (period end); range 5 → 106 + 2.5 = 108.50;
                              //    1000 / 108.5 = 9.21658 → 92165
        (106, 106, 106, 106), // 3: high 106 < 108.50: no fill. Cancel it; no range, so no breakout
        (106, 109, 105, 108), // 4: nothing working; range 4 → target 108 + 2 = 110.00; 1000 / 110 = 9.09090 → 90909
        (111, 113, 110, 112), // 5: opens at 111 above 110: bought 90909 at 111.00. Close: sold; range 3 → 112 + 1.5 = 113.50;
                              //    1000 / 113.5 = 8.81057 → 88105
    ])

    private func breakout(_ lots: Int64, at stop: Int64, _ reason: String) -> StrategyIntent {
        .order(Signal(symbol: 0, kind: .entry, side: .buy, quantity: lots, stop: stop, tag: 1, reason: reason))
    }

    private func periodEnd(_ lots: Int64) -> StrategyIntent {
        .order(Signal(symbol: 0, kind: .exit, side: .sell, quantity: lots, tag: 2, reason: "period end"))
    }

    private let cancelBreakout = StrategyIntent.cancel(symbol: 0, tag: 1)

    private var expected: [[StrategyIntent]] {
        [
            [breakout(95238, at: 10500, "breakout above 105.00: close 102.00 + 0.5 × range 6.00")],
            [cancelBreakout, breakout(95693, at: 10450, "breakout above 104.50: close 103.00 + 0.5 × range 3.00")],
            [periodEnd(95693), breakout(92165, at: 10850, "breakout above 108.50: close 106.00 + 0.5 × range 5.00")],
            [cancelBreakout],
            [breakout(90909, at: 11000, "breakout above 110.00: close 108.00 + 0.5 × range 4.00")],
            [periodEnd(90909), breakout(88105, at: 11350, "breakout above 113.50: close 112.00 + 0.5 × range 3.00")],
        ]
    }

    func testPlacesAStopBuyAtClosePlusKTimesTheRangeAndSellsWhatItBoughtAtTheNextClose() throws {
        var driver = try Driver()
        XCTAssertEqual(try driver.run(series), expected)
        XCTAssertEqual(driver.position, 0, "the last breakout bought was sold at the close")
        XCTAssertEqual(driver.open.map(\.stop), [11350])
        XCTAssertEqual(driver.strategy.state, .object([
            JSONMember("target", .number("113.50")),
            JSONMember("last_signal", .string("breakout above 113.50: close 112.00 + 0.5 × range 3.00")),
        ]))
    }

    func testWarmUpCandlesPlaceNothing() throws {
        var driver = try Driver()
        XCTAssertEqual(try driver.warmUp(series), [])
        XCTAssertEqual(driver.strategy.state, .object([JSONMember("target", .null), JSONMember("last_signal", .null)]))
    }

    func testRestoredStateGivesTheSameSignals() throws {
        var original = try Driver()
        _ = try original.run(Array(series[..<2]))
        let state = original.strategy.state
        XCTAssertEqual(state["target"], .number("104.50"))

        var restored = try original.restarted()
        XCTAssertEqual(try restored.run(Array(series[2...])), Array(expected[2...]))
        XCTAssertEqual(try original.run(Array(series[2...])), Array(expected[2...]))
    }

    func testReconfiguredKTakesEffectAtTheNextClose() throws {
        var driver = try Driver()
        _ = try driver.close(series[0])
        try driver.reconfigure(["k": "1"])
        // Candle 1: range 3 → target 103 + 3 = 106.00; 1000 / 106 = 9.43396 → 94339 lots.
        XCTAssertEqual(try driver.close(series[1]),
                       [cancelBreakout, breakout(94339, at: 10600, "breakout above 106.00: close 103.00 + 1 × range 3.00")])
    }

    func testConfigurationIsChecked() throws {
        XCTAssertEqual(Driver.refusal(["k": "1.5"]), ConfigError(field: "body.config.k", rule: "must be from 0.1 to 1"))
        XCTAssertEqual(Driver.refusal(["order_pct": "0"]), ConfigError(field: "body.config.order_pct", rule: "must be from 0.01 to 100"))
        XCTAssertNil(Driver.refusal(["k": "0.1", "order_pct": "100"]))
        XCTAssertThrowsError(try VolatilityBreakoutStrategy(config: Driver.config(), symbols: [Driver.testSpec, Driver.testSpec])) {
            XCTAssertEqual($0 as? StrategyError, StrategyError("volatility_breakout trades exactly one symbol, got 2"))
        }
    }

    func testImpossibleInputPlacesNothing() throws {
        var driver = try Driver()
        driver.quote = .nan
        XCTAssertEqual(try driver.close(series[0]), [], "no balance to size on, no order")
        driver.quote = 0
        XCTAssertEqual(try driver.close(series[0]), [])
        XCTAssertThrowsError(try driver.close(Bar(start: 0, open: 100, high: 100, low: 0, close: 50, volume: 1)))
        XCTAssertThrowsError(try driver.close(Bar(start: 0, open: 100, high: 90, low: 95, close: 92, volume: 1)))
    }

    func testRestoreRefusesAStateItDidNotWrite() throws {
        var strategy = try VolatilityBreakoutStrategy(config: Driver.config(), symbols: [Driver.testSpec])
        let states: [JSONValue] = [
            .array([]),
            .object([JSONMember("last_signal", .null)]),
            .object([JSONMember("target", .string("105")), JSONMember("last_signal", .null)]),
            .object([JSONMember("target", .number("105.001")), JSONMember("last_signal", .null)]),
            .object([JSONMember("target", .null), JSONMember("last_signal", .number("1"))]),
            .object([JSONMember("target", .null), JSONMember("last_signal", .null), JSONMember("anchor", .null)]),
        ]
        for state in states {
            XCTAssertThrowsError(try strategy.restore(state: state), "\(state)")
        }
    }
}
