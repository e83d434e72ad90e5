/// A fitted forecast model of one symbol at one timeframe (`forecast_models`), cached so that a
/// restart or another server instance does not train it again.
public struct ForecastModelRecord: Sendable, Equatable {
    /// Exchange ticker.
    public var ticker: String
    /// Market code.
    public var market: String
    /// The candle timeframe the model was fitted on, e.g. `1d`.
    public var timeframe: String
    /// The open (epoch ms) of the newest candle the model was fitted on.
    public var dataEnd: Int
    /// How many candles it was fitted on.
    public var candles: Int
    /// The model as the engine serialised it, kept byte for byte (even when it is not valid JSON),
    /// so that the engine can tell a corrupt entry and discard it.
    public var model: String
    /// When it was trained (epoch ms).
    public var trainedAt: Int

    /// A cached model.
    public init(ticker: String, market: String, timeframe: String, dataEnd: Int, candles: Int, model: String, trainedAt: Int) {
        self.ticker = ticker
        self.market = market
        self.timeframe = timeframe
        self.dataEnd = dataEnd
        self.candles = candles
        self.model = model
        self.trainedAt = trainedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            ticker: try row.string("ticker"), market: try row.string("market"), timeframe: try row.string("timeframe"),
            dataEnd: try row.int("data_end"), candles: try row.int("candles"), model: try row.string("model"),
            trainedAt: try row.int("trained_at"))
    }
}
