/// Watchlists: a user's named lists of symbols, one per name and user, deleted with their user.
/// A list is reached through its owner (`find(id:userID:)`, `update`, `delete`), so that no
/// request of one user can read or change another's. Items keep the order they were added in
/// (`watchlist_items.ordinal`), and every change of a list's name, description or items moves
/// its `updated_at`.
public struct WatchlistRepository {
    let connection: any SQLConnection
    private static let columns = "id, user_id, name, description, created_at, updated_at"

    /// Adds a watchlist with its items, numbered in the order given. The same name twice for one
    /// user is `.uniqueViolation`, an unknown user `.foreignKeyViolation`.
    public func create(_ watchlist: WatchlistRecord) throws(StorageError) {
        try connection.execute(
            "INSERT INTO watchlists (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6)",
            watchlist.id, watchlist.userID, watchlist.name, watchlist.description, watchlist.createdAt, watchlist.updatedAt)
        for (index, item) in watchlist.items.enumerated() {
            try insertItem(watchlistID: watchlist.id, item, ordinal: index + 1)
        }
    }

    /// How many watchlists `userID` has. `forUpdate` (in a write) first locks the user's row on
    /// PostgreSQL, so that a limit checked against the count holds until the transaction ends:
    /// concurrent creations for one user queue behind it. SQLite's write transactions are
    /// exclusive already.
    public func count(userID: String, forUpdate: Bool = false) throws(StorageError) -> Int {
        if forUpdate {
            _ = try connection.query("SELECT id FROM users WHERE id = $1\(connection.forUpdate)", userID)
        }
        return try connection.query("SELECT COUNT(*) AS n FROM watchlists WHERE user_id = $1", userID).first?.int("n") ?? 0
    }

    /// A user's watchlists with their items: lists by creation time (then id), items in the
    /// order they were added.
    public func list(userID: String) throws(StorageError) -> [WatchlistRecord] {
        var items: [String: [WatchlistItemRecord]] = [:]
        for row in try connection.query(
            """
            SELECT i.watchlist_id, i.symbol, i.added_at FROM watchlist_items i JOIN watchlists w ON w.id = i.watchlist_id
            WHERE w.user_id = $1 ORDER BY i.ordinal, \(connection.bytewise("i.symbol"))
            """, userID) {
            items[try row.string("watchlist_id"), default: []].append(try Self.item(row))
        }
        return try connection.query(
            "SELECT \(Self.columns) FROM watchlists WHERE user_id = $1 ORDER BY created_at, \(connection.bytewise("id"))", userID)
            .map { row throws(StorageError) in try WatchlistRecord(row: row, items: items[try row.string("id")] ?? []) }
    }

    /// The watchlist `id` of `userID` with its items, or nil (no such list, or another user's).
    /// `forUpdate` (in a write) locks the list's row on PostgreSQL until the transaction ends,
    /// so that what a change checks against it (its items, a limit) still holds when it writes.
    public func find(id: String, userID: String, forUpdate: Bool = false) throws(StorageError) -> WatchlistRecord? {
        guard let row = try connection.query(
            "SELECT \(Self.columns) FROM watchlists WHERE id = $1 AND user_id = $2\(forUpdate ? connection.forUpdate : "")", id, userID
        ).first else { return nil }
        let items = try connection.query(
            "SELECT symbol, added_at FROM watchlist_items WHERE watchlist_id = $1 ORDER BY ordinal, \(connection.bytewise("symbol"))", id
        ).map(Self.item)
        return try WatchlistRecord(row: row, items: items)
    }

    /// Sets the name and description of the watchlist `id` of `userID` and marks it updated;
    /// false (nothing changed) when that user has no such list. A name another list of the user
    /// has is `.uniqueViolation`.
    @discardableResult
    public func update(id: String, userID: String, name: String, description: String?, at time: Int) throws(StorageError) -> Bool {
        try connection.execute(
            "UPDATE watchlists SET name = $3, description = $4, updated_at = $5 WHERE id = $1 AND user_id = $2",
            id, userID, name, description, time) == 1
    }

    /// Deletes the watchlist `id` of `userID` with its items; false when that user has no such list.
    @discardableResult
    public func delete(id: String, userID: String) throws(StorageError) -> Bool {
        try connection.execute("DELETE FROM watchlists WHERE id = $1 AND user_id = $2", id, userID) == 1
    }

    /// Adds a symbol after the last item of a watchlist and marks the list updated. A symbol
    /// already on it is `.uniqueViolation`, an unknown watchlist `.foreignKeyViolation`. The
    /// caller checks that the list is the user's (`find(id:userID:forUpdate:)`, which also keeps
    /// two additions from taking the same place on PostgreSQL).
    public func addItem(watchlistID: String, symbol: String, at time: Int) throws(StorageError) {
        let last = try connection.query(
            "SELECT COALESCE(MAX(ordinal), 0) AS last FROM watchlist_items WHERE watchlist_id = $1", watchlistID
        ).first?.int("last") ?? 0
        try insertItem(watchlistID: watchlistID, WatchlistItemRecord(symbol: symbol, addedAt: time), ordinal: last + 1)
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

    private func insertItem(watchlistID: String, _ item: WatchlistItemRecord, ordinal: Int) throws(StorageError) {
        try connection.execute(
            "INSERT INTO watchlist_items (watchlist_id, symbol, added_at, ordinal) VALUES ($1, $2, $3, $4)",
            watchlistID, item.symbol, item.addedAt, ordinal)
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
