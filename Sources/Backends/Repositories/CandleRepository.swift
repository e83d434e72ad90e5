import Primitives

/// Candles (`ohlcv`) and their per-series summary (`ohlcv_metadata`).
public struct CandleRepository {
    /// Candles one `upsert` statement carries (nine parameters each, well inside SQLite's limit).
    private static let upsertChunkSize = 100

    let connection: any SQLConnection

    /// The id of the series named by $1 (ticker), $2 (market) and $3 (timeframe), as a scalar
    /// subquery: NULL, so matching no candle, for a series never stored.
    private static let seriesOfKey = "(\(findSeries))"

    /// The id of the series named by $1, $2 and $3.
    private static let findSeries = "SELECT id FROM ohlcv_series WHERE ticker = $1 AND market = $2 AND timeframe = $3"

    /// The id of a series in `ohlcv_series`, made on its first use. Two writers making the
    /// same series at once both get the one id (the second insert does nothing).
    func seriesID(ticker: String, market: String, timeframe: String) throws(StorageError) -> Int {
        if let id = try connection.query(Self.findSeries, ticker, market, timeframe).first?.int("id") { return id }
        try connection.execute(
            "INSERT INTO ohlcv_series (ticker, market, timeframe) VALUES ($1, $2, $3) ON CONFLICT (ticker, market, timeframe) DO NOTHING",
            ticker, market, timeframe)
        guard let id = try connection.query(Self.findSeries, ticker, market, timeframe).first?.int("id") else {
            throw .failed(message: "the candle series \(ticker)/\(market)/\(timeframe) has no id", statement: Self.findSeries)
        }
        return id
    }

    /// Stores candles of one series, replacing any already stored at the same times, and
    /// refreshes the series summary with its `source` (a `CandleSource` value; a bulk load
    /// of many batches refreshes once, at the end). Bulk path (`CandleBulkRows`): COPY on
    /// PostgreSQL, cached multi-row inserts on SQLite.
    public func replace(ticker: String, market: String, timeframe: String, candles: [CandleRecord], at time: Int,
                        refreshingSummary: Bool = true, source: String = CandleSource.real) throws(StorageError) {
        guard let first = candles.lazy.map(\.timestamp).min(), let last = candles.lazy.map(\.timestamp).max() else { return }
        let series = try seriesID(ticker: ticker, market: market, timeframe: timeframe)
        try connection.execute("DELETE FROM ohlcv WHERE series_id = $1 AND ts BETWEEN $2 AND $3", series, first, last)
        try connection.bulkInsert(table: "ohlcv", columns: CandleBulkRows.columns, rows: CandleBulkRows(series: series, candles: candles))
        if refreshingSummary { try refreshSummary(ticker: ticker, market: market, timeframe: timeframe, at: time, source: source) }
    }

    /// Stores live candles of any series: each is inserted, or rewritten in place when its
    /// series already holds a candle at the same time (the forming candle of the engine's
    /// feed is written many times). Within `candles` the last write of a candle wins.
    ///
    /// The summary stays exact without counting whole series: only the candles that were
    /// new are added to `candle_count`, with one metadata statement per series touched. A
    /// series without a summary yet is counted once and gets source `live`; an existing
    /// series keeps its source (live candles continuing real history do not make it live).
    /// Meant for one `Backend.write` per batch of up to a few hundred candles.
    public func upsert(_ candles: [SeriesCandle], at time: Int) throws(StorageError) {
        var order: [SeriesName] = []
        var bySeries: [SeriesName: [Int: CandleRecord]] = [:]
        for item in candles {
            let name = SeriesName(ticker: item.ticker, market: item.market, timeframe: item.timeframe)
            if bySeries[name] == nil { order.append(name) }
            bySeries[name, default: [:]][item.candle.timestamp] = item.candle
        }
        for name in order {
            let series = (bySeries[name] ?? [:]).values.sorted { $0.timestamp < $1.timestamp }
            try upsert(series, of: name, at: time)
        }
    }

    private struct SeriesName: Hashable {
        var ticker: String
        var market: String
        var timeframe: String
    }

