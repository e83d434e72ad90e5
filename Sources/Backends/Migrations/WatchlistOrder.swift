/// Version 13: what serving watchlists needs beyond version 2.
///
/// - `watchlists.updated_at`, which version 2 added as 0 for the lists it found, takes their
///   `created_at`: no list claims to have last changed in 1970.
/// - `watchlist_items.ordinal`, an item's place in its list (1 for the first added, each new
///   item one past the highest), so that items list in the order they were added even when two
///   were added in the same millisecond or the clock stepped back. Items stored before this
///   version are numbered by the time they were added, then by symbol in byte order.
enum WatchlistOrder {
    static let columns = [AddedColumn(table: "watchlist_items", column: column("ordinal", .bigint, default: "0"))]

    static func sql(_ dialect: SQLDialect) -> String {
        // Symbols compare in byte order on both: PostgreSQL would otherwise use the database's locale.
        let bytewise = dialect == .postgresql ? #" COLLATE "C""# : ""
        return "UPDATE watchlists SET updated_at = created_at WHERE updated_at < created_at;\n"
            + AddedColumn.script(columns, indexes: [], dialect)
            + """
            UPDATE watchlist_items SET ordinal = (SELECT COUNT(*) FROM watchlist_items earlier \
            WHERE earlier.watchlist_id = watchlist_items.watchlist_id AND (earlier.added_at < watchlist_items.added_at \
            OR (earlier.added_at = watchlist_items.added_at AND earlier.symbol\(bytewise) <= watchlist_items.symbol\(bytewise))));

            """
    }
}
