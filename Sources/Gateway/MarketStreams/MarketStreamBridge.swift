import APIRuntime
import Engine
import Generated
import Primitives
import Server

/// The engine's market updates as WebSocket messages: `ticker` on `market:{symbol}` and
/// `all_markets`, `trade` on `market:{symbol}`, `kline` on `kline:{symbol}:{timeframe}`,
/// `order_book` on `orderbook:{symbol}`, and `/ws/market`'s price and order book pushes (one
/// channel per symbol and depth asked for, listed in `bookDepths`).
///
/// Called on the engine thread, at most once per symbol and publish interval for each kind, so
/// a channel's rate is bounded by the engine's publish interval. A message is encoded only when
/// its channel has subscribers, once however many channels carry it, and handing it over only
/// queues it on the event loops, so the engine never waits for a reader. Every message carries
/// a conflation key: a reader too slow for the stream keeps only the newest message of each
/// key (per channel and message type; for candles also per candle, so a slow reader still
/// gets a closed candle's final state before the next one forms; for `all_markets` also per
/// symbol, so one symbol's ticker never replaces another's).
///
/// The account's streams (`orders`, `positions`) go through `account`, which the engine feeds
/// after each exchange batch commits and which hears of every published price.
public final class MarketStreamBridge: MarketUpdateSink {
    private let broadcaster: ChannelBroadcaster
    /// The depths `/ws/market` clients asked for; their sessions add to it.
    public let bookDepths: OrderBookDepths
    /// `order_update` and `position_update`, never conflated.
    private let account: AccountStreamBridge
    /// The messages published, by channel kind (`/metrics`).
    public let messageCounters = WebSocketMessageCounters()

    /// A bridge publishing through `broadcaster`, sharing `bookDepths` with the `/ws/market`
    /// sessions.
    public init(broadcaster: ChannelBroadcaster, bookDepths: OrderBookDepths) {
        self.broadcaster = broadcaster
        self.bookDepths = bookDepths
        account = AccountStreamBridge(broadcaster: broadcaster, counters: messageCounters)
    }

    public func accountRestored(positions: [Engine.Position], records: ExchangeRecords) {
        account.restored(positions: positions, records: records)
    }

    public func exchangeCommitted(_ changes: ExchangeChanges) {
        account.committed(changes)
    }

    public func ticker(_ symbol: SymbolSnapshot) {
        account.priceMoved(symbol)
        let key = symbol.spec.key
        let market = MarketStreamChannel.market(key)
        let all = MarketStreamChannel.allMarkets
        let toMarket = hasSubscribers(market), toAll = hasSubscribers(all)
        if toMarket || toAll {
            let frame = Self.frame(WsServerMessage.ticker(MarketStreamMessages.ticker(symbol)))
            if toMarket {
                let reached = broadcaster.publish(frame: frame, to: market, conflationKey: market + "|ticker")
                messageCounters.published(.market, reached: reached)
            }
            if toAll {
                let reached = broadcaster.publish(frame: frame, to: all, conflationKey: all + "|ticker|" + key.marketForm)
                messageCounters.published(.allMarkets, reached: reached)
            }
        }
        let prices = MarketChannel.price(key)
        if hasSubscribers(prices) {
            let reached = broadcaster.publish(frame: Self.frame(MarketStreamMessages.price(symbol)), to: prices, conflationKey: prices)
            messageCounters.published(.marketPrice, reached: reached)
        }
    }

    public func trade(_ symbol: SymbolSpec, _ trade: Tick, sequence: Int, buyerTaker: Bool) {
        let market = MarketStreamChannel.market(symbol.key)
        guard hasSubscribers(market) else { return }
        let message = MarketStreamMessages.trade(symbol, trade, sequence: sequence, buyerTaker: buyerTaker)
        let reached = broadcaster.publish(frame: Self.frame(WsServerMessage.trade(message)), to: market, conflationKey: market + "|trade")
        messageCounters.published(.market, reached: reached)
    }

    public func kline(_ symbol: SymbolSpec, _ interval: CandleInterval, _ bar: Bar, closed: Bool) {
        let channel = MarketStreamChannel.kline(symbol.key, interval)
        guard hasSubscribers(channel), let message = MarketStreamMessages.kline(symbol, interval, bar) else { return }
        let reached = broadcaster.publish(frame: Self.frame(WsServerMessage.kline(message)), to: channel,
                                          conflationKey: channel + "|kline|" + String(bar.start))
        messageCounters.published(.kline, reached: reached)
    }

    public func book(_ symbol: SymbolSpec, _ book: L2Book, time: Int) {
        let channel = MarketStreamChannel.orderBook(symbol.key)
        if hasSubscribers(channel) {
            let message = MarketStreamMessages.orderBook(symbol, book, time: time)
            let reached = broadcaster.publish(frame: Self.frame(WsServerMessage.orderBook(message)), to: channel,
                                              conflationKey: channel + "|order_book")
            messageCounters.published(.orderbook, reached: reached)
        }
        for depth in bookDepths.depths(of: symbol.key) {
            let pushes = MarketChannel.orderBook(symbol.key, depth: depth)
            guard hasSubscribers(pushes) else { continue }
            let message = MarketStreamMessages.orderBook(symbol, book, depth: depth, time: time)
            let reached = broadcaster.publish(frame: Self.frame(message), to: pushes, conflationKey: pushes)
            messageCounters.published(.marketOrderBook, reached: reached)
        }
    }

    private func hasSubscribers(_ channel: String) -> Bool {
        broadcaster.subscriberCount(channel) > 0
    }

    private static func frame<Message: JSONEncodable>(_ message: Message) -> [UInt8] {
        WebSocketFrameEncoder.text(json: message)
    }
}
