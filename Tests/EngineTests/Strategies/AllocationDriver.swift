@testable import Engine
import Primitives
import XCTest

/// Runs an allocation strategy as the host does, over a small paper account: candles of a
/// period arrive one symbol at a time (the context's price of a symbol is its last close),
/// market orders fill at once at the last price, and the fills go back through `filled`.
/// Symbols have 2 price digits and 4 quantity digits; the quote balance starts at `cash`.
struct AllocationDriver<S: Strategy> {
    static var day: Int { 86_400_000 }

    var strategy: S
    let specs: [SymbolSpec]
    private(set) var prices: [Int64]
    private(set) var positions: [Int64]
    private(set) var cash: Double
    /// Balances the host would report (NaN to test a broken one).
    var totalQuote: Double?
    /// An order of the symbol still open, as the host would report it.
    var openOrders: [Int: StrategyContext.OpenOrder] = [:]

    init(_ strategy: S, specs: [SymbolSpec], cash: Double) {
        self.strategy = strategy
        self.specs = specs
        prices = Array(repeating: 0, count: specs.count)
        positions = Array(repeating: 0, count: specs.count)
        self.cash = cash
    }

    /// A crypto symbol priced in USDT, 0.01 a tick and 0.0001 a lot.
    static func spec(_ base: String) -> SymbolSpec {
        SymbolSpec(key: SymbolKey("\(base)-USDT")!, name: base, market: .crypto, prices: UnitScale(digits: 2),
                   quantities: UnitScale(digits: 4), source: .synthetic(seed: 1, startPrice: 100, sigma: 0.1))
    }

    /// `json` checked against the type's schema, and the strategy made with it.
    static func make(_ json: String, symbols: [SymbolSpec]) throws -> S {
        let config = try S.descriptor.schema.validate(JSONParser.parse(json)).get()
        return try S(config: config, symbols: symbols)
    }

    /// Why the type's schema refuses `json`; nil when it takes it.
    static func configError(_ json: String) throws -> ConfigError? {
        if case .failure(let error) = S.descriptor.schema.validate(try JSONParser.parse(json)) { return error }
        return nil
    }

    /// The strategy's view now.
    func context(warmUp: Bool = false) -> StrategyContext {
        let holdings = specs.indices.map {
            StrategyContext.Holding(spec: specs[$0], price: prices[$0], position: positions[$0], openOrders: openOrders[$0].map { [$0] } ?? [])
        }
        // Warm-up contexts carry no balance, as the host's.
        let total = warmUp ? 0 : totalQuote ?? cash
        return StrategyContext(time: 0, holdings: holdings, freeQuote: total, totalQuote: total, isWarmUp: warmUp)
    }

    /// The candle of `symbol` for period `period` (a day from 0), all its prices `close`.
    static func bar(_ period: Int, _ close: Double) -> Bar {
        let ticks = Int64((close * 100).rounded())
        return Bar(start: period * day, open: ticks, high: ticks, low: ticks, close: ticks, volume: 10_000)
    }

    /// Candles the host replays before the strategy starts; none may ask for anything.
    mutating func warmUp(_ period: Int, _ closes: [Double], file: StaticString = #filePath, line: UInt = #line) throws {
        for (symbol, close) in closes.enumerated() {
            prices[symbol] = Self.bar(period, close).close
            let intents = try strategy.candleClosed(Self.bar(period, close), symbol: symbol, context: context(warmUp: true))
            XCTAssertEqual(intents, [], "warm-up candle of period \(period), symbol \(symbol)", file: file, line: line)
        }
    }

    /// The live candles of `period`, one symbol after another: returns the intents of the
    /// last (the one that completes the period) and fails if an earlier one asked for
    /// anything. Orders fill in full at the last price and are reported through `filled`.
    mutating func period(_ period: Int, _ closes: [Double], file: StaticString = #filePath, line: UInt = #line) throws
        -> [StrategyIntent] {
        var intents: [StrategyIntent] = []
        for (symbol, close) in closes.enumerated() {
            prices[symbol] = Self.bar(period, close).close
            intents = try strategy.candleClosed(Self.bar(period, close), symbol: symbol, context: context())
            if symbol < closes.count - 1 {
                XCTAssertEqual(intents, [], "candle of period \(period), symbol \(symbol), before the period is complete",
                               file: file, line: line)
            }
        }
        for case .order(let signal) in intents {
            fill(signal)
            let fill = StrategyFill(symbol: signal.symbol, side: signal.side, quantity: signal.quantity, price: prices[signal.symbol],
                                    tag: signal.tag, orderDone: true)
            let answer = try strategy.filled(fill, context: context())
            XCTAssertEqual(answer, [], "fill of \(signal)", file: file, line: line)
        }
        return intents
    }

    private mutating func fill(_ signal: Signal) {
        let value = Double(signal.quantity) / 10_000 * Double(prices[signal.symbol]) / 100
        positions[signal.symbol] += signal.side.sign * signal.quantity
        cash -= Double(signal.side.sign) * value
    }

    /// A market buy (Entry) of `lots` of `symbol`, tagged with its index.
    static func buy(_ symbol: Int, _ lots: Int64, _ reason: String) -> StrategyIntent {
        .order(Signal(symbol: symbol, kind: .entry, side: .buy, quantity: lots, tag: symbol, reason: reason))
    }

    /// A market sell (Exit) of `lots` of `symbol`, tagged with its index.
    static func sell(_ symbol: Int, _ lots: Int64, _ reason: String) -> StrategyIntent {
        .order(Signal(symbol: symbol, kind: .exit, side: .sell, quantity: lots, tag: symbol, reason: reason))
    }
}
