import Primitives

/// Candles (`ohlcv`) and their per-series summary (`ohlcv_metadata`).
public struct CandleRepository {
    let connection: any SQLConnection

    /// Stores candles of one series, replacing any already stored at the same times, and
    /// refreshes the series summary (a bulk load of many batches refreshes once, at the end).
    /// Bulk path: COPY on PostgreSQL, one prepared insert on SQLite.
    public func replace(ticker: String, market: String, timeframe: String, candles: [CandleRecord], at time: Int,
                        refreshingSummary: Bool = true) throws(StorageError) {
        guard let first = candles.lazy.map(\.timestamp).min(), let last = candles.lazy.map(\.timestamp).max() else { return }
        try connection.execute(
            "DELETE FROM ohlcv WHERE ticker = $1 AND market = $2 AND timeframe = $3 AND ts BETWEEN $4 AND $5",
            ticker, market, timeframe, first, last)
        let rows = candles.map { candle -> [SQLValue] in
            [ticker.sqlValue, market.sqlValue, timeframe.sqlValue, candle.timestamp.sqlValue, candle.open.sqlValue,
             candle.high.sqlValue, candle.low.sqlValue, candle.close.sqlValue, candle.volume.sqlValue]
        }
        try connection.bulkInsert(
            table: "ohlcv", columns: ["ticker", "market", "timeframe", "ts", "open", "high", "low", "close", "volume"], rows: rows)
        if refreshingSummary { try refreshSummary(ticker: ticker, market: market, timeframe: timeframe, at: time) }
    }

    /// Recomputes `ohlcv_metadata` for one series (removing it when the series is empty).
    public func refreshSummary(ticker: String, market: String, timeframe: String, at time: Int) throws(StorageError) {
        let summary = try connection.query(
            "SELECT MIN(ts) AS first_ts, MAX(ts) AS last_ts, COUNT(*) AS n FROM ohlcv WHERE ticker = $1 AND market = $2 AND timeframe = $3",
            ticker, market, timeframe).first
        guard let summary, let count = try summary.optionalInt("n"), count > 0 else {
            try connection.execute(
                "DELETE FROM ohlcv_metadata WHERE ticker = $1 AND market = $2 AND timeframe = $3", ticker, market, timeframe)
            return
        }
        try connection.execute(
            """
            INSERT INTO ohlcv_metadata (ticker, market, timeframe, first_ts, last_ts, candle_count, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (ticker, market, timeframe) DO UPDATE SET first_ts = excluded.first_ts, last_ts = excluded.last_ts,
            candle_count = excluded.candle_count, updated_at = excluded.updated_at
            """,
            ticker, market, timeframe, try summary.int("first_ts"), try summary.int("last_ts"), count, time)
    }

    /// Candles of a series in `[from, to]`, oldest first, at most `limit` (the newest when
    /// `newest` is true, still returned oldest first).
    public func candles(ticker: String, market: String, timeframe: String, from: Int = Int.min, to: Int = Int.max,
                        limit: Int = 1000, newest: Bool = false) throws(StorageError) -> [CandleRecord] {
        let order = newest ? "DESC" : "ASC"
        let rows = try connection.query(
            """
            SELECT ts, open, high, low, close, volume FROM ohlcv
            WHERE ticker = $1 AND market = $2 AND timeframe = $3 AND ts >= $4 AND ts <= $5 ORDER BY ts \(order) LIMIT $6
            """, ticker, market, timeframe, Int64(clamping: from), Int64(clamping: to), limit)
        let candles = try rows.map { row throws(StorageError) in
            CandleRecord(
                timestamp: try row.int("ts"), open: try row.decimal("open"), high: try row.decimal("high"),
                low: try row.decimal("low"), close: try row.decimal("close"), volume: try row.decimal("volume"))
        }
        return newest ? candles.reversed() : candles
    }

    /// Every stored series.
    public func series() throws(StorageError) -> [CandleSeriesInfo] {
        try connection.query(
            "SELECT ticker, market, timeframe, first_ts, last_ts, candle_count FROM ohlcv_metadata ORDER BY ticker, market, timeframe")
            .map { row throws(StorageError) in
                CandleSeriesInfo(
                    ticker: try row.string("ticker"), market: try row.string("market"), timeframe: try row.string("timeframe"),
                    firstTimestamp: try row.int("first_ts"), lastTimestamp: try row.int("last_ts"), count: try row.int("candle_count"))
            }
    }
}

extension Repositories {
    /// Candles (`ohlcv`) and their series metadata.
    public var candles: CandleRepository { CandleRepository(connection: connection) }
}
