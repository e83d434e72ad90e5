@testable import Engine
import Primitives
import XCTest

final class MagicSplitStrategyTests: XCTestCase {
    private typealias Driver = SingleSymbolDriver<MagicSplitStrategy>

    /// splits 3, step_pct 3, take_profit_pct 3, order_pct 5 of a 10,000 quote balance: each
    /// stage buys 500 worth at the close. Ticks of 0.01, lots of 0.0001; market orders fill at
    /// the close.
    private let settings: KeyValuePairs<String, String> = ["splits": "3"]
    private let series = dailyCandles([
        (100, 101, 99, 100),       // 0: nothing held → stage 1: 500 / 100 = 5 → 50000 lots, bought at 100.00
        (100, 100, 97.5, 98),      // 1: next stage at 100 × 0.97 = 97.00; 98 above it; stage 1 sells at 103.00
        (98, 98.5, 96.5, 97),      // 2: 97.00 ≤ 97.00 → stage 2: 500 / 97 = 5.15463 → 51546 lots at 97.00
        (97, 97, 93.5, 94),        // 3: next at 97 × 0.97 = 94.09: 94.00 ≤ 94.09 → stage 3: 500 / 94 = 5.31914 → 53191 lots at 94.00
        (94, 94.5, 89.5, 90),      // 4: stage 3 is the last rung of 3: no buy, however low
        (90, 97, 90, 96.82),       // 5: stage 3 sells at 94 × 1.03 = 96.82: sold, 53191 lots; stage 2 (99.91) and 1 (103.00) not
        (96.82, 97, 93.8, 94),     // 6: the ladder's top is stage 2 again (97.00): 94.00 ≤ 94.09 → stage 3 bought again, 53191 lots
        (94, 103.5, 94, 103),      // 7: 103.00 reaches all three targets (103.00, 99.91, 96.82): each stage sells its own lots
        (103, 104.5, 102.5, 104),  // 8: nothing held, nothing working → stage 1 again: 500 / 104 = 4.80769 → 48076 lots
    ])

    private func buy(_ stage: Int, _ lots: Int64, _ reason: String) -> StrategyIntent {
        .order(Signal(symbol: 0, kind: .entry, side: .buy, quantity: lots, tag: stage, reason: reason))
    }

    private func sell(_ stage: Int, _ lots: Int64, _ reason: String) -> StrategyIntent {
        .order(Signal(symbol: 0, kind: .exit, side: .sell, quantity: lots, tag: stage, reason: reason))
    }

    private var expected: [[StrategyIntent]] {
        [
            [buy(1, 50000, "stage 1: first buy")],
            [],
            [buy(2, 51546, "stage 2: close 97.00 at or below 97.00 (stage 1 100.00 − 3%)")],
            [buy(3, 53191, "stage 3: close 94.00 at or below 94.09 (stage 2 97.00 − 3%)")],
            [],
            [sell(3, 53191, "stage 3 take profit: close 96.82 at or above 96.82 (94.00 + 3%)")],
            [buy(3, 53191, "stage 3: close 94.00 at or below 94.09 (stage 2 97.00 − 3%)")],
            [
                sell(1, 50000, "stage 1 take profit: close 103.00 at or above 103.00 (100.00 + 3%)"),
                sell(2, 51546, "stage 2 take profit: close 103.00 at or above 99.91 (97.00 + 3%)"),
                sell(3, 53191, "stage 3 take profit: close 103.00 at or above 96.82 (94.00 + 3%)"),
            ],
            [buy(1, 48076, "stage 1: first buy")],
        ]
    }

    private func stage(_ number: Int, _ price: String, _ quantity: String) -> JSONValue {
        .object([JSONMember("number", .number(String(number))), JSONMember("price", .number(price)),
                 JSONMember("quantity", .number(quantity))])
    }

    func testBuysAStageOnEachStepDownAndSellsEachStageAtItsOwnTarget() throws {
        var driver = try Driver(settings)
        XCTAssertEqual(try driver.run(series), expected)
        XCTAssertEqual(driver.position, 48076)
        XCTAssertEqual(driver.strategy.state, .object([
            JSONMember("stages", .array([stage(1, "104.00", "4.8076")])),
            JSONMember("last_signal", .string("stage 1: first buy")),
        ]))
    }

    func testStagesAreRecordedFromTheirFills() throws {
        var driver = try Driver(settings)
        driver.fillsMarketOrders = false
        XCTAssertEqual(try driver.close(series[0]), expected[0])
        XCTAssertEqual(try driver.close(series[1]), [], "the first buy is still working: no second one")
        // Stage 1 fills in two parts: 3.0000 at 100.00 and 2.0000 at 101.00; its price is
        // (30000 × 10000 + 20000 × 10100) / 50000 = 10040 ticks.
        try driver.fillOpen(tag: 1, quantity: 30000, price: 10000)
        try driver.fillOpen(tag: 1, quantity: 20000, price: 10100)
        XCTAssertEqual(driver.strategy.state["stages"], .array([stage(1, "100.40", "5.0000")]))
        // Its target is 100.40 × 1.03 = 103.412 → 103.41: a close of 103.41 sells it.
        XCTAssertEqual(try driver.close(flatCandle(103.40, day: 2)), [])
        XCTAssertEqual(try driver.close(flatCandle(103.41, day: 3)),
                       [sell(1, 50000, "stage 1 take profit: close 103.41 at or above 103.41 (100.40 + 3%)")])
        XCTAssertEqual(try driver.close(flatCandle(103.5, day: 4)), [], "its sell is working: not asked for twice")
        try driver.fillOpen(tag: 1, quantity: 20000, price: 10341)
        XCTAssertEqual(driver.strategy.state["stages"], .array([stage(1, "100.40", "3.0000")]), "partly sold: the rest is held")
        try driver.fillOpen(tag: 1, quantity: 30000, price: 10341)
        XCTAssertEqual(driver.strategy.state["stages"], .array([]))
    }

