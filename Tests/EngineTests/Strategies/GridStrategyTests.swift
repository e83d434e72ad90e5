import XCTest
@testable import Engine
import Primitives

/// Grid trading worked by hand. Unless a test says otherwise: spacing 1% of the anchor, 3
/// levels a side, 10% of the total quote balance (10,000) a level, 2 candles before the
/// first grid, reset 5% beyond the outermost level. Around an anchor of 100.00 the spacing
/// is 1.00 and levels −3…3 are 97, 98, 99, 100, 101, 102, 103; every level's order is
/// 10,000 × 10% / 100 = 10 units = 100000 lots (4 quantity digits).
final class GridStrategyTests: XCTestCase {
    typealias Harness = StrategyHarness<GridStrategy>

    static let config: [JSONMember] = [.number("spacing_pct", 1), .number("levels", 3), .number("order_pct", 10), .number("warmup_candles", 2)]

    static func around100(_ level: Int, _ side: OrderSide, at price: Double) -> StrategyIntent {
        .limit(side, 100_000, at: price, tag: level, "grid around 100.00; level \(level) \(side == .buy ? "buy" : "sell") at \(price.formatted2)")
    }

    /// A grid placed at the close of the second candle (the first one a warm-up candle).
    func placed() throws -> Harness {
        var harness = Harness(try Harness.make(Self.config))
        try harness.warmUp([100])
        XCTAssertEqual(try harness.run([100]), [0: [
            Self.around100(-1, .buy, at: 99), Self.around100(-2, .buy, at: 98), Self.around100(-3, .buy, at: 97),
        ]])
        return harness
    }

    /// Buys at −1 and −2 fill (the price falls to 98): each is answered by a sell one level up
    /// (0 at 100.00, −1 at 99.00). The price comes back: the sell at −1 fills and is answered by
    /// a buy at −2, the sell at 0 by a buy at −1 — the grid is as it was placed, flat again.
    func testEveryFillIsAnsweredOneLevelAway() throws {
        var harness = try placed()
        XCTAssertEqual(try harness.fillOrder(tag: -1), [.limit(.sell, 100_000, at: 100, tag: 0, "level -1 buy filled at 99.00; level 0 sell at 100.00")])
        XCTAssertEqual(try harness.fillOrder(tag: -2), [.limit(.sell, 100_000, at: 99, tag: -1, "level -2 buy filled at 98.00; level -1 sell at 99.00")])
        XCTAssertEqual(harness.position, 200_000)
        XCTAssertEqual(try harness.run([98.5]), [:])
        XCTAssertEqual(try harness.fillOrder(tag: -1), [.limit(.buy, 100_000, at: 98, tag: -2, "level -1 sell filled at 99.00; level -2 buy at 98.00")])
        XCTAssertEqual(try harness.fillOrder(tag: 0), [.limit(.buy, 100_000, at: 99, tag: -1, "level 0 sell filled at 100.00; level -1 buy at 99.00")])
        XCTAssertEqual(harness.position, 0)
        XCTAssertEqual(Set(harness.openOrders.map(\.tag)), [-1, -2, -3])
        XCTAssertEqual(harness.context.totalQuote, 10_000 + 10 * (100 + 99 - 99 - 98), accuracy: 1e-9, "two level spacings earned")
    }

    func testOnlyADoneOrderIsAnswered() throws {
        var harness = try placed()
        XCTAssertEqual(try harness.fillOrder(tag: -1, quantity: 40_000), [])
        XCTAssertEqual(try harness.fillOrder(tag: -1), [.limit(.sell, 100_000, at: 100, tag: 0, "level -1 buy filled at 99.00; level 0 sell at 100.00")])
    }

    /// The sell at 0 done while the sell at −1 is still open: the buy it calls for at −1 would
    /// be a second order on that level, so there is none.
    func testNoSecondOrderOnALevel() throws {
        var harness = try placed()
        _ = try harness.fillOrder(tag: -1)
        _ = try harness.fillOrder(tag: -2)
        XCTAssertEqual(try harness.fillOrder(tag: 0), [])
        XCTAssertEqual(harness.openOrders.map(\.tag).sorted(), [-3, -1])
    }

