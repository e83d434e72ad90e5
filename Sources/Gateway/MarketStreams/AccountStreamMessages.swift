import Backends
import Engine
import Generated

/// The account stream messages of the spec, made from the exchange's stored values: orders as
/// `ExchangeRecords` stores them (decimals in the symbol's scales, the symbol in its slash form,
/// `BTC/USDT`), positions as `ExchangeRecords.view` values them for the REST API, so a
/// `position_update` and `getPosition` agree field by field.
enum AccountStreamMessages {
    /// `order_update`: the order as it stood after one state change, stamped with that change's
    /// time; nil for a status, side or type the spec does not name.
    static func orderUpdate(_ order: OrderRecord) -> WsOrderUpdate? {
        guard let status = Generated.OrderStatus(rawValue: order.status), let side = Generated.OrderSide(rawValue: order.side),
              let type = OrderType(rawValue: order.orderType) else { return nil }
        return WsOrderUpdate(orderId: order.id, symbol: order.symbol, status: status, side: side, orderType: type,
                             quantity: order.quantity.description, filledQuantity: order.filledQuantity.description,
                             price: order.price?.description, averagePrice: order.averageFillPrice?.description,
                             strategyId: order.strategyID, timestamp: order.updatedAt)
    }

    /// `position_update`: a symbol's position (the sum of the positions holding it) at `time`.
    static func positionUpdate(_ view: PositionView, at time: Int) -> WsPositionUpdate {
        WsPositionUpdate(symbol: view.record.symbol, side: view.record.side == "Sell" ? .sell : .buy,
                         quantity: view.record.quantity.description, entryPrice: view.record.entryPrice.description,
                         currentPrice: view.currentPrice.description, unrealizedPnl: view.unrealizedPnl.description,
                         returnPct: view.returnPct.description, timestamp: time)
    }

    /// `position_update` of a symbol no position holds any more: quantity, entry price and PnL
    /// "0", at `price` (the symbol's last trade).
    static func closedPosition(_ symbol: SymbolSpec, price: Int64?, at time: Int) -> WsPositionUpdate {
        WsPositionUpdate(symbol: symbol.key.orderForm, side: .buy, quantity: "0", entryPrice: "0",
                         currentPrice: price.map { symbol.prices.decimal($0).description } ?? "0", unrealizedPnl: "0",
                         returnPct: "0", timestamp: time)
    }
}
