import XCTest
@testable import Engine
import Primitives

/// Drives one single-symbol strategy the way the host does, with a small exchange of its own:
/// candles close one minute apart (warm-up ones first, with `isWarmUp`), market orders fill
/// at once at the last price, limit orders rest in the context's open orders until a test
/// fills them, and every fill updates the position, the quote balance and the open orders
/// before the strategy hears of it. The symbol has 2 price digits and 4 quantity digits.
struct StrategyHarness<S: Strategy> {
    static var spec: SymbolSpec {
        SymbolSpec(key: SymbolKey("TEST-USDT")!, name: "Test / Tether", market: .crypto, prices: UnitScale(digits: 2),
                   quantities: UnitScale(digits: 4), source: .synthetic(seed: 1, startPrice: 10_000, sigma: 0.1))
    }

    var strategy: S
    var context: StrategyContext
    private var start = 1_700_000_000_000
    private var nextTag = 0

    init(_ strategy: S, quote: Double = 10_000) {
        self.strategy = strategy
        context = StrategyContext(time: start, holdings: [StrategyContext.Holding(spec: Self.spec, price: 0)],
                                  freeQuote: quote, totalQuote: quote)
    }

    /// A strategy of type `S` made from `json` (names or aliases) over the schema's defaults.
    static func make(_ json: [JSONMember] = []) throws -> S {
        let config = try S.descriptor.schema.validate(.object(json)).get()
        return try S(config: config, symbols: [spec])
    }

    /// `price` in ticks.
    static func ticks(_ price: Double) -> Int64 { Int64((price * 100).rounded()) }

    var position: Int64 { context.holdings[0].position }
    var openOrders: [StrategyContext.OpenOrder] { context.holdings[0].openOrders }

    /// A candle closing at `close` that opened at the last price (or at `close`), its high and
    /// low the larger and smaller of the two.
    mutating func candle(_ close: Double) -> Bar {
        let open = context.holdings[0].price > 0 ? context.holdings[0].price : Self.ticks(close)
        let closeTicks = Self.ticks(close)
        return Bar(start: start, open: open, high: max(open, closeTicks), low: min(open, closeTicks), close: closeTicks, volume: 1)
    }

    /// Closes warm-up candles at `closes`, checking that the strategy asks for nothing then.
    mutating func warmUp(_ closes: [Double], file: StaticString = #filePath, line: UInt = #line) throws {
        for close in closes {
            let intents = try closeBar(candle(close), warmUp: true)
            XCTAssertEqual(intents, [], "no intents during warm-up", file: file, line: line)
        }
    }

    /// Closes `bar` live (the context's price becomes its close) and carries out what the
    /// strategy asks; returns what it asked.
    mutating func close(_ bar: Bar) throws -> [StrategyIntent] {
        let intents = try closeBar(bar, warmUp: false)
        try carryOut(intents)
        return intents
    }

    /// Closes one live candle at each of `closes`, filling market orders at once; returns the
    /// intents by candle index, candles without any left out.
    mutating func run(_ closes: [Double]) throws -> [Int: [StrategyIntent]] {
        var result: [Int: [StrategyIntent]] = [:]
        for (index, close) in closes.enumerated() {
            let intents = try self.close(candle(close))
            if !intents.isEmpty { result[index] = intents }
        }
        return result
    }

    /// Starts the strategy and carries out what it asks.
    mutating func started() throws -> [StrategyIntent] {
        let intents = try strategy.started(context)
        try carryOut(intents)
        return intents
    }

    /// Fills `quantity` lots (all when nil) of the open order tagged `tag` at its limit; returns
    /// (and carries out) what the strategy answers.
    mutating func fillOrder(tag: Int, quantity: Int64? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> [StrategyIntent] {
        guard let index = openOrders.firstIndex(where: { $0.tag == tag }), let limit = openOrders[index].limit else {
            XCTFail("no open limit order tagged \(tag)", file: file, line: line)
            return []
        }
        let order = openOrders[index]
        let lots = quantity ?? order.remaining
        context.holdings[0].openOrders[index].remaining -= lots
        let done = context.holdings[0].openOrders[index].remaining == 0
        if done { context.holdings[0].openOrders.remove(at: index) }
        let answer = try fill(side: order.side, lots: lots, price: limit, tag: tag, done: done)
        try carryOut(answer)
        return answer
    }

    private mutating func closeBar(_ bar: Bar, warmUp: Bool) throws -> [StrategyIntent] {
        context.time = bar.start + 60_000
        context.holdings[0].price = bar.close
        context.isWarmUp = warmUp
        start += 60_000
        defer { context.isWarmUp = false }
        return try strategy.candleClosed(bar, symbol: 0, context: context)
    }

    /// Market orders fill at once at the last price; limit orders rest; cancels remove.
    private mutating func carryOut(_ intents: [StrategyIntent]) throws {
        for intent in intents {
            switch intent {
            case .cancel(_, let tag):
                context.holdings[0].openOrders.removeAll { tag == nil || $0.tag == tag }
            case .order(let signal) where signal.limit == nil:
                let answer = try fill(side: signal.side, lots: signal.quantity, price: context.holdings[0].price, tag: signal.tag, done: true)
                try carryOut(answer)
            case .order(let signal):
                context.holdings[0].openOrders.append(
                    StrategyContext.OpenOrder(side: signal.side, limit: signal.limit, remaining: signal.quantity, tag: signal.tag))
            }
        }
    }

    private mutating func fill(side: OrderSide, lots: Int64, price: Int64, tag: Int, done: Bool) throws -> [StrategyIntent] {
        let value = Double(lots) / 10_000 * Double(price) / 100
        var holding = context.holdings[0]
        if side == .buy {
            let cost = (holding.entryPrice ?? 0) * Double(holding.position) + Double(price) * Double(lots)
            holding.position += lots
            holding.entryPrice = cost / Double(holding.position)
            context.totalQuote -= value
        } else {
            holding.position -= lots
            if holding.position == 0 { holding.entryPrice = nil }
            context.totalQuote += value
        }
        context.freeQuote = context.totalQuote
        context.holdings[0] = holding
        return try strategy.filled(StrategyFill(symbol: 0, side: side, quantity: lots, price: price, tag: tag, orderDone: done), context: context)
    }
}

extension StrategyIntent {
    /// A market order of the test symbol.
    static func market(_ side: OrderSide, _ lots: Int64, _ reason: String, tag: Int = 0) -> StrategyIntent {
        .order(Signal(symbol: 0, kind: side == .buy ? .entry : .exit, side: side, quantity: lots, tag: tag, reason: reason))
    }

