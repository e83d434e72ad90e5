import APIRuntime
import Engine
import Generated
import Primitives

/// `/api/v1/market/*`: prices, books and candles of the live market. Reads answer from the
/// engine's published snapshot (and, for candles, the database merged with the engine's
/// newest ones), so they never wait for the engine. Symbols are taken in either form and
/// answered in the market form (`BTC-USDT`); prices and quantities are the symbol's integer
/// units rendered with its `UnitScale`.
public struct MarketHandler: MarketAPI {
    let market: MarketService

    /// The exchange every price is quoted on: the server's own paper exchange.
    static let exchange = "paper"

    /// Reads of `market`, the service `serve` starts.
    public init(market: MarketService) {
        self.market = market
    }

    public func getMultiTimeframeKlines(_ input: GetMultiTimeframeKlinesInput, context: RequestContext) async throws
        -> GetMultiTimeframeKlinesOutput {
        let spec = try symbol(input.symbol)
        var data = JSONMap<[Candle]>()
        for timeframe in input.timeframes {
            let interval = try Self.interval(timeframe.rawValue, field: "query.timeframes")
            let page = try await candles(spec, interval: interval, limit: input.limit, newest: true)
            data[timeframe.rawValue] = page.bars.map { Self.candle($0, spec) }
        }
        return .ok(MultiTimeframeKlines(symbol: spec.key.marketForm, data: data))
    }

    public func getMarketPrice(_ input: GetMarketPriceInput, context: RequestContext) throws -> GetMarketPriceOutput {
        let (symbol, time) = try snapshot(input.symbol)
        return .ok(MarketPrice(symbol: symbol.spec.key.marketForm, price: symbol.spec.prices.decimal(symbol.price).description,
                               timestamp: Self.time(time), volume: symbol.spec.quantities.decimal(symbol.volume24h).description,
                               exchange: Self.exchange, source: symbol.replaysHistory ? .replay : .synthetic))
    }

    /// With `start`, the oldest `limit` candles from it and `next_start` when the range holds
    /// more; without, the newest `limit` up to `end`.
    public func getMarketHistory(_ input: GetMarketHistoryInput, context: RequestContext) async throws -> GetMarketHistoryOutput {
        let spec = try symbol(input.symbol)
        let start = try input.start.map { try Self.epochMilliseconds($0, field: "query.start") }
        let end = try input.end.map { try Self.epochMilliseconds($0, field: "query.end") }
        if let start, let end, start > end {
            throw APIError.validation([FieldIssue("query.start", "is after end (\(input.end!))")])
        }
        let interval = try Self.interval(input.interval.rawValue, field: "query.interval")
        guard let start else {
            let page = try await candles(spec, interval: interval, to: end ?? .max, limit: input.limit, newest: true)
            return .ok(MarketHistory(symbol: spec.key.marketForm, data: page.bars.map { Self.candle($0, spec) }))
        }
        // One candle past the page says where the next one starts.
        let page = try await candles(spec, interval: interval, from: start, to: end ?? .max, limit: input.limit + 1, newest: false)
        let next = page.bars.count > input.limit ? Self.time(page.bars[input.limit].start) : nil
        return .ok(MarketHistory(symbol: spec.key.marketForm, data: page.bars.prefix(input.limit).map { Self.candle($0, spec) },
                                 nextStart: next))
    }

    public func getOrderBook(_ input: GetOrderBookInput, context: RequestContext) throws -> GetOrderBookOutput {
        let (symbol, time) = try snapshot(input.symbol)
        let book = symbol.book.top(input.depth)
        func levels(_ side: [BookLevel]) -> [[String]] {
            side.map { [symbol.spec.prices.decimal($0.price).description, symbol.spec.quantities.decimal($0.quantity).description] }
        }
        return .ok(OrderBook(symbol: symbol.spec.key.marketForm, bids: levels(book.bids), asks: levels(book.asks),
                             timestamp: Self.time(time)))
    }

    /// The symbol `text` names, in either form; `MARKET_001` naming it when the market has none.
    private func symbol(_ text: String) throws(APIError) -> SymbolSpec {
        guard let spec = market.resolve(text) else { throw Self.unknown(text) }
        return spec
    }

    /// The published state of the symbol `text` names and the time its price and book stand
    /// at: its last trade's, or the publish's before its first trade (the start price);
    /// `MARKET_001` when there is none.
    private func snapshot(_ text: String) throws(APIError) -> (symbol: SymbolSnapshot, time: Int) {
        let published = market.snapshot
        guard let spec = market.resolve(text), let symbol = published.symbols[spec.key] else { throw Self.unknown(text) }
        return (symbol, symbol.events > 0 ? symbol.time : published.time)
    }

    /// `MarketService.candles` with storage failures as the API's errors.
    private func candles(_ spec: SymbolSpec, interval: CandleInterval, from: Int = .min, to: Int = .max, limit: Int,
                         newest: Bool) async throws(APIError) -> (bars: [Bar], more: Bool) {
        do {
            return try await market.candles(spec, interval: interval, from: from, to: to, limit: limit, newest: newest)
        } catch {
            throw APIError(error)
        }
    }

    private static func unknown(_ text: String) -> APIError {
        APIError(.market001, message: "Unknown symbol '\(text)'")
    }

    /// The engine's interval of a timeframe the spec allows (every spec timeframe is one).
    private static func interval(_ timeframe: String, field: String) throws(APIError) -> CandleInterval {
        guard let interval = CandleInterval(rawValue: timeframe) else {
            throw APIError.validation([FieldIssue(field, "is not a candle interval the market keeps")])
        }
        return interval
    }

    /// Epoch milliseconds of an ISO 8601 parameter the router already checked as a date-time.
    private static func epochMilliseconds(_ text: String, field: String) throws(APIError) -> Int {
        guard let time = Timestamp.epochMilliseconds(iso8601: text) else {
            throw APIError.validation([FieldIssue(field, "is not an ISO 8601 date-time")])
        }
        return time
    }

    /// ISO 8601 of an engine time, with milliseconds only when it has some (candles open on
    /// whole seconds; trades may not).
    static func time(_ milliseconds: Int) -> String {
        Timestamp.iso8601(epochMilliseconds: milliseconds, fractional: milliseconds % 1000 != 0)
    }

    /// The API's candle of an engine bar of `spec`.
    static func candle(_ bar: Bar, _ spec: SymbolSpec) -> Candle {
        Candle(timestamp: time(bar.start), open: spec.prices.decimal(bar.open).description,
               high: spec.prices.decimal(bar.high).description, low: spec.prices.decimal(bar.low).description,
               close: spec.prices.decimal(bar.close).description, volume: spec.quantities.decimal(bar.volume).description)
    }
}
