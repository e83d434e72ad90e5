import Primitives

/// Positions and their lots. Amounts are computed in Swift with `ExactDecimal` and written
/// back inside the caller's `write` transaction, never computed in SQL (SQLite would do
/// TEXT arithmetic in floating point).
public struct PositionRepository {
    let connection: any SQLConnection
    /// The stored columns of a position, in the order `values` gives them.
    static let columnNames = [
        "id", "exchange", "symbol", "strategy_id", "side", "quantity", "entry_price", "realized_pnl", "leverage", "opened_at",
        "updated_at",
    ]
    static let columns = columnNames.joined(separator: ", ")
    /// The stored columns of a lot, in the order `values` gives them.
    static let lotColumnNames = ["id", "position_id", "quantity", "price", "fee", "opened_at", "lot_order"]
    static let lotColumns = lotColumnNames.joined(separator: ", ")

    /// Adds a position; a second one for the same exchange, symbol and strategy (or id) is
    /// `.uniqueViolation`.
    public func insert(_ position: PositionRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO positions (\(Self.columns)) VALUES (\(SQLPlaceholders.list(Self.columnNames.count)))", Self.values(position))
    }

    /// A position's values in the order of `columnNames` (a manual position's strategy as `''`).
    static func values(_ position: PositionRecord) -> [SQLValue] {
        [position.id.sqlValue, position.exchange.sqlValue, position.symbol.sqlValue, (position.strategyID ?? "").sqlValue,
         position.side.sqlValue, position.quantity.sqlValue, position.entryPrice.sqlValue, position.realizedPnl.sqlValue,
         position.leverage.sqlValue, position.openedAt.sqlValue, position.updatedAt.sqlValue]
    }

    /// A lot's values in the order of `lotColumnNames`.
    static func values(_ lot: LotRecord) -> [SQLValue] {
        [lot.id.sqlValue, lot.positionID.sqlValue, lot.quantity.sqlValue, lot.price.sqlValue, lot.fee.sqlValue, lot.openedAt.sqlValue,
         Int(lot.order).sqlValue]
    }

    /// Writes a position's changing fields (side, quantity, entry price, realized PnL,
    /// leverage, updated time); false when there is no such position.
    @discardableResult
    public func update(_ position: PositionRecord) throws(StorageError) -> Bool {
        try connection.execute(
            """
            UPDATE positions SET side = $2, quantity = $3, entry_price = $4, realized_pnl = $5, leverage = $6, updated_at = $7
            WHERE id = $1
            """, position.id, position.side, position.quantity, position.entryPrice, position.realizedPnl, position.leverage,
            position.updatedAt) == 1
    }

    /// The position with `id`, or nil. With `forUpdate` the row stays locked against other
    /// writers until the transaction ends (PostgreSQL), for a read-modify-`update`.
    public func find(id: String, forUpdate: Bool = false) throws(StorageError) -> PositionRecord? {
        try connection.query("SELECT \(Self.columns) FROM positions WHERE id = $1" + (forUpdate ? connection.forUpdate : ""), id)
            .first.map(PositionRecord.init)
    }

    /// The position of a strategy (nil: the manual one) in a symbol on an exchange, or nil;
    /// `forUpdate` as in `find(id:forUpdate:)`.
    public func find(exchange: String, symbol: String, strategyID: String?, forUpdate: Bool = false)
        throws(StorageError) -> PositionRecord? {
        try connection.query(
            "SELECT \(Self.columns) FROM positions WHERE exchange = $1 AND symbol = $2 AND strategy_id = $3"
                + (forUpdate ? connection.forUpdate : ""),
            exchange, symbol, strategyID ?? "").first.map(PositionRecord.init)
    }

    /// Every position, or those in one symbol, oldest first.
    public func list(symbol: String? = nil) throws(StorageError) -> [PositionRecord] {
        var filter = SQLWhereClause()
        filter.require("symbol", "=", symbol)
        return try connection.query("SELECT \(Self.columns) FROM positions\(filter.sql) ORDER BY opened_at, id", filter.parameters)
            .map(PositionRecord.init)
    }

    /// Deletes a position with its lots; false when there is no such position.
    @discardableResult
    public func delete(id: String) throws(StorageError) -> Bool {
        try connection.execute("DELETE FROM positions WHERE id = $1", id) == 1
    }

