@testable import Engine
import Primitives
import XCTest

final class InfinityBotStrategyTests: XCTestCase {
    private typealias Driver = SingleSymbolDriver<InfinityBotStrategy>

    /// divisions 10, target_pct 10, capital_pct 20, stop_pct 10, a 10,000 quote balance: a
    /// cycle's capital is 2,000 and its unit 200. Ticks of 0.01, lots of 0.0001; market orders
    /// fill at the close; the entry price is the position's average cost.
    private let settings: KeyValuePairs<String, String> = ["divisions": "10"]
    private let series = dailyCandles([
        (100, 101, 99, 100),    // 0: flat → cycle 1 (capital 2000): 1 unit, 200 / 100 = 2 → 20000 lots at 100.00
        (100, 105, 100, 104),   // 1: avg 100.00; 104 above it but ≤ 100 × 1.05 = 105.00 → ½ unit: 100 / 104 = 0.96153 → 9615 lots
                                //    at 104.00. Avg = (20000 × 10000 + 9615 × 10400) / 29615 = 10129.87 → 101.30
        (104, 108, 104, 107),   // 2: 107 above 101.30 × 1.05 = 106.37 and below the target 101.30 × 1.1 = 111.43: nothing
        (107, 113, 107, 112),   // 3: 112 ≥ 111.43 → sell all 29615 lots: cycle 1 over
        (112, 112, 99, 100),    // 4: flat → cycle 2: 1 unit, 20000 lots at 100.00
        (100, 101, 99, 100),    // 5-13: each close 100.00 ≤ avg 100.00 → 1 unit, 20000 lots: units 2 … 10
        (100, 101, 99, 100),
        (100, 101, 99, 100),
        (100, 101, 99, 100),
        (100, 101, 99, 100),
        (100, 101, 99, 100),
        (100, 101, 99, 100),
        (100, 101, 99, 100),
        (100, 101, 99, 100),
        (100, 100, 94, 95),     // 14: the 10 units are used; 95 above the stop 100 × 0.9 = 90.00: nothing
        (95, 95, 89, 89.99),    // 15: 89.99 ≤ 90.00 → stop: sell all 200000 lots
        (89.99, 91, 89, 90),    // 16: flat → cycle 3: 200 / 90 = 2.2222 → 22222 lots
    ])

    private func buy(_ lots: Int64, tag: Int = 1, _ reason: String) -> StrategyIntent {
        .order(Signal(symbol: 0, kind: .entry, side: .buy, quantity: lots, tag: tag, reason: reason))
    }

    private func sell(_ lots: Int64, tag: Int, _ reason: String) -> StrategyIntent {
        .order(Signal(symbol: 0, kind: .exit, side: .sell, quantity: lots, tag: tag, reason: reason))
    }

    private let start = "cycle start: 1 of 10 units of 200.00"
    private let unitAt100 = "close 100.00 at or below average 100.00: 1 unit"

    private var expected: [[StrategyIntent]] {
        [
            [buy(20000, start)],
            [buy(9615, tag: 2, "close 104.00 at or below 105.00 (average 100.00 + 5%): ½ unit")],
            [],
            [sell(29615, tag: 3, "target: close 112.00 at or above 111.43 (average 101.30 + 10%)")],
            [buy(20000, start)],
        ] + Array(repeating: [buy(20000, unitAt100)], count: 9) + [
            [],
            [sell(200000, tag: 4, "stop: close 89.99 at or below 90.00 (average 100.00 − 10%), all 10 units used")],
            [buy(22222, start)],
        ]
    }

    private func state(capital: String?, spent: String, units: String, _ lastSignal: String?) -> JSONValue {
        .object([
            JSONMember("cycle_capital", capital.map { .number($0) } ?? .null), JSONMember("spent", .number(spent)),
            JSONMember("units_used", .number(units)), JSONMember("last_signal", lastSignal.map { .string($0) } ?? .null),
        ])
    }

    func testBuysUnitsTowardTheAverageAndSellsAtTheTargetOrTheStop() throws {
        var driver = try Driver(settings)
        let intents = try driver.run(series)
        XCTAssertEqual(intents.count, expected.count)
        for (index, (got, want)) in zip(intents, expected).enumerated() {
            XCTAssertEqual(got, want, "candle \(index)")
        }
        XCTAssertEqual(driver.position, 22222)
        // Cycle 3 spent 2.2222 × 90 = 199.998 of its 2000: 0.99999 units of 200.
        let saved = driver.strategy.state
        XCTAssertEqual(saved["spent"], .number("199.998"))
        guard case .number(let units) = saved["units_used"] else { return XCTFail("units_used: \(String(describing: saved["units_used"]))") }
        XCTAssertEqual(try XCTUnwrap(Double(units)), 0.99999, accuracy: 1e-12)
    }

    func testCountsUnitsFromTheValueBought() throws {
        var driver = try Driver(settings)
        _ = try driver.run(Array(series[...13]))
        XCTAssertEqual(driver.strategy.state, state(capital: "2000.0", spent: "2000.0", units: "10.0", unitAt100))
    }

    func testWarmUpCandlesPlaceNothing() throws {
        var driver = try Driver(settings)
        XCTAssertEqual(try driver.warmUp(series), [])
        XCTAssertEqual(driver.strategy.state, state(capital: nil, spent: "0.0", units: "0.0", nil))
    }

    func testRestoredStateGivesTheSameSignals() throws {
        var original = try Driver(settings)
        _ = try original.run(Array(series[...9]))
        let saved = original.strategy.state
        XCTAssertEqual(saved, state(capital: "2000.0", spent: "1200.0", units: "6.0", unitAt100))

        var restored = try original.restarted(settings)
        XCTAssertEqual(try restored.run(Array(series[10...])), Array(expected[10...]))
        XCTAssertEqual(try original.run(Array(series[10...])), Array(expected[10...]))
    }

