@testable import Engine
import Primitives
import XCTest

final class DualMomentumStrategyTests: XCTestCase {
    private typealias Driver = AllocationDriver<DualMomentumStrategy>
    private let symbols = ["AAA", "BBB", "CCC"].map(Driver.spec)
    private let config = #"{"lookback": 3, "capital_pct": 50, "rebalance_threshold_pct": 5}"#

    /// Closes of A, B, C by period (a day each). Returns over 3 periods decide from period 3.
    private let series: [[Double]] = [
        [100, 50, 20], [100, 50, 20], [100, 50, 20],
        [110, 52, 20], [112, 55, 20], [111, 60, 20], [105, 70, 20], [100, 54, 21], [95, 50, 19], [95, 50, 19],
    ]

    private func driver(_ json: String? = nil) throws -> Driver {
        Driver(try Driver.make(json ?? config, symbols: symbols), specs: symbols, cash: 10_000)
    }

    func testHoldsTheBestReturnWhileItIsAboveZeroAndGoesToCashOtherwise() throws {
        var driver = try driver()
        for period in 0...2 { try driver.warmUp(period, series[period]) }

        // Period 3: returns over 3 periods: A 110/100 − 1 = 10%, B 52/50 − 1 = 4%, C 0%. A is the
        // best and above 0. Capital = 50% × (10,000 cash + 0 held) = 5,000: all of it into A at
        // 110 = 45.4545… A → 454545 lots. Cash left 10,000 − 45.4545 × 110 = 5,000.005.
        let aHighest = "AAA-USDT 3-period return 10.00% is the highest"
        XCTAssertEqual(try driver.period(3, series[3]), [Driver.buy(0, 454_545, "\(aHighest): AAA-USDT 0.00% → 100.00%")])

        // Period 4: A 112/100 = 12%, B 55/50 = 10%: A stays best. A is worth 45.4545 × 112 =
        // 5,090.90; capital = 50% × (5,000.005 + 5,090.90) = 5,045.45; A's share 100.90% is
        // 0.90 points from its target, under the 5% threshold: no order.
        XCTAssertEqual(try driver.period(4, series[4]), [])

        // Period 5: A 111/100 = 11%, B 60/50 = 20%: B is best. A (45.4545 × 111 = 5,045.45)
        // is sold whole; capital = 50% × (5,000.005 + 5,045.45) = 5,022.73, A's share 100.45%.
        // B gets the capital: 5,022.73 / 60 = 83.7121… B → 837121 lots. Cash after:
        // 5,000.005 + 5,045.4495 − 83.7121 × 60 = 5,022.7285.
        let bHighest = "BBB-USDT 3-period return 20.00% is the highest"
        XCTAssertEqual(try driver.period(5, series[5]), [
            Driver.sell(0, 454_545, "\(bHighest): AAA-USDT 100.45% → 0.00%"),
            Driver.buy(1, 837_121, "\(bHighest): BBB-USDT 0.00% → 100.00%"),
        ])

        // Period 6: A 105/110 − 1 = −4.55%, B 70/52 − 1 = 34.62%: B stays. B is worth 83.7121 ×
        // 70 = 5,859.85; capital = 50% × (5,022.7285 + 5,859.85) = 5,441.29; B's share 107.69%
        // is 7.69 points over its target, past the threshold: sell the excess 5,859.85 −
        // 5,441.29 = 418.56, / 70 = 5.9794… B → 59794 lots.
        XCTAssertEqual(try driver.period(6, series[6]), [
            Driver.sell(1, 59_794, "BBB-USDT 3-period return 34.62% is the highest: BBB-USDT 107.69% → 100.00%"),
        ])

        // Period 7: A 100/112 − 1 = −10.71%, B 54/55 − 1 = −1.82%, C 21/20 − 1 = 5%: C is best.
        // B (77.7327 left, × 54 = 4,197.57) is sold whole; cash was 5,022.7285 + 418.5578 =
        // 5,441.2863; capital = 50% × (5,441.2863 + 4,197.57) = 4,819.43, B's share 87.10%.
        // C: 4,819.43 / 21 = 229.4964… → 2294964 lots.
        let cHighest = "CCC-USDT 3-period return 5.00% is the highest"
        XCTAssertEqual(try driver.period(7, series[7]), [
            Driver.sell(1, 777_327, "\(cHighest): BBB-USDT 87.10% → 0.00%"),
            Driver.buy(2, 2_294_964, "\(cHighest): CCC-USDT 0.00% → 100.00%"),
        ])

        // Period 8: A 95/111 − 1 = −14.41%, B 50/60 − 1 = −16.67%, C 19/20 − 1 = −5%: the best,
        // C, is not above 0 (absolute momentum): everything to cash. C is worth 229.4964 × 19 =
        // 4,360.43, 95.00% of capital 50% × (4,819.43 + 4,360.43).
        XCTAssertEqual(try driver.period(8, series[8]), [
            Driver.sell(2, 2_294_964, "best 3-period return -5.00% (CCC-USDT) is not above 0: cash: CCC-USDT 95.00% → 0.00%"),
        ])

        // Period 9: still no positive return, and nothing held: nothing to do.
        XCTAssertEqual(try driver.period(9, series[9]), [])
        XCTAssertEqual(driver.positions, [0, 0, 0])
        XCTAssertEqual(driver.strategy.state["targets"], .array([.number("0.0"), .number("0.0"), .number("0.0")]))
        XCTAssertEqual(driver.strategy.state["last_period"], .number(String(9 * Driver.day)))
        XCTAssertEqual(driver.strategy.state["last_signal"],
                       .string("best 3-period return -5.00% (CCC-USDT) is not above 0: cash: CCC-USDT 95.00% → 0.00%"))
    }

