/// One symbol on a watchlist.
public struct WatchlistItemRecord: Sendable, Equatable {
    /// The symbol followed.
    public var symbol: String
    /// Epoch milliseconds.
    public var addedAt: Int

    /// An item record.
    public init(symbol: String, addedAt: Int) {
        self.symbol = symbol
        self.addedAt = addedAt
    }
}