    private func upsert(_ candles: [CandleRecord], of name: SeriesName, at time: Int) throws(StorageError) {
        guard let first = candles.first?.timestamp, let last = candles.last?.timestamp else { return }
        let key: [SQLValue] = [name.ticker.sqlValue, name.market.sqlValue, name.timeframe.sqlValue]
        let summarised = try !connection.query(
            "SELECT candle_count FROM ohlcv_metadata WHERE ticker = $1 AND market = $2 AND timeframe = $3", key).isEmpty
        let series = try seriesID(ticker: name.ticker, market: name.market, timeframe: name.timeframe).sqlValue
        var added = 0
        for start in stride(from: 0, to: candles.count, by: Self.upsertChunkSize) {
            let chunk = candles[start..<min(candles.count, start + Self.upsertChunkSize)]
            let stored = try connection.query(
                """
                SELECT COUNT(*) AS n FROM ohlcv WHERE series_id = $1 AND ts IN (\(SQLPlaceholders.list(chunk.count, from: 2)))
                """, [series] + chunk.map(\.timestamp.sqlValue)).first?.int("n") ?? 0
            added += chunk.count - stored
            let values = (0..<chunk.count).map { "(\(SQLPlaceholders.list(7, from: 1 + 7 * $0)))" }.joined(separator: ", ")
            try connection.execute(
                """
                INSERT INTO ohlcv (series_id, ts, open, high, low, close, volume) VALUES \(values)
                ON CONFLICT (series_id, ts) DO UPDATE SET open = excluded.open, high = excluded.high,
                low = excluded.low, close = excluded.close, volume = excluded.volume
                """,
                chunk.flatMap { candle in
                    [series, candle.timestamp.sqlValue, candle.open.sqlValue, candle.high.sqlValue, candle.low.sqlValue,
                           candle.close.sqlValue, candle.volume.sqlValue]
                })
        }
        guard summarised else {
            try refreshSummary(ticker: name.ticker, market: name.market, timeframe: name.timeframe, at: time, source: CandleSource.live)
            return
        }
        try connection.execute(
            """
            UPDATE ohlcv_metadata SET first_ts = CASE WHEN $4 < first_ts THEN $4 ELSE first_ts END,
            last_ts = CASE WHEN $5 > last_ts THEN $5 ELSE last_ts END, candle_count = candle_count + $6, updated_at = $7
            WHERE ticker = $1 AND market = $2 AND timeframe = $3
            """, key + [first.sqlValue, last.sqlValue, added.sqlValue, time.sqlValue])
    }

    /// Recomputes `ohlcv_metadata` for one series from its candles, recording `source`
    /// (removing the summary when the series is empty).
    public func refreshSummary(ticker: String, market: String, timeframe: String, at time: Int,
                               source: String = CandleSource.real) throws(StorageError) {
        let summary = try connection.query(
            "SELECT MIN(ts) AS first_ts, MAX(ts) AS last_ts, COUNT(*) AS n FROM ohlcv WHERE series_id = \(Self.seriesOfKey)",
            ticker, market, timeframe).first
        guard let summary, let count = try summary.optionalInt("n"), count > 0 else {
            try connection.execute(
                "DELETE FROM ohlcv_metadata WHERE ticker = $1 AND market = $2 AND timeframe = $3", ticker, market, timeframe)
            return
        }
        try connection.execute(
            """
            INSERT INTO ohlcv_metadata (ticker, market, timeframe, first_ts, last_ts, candle_count, updated_at, source)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (ticker, market, timeframe) DO UPDATE SET first_ts = excluded.first_ts, last_ts = excluded.last_ts,
            candle_count = excluded.candle_count, updated_at = excluded.updated_at, source = excluded.source
            """,
            ticker, market, timeframe, try summary.int("first_ts"), try summary.int("last_ts"), count, time, source)
    }