    /// Levels 97…103: 108.14 is within 5% of the top (103 × 1.05 = 108.15); 108.20 is beyond,
    /// so everything is cancelled and the grid placed around 108.20: spacing 1.082, buys at
    /// 107.118 → 107.12, 106.036 → 106.04, 104.954 → 104.95; 1000 / 108.2 = 9.24214… → 92421 lots.
    func testACloseFarAboveTheTopResetsTheGrid() throws {
        var harness = try placed()
        XCTAssertEqual(try harness.run([108.14]), [:])
        let why = "reset: close 108.20 above top level 103.00 by more than 5%"
        XCTAssertEqual(try harness.run([108.2]), [0: [
            .cancel(symbol: 0, tag: nil),
            .limit(.buy, 92_421, at: 107.12, tag: -1, "\(why); level -1 buy at 107.12"),
            .limit(.buy, 92_421, at: 106.04, tag: -2, "\(why); level -2 buy at 106.04"),
            .limit(.buy, 92_421, at: 104.95, tag: -3, "\(why); level -3 buy at 104.95"),
        ]])
    }

    /// All three buys fill (the sells they call for rest at 100, 99, 98); the balance is
    /// 10,000 − 990 − 980 − 970 = 7060. A close of 92.00 is below 97 × 0.95 = 92.15: the grid is
    /// placed around 92 (spacing 0.92, 706 / 92 = 7.6739… → 76739 lots): buys at 91.08, 90.16,
    /// 89.24, and the 300000 lots held (the old sells cancelled) cover three sell levels at
    /// 92.92, 93.84, 94.76.
    func testACloseFarBelowTheBottomResetsWithSellsForThePosition() throws {
        var harness = try placed()
        for tag in [-1, -2, -3] { _ = try harness.fillOrder(tag: tag) }
        let why = "reset: close 92.00 below bottom level 97.00 by more than 5%"
        XCTAssertEqual(try harness.run([92]), [0: [
            .cancel(symbol: 0, tag: nil),
            .limit(.buy, 76_739, at: 91.08, tag: -1, "\(why); level -1 buy at 91.08"),
            .limit(.buy, 76_739, at: 90.16, tag: -2, "\(why); level -2 buy at 90.16"),
            .limit(.buy, 76_739, at: 89.24, tag: -3, "\(why); level -3 buy at 89.24"),
            .limit(.sell, 76_739, at: 92.92, tag: 1, "\(why); level 1 sell at 92.92"),
            .limit(.sell, 76_739, at: 93.84, tag: 2, "\(why); level 2 sell at 93.84"),
            .limit(.sell, 76_739, at: 94.76, tag: 3, "\(why); level 3 sell at 94.76"),
        ]])
        XCTAssertEqual(harness.openOrders.count, 6)
    }

    /// A position of 250000 lots covers two whole levels of 100000: sells at 101 and 102.
    func testAPlacedGridSellsAsManyLevelsAsThePositionCovers() throws {
        var harness = Harness(try Harness.make(Self.config))
        harness.context.holdings[0].position = 250_000
        try harness.warmUp([100])
        XCTAssertEqual(try harness.run([100]), [0: [
            Self.around100(-1, .buy, at: 99), Self.around100(-2, .buy, at: 98), Self.around100(-3, .buy, at: 97),
            Self.around100(1, .sell, at: 101), Self.around100(2, .sell, at: 102),
        ]])
    }

    /// ATR(3) spacing × 2, no warm-up candles: nothing until the ATR exists. True ranges: 101 −
    /// 99 = 2; max(102 − 100, |102 − 100|, |100 − 100|) = 2; max(101.5 − 100, |101.5 − 101|,
    /// |100 − 101|) = 1.5; ATR = 5.5 / 3 = 1.8333, spacing 3.6667 around 101: buys at 97.33,
    /// 93.67, 90.00; 1000 / 101 = 9.90099… → 99009 lots.
    func testATRSpacingWaitsForTheATR() throws {
        var harness = Harness(try Harness.make([.number("levels", 3), .number("order_pct", 10), .number("warmup_candles", 0),
                                                JSONMember("use_atr", .bool(true)), .number("atr_period", 3), .number("atr_multiplier", 2)]))
        XCTAssertEqual(try harness.close(Self.bar(0, 100, 101, 99, 100)), [])
        XCTAssertEqual(try harness.close(Self.bar(1, 100, 102, 100, 101)), [])
        let why = "grid around 101.00"
        XCTAssertEqual(try harness.close(Self.bar(2, 101, 101.5, 100, 101)), [
            .limit(.buy, 99_009, at: 97.33, tag: -1, "\(why); level -1 buy at 97.33"),
            .limit(.buy, 99_009, at: 93.67, tag: -2, "\(why); level -2 buy at 93.67"),
            .limit(.buy, 99_009, at: 90, tag: -3, "\(why); level -3 buy at 90.00"),
        ])
        XCTAssertEqual(harness.strategy.state["spacing"], .number(String(5.5 / 3 * 2)))
    }

