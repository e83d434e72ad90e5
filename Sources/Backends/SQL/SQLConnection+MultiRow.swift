/// Multi-row writes with bound parameters, the same SQL on both dialects: what a batch of
/// hundreds of rows needs to cost a few statements instead of one round trip a row.
/// Table and column names are the repositories' own constants, never input.
extension SQLConnection {
    /// Inserts `rows` into `table`, or rewrites every other column of the stored row with the
    /// same `key` (`INSERT … ON CONFLICT (key) DO UPDATE`). Two rows with the same key in
    /// one call are the caller's mistake (PostgreSQL refuses them in one statement), so
    /// callers keep the last of each key. Another unique constraint still refuses a row
    /// (`.uniqueViolation`).
    func upsert(table: String, columns: [String], key: [String], rows: [[SQLValue]]) throws(StorageError) {
        let updates = columns.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let conflict = updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET \(updates)"
        for chunk in SQLStatementChunks.slices(of: rows) {
            let tuples = (0..<chunk.count).map { "(\(SQLPlaceholders.list(columns.count, from: 1 + columns.count * $0)))" }
            try execute("""
                INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", ")) \
                ON CONFLICT (\(key.joined(separator: ", "))) \(conflict)
                """, chunk.flatMap { $0 })
        }
    }

    /// Deletes the rows of `table` whose `column` is one of `values`; returns how many went.
    @discardableResult
    func delete(from table: String, where column: String, in values: [SQLValue]) throws(StorageError) -> Int {
        var deleted = 0
        for chunk in SQLStatementChunks.slices(of: values) {
            deleted += try execute(
                "DELETE FROM \(table) WHERE \(column) IN (\(SQLPlaceholders.list(chunk.count)))", Array(chunk))
        }
        return deleted
    }
}
