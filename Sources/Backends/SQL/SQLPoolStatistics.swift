/// The connections of a database at one moment, for `/metrics`.
public struct SQLPoolStatistics: Sendable, Equatable {
    /// Connections the database may use (PostgreSQL: the pool size; SQLite: the writer and
    /// the readers).
    public var size: Int
    /// Connections with an open session (PostgreSQL reopens a dead one on its next use).
    public var open: Int
    /// Connections running a job now.
    public var inUse: Int
    /// Jobs waiting for a connection.
    public var waiting: Int

    public init(size: Int, open: Int, inUse: Int, waiting: Int) {
        self.size = size
        self.open = open
        self.inUse = inUse
        self.waiting = waiting
    }
}
