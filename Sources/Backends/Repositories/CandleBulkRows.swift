import Primitives

/// The candles of one series as typed bulk rows: the series id (`ohlcv_series.id`) is the
/// constant part and each candle writes its time and five decimals.
struct CandleBulkRows: SQLBulkRows {
    /// The `ohlcv` columns in the order the rows write them.
    static let columns = ["series_id", "ts", "open", "high", "low", "close", "volume"]

    let constants: [SQLValue]
    let candles: [CandleRecord]

    init(series: Int, candles: [CandleRecord]) {
        constants = [series.sqlValue]
        self.candles = candles
    }

    var varyingColumnCount: Int { 6 }
    var count: Int { candles.count }

    func writeRow<Writer: SQLCellWriter>(_ index: Int, to writer: inout Writer) {
        let candle = candles[index]
        writer.integer(Int64(candle.timestamp))
        writer.decimal(candle.open)
        writer.decimal(candle.high)
        writer.decimal(candle.low)
        writer.decimal(candle.close)
        writer.decimal(candle.volume)
    }
}
