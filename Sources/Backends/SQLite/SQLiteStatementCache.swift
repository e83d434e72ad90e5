/// The prepared statements of one connection, by SQL text as the caller wrote it.
///
/// The server runs a small set of statements over and over; preparing (and rewriting the
/// placeholders of) each only once saves most of the cost of a short query. The cache is
/// bounded so that statements built at run time (a `bulkInsert` per column list) cannot
/// grow it without end: past `capacity`, the least recently used statement is finalized.
final class SQLiteStatementCache {
    private struct Entry {
        let statement: SQLiteStatement
        var lastUse: UInt64
    }

    private let capacity: Int
    private var entries: [String: Entry] = [:]
    /// A use counter rather than a clock: it orders uses, which is all eviction needs.
    private var uses: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The cached statement for `sql`, or one made by `prepare` and cached.
    func statement(for sql: String, prepare: () throws(StorageError) -> SQLiteStatement) throws(StorageError) -> SQLiteStatement {
        uses += 1
        if let index = entries.index(forKey: sql) {
            entries.values[index].lastUse = uses
            return entries.values[index].statement
        }
        let statement = try prepare()
        if entries.count >= capacity { evictLeastRecentlyUsed() }
        entries[sql] = Entry(statement: statement, lastUse: uses)
        return statement
    }

    /// Finalizes every statement; required before the connection closes.
    func removeAll() {
        for entry in entries.values { entry.statement.finalize() }
        entries.removeAll()
    }

    /// A linear scan: it only runs on a miss with a full cache, which a server with a
    /// fixed set of statements reaches rarely, and it keeps hits free of bookkeeping.
    private func evictLeastRecentlyUsed() {
        guard let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) else { return }
        oldest.value.statement.finalize()
        entries[oldest.key] = nil
    }
}
