import APIRuntime
import Backends
import Generated

/// The API's orders of stored order records, converted in one place: decimals as their
/// strings, times in ISO 8601, `cancel_reason` the cancel reason or, for a Rejected or Expired
/// order, the reason the exchange gave.
extension Order {
    /// The API's order of `record`; `INTERNAL_ERROR` when a stored value is not one the spec knows.
    init(_ record: OrderRecord) throws(APIError) {
        let fields = try OrderFields(record)
        self.init(id: record.id, exchangeOrderId: record.exchangeOrderID, symbol: record.symbol, side: fields.side,
                  orderType: fields.type, quantity: record.quantity.description, filledQuantity: record.filledQuantity.description,
                  price: record.price?.description, averageFillPrice: record.averageFillPrice?.description, status: fields.status,
                  strategyId: record.strategyID, createdAt: MarketHandler.time(record.createdAt),
                  updatedAt: MarketHandler.time(record.updatedAt), timeInForce: fields.timeInForce,
                  expiresAt: record.expiresAt.map(MarketHandler.time), clientOrderId: record.clientOrderID,
                  fee: record.fee.description, cancelReason: record.cancelReason ?? record.rejectReason)
    }
}

extension OrderDetail {
    /// The API's order of `record` with the exchange it was routed to.
    init(_ record: OrderRecord, exchange: String) throws(APIError) {
        let order = try Order(record)
        self.init(id: order.id, exchangeOrderId: order.exchangeOrderId, symbol: order.symbol, side: order.side,
                  orderType: order.orderType, quantity: order.quantity, filledQuantity: order.filledQuantity, price: order.price,
                  averageFillPrice: order.averageFillPrice, status: order.status, strategyId: order.strategyId,
                  createdAt: order.createdAt, updatedAt: order.updatedAt, timeInForce: order.timeInForce,
                  expiresAt: order.expiresAt, clientOrderId: order.clientOrderId, fee: order.fee,
                  cancelReason: order.cancelReason, exchange: exchange)
    }
}

/// The enumerated fields of a stored order as the spec's enums.
private struct OrderFields {
    let side: OrderSide
    let type: OrderType
    let status: OrderStatus
    let timeInForce: TimeInForce

    init(_ record: OrderRecord) throws(APIError) {
        guard let side = OrderSide(rawValue: record.side), let type = OrderType(rawValue: record.orderType),
              let status = OrderStatus(rawValue: record.status), let timeInForce = TimeInForce(rawValue: record.timeInForce) else {
            throw APIError(.internalError, message: "Order \(record.id) holds a value the API does not know")
        }
        self.side = side
        self.type = type
        self.status = status
        self.timeInForce = timeInForce
    }
}
