import Primitives

/// Orders.
public struct OrderRepository {
    let connection: any SQLConnection
    /// The statuses of orders still working on the exchange.
    public static let activeStatuses = ["Pending", "Open", "PartiallyFilled"]
    private static let columnNames = [
        "id", "exchange_order_id", "symbol", "side", "order_type", "quantity", "filled_quantity", "price", "average_fill_price",
        "status", "strategy_id", "cancel_reason", "created_at", "updated_at",
    ]
    private static let columns = columnNames.joined(separator: ", ")

    public func insert(_ order: OrderRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO orders (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            Self.values(order))
    }

    /// Many orders through the bulk path (COPY on PostgreSQL), inside the caller's transaction.
    public func insert(_ orders: [OrderRecord]) throws(StorageError) {
        try connection.bulkInsert(table: "orders", columns: Self.columnNames, rows: orders.map(Self.values))
    }

    private static func values(_ order: OrderRecord) -> [SQLValue] {
        [order.id.sqlValue, order.exchangeOrderID.sqlValue, order.symbol.sqlValue, order.side.sqlValue,
         order.orderType.sqlValue, order.quantity.sqlValue, order.filledQuantity.sqlValue, order.price.sqlValue,
         order.averageFillPrice.sqlValue, order.status.sqlValue, order.strategyID.sqlValue, order.cancelReason.sqlValue,
         order.createdAt.sqlValue, order.updatedAt.sqlValue]
    }

    public func find(id: String) throws(StorageError) -> OrderRecord? {
        try connection.query("SELECT \(Self.columns) FROM orders WHERE id = $1", id).first.map(OrderRecord.init)
    }

    /// Orders in `statuses`, newest first, optionally of one symbol or strategy.
    public func list(statuses: [String], symbol: String? = nil, strategyID: String? = nil, limit: Int = 100, offset: Int = 0)
        throws(StorageError) -> [OrderRecord] {
        var filter = SQLWhereClause()
        filter.require("status", in: statuses.map(\.sqlValue))
        filter.require("symbol", "=", symbol)
        filter.require("strategy_id", "=", strategyID)
        let parameters = filter.parameters + [limit.sqlValue, offset.sqlValue]
        return try connection.query(
            "SELECT \(Self.columns) FROM orders\(filter.sql) ORDER BY created_at DESC, id LIMIT $\(parameters.count - 1) OFFSET $\(parameters.count)",
            parameters).map(OrderRecord.init)
    }

    /// How many orders are in `statuses`.
    public func count(statuses: [String]) throws(StorageError) -> Int {
        var filter = SQLWhereClause()
        filter.require("status", in: statuses.map(\.sqlValue))
        return try connection.query("SELECT COUNT(*) AS n FROM orders\(filter.sql)", filter.parameters).first?.int("n") ?? 0
    }

    /// Counts of active orders by status and by side.
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

    /// Writes an order's changing fields; false when there is no such order.
    @discardableResult
    public func update(_ order: OrderRecord) throws(StorageError) -> Bool {
        try connection.execute(
            """
            UPDATE orders SET exchange_order_id = $2, filled_quantity = $3, average_fill_price = $4, status = $5,
            cancel_reason = $6, updated_at = $7 WHERE id = $1
            """,
            [order.id.sqlValue, order.exchangeOrderID.sqlValue, order.filledQuantity.sqlValue, order.averageFillPrice.sqlValue,
             order.status.sqlValue, order.cancelReason.sqlValue, order.updatedAt.sqlValue]) == 1
    }
}

extension Repositories {
    /// Orders.
    public var orders: OrderRepository { OrderRepository(connection: connection) }
}