    /// Candles of a series in `[from, to]`, oldest first, at most `limit` (the newest when
    /// `newest` is true, still returned oldest first).
    public func candles(ticker: String, market: String, timeframe: String, from: Int = Int.min, to: Int = Int.max,
                        limit: Int = 1000, newest: Bool = false) throws(StorageError) -> [CandleRecord] {
        let order = newest ? "DESC" : "ASC"
        let rows = try connection.query(
            """
            SELECT ts, open, high, low, close, volume FROM ohlcv
            WHERE series_id = \(Self.seriesOfKey) AND ts >= $4 AND ts <= $5 ORDER BY ts \(order) LIMIT $6
            """, ticker, market, timeframe, Int64(clamping: from), Int64(clamping: to), limit)
        let candles = try rows.map { row throws(StorageError) in
            CandleRecord(
                timestamp: try row.int("ts"), open: try row.decimal("open"), high: try row.decimal("high"),
                low: try row.decimal("low"), close: try row.decimal("close"), volume: try row.decimal("volume"))
        }
        return newest ? candles.reversed() : candles
    }

    /// One page of a series: `limit` candles after skipping `offset`, oldest first, or newest
    /// first when `descending`.
    public func page(ticker: String, market: String, timeframe: String, limit: Int, offset: Int,
                     descending: Bool) throws(StorageError) -> [CandleRecord] {
        let rows = try connection.query(
            """
            SELECT ts, open, high, low, close, volume FROM ohlcv WHERE series_id = \(Self.seriesOfKey)
            ORDER BY ts \(descending ? "DESC" : "ASC") LIMIT $4 OFFSET $5
            """, ticker, market, timeframe, limit, offset)
        return try rows.map { row throws(StorageError) in
            CandleRecord(
                timestamp: try row.int("ts"), open: try row.decimal("open"), high: try row.decimal("high"),
                low: try row.decimal("low"), close: try row.decimal("close"), volume: try row.decimal("volume"))
        }
    }

    /// How many candles a series holds, counted in `ohlcv`.
    public func count(ticker: String, market: String, timeframe: String) throws(StorageError) -> Int {
        try connection.query(
            "SELECT COUNT(*) AS n FROM ohlcv WHERE series_id = \(Self.seriesOfKey)", ticker, market, timeframe)
            .first?.int("n") ?? 0
    }

    /// Deletes the candles of a symbol (of one timeframe when given, else all) and their
    /// series summaries; other symbols and markets are untouched. Returns the rows deleted
    /// from `ohlcv` and from `ohlcv_metadata`.
    public func delete(ticker: String, market: String, timeframe: String? = nil) throws(StorageError) -> (candles: Int, metadata: Int) {
        var filter = SQLWhereClause()
        filter.require("ticker", "=", ticker)
        filter.require("market", "=", market)
        filter.require("timeframe", "=", timeframe)
        let candles = try connection.execute("DELETE FROM ohlcv WHERE series_id IN (SELECT id FROM ohlcv_series\(filter.sql))", filter.parameters)
        let metadata = try connection.execute("DELETE FROM ohlcv_metadata\(filter.sql)", filter.parameters)
        return (candles, metadata)
    }

    /// The newest candle of a series (where a restarted feed continues from); nil for an
    /// empty series.
    public func latest(ticker: String, market: String, timeframe: String) throws(StorageError) -> CandleRecord? {
        try candles(ticker: ticker, market: market, timeframe: timeframe, limit: 1, newest: true).first
    }

    /// Every stored series.
    public func series() throws(StorageError) -> [CandleSeriesInfo] {
        try connection.query(
            """
            SELECT ticker, market, timeframe, first_ts, last_ts, candle_count, source FROM ohlcv_metadata
            ORDER BY ticker, market, timeframe
            """)
            .map { row throws(StorageError) in
                CandleSeriesInfo(
                    ticker: try row.string("ticker"), market: try row.string("market"), timeframe: try row.string("timeframe"),
                    firstTimestamp: try row.int("first_ts"), lastTimestamp: try row.int("last_ts"), count: try row.int("candle_count"),
                    source: try row.string("source"))
            }
    }
}

extension Repositories {
    /// Candles (`ohlcv`) and their series metadata.
    public var candles: CandleRepository { CandleRepository(connection: connection) }
}
