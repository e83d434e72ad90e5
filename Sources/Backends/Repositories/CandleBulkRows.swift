import Primitives

/// The candles of one series as typed bulk rows: the series key is the constant part
/// (ticker, market, timeframe) and each candle writes its time and five decimals.
struct CandleBulkRows: SQLBulkRows {
    /// The `ohlcv` columns in the order the rows write them.
    static let columns = ["ticker", "market", "timeframe", "ts", "open", "high", "low", "close", "volume"]

    let constants: [SQLValue]
    let candles: [CandleRecord]

    init(ticker: String, market: String, timeframe: String, candles: [CandleRecord]) {
        constants = [ticker.sqlValue, market.sqlValue, timeframe.sqlValue]
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
