import Backends
import Primitives

extension ExchangeRecords {
    /// The positions of one symbol valued at `price` ticks, as the API shows them. One position
    /// is itself; several are their sum (the rule `GET /positions/{symbol}` states, so the REST
    /// answer and the `position_update` stream agree): the net quantity (side `Buy` when long or
    /// flat), the entry price averaged over their sizes, PnL summed, the notional of the net
    /// quantity, the return of the summed PnL over the summed cost, no strategy, and the id,
    /// exchange and opening time of the oldest with the newest update time. Without a price
    /// the positions are marked at their (average) entry price. Nil when `positions` is empty
    /// or its symbol is not one of these records'.
    public func view(_ positions: [Position], price: Int64?) -> PositionView? {
        let ordered = positions.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        guard let oldest = ordered.first, let state = position(oldest, lots: []), let spec = spec(state.record.symbol) else { return nil }
        let quote = TradingPair.assets(of: spec).quote
        let factor = TradingPair(spec, scales: scales).notionalFactor
        var net: Int64 = 0, size: Int128 = 0, openNotional: Int128 = 0, cost: Int128 = 0, realized: Int128 = 0
        for position in ordered {
            net += position.quantity
            size += Int128(position.quantity.magnitude)
            openNotional += position.openNotional
            cost += position.openNotional * factor + position.openFees
            realized += position.realizedPnl
        }
        let current: Int128 = price.map { Int128($0) } ?? (size == 0 ? 0 : openNotional / size)
        // Each position's PnL in its own direction: a long gains as the price rises, a short as it falls.
        var unrealized: Int128 = 0
        for position in ordered {
            let marked = current * Int128(position.quantity.magnitude)
            unrealized += (position.quantity >= 0 ? marked - position.openNotional : position.openNotional - marked) * factor
        }
        let percent = cost == 0 ? ExactDecimal.zero
            : (ExactDecimal(units: unrealized * 100, scale: 0).divided(by: ExactDecimal(units: cost, scale: 0), scale: 2) ?? .zero)
        var record = state.record
        if ordered.count > 1 {
            let entry = size == 0 ? ExactDecimal.zero : (self.price((openNotional, Int64(size)), spec) ?? .zero)
            record.strategyID = nil
            record.side = net >= 0 ? "Buy" : "Sell"
            record.quantity = spec.quantities.decimal(Int64(net.magnitude))
            record.entryPrice = entry
            record.realizedPnl = scales.decimal(realized, of: quote)
            record.updatedAt = ordered.map(\.updatedAt).max() ?? record.updatedAt
        }
        return PositionView(record: record, currentPrice: spec.prices.decimal(Int64(current)),
                            unrealizedPnl: scales.decimal(unrealized, of: quote),
                            notionalValue: scales.decimal(current * Int128(net.magnitude) * factor, of: quote), returnPct: percent)
    }
}
