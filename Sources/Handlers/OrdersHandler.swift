import APIRuntime
import Backends
import Engine
import Generated
import Primitives

/// `/api/v1/orders*`: manual orders of the server's one paper account. Commands go through
/// `TradingService` to the engine and are answered once their batch is stored; reads come
/// from the engine (active orders) and the database (the rest).
public struct OrdersHandler: OrdersAPI {
    let service: TradingService

    /// The reason a cancelled order carries when the caller gives none (the spec's words).
    static let defaultCancelReason = "Cancelled by user"

    /// Orders placed and read through `trading`, the service `serve` starts.
    public init(trading: TradingService) {
        service = trading
    }

    public func listOrders(_ input: ListOrdersInput, context: RequestContext) async throws -> ListOrdersOutput {
        let statuses = input.status?.map(\.rawValue) ?? OrderRepository.activeStatuses
        let page = try await trading(await service.orders(statuses: statuses, symbol: input.symbol, side: input.side?.rawValue,
                                                               strategyID: input.strategyId, limit: input.limit, offset: input.offset))
        return .ok(OrderList(orders: try page.orders.map { record throws(APIError) in try Order(record) }, total: page.total))
    }

    /// 201 with a new order; 200 with the order a known `client_order_id` made before.
    public func createOrder(_ input: CreateOrderInput, context: RequestContext) async throws -> CreateOrderOutput {
        let request = try await trading(try Self.request(input.body, service))
        let placed = try await trading(await service.place(request))
        let order = try Order(placed.order)
        return placed.created ? .created(order) : .ok(order)
    }

    public func getOrderStats(_ input: GetOrderStatsInput, context: RequestContext) async throws -> GetOrderStatsOutput {
        let counts = try await trading(await service.activeOrderCounts())
        let byStatus = OrderStatsByStatus(pending: counts.byStatus[Engine.OrderStatus.pending.rawValue] ?? 0,
                                          open: counts.byStatus[Engine.OrderStatus.open.rawValue] ?? 0,
                                          partiallyFilled: counts.byStatus[Engine.OrderStatus.partiallyFilled.rawValue] ?? 0)
        let bySide = OrderStatsBySide(buy: counts.bySide[Engine.OrderSide.buy.rawValue] ?? 0, sell: counts.bySide[Engine.OrderSide.sell.rawValue] ?? 0)
        return .ok(OrderStats(total: byStatus.pending + byStatus.open + byStatus.partiallyFilled, byStatus: byStatus, bySide: bySide))
    }

    public func getOrder(_ input: GetOrderInput, context: RequestContext) async throws -> GetOrderOutput {
        let record = try await trading(await service.order(id: input.id))
        return .ok(try OrderDetail(record, exchange: MarketHandler.exchange))
    }

    public func cancelOrder(_ input: CancelOrderInput, context: RequestContext) async throws -> CancelOrderOutput {
        let record = try await trading(await service.cancel(id: input.id, reason: input.body?.reason ?? Self.defaultCancelReason))
        return .ok(CancelOrderResponse(success: true, orderId: record.id, message: "Order cancelled successfully"))
    }

    /// The exchange's request of a create body: a Market order has no price and is shown
    /// as IOC; a priced one without `time_in_force` is GTC.
    private static func request(_ body: CreateOrderRequest, _ service: TradingService) throws(TradingError) -> OrderRequest {
        switch body {
        case .marketOrderRequest(let order):
            return try service.request(symbol: order.symbol, side: side(order.side), kind: .market, quantity: order.quantity,
                                       price: nil, timeInForce: nil, expiresAt: nil, clientOrderID: order.clientOrderId)
        case .pricedOrderRequest(let order):
            let expiresAt = try order.expiresAt.map { text throws(TradingError) -> Int in
                guard let time = Timestamp.epochMilliseconds(iso8601: text) else {
                    throw .invalid(field: "body.expires_at", reason: "is not an ISO 8601 date-time")
                }
                return time
            }
            return try service.request(symbol: order.symbol, side: side(order.side), kind: kind(order.orderType),
                                       quantity: order.quantity, price: order.price, timeInForce: order.timeInForce?.rawValue,
                                       expiresAt: expiresAt, clientOrderID: order.clientOrderId)
        }
    }

    private static func side(_ side: Generated.OrderSide) -> Engine.OrderSide {
        switch side {
        case .buy: return .buy
        case .sell: return .sell
        }
    }

    private static func kind(_ type: PricedOrderType) -> OrderKind {
        switch type {
        case .limit: return .limit
        case .stopLoss: return .stopLoss
        case .takeProfit: return .takeProfit
        }
    }
}
