@testable import Engine
import Primitives
import XCTest

/// Drives a single-symbol strategy the way the host will: a context per event (the last
/// price, the strategy's position, average entry price and open orders, the quote balance),
/// warm-up candles first, then live closes; the fills of its orders fed back through
/// `filled` with the position updated. A tiny stand-in for the exchange, so a test can work
/// the fills out by hand: market orders fill at the close of the candle that asked for them
/// (unless `fillsMarketOrders` is off: then they stay open), a stop buy fills during the first
/// later candle whose high reaches it, at the stop (at the open when the candle opens above).
/// The quote balance stays where the test puts it, so order sizes are easy to check.
struct SingleSymbolDriver<S: Strategy> {
    private(set) var strategy: S
    let spec: SymbolSpec
    /// The quote asset's free and total balance.
    var quote = 10_000.0
    var fillsMarketOrders = true
    private(set) var position: Int64 = 0
    /// Σ lots × ticks of the position at its average cost: entry price = cost / position.
    private var cost = 0.0
    /// The strategy's orders not filled yet.
    private(set) var open: [Signal] = []

    /// Two price digits (ticks of 0.01) and four quantity digits (lots of 0.0001).
    static var testSpec: SymbolSpec {
        SymbolSpec(key: SymbolKey("TEST-USDT")!, name: "Test / Tether", market: .crypto, prices: UnitScale(digits: 2),
                   quantities: UnitScale(digits: 4), source: .synthetic(seed: 1, startPrice: 10_000, sigma: 0.1))
    }

    /// The type's configuration: its defaults, with `settings` (JSON number text) over them.
    static func config(_ settings: KeyValuePairs<String, String> = [:]) throws -> StrategyConfig {
        try S.descriptor.schema.validate(.object(settings.map { JSONMember($0.key, .number($0.value)) })).get()
    }

    /// Why the schema refuses `settings`; nil when it takes them.
    static func refusal(_ settings: KeyValuePairs<String, String>) -> ConfigError? {
        guard case .failure(let error) = S.descriptor.schema.validate(.object(settings.map { JSONMember($0.key, .number($0.value)) }))
        else { return nil }
        return error
    }

    init(_ settings: KeyValuePairs<String, String> = [:], spec: SymbolSpec = Self.testSpec) throws {
        try self.init(S(config: Self.config(settings), symbols: [spec]), spec: spec)
    }

    init(_ strategy: S, spec: SymbolSpec = Self.testSpec) {
        self.strategy = strategy
        self.spec = spec
    }

    /// What the strategy sees at `price` (ticks).
    func context(price: Int64, time: Int = 0, warmUp: Bool = false) -> StrategyContext {
        let orders = open.map { StrategyContext.OpenOrder(side: $0.side, limit: $0.limit, remaining: $0.quantity, tag: $0.tag) }
        let holding = StrategyContext.Holding(spec: spec, price: price, position: position,
                                              entryPrice: position > 0 ? cost / Double(position) : nil, openOrders: orders)
        return StrategyContext(time: time, holdings: [holding], freeQuote: quote, totalQuote: quote, isWarmUp: warmUp)
    }

    /// Warm-up closes; returns whatever the strategy asked for (the host would drop it).
    mutating func warmUp(_ bars: [Bar]) throws -> [StrategyIntent] {
        var intents: [StrategyIntent] = []
        for bar in bars {
            intents += try strategy.candleClosed(bar, symbol: 0, context: context(price: bar.close, time: bar.start, warmUp: true))
        }
        return intents
    }

    /// Live closes: the intents of each, in order.
    mutating func run(_ bars: [Bar]) throws -> [[StrategyIntent]] {
        var intents: [[StrategyIntent]] = []
        for bar in bars { intents.append(try close(bar)) }
        return intents
    }

    /// One live close: stops the candle reached fill first, then the strategy decides, then its
    /// intents are carried out.
    mutating func close(_ bar: Bar) throws -> [StrategyIntent] {
        for signal in open where signal.stop.map({ bar.high >= $0 }) ?? false {
            open.removeAll { $0 == signal }
            try fill(signal, quantity: signal.quantity, price: max(signal.stop!, bar.open), done: true)
        }
        let intents = try strategy.candleClosed(bar, symbol: 0, context: context(price: bar.close, time: bar.start))
        for intent in intents {
            switch intent {
            case .cancel(_, let tag):
                open.removeAll { tag == nil || $0.tag == tag }
            case .order(let signal) where signal.limit == nil && signal.stop == nil && fillsMarketOrders:
                try fill(signal, quantity: signal.quantity, price: bar.close, done: true)
            case .order(let signal):
                open.append(signal)
            }
        }
        return intents
    }

    /// A fill of `signal`'s order: the position changes, then the strategy hears of it.
    mutating func fill(_ signal: Signal, quantity: Int64, price: Int64, done: Bool) throws {
        switch signal.side {
        case .buy:
            position += quantity
            cost += Double(quantity) * Double(price)
        case .sell:
            XCTAssertLessThanOrEqual(quantity, position, "a spot strategy sold more than it holds")
            cost -= cost * Double(quantity) / Double(position)
            position -= quantity
        }
        let fill = StrategyFill(symbol: 0, side: signal.side, quantity: quantity, price: price, tag: signal.tag, orderDone: done)
        _ = try strategy.filled(fill, context: context(price: price))
    }

    /// The open order tagged `tag` fills, wholly or in part, at `price`.
    mutating func fillOpen(tag: Int, quantity: Int64, price: Int64) throws {
        let index = try XCTUnwrap(open.firstIndex { $0.tag == tag }, "no open order tagged \(tag)")
        let signal = open[index]
        if quantity >= signal.quantity { open.remove(at: index) } else { open[index].quantity -= quantity }
        try fill(signal, quantity: quantity, price: price, done: quantity >= signal.quantity)
    }

    /// New settings over the defaults, in effect from the next event.
    mutating func reconfigure(_ settings: KeyValuePairs<String, String>) throws {
        try strategy.reconfigure(Self.config(settings))
    }

    /// Sets the position (as the host would have restored it): `lots` bought at `price` ticks.
    mutating func hold(_ lots: Int64, at price: Int64) {
        position = lots
        cost = Double(lots) * Double(price)
    }

    /// Takes back a saved state (as after a restart, over the position the host restored).
    mutating func restore(_ state: JSONValue) throws {
        try strategy.restore(state: state)
    }

    /// A restart: this driver (same position, same open orders, as the host restores them)
    /// with a new instance of the strategy that took back this one's state.
    func restarted(_ settings: KeyValuePairs<String, String> = [:]) throws -> Self {
        var fresh = try S(config: Self.config(settings), symbols: [spec])
        try fresh.restore(state: strategy.state)
        XCTAssertEqual(fresh.state, strategy.state, "state, restore, state again: the same")
        var copy = self
        copy.strategy = fresh
        return copy
    }
}

/// Candles from rows of (open, high, low, close) in the quote currency, 0.01 ticks, one a day
/// from `day` on.
func dailyCandles(_ rows: [(Double, Double, Double, Double)], from day: Int = 0) -> [Bar] {
    rows.enumerated().map { index, row in
        Bar(start: (day + index) * 86_400_000, open: Int64((row.0 * 100).rounded()), high: Int64((row.1 * 100).rounded()),
            low: Int64((row.2 * 100).rounded()), close: Int64((row.3 * 100).rounded()), volume: 1)
    }
}

/// The candle that only trades at `price`.
func flatCandle(_ price: Double, day: Int = 0) -> Bar { dailyCandles([(price, price, price, price)], from: day)[0] }
