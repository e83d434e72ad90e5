import Backends
import Primitives

/// One strategy instance as the host keeps it: what it is (id, type, name, symbols,
/// settings), whether it runs, its counters, the strategy itself while it runs, its open
/// orders with their tags, and the money it has put in and taken out (for its daily loss).
struct StrategyInstance {
    let id: String
    let type: any Strategy.Type
    var name: String
    let version: String
    let specs: [SymbolSpec]
    /// The quote asset its symbols are priced in (one for all).
    let quote: String
    var config: StrategyConfig
    var running = false
    var strategy: (any Strategy)?
    /// The strategy's state when it last stopped (or as stored), shown while it does not run.
    var savedState: JSONValue?
    var signalsGenerated = 0
    var ordersSubmitted = 0
    var ordersFilled = 0
    /// Market events of its symbols counted before the current run, and each symbol's event
    /// count when the run started (`marketDataProcessed` adds what came since).
    var processedBefore = 0
    var eventsAtStart: [Int] = []
    /// Its open orders: tag and symbol index, by order.
    var orders: [Identifier: (tag: Int, symbol: Int)] = [:]
    /// Orders dropped from `orders` since the host last handed out fills (no longer working, or
    /// the strategy stopped): their last fills may still wait in the exchange's queue, and must
    /// reach the strategy all the same. `StrategyHost.processFills` empties it once the queue is
    /// empty, which the market settles after every step.
    var retired: [Identifier: (tag: Int, symbol: Int)] = [:]
    /// Quote spent on buys (negative) and received from sells, fees included.
    var cash = 0.0
    /// The UTC day (days since the epoch) and its equity (cash + positions at the price) when
    /// that day's first decision came.
    var day = -1
    var dayStartEquity = 0.0
    var lastSignal: String?
    let createdAt: Int
    var updatedAt: Int
}
