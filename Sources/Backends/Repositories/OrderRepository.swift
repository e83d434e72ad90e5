import Primitives

/// Orders.
public struct OrderRepository {
    let connection: any SQLConnection
    /// The statuses of orders still working on the exchange.
    public static let activeStatuses = ["Pending", "Open", "PartiallyFilled"]
    /// The stored columns, in the order `values` gives them.
    static let columnNames = [
        "id", "exchange_order_id", "client_order_id", "symbol", "side", "order_type", "time_in_force", "expires_at", "quantity",
        "filled_quantity", "price", "average_fill_price", "fee", "status", "strategy_id", "cancel_reason", "reject_reason",
        "created_at", "updated_at",
    ]
    static let columns = columnNames.joined(separator: ", ")

    /// Adds an order; an id or client order id already stored is `.uniqueViolation`.
    public func insert(_ order: OrderRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO orders (\(Self.columns)) VALUES (\(SQLPlaceholders.list(Self.columnNames.count)))", Self.values(order))
    }

    /// Many orders through the bulk path (COPY on PostgreSQL), inside the caller's transaction.
    public func insert(_ orders: [OrderRecord]) throws(StorageError) {
        try connection.bulkInsert(table: "orders", columns: Self.columnNames, rows: orders.map(Self.values))
    }

    /// An order's values in the order of `columnNames`.
    static func values(_ order: OrderRecord) -> [SQLValue] {
        [order.id.sqlValue, order.exchangeOrderID.sqlValue, order.clientOrderID.sqlValue, order.symbol.sqlValue,
         order.side.sqlValue, order.orderType.sqlValue, order.timeInForce.sqlValue, order.expiresAt.sqlValue,
         order.quantity.sqlValue, order.filledQuantity.sqlValue, order.price.sqlValue, order.averageFillPrice.sqlValue,
         order.fee.sqlValue, order.status.sqlValue, order.strategyID.sqlValue, order.cancelReason.sqlValue,
         order.rejectReason.sqlValue, order.createdAt.sqlValue, order.updatedAt.sqlValue]
    }

    public func find(id: String) throws(StorageError) -> OrderRecord? {
        try connection.query("SELECT \(Self.columns) FROM orders WHERE id = $1", id).first.map(OrderRecord.init)
    }

    /// One page of orders, newest first (ties by id): those in `statuses` (empty: any status),
    /// of `symbol` (the stored form, `BTC/USDT`), `side` and `strategyID` where given.
    public func list(statuses: [String] = [], symbol: String? = nil, side: String? = nil, strategyID: String? = nil,
                     limit: Int = 100, offset: Int = 0) throws(StorageError) -> [OrderRecord] {
        let filter = Self.filter(statuses: statuses, symbol: symbol, side: side, strategyID: strategyID)
        let parameters = filter.parameters + [limit.sqlValue, offset.sqlValue]
        return try connection.query(
            "SELECT \(Self.columns) FROM orders\(filter.sql) ORDER BY created_at DESC, id LIMIT $\(parameters.count - 1) OFFSET $\(parameters.count)",
            parameters).map(OrderRecord.init)
    }

    /// How many orders the same filters as `list` select (for the page total).
    public func count(statuses: [String] = [], symbol: String? = nil, side: String? = nil, strategyID: String? = nil)
        throws(StorageError) -> Int {
        let filter = Self.filter(statuses: statuses, symbol: symbol, side: side, strategyID: strategyID)
        return try connection.query("SELECT COUNT(*) AS n FROM orders\(filter.sql)", filter.parameters).first?.int("n") ?? 0
    }

    private static func filter(statuses: [String], symbol: String?, side: String?, strategyID: String?) -> SQLWhereClause {
        var filter = SQLWhereClause()
        if !statuses.isEmpty { filter.require("status", in: statuses.map(\.sqlValue)) }
        filter.require("symbol", "=", symbol)
        filter.require("side", "=", side)
        filter.require("strategy_id", "=", strategyID)
        return filter
    }

    /// Counts of active orders by status and by side.
    /// Every client order id used, with its order's id.
    public func clientOrderIDs() throws(StorageError) -> [String: String] {
        var ids: [String: String] = [:]
        for row in try connection.query("SELECT client_order_id, id FROM orders WHERE client_order_id IS NOT NULL") {
            ids[try row.string("client_order_id")] = try row.string("id")
        }
        return ids
    }

    public func activeCounts() throws(StorageError) -> OrderCounts {
        var filter = SQLWhereClause()
        filter.require("status", in: Self.activeStatuses.map(\.sqlValue))
        var counts = OrderCounts(byStatus: [:], bySide: [:])
        // One pass over the active orders; both tallies are sums over its (status, side) groups.
        for row in try connection.query(
            "SELECT status, side, COUNT(*) AS n FROM orders\(filter.sql) GROUP BY status, side", filter.parameters) {
            let count = try row.int("n")
            counts.byStatus[try row.string("status"), default: 0] += count
            counts.bySide[try row.string("side"), default: 0] += count
        }
        return counts
    }

    /// Writes an order's changing fields (exchange order id, filled quantity, average fill
    /// price, fee, status, cancel and reject reasons, updated time); false when there is no
    /// such order.
    @discardableResult
    public func update(_ order: OrderRecord) throws(StorageError) -> Bool {
        try connection.execute(
            """
            UPDATE orders SET exchange_order_id = $2, filled_quantity = $3, average_fill_price = $4, fee = $5, status = $6,
            cancel_reason = $7, reject_reason = $8, updated_at = $9 WHERE id = $1
            """,
            [order.id.sqlValue, order.exchangeOrderID.sqlValue, order.filledQuantity.sqlValue, order.averageFillPrice.sqlValue,
             order.fee.sqlValue, order.status.sqlValue, order.cancelReason.sqlValue, order.rejectReason.sqlValue,
             order.updatedAt.sqlValue]) == 1
    }
}

extension Repositories {
    /// Orders.
    public var orders: OrderRepository { OrderRepository(connection: connection) }
}
