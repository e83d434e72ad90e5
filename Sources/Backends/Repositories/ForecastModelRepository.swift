/// The forecast model cache (`forecast_models`): one fitted model per symbol and timeframe,
/// replaced when the engine retrains it. The model text is opaque here and kept byte for byte.
public struct ForecastModelRepository {
    let connection: any SQLConnection
    private static let columns = "ticker, market, timeframe, data_end, candles, model, trained_at"

    /// The cached model of a symbol at a timeframe; nil when none is cached.
    public func find(ticker: String, market: String, timeframe: String) throws(StorageError) -> ForecastModelRecord? {
        try connection.query(
            "SELECT \(Self.columns) FROM forecast_models WHERE ticker = $1 AND market = $2 AND timeframe = $3",
            ticker, market, timeframe
        ).first.map(ForecastModelRecord.init)
    }

    /// Stores a model, replacing the one cached for the same symbol and timeframe. A model text
    /// holding a NUL character fails with `.constraintViolation` on both databases (the drivers
    /// refuse it: PostgreSQL's TEXT cannot hold one, and a cache entry must read back exactly as
    /// it was written).
    public func upsert(_ record: ForecastModelRecord) throws(StorageError) {
        try connection.execute(
            """
            INSERT INTO forecast_models (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (ticker, market, timeframe) DO UPDATE SET data_end = excluded.data_end, candles = excluded.candles,
            model = excluded.model, trained_at = excluded.trained_at
            """,
            record.ticker, record.market, record.timeframe, record.dataEnd, record.candles, record.model, record.trainedAt)
    }

    /// Deletes the cached model of a symbol at a timeframe (a corrupt one, say); returns whether
    /// there was one.
    @discardableResult
    public func delete(ticker: String, market: String, timeframe: String) throws(StorageError) -> Bool {
        try connection.execute(
            "DELETE FROM forecast_models WHERE ticker = $1 AND market = $2 AND timeframe = $3", ticker, market, timeframe) > 0
    }

    /// Deletes the cached models of a symbol at every timeframe; returns how many there were.
    @discardableResult
    public func deleteAll(ticker: String, market: String) throws(StorageError) -> Int {
        try connection.execute("DELETE FROM forecast_models WHERE ticker = $1 AND market = $2", ticker, market)
    }
}

extension Repositories {
    /// Cached forecast models, per symbol and timeframe.
    public var forecastModels: ForecastModelRepository { ForecastModelRepository(connection: connection) }
}
