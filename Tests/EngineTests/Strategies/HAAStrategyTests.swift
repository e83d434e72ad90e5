@testable import Engine
import Primitives
import XCTest

final class HAAStrategyTests: XCTestCase {
    private typealias Driver = AllocationDriver<HAAStrategy>
    /// K is the canary.
    private let symbols = ["KKK", "AAA", "BBB", "CCC"].map(Driver.spec)
    private let config = #"{"canary": 0, "top_n": 2, "capital_pct": 50, "rebalance_threshold_pct": 5}"#

    /// Closes of K, A, B, C by period (a day each): flat for periods 0 to 11, then moving.
    private let series: [[Double]] = Array(repeating: [100, 100, 50, 20], count: 12) + [
        [105, 110, 51, 19], [105, 112, 48, 19], [90, 115, 48, 19], [92, 115, 48, 19],
    ]

    private func driver() throws -> Driver {
        Driver(try Driver.make(config, symbols: symbols), specs: symbols, cash: 10_000)
    }

    func testHoldsTheTopSymbolsByMomentumWhileTheCanaryIsNotNegative() throws {
        var driver = try driver()
        for period in 0...10 { try driver.warmUp(period, series[period]) }
        // Period 11: 12 closes, one short of the 12-period return: no decision.
        XCTAssertEqual(try driver.period(11, series[11]), [])

        // Period 12: every close 1, 3, 6 and 12 periods ago is the flat one, so each 13612U
        // momentum is the one return: K 105/100 − 1 = 5%, A 10%, B 51/50 − 1 = 2%, C 19/20 − 1 =
        // −5%. The canary is not negative; the top 2 of A, B, C are A and B (K, whose 5% would
        // beat B, is never held), both above 0: 50% each of capital 50% × 10,000 = 5,000.
        // A 2,500 / 110 = 22.7272… → 227272 lots; B 2,500 / 51 = 49.0196… → 490196. Cash left
        // 10,000 − 2,499.992 − 2,499.9996 = 5,000.0084.
        let top = "canary KKK-USDT momentum 5.00%; top 2: AAA-USDT 10.00%, BBB-USDT 2.00%"
        XCTAssertEqual(try driver.period(12, series[12]), [
            Driver.buy(1, 227_272, "\(top): AAA-USDT 0.00% → 50.00%"),
            Driver.buy(2, 490_196, "\(top): BBB-USDT 0.00% → 50.00%"),
        ])

        // Period 13 (closes 1, 3, 6, 12 periods ago: periods 12, 10, 7, 1):
        // K (0 + 5% + 5% + 5%) / 4 = 3.75%; A (112/110 − 1 = 1.82% + 3 × 12%) / 4 = 9.45%;
        // B (48/51 − 1 = −5.88% + 3 × −4%) / 4 = −4.47%; C (0 + 3 × −5%) / 4 = −3.75%.
        // Canary fine; top 2: A 9.45% and C −3.75%, whose slot stays cash. B leaves: sold whole.
        // Capital = 50% × (5,000.0084 + A 22.7272 × 112 + B 49.0196 × 48) = 4,949.20: B was
        // 2,352.94 = 47.54%; A's 51.43% is 1.43 points from 50%: under the threshold, kept.
        XCTAssertEqual(try driver.period(13, series[13]), [
            Driver.sell(2, 490_196, "canary KKK-USDT momentum 3.75%; top 2: AAA-USDT 9.45%, CCC-USDT -3.75%: BBB-USDT 47.54% → 0.00%"),
        ])

        // Period 14: K (90/105 − 1 = −14.29% + 3 × (90/100 − 1 = −10%)) / 4 = −11.07%: the canary
        // is negative, defensive: everything sold. A is 22.7272 × 115 = 2,613.63 of capital
        // 50% × (7,352.9492 + 2,613.63) = 4,983.29: 52.45%.
        XCTAssertEqual(try driver.period(14, series[14]), [
            Driver.sell(1, 227_272, "canary KKK-USDT momentum -11.07% below 0: cash: AAA-USDT 52.45% → 0.00%"),
        ])

        // Period 15: K (92/90 − 1 = 2.22% + 92/105 − 1 = −12.38% + 2 × −8%) / 4 = −6.54%: still
        // defensive, nothing held: nothing to do.
        XCTAssertEqual(try driver.period(15, series[15]), [])
        XCTAssertEqual(driver.positions, [0, 0, 0, 0])
        XCTAssertEqual(driver.strategy.state["targets"], .array(Array(repeating: .number("0.0"), count: 4)))
    }

    func testTargetsInStateAreTheWeightsHeld() throws {
        var driver = try driver()
        for period in 0...11 { try driver.warmUp(period, series[period]) }
        _ = try driver.period(12, series[12])
        XCTAssertEqual(driver.strategy.state, .object([
            JSONMember("targets", .array([.number("0.0"), .number("0.5"), .number("0.5"), .number("0.0")])),
            JSONMember("last_period", .number(String(12 * Driver.day))),
            JSONMember("last_signal", .string("canary KKK-USDT momentum 5.00%; top 2: AAA-USDT 10.00%, BBB-USDT 2.00%: BBB-USDT 0.00% → 50.00%")),
        ]))
    }