    func testWarmUpCandlesPlaceNothing() throws {
        var driver = try Driver(settings)
        XCTAssertEqual(try driver.warmUp(series), [])
        XCTAssertEqual(driver.strategy.state, .object([JSONMember("stages", .array([])), JSONMember("last_signal", .null)]))
    }

    func testRestoredStateGivesTheSameSignals() throws {
        var original = try Driver(settings)
        _ = try original.run(Array(series[...3]))
        let state = original.strategy.state
        XCTAssertEqual(state["stages"], .array([stage(1, "100.00", "5.0000"), stage(2, "97.00", "5.1546"), stage(3, "94.00", "5.3191")]))

        var restored = try original.restarted(settings)
        XCTAssertEqual(try restored.run(Array(series[4...])), Array(expected[4...]))
        XCTAssertEqual(try original.run(Array(series[4...])), Array(expected[4...]))
    }

    func testMoreSplitsTakeEffectAtTheNextClose() throws {
        var driver = try Driver(settings)
        _ = try driver.run(Array(series[...3]))
        try driver.reconfigure(["splits": "5"])
        // Stage 3 at 94.00 is no longer the last rung: 94 × 0.97 = 91.18, and 90.00 is below it;
        // 500 / 90 = 5.5555 → 55555 lots.
        XCTAssertEqual(try driver.close(series[4]), [buy(4, 55555, "stage 4: close 90.00 at or below 91.18 (stage 3 94.00 − 3%)")])
    }

    func testConfigurationIsChecked() throws {
        XCTAssertEqual(Driver.refusal(["splits": "21"]), ConfigError(field: "body.config.splits", rule: "must be from 1 to 20"))
        XCTAssertEqual(Driver.refusal(["splits": "2.5"]), ConfigError(field: "body.config.splits", rule: "must be a whole number, got 2.5"))
        XCTAssertEqual(Driver.refusal(["step_pct": "0.4"]), ConfigError(field: "body.config.step_pct", rule: "must be from 0.5 to 50"))
        XCTAssertEqual(Driver.refusal(["take_profit_pct": "101"]),
                       ConfigError(field: "body.config.take_profit_pct", rule: "must be from 0.5 to 100"))
        XCTAssertNil(Driver.refusal(["splits": "20", "step_pct": "0.5", "take_profit_pct": "100", "order_pct": "0.01"]))
    }

    func testImpossibleInputPlacesNothing() throws {
        var driver = try Driver(settings)
        driver.quote = .nan
        XCTAssertEqual(try driver.close(series[0]), [])
        driver.quote = 10_000
        var strategy = driver.strategy
        XCTAssertEqual(try strategy.candleClosed(series[0], symbol: 0, context: driver.context(price: 0)), [], "no price, no size")
        XCTAssertThrowsError(try driver.close(Bar(start: 0, open: 0, high: 0, low: 0, close: 0, volume: 0)))
        XCTAssertThrowsError(try strategy.filled(StrategyFill(symbol: 0, side: .buy, quantity: 100, price: 0, tag: 1, orderDone: true),
                                                 context: driver.context(price: 10000)))
        XCTAssertThrowsError(try strategy.filled(StrategyFill(symbol: 0, side: .buy, quantity: 100, price: 10000, tag: 21, orderDone: true),
                                                 context: driver.context(price: 10000)))
    }

    func testRestoreRefusesAStateItDidNotWrite() throws {
        var strategy = try MagicSplitStrategy(config: Driver.config(settings), symbols: [Driver.testSpec])
        let states: [JSONValue] = [
            .object([JSONMember("stages", .array([])), JSONMember("last_signal", .null), JSONMember("extra", .null)]),
            .object([JSONMember("stages", .object([])), JSONMember("last_signal", .null)]),
            .object([JSONMember("stages", .array([stage(2, "97.00", "1"), stage(1, "100.00", "1")])), JSONMember("last_signal", .null)]),
            .object([JSONMember("stages", .array([stage(21, "97.00", "1")])), JSONMember("last_signal", .null)]),
            .object([JSONMember("stages", .array([stage(1, "97.00", "0")])), JSONMember("last_signal", .null)]),
            .object([JSONMember("stages", .array([stage(1, "-97.00", "1")])), JSONMember("last_signal", .null)]),
            .object([JSONMember("stages", .array([.object([JSONMember("number", .number("1"))])])), JSONMember("last_signal", .null)]),
        ]
        for state in states {
            XCTAssertThrowsError(try strategy.restore(state: state), "\(state)")
        }
        XCTAssertEqual(strategy.state["stages"], .array([]), "a refused state changes nothing")
    }
}