    func testStartedPlacesTheGridOnceWarmedUp() throws {
        var notReady = Harness(try Harness.make(Self.config))
        try notReady.warmUp([100])
        XCTAssertEqual(try notReady.started(), [])

        var ready = Harness(try Harness.make(Self.config))
        try ready.warmUp([99, 100])
        XCTAssertEqual(try ready.started(), [
            Self.around100(-1, .buy, at: 99), Self.around100(-2, .buy, at: 98), Self.around100(-3, .buy, at: 97),
        ])
        XCTAssertEqual(try ready.started(), [], "a placed grid whose orders are open is not placed again")

        var immediate = Harness(try Harness.make(Array(Self.config.dropLast()) + [.number("warmup_candles", 0)]))
        immediate.context.holdings[0].price = 10_000
        XCTAssertEqual(try immediate.started(), [
            Self.around100(-1, .buy, at: 99), Self.around100(-2, .buy, at: 98), Self.around100(-3, .buy, at: 97),
        ])
    }

    /// The state after one fill, restored into a new instance (before its warm-up, which
    /// replays the same two candles and must not count them again): starting it places
    /// nothing while every kept order is open, and only the missing one when one is not.
    func testRestartPlacesOnlyMissingOrders() throws {
        var first = try placed()
        _ = try first.fillOrder(tag: -1)
        let state = first.strategy.state
        XCTAssertEqual(state, .object([
            JSONMember("built", .bool(true)),
            JSONMember("anchor", .number("100.0")),
            JSONMember("spacing", .number("1.0")),
            JSONMember("level_lots", .number("100000")),
            JSONMember("orders", .array([Self.kept(-3, "Buy"), Self.kept(-2, "Buy"), Self.kept(0, "Sell")])),
            JSONMember("candles_seen", .number("2")),
            JSONMember("last_candle", .number("1700000060000")),
            JSONMember("rebuild", .bool(false)),
            JSONMember("last_signal", .string("level -1 buy filled at 99.00; level 0 sell at 100.00")),
        ]))

        var second = Harness(try Harness.make(Self.config))
        try second.strategy.restore(state: state)
        second.context = first.context
        try second.warmUp([100, 100])
        XCTAssertEqual(second.strategy.state, state)
        XCTAssertEqual(try second.started(), [])

        var missing = second
        missing.context.holdings[0].openOrders.removeAll { $0.tag == -3 }
        XCTAssertEqual(try missing.started(), [.limit(.buy, 100_000, at: 97, tag: -3, "resumed, level had no open order; level -3 buy at 97.00")])

        XCTAssertEqual(try second.fillOrder(tag: -2), try first.fillOrder(tag: -2))
        XCTAssertEqual(try second.run([92]), try first.run([92]))
        XCTAssertEqual(second.strategy.state, first.strategy.state)
    }

    func testRestoreRefusesAnythingButItsState() throws {
        var strategy = try Harness.make(Self.config)
        let good = try placed().strategy.state
        func changed(_ key: String, _ value: JSONValue) -> JSONValue {
            guard case .object(let members) = good else { return good }
            return .object(members.map { $0.key == key ? JSONMember(key, value) : $0 })
        }
        for bad in [
            changed("anchor", .null), changed("level_lots", .number("0")), changed("candles_seen", .number("-1")),
            changed("orders", .array([Self.kept(-1, "Hold")])), changed("orders", .array([Self.kept(-1, "Buy"), Self.kept(-1, "Sell")])),
            changed("built", .string("yes")), .object([]), .array([]),
        ] {
            XCTAssertThrowsError(try strategy.restore(state: bad), "\(bad)")
            XCTAssertEqual(strategy.state["built"], .bool(false), "a refused state changes nothing")
        }
        try strategy.restore(state: good)
        XCTAssertEqual(strategy.state, good)
    }

