import Foundation

/// A strategy instance as stored: what it trades, its configuration and its counters.
public struct StrategyRecord: Sendable, Equatable {
    /// The strategy's id (`grid_btc`).
    public var id: String
    /// The registered strategy type (`grid`, `rsi`, …).
    public var type: String
    /// The display name.
    public var name: String
    /// The version of the strategy type's code.
    public var version: String
    /// The symbols it trades (a JSON array in the database).
    public var symbols: [String]
    /// Its configuration, a JSON object as text. PostgreSQL gives JSONB back normalized, so
    /// compare parsed JSON rather than this text.
    public var config: String
    /// Whether it runs (and resumes after a restart).
    public var running: Bool
    /// Signals it has generated.
    public var signalsGenerated: Int
    /// Orders it has submitted.
    public var ordersSubmitted: Int
    /// Orders of it that filled.
    public var ordersFilled: Int
    /// Market events it has processed.
    public var marketDataProcessed: Int
    /// What it keeps between events, a JSON object as text (`{}` for a new strategy).
    public var state: String
    /// Epoch milliseconds.
    public var createdAt: Int
    /// Epoch milliseconds of the last change.
    public var updatedAt: Int

    /// A strategy record; counters start at zero unless given.
    public init(id: String, type: String, name: String, version: String, symbols: [String], config: String,
                running: Bool = false, signalsGenerated: Int = 0, ordersSubmitted: Int = 0, ordersFilled: Int = 0,
                marketDataProcessed: Int = 0, state: String = "{}", createdAt: Int, updatedAt: Int) {
        self.id = id
        self.type = type
        self.name = name
        self.version = version
        self.symbols = symbols
        self.config = config
        self.running = running
        self.signalsGenerated = signalsGenerated
        self.ordersSubmitted = ordersSubmitted
        self.ordersFilled = ordersFilled
        self.marketDataProcessed = marketDataProcessed
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: SQLRow) throws(StorageError) {
        let symbolsText = try row.string("symbols")
        guard let symbols = try? JSONDecoder().decode([String].self, from: Data(symbolsText.utf8)) else {
            throw .decoding(column: "symbols", reason: "'\(symbolsText)' is not a JSON array of strings")
        }
        self.init(
            id: try row.string("id"), type: try row.string("type"), name: try row.string("name"),
            version: try row.string("version"), symbols: symbols, config: try row.string("config"),
            running: try row.bool("running"), signalsGenerated: try row.int("signals_generated"),
            ordersSubmitted: try row.int("orders_submitted"), ordersFilled: try row.int("orders_filled"),
            marketDataProcessed: try row.int("market_data_processed"), state: try row.string("state"), createdAt: try row.int("created_at"),
            updatedAt: try row.int("updated_at"))
    }
}
