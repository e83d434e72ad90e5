/// Version 7: what the paper exchange keeps of an order beyond version 1. `client_order_id`
/// makes a retried create find the order it already made (unique; orders without one are
/// NULL, which both databases let repeat); `time_in_force` and `expires_at` say how long an
/// order works; `fee` sums what its fills paid; `reject_reason` says why an accepted order
/// ended `Rejected` or `Expired`. Orders stored before this version are good till cancelled
/// with no fee. `position_lots.lot_order` keeps a position's FIFO order among lots opened in
/// the same millisecond (one order walking several levels). The index on `created_at` serves the newest-first order listing.
enum ExchangeOrderColumns {
    static let columns: [AddedColumn] = [
        AddedColumn(table: "orders", column: column("client_order_id", .text, null: true)),
        AddedColumn(table: "orders", column: column("time_in_force", .text, default: "'GTC'")),
        AddedColumn(table: "orders", column: column("expires_at", .bigint, null: true)),
        AddedColumn(table: "orders", column: column("fee", .decimal, default: "0")),
        AddedColumn(table: "orders", column: column("reject_reason", .text, null: true)),
        AddedColumn(table: "position_lots", column: column("lot_order", .bigint, default: "0")),
    ]
    static let indexes = [
        "CREATE UNIQUE INDEX orders_client_order_id ON orders (client_order_id)",
        "CREATE INDEX orders_created ON orders (created_at)",
    ]

    static func sql(_ dialect: SQLDialect) -> String {
        AddedColumn.script(columns, indexes: indexes, dialect)
    }
}