    func testNoDecisionBeforeLookbackPlusOnePeriodsNorDuringWarmUp() throws {
        var driver = try driver()
        // Warm-up through period 3 would have bought A live: nothing while warming up.
        for period in 0...3 { try driver.warmUp(period, series[period]) }
        XCTAssertEqual(driver.strategy.state["last_period"], .null)

        var early = try self.driver()
        // Three periods hold only 2-period returns.
        for period in 0...2 { XCTAssertEqual(try early.period(period, series[period]), []) }
        XCTAssertEqual(early.strategy.state["last_period"], .null)
    }

    func testTieGoesToTheFirstListedSymbol() throws {
        var driver = try driver()
        for period in 0...2 { try driver.warmUp(period, [100, 100, 100]) }
        // A and B both gained 10%: A, listed first. 5,000 / 110 = 45.4545 → 454545 lots.
        XCTAssertEqual(try driver.period(3, [110, 110, 100]),
                       [Driver.buy(0, 454_545, "AAA-USDT 3-period return 10.00% is the highest: AAA-USDT 0.00% → 100.00%")])
    }

    func testOrdersOfAPreviousRebalanceStillOpenAreCancelledFirst() throws {
        var driver = try driver()
        for period in 0...2 { try driver.warmUp(period, series[period]) }
        driver.openOrders[1] = StrategyContext.OpenOrder(side: .buy, limit: nil, remaining: 100, tag: 1)
        XCTAssertEqual(try driver.period(3, series[3]), [
            .cancel(symbol: 1, tag: nil),
            Driver.buy(0, 454_545, "AAA-USDT 3-period return 10.00% is the highest: AAA-USDT 0.00% → 100.00%"),
        ])
    }

    func testAPeriodCompletesOnlyWhenEverySymbolReachedIt() throws {
        var closes = PeriodCloses(symbols: 2, depth: 3)
        XCTAssertNil(closes.record(start: 0, close: 100, symbol: 0))
        XCTAssertEqual(closes.record(start: 0, close: 50, symbol: 1), 0)
        // B skips period 1: it never completes, and is not in the history.
        XCTAssertNil(closes.record(start: 1, close: 110, symbol: 0))
        XCTAssertNil(closes.record(start: 2, close: 120, symbol: 0))
        // An older candle than the symbol's last is ignored.
        XCTAssertNil(closes.record(start: 1, close: 999, symbol: 0))
        XCTAssertEqual(closes.record(start: 2, close: 60, symbol: 1), 2)
        // A repeated candle of a complete period does not complete it again.
        XCTAssertNil(closes.record(start: 2, close: 60, symbol: 1))
        XCTAssertEqual(closes.periodReturn(0, over: 1)!, 0.2, accuracy: 1e-12)
        XCTAssertEqual(closes.periodReturn(1, over: 1)!, 0.2, accuracy: 1e-12)
        XCTAssertNil(closes.periodReturn(0, over: 2))
    }