    /// Spacing changed to 2%: at the next close (100.50) the grid is cancelled and placed
    /// again, spacing 2.01: buys at 98.49, 96.48, 94.47; 1000 / 100.5 = 9.95024… → 99502 lots.
    /// A changed reset threshold does not move the grid.
    func testASettingThatShapesTheGridPlacesItAgainAtTheNextClose() throws {
        var harness = try placed()
        let schema = GridStrategy.descriptor.schema
        try harness.strategy.reconfigure(try schema.validate(.object(Self.config + [.number("reset_threshold_pct", 10)])).get())
        XCTAssertEqual(try harness.run([100.5]), [:])
        try harness.strategy.reconfigure(try schema.validate(.object(Array(Self.config.dropFirst()) + [.number("spacing_pct", 2)])).get())
        XCTAssertEqual(harness.strategy.state["rebuild"], .bool(true))
        let why = "settings changed, grid around 100.50"
        XCTAssertEqual(try harness.run([100.5]), [0: [
            .cancel(symbol: 0, tag: nil),
            .limit(.buy, 99_502, at: 98.49, tag: -1, "\(why); level -1 buy at 98.49"),
            .limit(.buy, 99_502, at: 96.48, tag: -2, "\(why); level -2 buy at 96.48"),
            .limit(.buy, 99_502, at: 94.47, tag: -3, "\(why); level -3 buy at 94.47"),
        ]])
        XCTAssertEqual(harness.strategy.state["rebuild"], .bool(false))
        XCTAssertThrowsError(try harness.strategy.reconfigure(try schema.validate(.object([.number("levels", 20), .number("order_pct", 10)])).get()))
    }

    func testConfigurationRulesAndAliases() throws {
        let schema = GridStrategy.descriptor.schema
        let config = try schema.validate(.object([.number("grid_spacing_pct", 0.5), .number("grid_levels", 10)])).get()
        XCTAssertEqual(config.number("spacing_pct"), 0.5)
        XCTAssertEqual(config.integer("levels"), 10)
        XCTAssertEqual(schema.defaults.number("spacing_pct"), 0.2)
        XCTAssertEqual(schema.defaults.integer("levels"), 15)
        XCTAssertEqual(schema.defaults.number("order_pct"), 1)
        XCTAssertEqual(schema.validate(.object([.number("grid_levels", 21)])).failure,
                       ConfigError(field: "body.config.grid_levels", rule: "must be from 1 to 20"))
        XCTAssertEqual(schema.validate(.object([.number("spacing_pct", 0.05)])).failure,
                       ConfigError(field: "body.config.spacing_pct", rule: "must be from 0.1 to 10"))
        XCTAssertEqual(schema.validate(.object([.number("warmup_candles", 501)])).failure,
                       ConfigError(field: "body.config.warmup_candles", rule: "must be from 0 to 500"))
        XCTAssertThrowsError(try Harness.make([.number("levels", 20), .number("order_pct", 10)])) { error in
            XCTAssertEqual(error as? StrategyError, StrategyError("levels (20) × order_pct (10) is 200% of the balance; it must be at most 100%"))
        }
    }

    /// No grid from a balance that is not a number, or from a zero candle (which does not count
    /// toward the warm-up either); the next sound candle places it.
    func testImpossibleInputNeverMakesAnOrder() throws {
        var harness = Harness(try Harness.make(Self.config))
        try harness.warmUp([100])
        XCTAssertEqual(try harness.close(Bar(start: 1_800_000_000_000, open: 0, high: 0, low: 0, close: 0, volume: 0)), [])
        XCTAssertEqual(harness.strategy.state["candles_seen"], .number("1"))
        harness.context.totalQuote = .nan
        XCTAssertEqual(try harness.run([100]), [:])
        XCTAssertEqual(harness.strategy.state["built"], .bool(false))
        harness.context.totalQuote = 10_000
        XCTAssertEqual(try harness.run([100]), [0: [
            Self.around100(-1, .buy, at: 99), Self.around100(-2, .buy, at: 98), Self.around100(-3, .buy, at: 97),
        ]])
        XCTAssertThrowsError(try harness.strategy.filled(StrategyFill(symbol: 2, side: .buy, quantity: 1, price: 1, tag: -1, orderDone: true),
                                                         context: harness.context))
    }

    static func kept(_ level: Int, _ side: String) -> JSONValue {
        .object([JSONMember("level", .number(String(level))), JSONMember("side", .string(side))])
    }

    /// Candle `index` (a minute apart) with prices in the quote currency.
    static func bar(_ index: Int, _ open: Double, _ high: Double, _ low: Double, _ close: Double) -> Bar {
        Bar(start: 1_700_000_000_000 + index * 60_000, open: Harness.ticks(open), high: Harness.ticks(high), low: Harness.ticks(low),
            close: Harness.ticks(close), volume: 1)
    }
}

extension Double {
    /// The price with two decimals, as reasons write it.
    var formatted2: String { ReasonText.number(self) }
}
