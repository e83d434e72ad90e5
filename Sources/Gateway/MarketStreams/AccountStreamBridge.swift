import APIRuntime
import Engine
import Generated
import Primitives
import Server
import Synchronization

/// The paper account's changes as WebSocket messages: `order_update` on `orders` for every
/// state an order went through, `strategy_update` on `strategies` for every strategy event,
/// and `position_update` on `positions` for every symbol whose
/// position a batch changed or closed and, at most once per symbol and publish interval, when
/// its price moves.
///
/// Fed by the engine after each exchange batch commits (`exchangeCommitted`), so nothing is
/// streamed before it is stored, and batches arrive one at a time in the order they were
/// written. The positions it values are the committed ones (the restored positions, then each
/// batch's changes), never the engine's newer, unstored state; prices are the symbol's last
/// published ticker's, the same the REST reads mark positions at.
///
/// These messages carry no conflation key: `WebSocketConnection.enqueue` never drops a frame
/// without one; a reader whose unsent data would pass the server's bound
/// (`ServerConfiguration.maxWebSocketQueuedBytes`, 8 MiB) is closed with 1008
/// (`send queue overflow: reader too slow`) instead, as the spec says.
final class AccountStreamBridge: Sendable {
    /// The committed account and what the price streams last saw.
    private struct State {
        var records: ExchangeRecords?
        /// The committed open positions by id.
        var positions: [String: Engine.Position] = [:]
        /// Each symbol's last published price (ticks).
        var prices: [SymbolKey: Int64] = [:]
        /// The price of each symbol's last `position_update`.
        var sentPrices: [SymbolKey: Int64] = [:]
    }

    static let ordersChannel = "orders"
    static let positionsChannel = "positions"
    static let strategiesChannel = "strategies"

    private let broadcaster: ChannelBroadcaster
    private let counters: WebSocketMessageCounters
    /// Taken by the engine thread (prices) and by the store's task (batches); publishing under
    /// it keeps every symbol's updates in the order of the states they show.
    private let state = Mutex(State())

    init(broadcaster: ChannelBroadcaster, counters: WebSocketMessageCounters) {
        self.broadcaster = broadcaster
        self.counters = counters
    }

    /// An engine starts with `positions` stored: they replace whatever a previous engine left.
    func restored(positions: [Engine.Position], records: ExchangeRecords) {
        state.withLock { state in
            state.records = records
            state.positions = Dictionary(positions.map { ($0.id, $0) }, uniquingKeysWith: { _, newer in newer })
            state.sentPrices = [:]
        }
    }

    /// A batch committed: its order events in order, then one `position_update` per symbol it
    /// touched (quantity "0" once no position holds the symbol).
    func committed(_ changes: ExchangeChanges) {
        guard let records = state.withLock({ $0.records }) else { return }
        // Outside the lock, so the engine thread's price hook never waits for a batch's orders:
        // batches come one at a time, so their updates keep their order anyway.
        if hasSubscribers(Self.ordersChannel) {
            for order in changes.orderEvents {
                guard let record = records.order(order), let message = AccountStreamMessages.orderUpdate(record) else { continue }
                publish(WsServerMessage.orderUpdate(message), to: Self.ordersChannel, counted: .orders)
            }
        }
        if hasSubscribers(Self.strategiesChannel) {
            for event in changes.strategyEvents {
                guard let kind = Generated.StrategyEvent(rawValue: event.kind.rawValue) else { continue }
                publish(WsServerMessage.strategyUpdate(WsStrategyUpdate(
                    strategyId: event.strategyID, name: event.name, running: event.running, event: kind, data: event.data,
                    timestamp: event.time)), to: Self.strategiesChannel, counted: .strategies)
            }
        }
        state.withLock { state in
            var touched: [SymbolKey] = []
            for id in changes.removedPositions {
                if let closed = state.positions.removeValue(forKey: id) { touched.append(closed.key.symbol) }
            }
            for position in changes.positions {
                state.positions[position.id] = position
                touched.append(position.key.symbol)
            }
            guard hasSubscribers(Self.positionsChannel) else { return }
            var seen = Set<SymbolKey>()
            for symbol in touched where seen.insert(symbol).inserted {
                let times = changes.fills.filter { $0.symbol == symbol }.map(\.time)
                    + changes.positions.filter { $0.key.symbol == symbol }.map(\.updatedAt)
                publishPosition(of: symbol, state: &state, records: records, at: times.max() ?? Timestamp.nowMilliseconds())
            }
        }
    }

    /// A symbol's ticker was published: a `position_update` when a position holds the symbol
    /// and its price differs from the one last sent.
    func priceMoved(_ symbol: SymbolSnapshot) {
        state.withLock { state in
            let key = symbol.spec.key
            state.prices[key] = symbol.price
            guard let records = state.records, state.sentPrices[key] != symbol.price,
                  state.positions.values.contains(where: { $0.key.symbol == key }), hasSubscribers(Self.positionsChannel) else { return }
            publishPosition(of: key, state: &state, records: records, at: symbol.time)
        }
    }

    /// Publishes the symbol's committed position (the sum, as `getPosition` answers it).
    private func publishPosition(of symbol: SymbolKey, state: inout State, records: ExchangeRecords, at time: Int) {
        let price = state.prices[symbol]
        let holding = state.positions.values.filter { $0.key.symbol == symbol }
        if let view = records.view(holding, price: price) {
            publish(WsServerMessage.positionUpdate(AccountStreamMessages.positionUpdate(view, at: time)), to: Self.positionsChannel,
                    counted: .positions)
        } else if holding.isEmpty, let spec = records.spec(symbol.orderForm) {
            publish(WsServerMessage.positionUpdate(AccountStreamMessages.closedPosition(spec, price: price, at: time)),
                    to: Self.positionsChannel, counted: .positions)
        }
        if let price { state.sentPrices[symbol] = price }
    }

    /// Sends without a conflation key: never dropped.
    private func publish(_ message: WsServerMessage, to channel: String, counted kind: WebSocketMessageCounters.Channel) {
        counters.published(kind, reached: broadcaster.publish(frame: WebSocketFrameEncoder.text(json: message), to: channel))
    }

    private func hasSubscribers(_ channel: String) -> Bool {
        broadcaster.subscriberCount(channel) > 0
    }
}