    /// Adds a lot to a position: the position must exist (`.foreignKeyViolation`), the
    /// quantity be positive and the fee not negative (`.constraintViolation`).
    public func addLot(_ lot: LotRecord) throws(StorageError) {
        guard lot.quantity > .zero else { throw .constraintViolation(constraint: "position_lots.quantity must be positive") }
        guard !lot.fee.isNegative else { throw .constraintViolation(constraint: "position_lots.fee must not be negative") }
        try connection.execute(
            "INSERT INTO position_lots (\(Self.lotColumns)) VALUES (\(SQLPlaceholders.list(Self.lotColumnNames.count)))",
            Self.values(lot))
    }

    /// A position's lots, oldest first (by opening time, then id): the order FIFO consumes them.
    public func lots(positionID: String) throws(StorageError) -> [LotRecord] {
        try lots(positionID: positionID, lock: false)
    }

    /// Consumes `quantity` from a position's lots, oldest first. A lot taken whole is deleted
    /// with its whole fee; a lot taken in part shrinks, and its fee is spread over its
    /// quantity, so taking q of a lot (Q, F) takes F·q/Q and leaves F − F·q/Q (the two always
    /// add up to F exactly; F·q/Q itself is rounded half to even at the finest scale that
    /// fits, when it is not a finite decimal). Returns the slices taken, oldest first.
    ///
    /// When the lots hold less than `quantity` it throws `.constraintViolation`
    /// (`position_lots.quantity sufficient for …`) before changing anything; a negative
    /// quantity is refused the same way.
    public func consumeLots(positionID: String, quantity: ExactDecimal) throws(StorageError) -> [ConsumedLot] {
        guard !quantity.isNegative else {
            throw .constraintViolation(constraint: "position_lots consume quantity must not be negative (position \(positionID))")
        }
        let lots = try lots(positionID: positionID, lock: true)
        let held = lots.reduce(ExactDecimal.zero) { $0 + $1.quantity }
        guard held >= quantity else {
            throw .constraintViolation(
                constraint: "position_lots.quantity sufficient for position \(positionID): holds \(held), asked \(quantity)")
        }
        var remaining = quantity
        var consumed: [ConsumedLot] = []
        for lot in lots where remaining > .zero {
            if lot.quantity <= remaining {
                try connection.execute("DELETE FROM position_lots WHERE id = $1", lot.id)
                consumed.append(ConsumedLot(lotID: lot.id, quantity: lot.quantity, price: lot.price, fee: lot.fee, openedAt: lot.openedAt))
                remaining = remaining - lot.quantity
            } else {
                let fee = Self.feeShare(of: lot, taking: remaining)
                try connection.execute(
                    "UPDATE position_lots SET quantity = $2, fee = $3 WHERE id = $1",
                    lot.id, lot.quantity - remaining, lot.fee - fee)
                consumed.append(ConsumedLot(lotID: lot.id, quantity: remaining, price: lot.price, fee: fee, openedAt: lot.openedAt))
                remaining = .zero
            }
        }
        return consumed
    }

    private func lots(positionID: String, lock: Bool) throws(StorageError) -> [LotRecord] {
        try connection.query(
            "SELECT \(Self.lotColumns) FROM position_lots WHERE position_id = $1 ORDER BY opened_at, lot_order, id" + (lock ? connection.forUpdate : ""),
            positionID).map(LotRecord.init)
    }

    /// F·q/Q for taking q < Q of a lot. ExactDecimal traps on Int128 overflow, so the scale
    /// of the quotient is lowered until the scaled dividend fits in 38 digits.
    private static func feeShare(of lot: LotRecord, taking quantity: ExactDecimal) -> ExactDecimal {
        let product = lot.fee * quantity
        let digits = String(product.units.magnitude).count
        var scale = ExactDecimal.maximumScale
        while scale > 0 && digits + scale + lot.quantity.scale - product.scale > 38 { scale -= 1 }
        // Only called with Q > q > 0, so the division exists.
        return (product.divided(by: lot.quantity, scale: scale) ?? .zero).normalized
    }
}

extension Repositories {
    /// Positions and their FIFO lots.
    public var positions: PositionRepository { PositionRepository(connection: connection) }
}