    /// A limit order of the test symbol at `price` (quote currency).
    static func limit(_ side: OrderSide, _ lots: Int64, at price: Double, tag: Int, _ reason: String) -> StrategyIntent {
        .order(Signal(symbol: 0, kind: side == .buy ? .entry : .exit, side: side, quantity: lots,
                      limit: Int64((price * 100).rounded()), tag: tag, reason: reason))
    }
}

extension JSONMember {
    /// A numeric config member.
    static func number(_ key: String, _ value: Double) -> JSONMember { JSONMember(key, .number(ConfigValue.number(value).text)) }
}

extension StrategyHarness {
    /// The restart check of a type that trades market orders: a first instance closes
    /// `warmUp` (warm-up) and `closes[..<split]`; a second is warmed with all of those, as
    /// the host warms one from stored candles, and takes the first's state. Both then close
    /// the rest: the second must give the same signals and end in the same state.
    static func assertRestoreResumes(_ config: [JSONMember], warmUp: [Double], closes: [Double], split: Int,
                                     file: StaticString = #filePath, line: UInt = #line) throws {
        var first = StrategyHarness(try make(config))
        try first.warmUp(warmUp)
        _ = try first.run(Array(closes[..<split]))
        let state = first.strategy.state

        var second = StrategyHarness(try make(config))
        second.context = first.context
        try second.warmUp(warmUp + closes[..<split])
        try second.strategy.restore(state: state)
        XCTAssertEqual(second.strategy.state, state, file: file, line: line)
        let rest = Array(closes[split...])
        let expected = try first.run(rest)
        XCTAssertFalse(expected.isEmpty, "the rest of the series trades", file: file, line: line)
        XCTAssertEqual(try second.run(rest), expected, file: file, line: line)
        XCTAssertEqual(second.strategy.state, first.strategy.state, file: file, line: line)
    }

    /// A reconfiguration in effect from the next candle: after `warmUp` and the live closes
    /// `before`, a close of `close` makes no signal under `config`, while an instance given
    /// `changed` just before that close answers it with `expected`.
    static func assertReconfigured(_ config: [JSONMember], to changed: [JSONMember], warmUp: [Double], before: [Double] = [],
                                   close: Double, expected: StrategyIntent, file: StaticString = #filePath, line: UInt = #line) throws {
        var unchanged = StrategyHarness(try make(config))
        try unchanged.warmUp(warmUp)
        XCTAssertEqual(try unchanged.run(before + [close]), [:], file: file, line: line)

        var reconfigured = StrategyHarness(try make(config))
        try reconfigured.warmUp(warmUp)
        XCTAssertEqual(try reconfigured.run(before), [:], file: file, line: line)
        try reconfigured.strategy.reconfigure(try S.descriptor.schema.validate(.object(changed)).get())
        XCTAssertEqual(try reconfigured.run([close]), [0: [expected]], file: file, line: line)
    }

    /// With the strategy about to buy at the close `entry` (its signal `expected`): a zero
    /// candle and one with a high below its low are skipped without a signal; a balance that
    /// is not a number, infinite or zero sizes no order; then the close of `entry` still buys.
    mutating func assertImpossibleInputMakesNoOrder(entry: Double, expected: StrategyIntent,
                                                    file: StaticString = #filePath, line: UInt = #line) throws {
        let ticks = Self.ticks(entry)
        XCTAssertEqual(try close(Bar(start: 0, open: 0, high: 0, low: 0, close: 0, volume: 0)), [], file: file, line: line)
        XCTAssertEqual(try close(Bar(start: 0, open: ticks, high: ticks - 100, low: ticks + 100, close: ticks, volume: 0)), [],
                       file: file, line: line)
        for balance in [Double.nan, .infinity, 0] {
            var broke = self
            broke.context.totalQuote = balance
            XCTAssertEqual(try broke.run([entry]), [:], "balance \(balance)", file: file, line: line)
        }
        XCTAssertEqual(try run([entry]), [0: [expected]], file: file, line: line)
        XCTAssertThrowsError(try strategy.candleClosed(candle(entry), symbol: 1, context: context), file: file, line: line)
    }
}

extension Result {
    /// The error, when this is a failure.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