    /// A cycle of 2000 restored with `spent` of it bought: `lots` held at 100.00.
    private func resumed(holding lots: Int64, spent: String) throws -> Driver {
        var driver = try Driver(settings)
        driver.hold(lots, at: 10000)
        try driver.restore(state(capital: "2000", spent: spent, units: "0", nil))
        return driver
    }

    func testTheLastBuyOfACycleSpendsOnlyWhatIsLeft() throws {
        var driver = try resumed(holding: 190000, spent: "1900")
        // 100 left of a 200 unit: 100 / 100 = 1 → 10000 lots; then nothing is left.
        XCTAssertEqual(try driver.close(flatCandle(100)), [buy(10000, unitAt100 + ", the last 100.00 of the cycle")])
        XCTAssertEqual(try driver.close(flatCandle(100, day: 1)), [])
        XCTAssertEqual(try driver.close(flatCandle(90, day: 2)),
                       [sell(200000, tag: 4, "stop: close 90.00 at or below 90.00 (average 100.00 − 10%), all 10 units used")])
    }

    func testLessThanHalfAUnitLeftCountsAsUsedUp() throws {
        var driver = try resumed(holding: 195000, spent: "1950")
        XCTAssertEqual(try driver.close(flatCandle(100)), [], "50 left is less than half a unit: no buy")
        XCTAssertEqual(try driver.close(flatCandle(90, day: 1)),
                       [sell(195000, tag: 4, "stop: close 90.00 at or below 90.00 (average 100.00 − 10%), all 10 units used")])
    }

    func testAPositionWithoutACycleBecomesOne() throws {
        var driver = try Driver(settings)
        driver.hold(20000, at: 10000)
        XCTAssertEqual(try driver.close(flatCandle(100)), [buy(20000, unitAt100)])
        XCTAssertEqual(driver.strategy.state, state(capital: "2000.0", spent: "400.0", units: "2.0", unitAt100))
    }

    func testMoreDivisionsMakeSmallerUnitsAtOnce() throws {
        var driver = try Driver(settings)
        _ = try driver.close(series[4])
        try driver.reconfigure(["divisions": "20"])
        // The cycle keeps its 2000; a unit is now 100: 100 / 100 = 1 → 10000 lots, and the 200
        // spent so far are 2 units.
        XCTAssertEqual(try driver.close(series[5]), [buy(10000, unitAt100)])
        XCTAssertEqual(driver.strategy.state, state(capital: "2000.0", spent: "300.0", units: "3.0", unitAt100))
    }

    func testConfigurationIsChecked() throws {
        XCTAssertEqual(Driver.refusal(["divisions": "9"]), ConfigError(field: "body.config.divisions", rule: "must be from 10 to 100"))
        XCTAssertEqual(Driver.refusal(["target_pct": "51"]), ConfigError(field: "body.config.target_pct", rule: "must be from 1 to 50"))
        XCTAssertEqual(Driver.refusal(["capital_pct": "0.5"]), ConfigError(field: "body.config.capital_pct", rule: "must be from 1 to 100"))
        XCTAssertEqual(Driver.refusal(["stop_pct": "60"]), ConfigError(field: "body.config.stop_pct", rule: "must be from 1 to 50"))
        XCTAssertNil(Driver.refusal(["divisions": "100", "target_pct": "1", "capital_pct": "100", "stop_pct": "50"]))
    }

    func testImpossibleInputPlacesNothing() throws {
        var driver = try Driver(settings)
        driver.quote = .nan
        XCTAssertEqual(try driver.close(series[0]), [])
        XCTAssertEqual(driver.strategy.state, state(capital: nil, spent: "0.0", units: "0.0", nil), "no cycle without a capital")
        driver.quote = 10_000
        var strategy = driver.strategy
        XCTAssertEqual(try strategy.candleClosed(series[0], symbol: 0, context: driver.context(price: 0)), [], "no price, no size")
        var held = driver.context(price: 10000)
        held.holdings[0].position = 20000
        XCTAssertEqual(try strategy.candleClosed(series[0], symbol: 0, context: held), [], "a position without an entry price")
        held.holdings[0].entryPrice = .nan
        XCTAssertEqual(try strategy.candleClosed(series[0], symbol: 0, context: held), [])
        XCTAssertThrowsError(try driver.close(Bar(start: 0, open: 100, high: 100, low: -1, close: 100, volume: 0)))
        XCTAssertThrowsError(try strategy.filled(StrategyFill(symbol: 0, side: .buy, quantity: 0, price: 10000, tag: 1, orderDone: true),
                                                 context: driver.context(price: 10000)))
    }

    func testRestoreRefusesAStateItDidNotWrite() throws {
        var strategy = try InfinityBotStrategy(config: Driver.config(settings), symbols: [Driver.testSpec])
        let states: [JSONValue] = [
            state(capital: "0", spent: "0", units: "0", nil),
            state(capital: "2000", spent: "-1", units: "0", nil),
            state(capital: "2000", spent: "nan", units: "0", nil),
            .object([JSONMember("cycle_capital", .null), JSONMember("spent", .number("0")), JSONMember("last_signal", .null)]),
            .object([JSONMember("cycle_capital", .string("2000")), JSONMember("spent", .number("0")), JSONMember("units_used", .number("0")),
                     JSONMember("last_signal", .null)]),
            .null,
        ]
        for state in states {
            XCTAssertThrowsError(try strategy.restore(state: state), "\(state)")
        }
    }
}
