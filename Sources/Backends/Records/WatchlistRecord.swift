/// A named list of symbols a user follows, with its items oldest first.
public struct WatchlistRecord: Sendable, Equatable {
    /// The watchlist's id.
    public var id: String
    /// The user who owns it.
    public var userID: String
    /// Its name, unique per user.
    public var name: String
    /// An optional note.
    public var description: String?
    /// Epoch milliseconds.
    public var createdAt: Int
    /// The last time the list or its items changed.
    public var updatedAt: Int
    /// Its symbols, in the order they were added.
    public var items: [WatchlistItemRecord]

    /// A watchlist record.
    public init(id: String, userID: String, name: String, description: String? = nil, createdAt: Int, updatedAt: Int,
                items: [WatchlistItemRecord] = []) {
        self.id = id
        self.userID = userID
        self.name = name
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.items = items
    }

    init(row: SQLRow, items: [WatchlistItemRecord]) throws(StorageError) {
        self.init(
            id: try row.string("id"), userID: try row.string("user_id"), name: try row.string("name"),
            description: row.optionalString("description"), createdAt: try row.int("created_at"),
            updatedAt: try row.int("updated_at"), items: items)
    }
}
