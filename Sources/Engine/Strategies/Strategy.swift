import Primitives

/// A trading strategy: it decides on closed candles of its timeframe and on the fills of its
/// own orders, and answers with intents (orders to place, orders to cancel). The engine
/// thread alone calls it; the host checks every intent (symbols, quantities, prices, risk)
/// before it becomes an order, and stops the strategy when it throws.
///
/// A type's whole state is what `state` returns: the host stores it with the orders the
/// strategy placed, so that after a restart `restore(state:)` resumes where it was.
public protocol Strategy {
    /// The type's name, version, settings and description.
    static var descriptor: StrategyDescriptor { get }

    /// A strategy trading `symbols` (at least one; as many as the type needs) with `config`.
    init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError)

    /// A new configuration, in effect from the next event.
    mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError)

    /// The strategy has just started (or resumed after a restart).
    mutating func started(_ context: StrategyContext) throws(StrategyError) -> [StrategyIntent]

    /// A candle of the timeframe closed for `symbol` (an index into the strategy's symbols).
    /// Before the strategy starts, the host warms it up with the candles that closed before
    /// (oldest first, `context.isWarmUp` true, the candle's close as the price, no balance):
    /// it updates its indicators then, and its intents are ignored.
    mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent]

    /// One of its orders filled, wholly or in part.
    mutating func filled(_ fill: StrategyFill, context: StrategyContext) throws(StrategyError) -> [StrategyIntent]

    /// Everything the strategy keeps between events, as JSON.
    var state: JSONValue { get }

    /// Takes back a `state` this type returned.
    mutating func restore(state: JSONValue) throws(StrategyError)
}

extension Strategy {
    public mutating func started(_ context: StrategyContext) throws(StrategyError) -> [StrategyIntent] { [] }

    public mutating func filled(_ fill: StrategyFill, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] { [] }
}

/// A strategy type as the registry lists it.
public struct StrategyDescriptor: Sendable {
    /// The spec's `StrategyType` value (`grid`).
    public let type: String
    public let name: String
    public let version: String
    public let description: String
    public let schema: ConfigSchema
    /// How many symbols it trades: `1...1` for single-symbol types.
    public let symbols: ClosedRange<Int>

    public init(type: String, name: String, version: String = "1.0.0", description: String, schema: ConfigSchema,
                symbols: ClosedRange<Int> = 1...1) {
        self.type = type
        self.name = name
        self.version = version
        self.description = description
        self.schema = schema
        self.symbols = symbols
    }
}

/// Why a strategy failed: a setting or symbol it cannot work with, a state it cannot read, or
/// a computation gone wrong (a NaN, an order it cannot size).
public struct StrategyError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