    func testConfigurationErrorsNameTheFieldAndTheRule() throws {
        let schema = DualMomentumStrategy.descriptor.schema
        XCTAssertEqual(try Driver.configError(#"{"lookback": 1}"#),
                       ConfigError(field: "body.config.lookback", rule: "must be from 2 to 500"))
        XCTAssertEqual(try Driver.configError(#"{"capital_pct": 0}"#),
                       ConfigError(field: "body.config.capital_pct", rule: "must be from 1 to 100"))
        XCTAssertEqual(try Driver.configError(#"{"rebalance_threshold_pct": 0.1}"#),
                       ConfigError(field: "body.config.rebalance_threshold_pct", rule: "must be from 0.5 to 100"))
        XCTAssertThrowsError(try Driver.make("{}", symbols: [symbols[0]])) { error in
            XCTAssertEqual(error as? StrategyError, StrategyError("an allocation strategy trades 2 to 20 symbols, got 1"))
        }
        XCTAssertEqual(DualMomentumStrategy.descriptor.symbols, 2...20)
        XCTAssertEqual(schema.defaults.integer("lookback"), 12)
        XCTAssertEqual(schema.defaults.number("capital_pct"), 30)
        XCTAssertEqual(schema.defaults.number("rebalance_threshold_pct"), 5)
    }

    func testRestoredStateGivesTheSameSignalsAndNoDuplicateOrder() throws {
        var original = try driver()
        for period in 0...2 { try original.warmUp(period, series[period]) }
        for period in 3...5 { _ = try original.period(period, series[period]) }

        // A restart: the state is restored, the host warms the indicators up again from the
        // stored candles (period 5's included) and holds the same positions.
        var restarted = original
        restarted.strategy = try Driver.make(config, symbols: symbols)
        try restarted.strategy.restore(state: original.strategy.state)
        XCTAssertEqual(restarted.strategy.state, original.strategy.state)
        for period in 0...5 { try restarted.warmUp(period, series[period]) }
        // Period 5's candle delivered again after the restart: decided already, no order.
        XCTAssertEqual(try restarted.period(5, series[5]), [])
        for period in 6...9 {
            XCTAssertEqual(try restarted.period(period, series[period]), try original.period(period, series[period]), "period \(period)")
        }
    }

    func testRestoreRefusesWhatStateNeverGives() throws {
        var strategy = try Driver.make(config, symbols: symbols)
        let refused: [String] = [
            #"[]"#,
            #"{"targets": [0, 1], "last_period": null, "last_signal": null}"#,
            #"{"targets": [0, 1.5, 0], "last_period": null, "last_signal": null}"#,
            #"{"targets": [0, "1", 0], "last_period": null, "last_signal": null}"#,
            #"{"targets": [0, 1, 0], "last_period": 1.5, "last_signal": null}"#,
            #"{"targets": [0, 1, 0], "last_period": null, "last_signal": 3}"#,
            #"{"targets": [0, 1, 0], "last_period": null, "last_signal": null, "anchor": 1}"#,
            #"{"last_period": null, "last_signal": null}"#,
        ]
        for text in refused {
            XCTAssertThrowsError(try strategy.restore(state: JSONParser.parse(text)), text)
        }
        XCTAssertEqual(strategy.state["last_period"], .null, "a refused state changes nothing")
    }

    func testReconfiguredLookbackKeepsTheClosesSeen() throws {
        var driver = try driver()
        for period in 0...3 { try driver.warmUp(period, series[period]) }
        // Lookback 2 from the next period, on the 4 closes already kept (the newest 3 stay).
        try driver.strategy.reconfigure(DualMomentumStrategy.descriptor.schema
            .validate(JSONParser.parse(#"{"lookback": 2, "capital_pct": 50}"#)).get())
        // Period 4: 2-period returns: A 112/100 − 1 = 12%, B 55/50 − 1 = 10%: A.
        // 5,000 / 112 = 44.6428… → 446428 lots.
        XCTAssertEqual(try driver.period(4, series[4]),
                       [Driver.buy(0, 446_428, "AAA-USDT 2-period return 12.00% is the highest: AAA-USDT 0.00% → 100.00%")])
    }

    func testAnotherTimeframeStartsTheClosesAfresh() throws {
        var driver = try driver()
        for period in 0...3 { try driver.warmUp(period, series[period]) }
        try driver.strategy.reconfigure(DualMomentumStrategy.descriptor.schema
            .validate(JSONParser.parse(#"{"lookback": 3, "capital_pct": 50, "timeframe": "1h"}"#)).get())
        // Daily closes do not count as hourly ones: 4 new periods before a decision.
        for period in 4...6 { XCTAssertEqual(try driver.period(period, series[period]), [], "period \(period)") }
        // Period 7 on the closes of periods 4 to 7: A 100/112 − 1, B 54/55 − 1, C 21/20 − 1 = 5%:
        // C, 5,000 / 21 = 238.0952… → 2380952 lots.
        XCTAssertEqual(try driver.period(7, series[7]),
                       [Driver.buy(2, 2_380_952, "CCC-USDT 3-period return 5.00% is the highest: CCC-USDT 0.00% → 100.00%")])
    }

    func testImpossibleInputMakesNoOrder() throws {
        var driver = try driver()
        for period in 0...2 { try driver.warmUp(period, series[period]) }
        // A balance that is not a number: no capital, no order, the period stays undecided.
        driver.totalQuote = .nan
        XCTAssertEqual(try driver.period(3, series[3]), [])
        XCTAssertEqual(driver.strategy.state["last_period"], .null)

        // A close of 0: its return means nothing, no decision.
        var zero = try self.driver()
        for period in 0...2 { try zero.warmUp(period, series[period]) }
        XCTAssertEqual(try zero.period(3, [0, 52, 20]), [])
        XCTAssertEqual(try zero.period(4, [0, 55, 20]), [])

        // A symbol the strategy does not trade, or a context of other symbols: a failure.
        var other = try self.driver()
        XCTAssertThrowsError(try other.strategy.candleClosed(Driver.bar(0, 100), symbol: 3, context: other.context()))
        for period in 0...2 { try other.warmUp(period, [100, 100, 100]) }
        for symbol in 0..<2 { _ = try other.strategy.candleClosed(Driver.bar(3, 100), symbol: symbol, context: other.context()) }
        var short = other.context()
        short.holdings.removeLast()
        XCTAssertThrowsError(try other.strategy.candleClosed(Driver.bar(3, 100), symbol: 2, context: short)) { error in
            XCTAssertEqual(error as? StrategyError, StrategyError("the context holds 2 symbols; the strategy trades 3"))
        }
    }
}
