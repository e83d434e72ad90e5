/// The prepared statements of one connection, by SQL text. Bounded, because a caller that
/// builds SQL dynamically (IN lists of varying length) would otherwise grow the server-side
/// memory of the session forever; the least recently used statement makes room.
struct PostgresStatementCache {
    private struct Entry {
        let name: String
        var lastUse: UInt64
    }

    /// How many statements stay prepared at most.
    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    private var nextNumber = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Whether nothing is prepared.
    var isEmpty: Bool { entries.isEmpty }

    /// The name `sql` is prepared under, if it is.
    mutating func name(for sql: String) -> String? {
        clock += 1
        guard var entry = entries[sql] else { return nil }
        entry.lastUse = clock
        entries[sql] = entry
        return entry.name
    }

    /// Records `sql` under a new name; when the cache is full it also returns the name of the
    /// statement it dropped, which the caller deallocates on the server.
    mutating func add(_ sql: String) -> (name: String, evicted: String?) {
        var evicted: String?
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries[oldest.key] = nil
            evicted = oldest.value.name
        }
        clock += 1
        nextNumber += 1
        // Names are never reused on a connection, so a failed DEALLOCATE cannot collide with a later PREPARE.
        let name = "trading_\(nextNumber)"
        entries[sql] = Entry(name: name, lastUse: clock)
        return (name, evicted)
    }

    /// Forgets `sql` (its preparation failed, or its plan went stale).
    mutating func remove(_ sql: String) {
        entries[sql] = nil
    }

    /// Forgets everything (the session ended, or DEALLOCATE ALL ran).
    mutating func removeAll() {
        entries.removeAll()
    }
}