    func testASlotNoSymbolIsLeftForStaysCash() throws {
        let two = Array(symbols.prefix(2))
        var driver = Driver(try Driver.make(config, symbols: two), specs: two, cash: 10_000)
        for period in 0...11 { try driver.warmUp(period, [100, 100]) }
        // Top 2 of the one symbol besides the canary: A gets its 1/2 of 5,000, the other half
        // stays cash: 2,500 / 110 = 22.7272… → 227272 lots.
        XCTAssertEqual(try driver.period(12, [105, 110]), [
            Driver.buy(1, 227_272, "canary KKK-USDT momentum 5.00%; top 2: AAA-USDT 10.00%: AAA-USDT 0.00% → 50.00%"),
        ])
    }

    func testConfigurationErrorsNameTheFieldAndTheRule() throws {
        XCTAssertEqual(try Driver.configError(#"{"canary": 20}"#), ConfigError(field: "body.config.canary", rule: "must be from 0 to 19"))
        XCTAssertEqual(try Driver.configError(#"{"top_n": 0}"#), ConfigError(field: "body.config.top_n", rule: "must be from 1 to 10"))
        XCTAssertEqual(try Driver.configError(#"{"top_n": 1.5}"#), ConfigError(field: "body.config.top_n", rule: "must be a whole number, got 1.5"))
        XCTAssertThrowsError(try Driver.make(#"{"canary": 4}"#, symbols: symbols)) { error in
            XCTAssertEqual(error as? StrategyError, StrategyError("canary (4) must be less than the number of symbols (4)"))
        }
        XCTAssertEqual(HAAStrategy.descriptor.schema.defaults.integer("top_n"), 2)
        XCTAssertEqual(HAAStrategy.descriptor.type, "haa")
    }

    func testReconfiguredCanaryAndTopCountApplyFromTheNextPeriod() throws {
        var driver = try driver()
        for period in 0...11 { try driver.warmUp(period, series[period]) }
        let schema = HAAStrategy.descriptor.schema
        XCTAssertThrowsError(try driver.strategy.reconfigure(schema.validate(JSONParser.parse(#"{"canary": 7}"#)).get())) { error in
            XCTAssertEqual(error as? StrategyError, StrategyError("canary (7) must be less than the number of symbols (4)"))
        }
        // C (−5%) is the canary now: defensive at once, nothing held, no order.
        try driver.strategy.reconfigure(schema.validate(JSONParser.parse(#"{"canary": 3, "capital_pct": 50}"#)).get())
        XCTAssertEqual(try driver.period(12, series[12]), [])
        // K the canary again, top 1: A alone gets the capital, 50% × 10,000 / 110 = 45.4545… →
        // 454545 lots.
        try driver.strategy.reconfigure(schema.validate(JSONParser.parse(#"{"top_n": 1, "capital_pct": 50}"#)).get())
        XCTAssertEqual(try driver.period(13, [105, 110, 51, 19]), [
            Driver.buy(1, 454_545, "canary KKK-USDT momentum 3.75%; top 1: AAA-USDT 7.50%: AAA-USDT 0.00% → 100.00%"),
        ])
    }

    func testRestoredStateGivesTheSameSignalsAndNoDuplicateOrder() throws {
        var original = try driver()
        for period in 0...11 { try original.warmUp(period, series[period]) }
        _ = try original.period(12, series[12])
        var restarted = original
        restarted.strategy = try Driver.make(config, symbols: symbols)
        try restarted.strategy.restore(state: original.strategy.state)
        for period in 0...11 { try restarted.warmUp(period, series[period]) }
        // Period 12's candles again (not yet stored when the engine died): decided, no order.
        XCTAssertEqual(try restarted.period(12, series[12]), [])
        for period in 13...15 {
            XCTAssertEqual(try restarted.period(period, series[period]), try original.period(period, series[period]), "period \(period)")
        }
        XCTAssertEqual(restarted.strategy.state, original.strategy.state)
    }

    func testImpossibleInputMakesNoOrder() throws {
        var driver = try driver()
        for period in 0...11 { try driver.warmUp(period, series[period]) }
        // A negative balance: no capital to manage, no decision.
        driver.totalQuote = -5
        XCTAssertEqual(try driver.period(12, series[12]), [])
        XCTAssertEqual(driver.strategy.state["last_period"], .null)

        // A close of 0 for A: its returns mean nothing, no decision at all.
        var zero = try self.driver()
        for period in 0...11 { try zero.warmUp(period, series[period]) }
        XCTAssertEqual(try zero.period(12, [105, 0, 51, 19]), [])
        XCTAssertEqual(zero.strategy.state["last_period"], .null)
    }
}
