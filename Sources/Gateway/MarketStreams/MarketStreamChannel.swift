import Engine

/// The `/ws` market channels as the broadcaster names them: the spec's names with the symbol in
/// its market form (`market:BTC-USDT`), whichever form a client subscribed with, so
/// `market:BTC/USDT` and `market:btc-usdt` are one channel and each message is encoded once.
enum MarketStreamChannel {
    /// Every symbol's ticker.
    static let allMarkets = "all_markets"

    /// One symbol's tickers and trades.
    static func market(_ key: SymbolKey) -> String { "market:" + key.marketForm }

    /// One symbol's candles of one interval.
    static func kline(_ key: SymbolKey, _ interval: CandleInterval) -> String {
        "kline:" + key.marketForm + ":" + interval.rawValue
    }

    /// One symbol's order book.
    static func orderBook(_ key: SymbolKey) -> String { "orderbook:" + key.marketForm }
}
