import Engine
import Generated
import Primitives

/// The market stream messages of the spec, made from what the engine publishes: integer ticks
/// and lots become decimal strings through the symbol's `UnitScale`s, symbols take their market
/// form (`BTC-USDT`), `/ws` times stay epoch milliseconds and `/ws/market` times become ISO 8601.
enum MarketStreamMessages {
    /// `ticker`: the last price and the 24-hour figures, at the last trade's time.
    static func ticker(_ symbol: SymbolSnapshot) -> WsTicker {
        let prices = symbol.spec.prices
        return WsTicker(symbol: symbol.spec.key.marketForm, price: prices.decimal(symbol.price).description,
                        change24h: symbol.change24h.description,
                        volume24h: symbol.spec.quantities.decimal(symbol.volume24h).description,
                        high24h: prices.decimal(symbol.high24h).description, low24h: prices.decimal(symbol.low24h).description,
                        timestamp: symbol.time)
    }

    /// `trade`: the trade numbered `sequence`; the taker is the buyer when `buyerTaker`.
    static func trade(_ spec: SymbolSpec, _ tick: Tick, sequence: Int, buyerTaker: Bool) -> WsTrade {
        WsTrade(symbol: spec.key.marketForm, tradeId: String(sequence), price: spec.prices.decimal(tick.price).description,
                quantity: spec.quantities.decimal(tick.quantity).description, side: buyerTaker ? .buy : .sell,
                timestamp: tick.time)
    }

    /// `kline`: one candle, stamped with its opening time; nil for an interval the spec's
    /// `Timeframe` does not name.
    static func kline(_ spec: SymbolSpec, _ interval: CandleInterval, _ bar: Bar) -> WsKline? {
        guard let timeframe = Timeframe(rawValue: interval.rawValue) else { return nil }
        let prices = spec.prices
        let data = WsKlineData(timestamp: bar.start, open: prices.decimal(bar.open).description,
                               high: prices.decimal(bar.high).description, low: prices.decimal(bar.low).description,
                               close: prices.decimal(bar.close).description,
                               volume: spec.quantities.decimal(bar.volume).description)
        return WsKline(symbol: spec.key.marketForm, timeframe: timeframe, data: data)
    }

    /// `order_book`: the best `maximumLevels` levels a side (the spec's `maxItems`), best first.
    static func orderBook(_ spec: SymbolSpec, _ book: L2Book, time: Int) -> WsOrderBook {
        let top = book.top(maximumLevels)
        return WsOrderBook(symbol: spec.key.marketForm, bids: levels(top.bids, spec), asks: levels(top.asks, spec), timestamp: time)
    }

    /// `/ws/market`'s price push: the last price and the 24-hour volume.
    static func price(_ symbol: SymbolSnapshot) -> WsMarketPrice {
        WsMarketPrice(symbol: symbol.spec.key.marketForm, price: symbol.spec.prices.decimal(symbol.price).description,
                      timestamp: Timestamp.iso8601(epochMilliseconds: symbol.time, fractional: true),
                      volume: symbol.spec.quantities.decimal(symbol.volume24h).description)
    }

    /// `/ws/market`'s order book push: the best `depth` levels a side.
    static func orderBook(_ spec: SymbolSpec, _ book: L2Book, depth: Int, time: Int) -> WsMarketOrderBook {
        let top = book.top(min(depth, maximumLevels))
        return WsMarketOrderBook(symbol: spec.key.marketForm, bids: levels(top.bids, spec), asks: levels(top.asks, spec),
                                 timestamp: Timestamp.iso8601(epochMilliseconds: time, fractional: true))
    }

    /// The most levels a side a book message carries (`maxItems` of `WsOrderBook` and
    /// `WsMarketOrderBook`).
    static let maximumLevels = 100

    /// `[[price, quantity]]` in the side's order.
    private static func levels(_ side: [BookLevel], _ spec: SymbolSpec) -> [[String]] {
        side.map { [spec.prices.decimal($0.price).description, spec.quantities.decimal($0.quantity).description] }
    }
}
