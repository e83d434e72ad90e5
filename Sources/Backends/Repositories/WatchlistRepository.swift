/// Watchlists: one per user and name, deleted with their user.
public struct WatchlistRepository {
    let connection: any SQLConnection
    private static let columns = "id, user_id, name, description, created_at, updated_at"

    /// Adds a watchlist with its items. The same name twice for one user is `.uniqueViolation`,
    /// an unknown user `.foreignKeyViolation`.
    public func create(_ watchlist: WatchlistRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO watchlists (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6)",
            watchlist.id, watchlist.userID, watchlist.name, watchlist.description, watchlist.createdAt, watchlist.updatedAt)
        for item in watchlist.items {
            try insertItem(watchlistID: watchlist.id, item)
        }
    }

    /// A user's watchlists with their items: lists by creation time (then id), items by the
    /// time they were added (then symbol).
    public func list(userID: String) throws(StorageError) -> [WatchlistRecord] {
        var items: [String: [WatchlistItemRecord]] = [:]
        for row in try connection.query(
            """
            SELECT i.watchlist_id, i.symbol, i.added_at FROM watchlist_items i JOIN watchlists w ON w.id = i.watchlist_id
            WHERE w.user_id = $1 ORDER BY i.added_at, i.symbol
            """, userID) {
            items[try row.string("watchlist_id"), default: []].append(try Self.item(row))
        }
        return try connection.query("SELECT \(Self.columns) FROM watchlists WHERE user_id = $1 ORDER BY created_at, id", userID)
            .map { row throws(StorageError) in try WatchlistRecord(row: row, items: items[try row.string("id")] ?? []) }
    }

    /// The watchlist with `id` and its items, or nil.
    public func find(id: String) throws(StorageError) -> WatchlistRecord? {
        guard let row = try connection.query("SELECT \(Self.columns) FROM watchlists WHERE id = $1", id).first else { return nil }
        let items = try connection.query(
            "SELECT symbol, added_at FROM watchlist_items WHERE watchlist_id = $1 ORDER BY added_at, symbol", id).map(Self.item)
        return try WatchlistRecord(row: row, items: items)
    }

    /// Deletes a watchlist with its items; false when there is no such watchlist.
    @discardableResult
    public func delete(id: String) throws(StorageError) -> Bool {
        try connection.execute("DELETE FROM watchlists WHERE id = $1", id) == 1
    }

    /// Adds a symbol to a watchlist and marks the list updated. A symbol already on it is
    /// `.uniqueViolation`, an unknown watchlist `.foreignKeyViolation`.
    public func addItem(watchlistID: String, symbol: String, at time: Int) throws(StorageError) {
        try insertItem(watchlistID: watchlistID, WatchlistItemRecord(symbol: symbol, addedAt: time))
        try touch(watchlistID: watchlistID, at: time)
    }

    /// Removes a symbol from a watchlist and marks the list updated; false (nothing changed)
    /// when the symbol is not on it.
    @discardableResult
    public func removeItem(watchlistID: String, symbol: String, at time: Int) throws(StorageError) -> Bool {
        guard try connection.execute(
            "DELETE FROM watchlist_items WHERE watchlist_id = $1 AND symbol = $2", watchlistID, symbol) == 1 else { return false }
        try touch(watchlistID: watchlistID, at: time)
        return true
    }

    private func insertItem(watchlistID: String, _ item: WatchlistItemRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO watchlist_items (watchlist_id, symbol, added_at) VALUES ($1, $2, $3)", watchlistID, item.symbol, item.addedAt)
    }

    private func touch(watchlistID: String, at time: Int) throws(StorageError) {
        try connection.execute("UPDATE watchlists SET updated_at = $2 WHERE id = $1", watchlistID, time)
    }

    private static func item(_ row: SQLRow) throws(StorageError) -> WatchlistItemRecord {
        WatchlistItemRecord(symbol: try row.string("symbol"), addedAt: try row.int("added_at"))
    }
}

extension Repositories {
    /// Users' watchlists and their symbols.
    public var watchlists: WatchlistRepository { WatchlistRepository(connection: connection) }
}
