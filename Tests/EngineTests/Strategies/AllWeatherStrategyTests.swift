@testable import Engine
import Primitives
import XCTest

final class AllWeatherStrategyTests: XCTestCase {
    private typealias Driver = AllocationDriver<AllWeatherStrategy>
    private let symbols = ["AAA", "BBB", "CCC"].map(Driver.spec)
    /// Weights 2, 1 and (repeated) 1: 50%, 25%, 25%.
    private let config = #"{"weights": [2, 1], "capital_pct": 40, "rebalance_threshold_pct": 5}"#

    /// Closes of A, B, C by period (a day each).
    private let series: [[Double]] = [
        [100, 50, 20], [101.3, 49.7, 20.3], [108.9, 50.2, 19.6], [123.45, 49.1, 18.2], [123.45, 49.1, 18.2],
    ]

    private func driver() throws -> Driver {
        Driver(try Driver.make(config, symbols: symbols), specs: symbols, cash: 10_000)
    }

    /// Periods 0 to 3 of the series; returns the driver after them.
    private func runThroughPeriod3() throws -> Driver {
        var driver = try driver()
        try driver.warmUp(0, series[0])

        // Period 1, the first decided: capital = 40% × 10,000 = 4,000, every symbol bought to its
        // weight whatever the threshold: A 2,000 / 101.30 = 19.7433… → 197433 lots, B 1,000 /
        // 49.70 = 20.1207… → 201207, C 1,000 / 20.30 = 49.2610… → 492610. Cash left 6,000.0066.
        XCTAssertEqual(try driver.period(1, series[1]), [
            Driver.buy(0, 197_433, "first period: AAA-USDT 0.00% → 50.00%"),
            Driver.buy(1, 201_207, "first period: BBB-USDT 0.00% → 25.00%"),
            Driver.buy(2, 492_610, "first period: CCC-USDT 0.00% → 25.00%"),
        ])

        // Period 2: A 19.7433 × 108.90 = 2,150.05, B 20.1207 × 50.20 = 1,010.06, C 49.261 ×
        // 19.60 = 965.52; capital = 40% × (6,000.0066 + 4,125.63) = 4,050.25. Shares 53.08%,
        // 24.94%, 23.84%: the widest drift is A's 3.08 points, inside the 5-point band.
        XCTAssertEqual(try driver.period(2, series[2]), [])

        // Period 3: A 19.7433 × 123.45 = 2,437.31, B 20.1207 × 49.10 = 987.93, C 49.261 × 18.20
        // = 896.55; capital = 40% × (6,000.0066 + 4,321.79) = 4,128.72. A's share 59.03% is 9.03
        // points over 50%: rebalance every symbol. A: 2,437.31 − 50% × 4,128.72 = 372.95 too
        // much, / 123.45 = 3.0210… → sell 30210 lots. B: 25% × 4,128.72 − 987.93 = 44.25
        // short, / 49.10 = 0.9012… → 9012 lots (a 1.07-point difference, traded once the band
        // triggers). C: 1,032.18 − 896.55 = 135.63 short, / 18.20 = 7.4521… → 74521 lots.
        let drift = "AAA-USDT at 59.03% of capital, target 50.00%"
        XCTAssertEqual(try driver.period(3, series[3]), [
            Driver.sell(0, 30_210, "\(drift): AAA-USDT 59.03% → 50.00%"),
            Driver.buy(1, 9_012, "\(drift): BBB-USDT 23.93% → 25.00%"),
            Driver.buy(2, 74_521, "\(drift): CCC-USDT 21.71% → 25.00%"),
        ])
        return driver
    }

    func testRebalancesOnTheFirstPeriodAndWhenAWeightDriftsOutOfTheBand() throws {
        var driver = try runThroughPeriod3()
        // Period 4, same prices: back on the weights (A 50.00%, B 25.00%, C 25.00%): nothing.
        XCTAssertEqual(try driver.period(4, series[4]), [])
        XCTAssertEqual(driver.positions, [167_223, 210_219, 567_131])
        XCTAssertEqual(driver.strategy.state["targets"], .array([.number("0.5"), .number("0.25"), .number("0.25")]))
        XCTAssertEqual(driver.strategy.state["last_period"], .number(String(4 * Driver.day)))
        XCTAssertEqual(driver.strategy.state["last_signal"], .string("AAA-USDT at 59.03% of capital, target 50.00%: CCC-USDT 21.71% → 25.00%"))
    }

    func testReconfiguredWeightsApplyFromTheNextPeriod() throws {
        var driver = try runThroughPeriod3()
        try driver.strategy.reconfigure(AllWeatherStrategy.descriptor.schema
            .validate(JSONParser.parse(#"{"weights": [1, 1, 0], "capital_pct": 40}"#)).get())
        // Period 4 (prices unchanged): targets 50%, 50%, 0%. Capital 4,128.72; B's 25.00% is 25
        // points under 50% (C's 25.00% over 0% by a hair less): rebalance. C is sold whole;
        // B buys 50% × 4,128.72 − 1,032.18 = 1,032.18, / 49.10 = 21.0220… → 210220 lots; A's
        // difference (0.0002 points, 0.009 USDT) is under one lot.
        let drift = "BBB-USDT at 25.00% of capital, target 50.00%"
        XCTAssertEqual(try driver.period(4, series[4]), [
            Driver.sell(2, 567_131, "\(drift): CCC-USDT 25.00% → 0.00%"),
            Driver.buy(1, 210_220, "\(drift): BBB-USDT 25.00% → 50.00%"),
        ])
    }

    func testWeightsRepeatTheLastAndAreNormalised() throws {
        var driver = Driver(try Driver.make(#"{"weights": [3, 1], "capital_pct": 100}"#, symbols: symbols), specs: symbols, cash: 1_000)
        // 3, 1, 1 of 5: 60%, 20%, 20% of 1,000: A 600 / 100 = 6 → 60000 lots, B 200 / 50 = 4 → 40000,
        // C 200 / 20 = 10 → 100000.
        XCTAssertEqual(try driver.period(0, [100, 50, 20]), [
            Driver.buy(0, 60_000, "first period: AAA-USDT 0.00% → 60.00%"),
            Driver.buy(1, 40_000, "first period: BBB-USDT 0.00% → 20.00%"),
            Driver.buy(2, 100_000, "first period: CCC-USDT 0.00% → 20.00%"),
        ])
    }

    func testConfigurationErrorsNameTheFieldAndTheRule() throws {
        XCTAssertEqual(try Driver.configError(#"{"weights": [1, -1]}"#),
                       ConfigError(field: "body.config.weights[1]", rule: "must be from 0 to 100"))
        XCTAssertEqual(try Driver.configError(#"{"weights": []}"#),
                       ConfigError(field: "body.config.weights", rule: "must be a non-empty array of numbers"))
        XCTAssertThrowsError(try Driver.make(#"{"weights": [1, 1, 1, 1]}"#, symbols: symbols)) { error in
            XCTAssertEqual(error as? StrategyError, StrategyError("weights has 4 entries; the strategy trades 3 symbols"))
        }
        XCTAssertThrowsError(try Driver.make(#"{"weights": [0, 0]}"#, symbols: symbols)) { error in
            XCTAssertEqual(error as? StrategyError, StrategyError("weights must not all be 0"))
        }
        // A refused reconfiguration keeps the weights in force.
        var driver = try driver()
        XCTAssertThrowsError(try driver.strategy.reconfigure(AllWeatherStrategy.descriptor.schema
            .validate(JSONParser.parse(#"{"weights": [0]}"#)).get()))
        try driver.warmUp(0, series[0])
        XCTAssertEqual(try driver.period(1, series[1]).count, 3)
        XCTAssertEqual(AllWeatherStrategy.descriptor.schema.defaults.numbers("weights"), [1])
    }

    func testRestoredStateIsNotAFirstPeriodAgain() throws {
        var original = try runThroughPeriod3()
        var restarted = original
        restarted.strategy = try Driver.make(config, symbols: symbols)
        try restarted.strategy.restore(state: original.strategy.state)
        for period in 0...3 { try restarted.warmUp(period, series[period]) }
        // Decided already (period 3) and inside the band after: no order, where a strategy
        // that forgot would rebalance as on a first period.
        XCTAssertEqual(try restarted.period(3, series[3]), [])
        XCTAssertEqual(try restarted.period(4, series[4]), try original.period(4, series[4]))
        // A drift after the restart: both rebalance alike.
        XCTAssertEqual(try restarted.period(5, [150, 49.1, 18.2]), try original.period(5, [150, 49.1, 18.2]))
        XCTAssertNotEqual(original.strategy.state["last_signal"], .null)
        XCTAssertEqual(restarted.strategy.state, original.strategy.state)
    }

    func testImpossibleInputMakesNoOrder() throws {
        var driver = try driver()
        try driver.warmUp(0, series[0])
        // A price of 0: nothing can be valued, no decision (the next period is still the first).
        XCTAssertEqual(try driver.period(1, [101.3, 0, 20.3]), [])
        driver.totalQuote = .infinity
        XCTAssertEqual(try driver.period(2, series[2]), [])
        XCTAssertEqual(driver.strategy.state["last_period"], .null)
        driver.totalQuote = nil
        XCTAssertEqual(try driver.period(3, series[3]).count, 3)
    }
}
