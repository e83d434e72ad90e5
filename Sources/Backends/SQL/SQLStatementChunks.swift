/// Splits many rows into the row counts of multi-row statements (`VALUES (…), (…)`,
/// `IN (…)`). Counts are powers of two up to `maximum`: full chunks first, then the binary
/// digits of the remainder, so a table ever sees only a handful of distinct statement texts
/// and the statement caches keep them prepared instead of churning through one per count.
enum SQLStatementChunks {
    /// The most rows one statement carries: 128 rows of up to 255 parameters stay inside
    /// both SQLite's (32,766) and PostgreSQL's (65,535) parameter limits.
    static let maximumRows = 128

    /// `items` cut into consecutive slices of the sizes described above, in their order.
    static func slices<Item>(of items: [Item], maximum: Int = maximumRows) -> [ArraySlice<Item>] {
        var slices: [ArraySlice<Item>] = []
        var start = items.startIndex
        var size = maximum
        while start < items.endIndex {
            while size > items.endIndex - start { size /= 2 }
            slices.append(items[start..<(start + size)])
            start += size
        }
        return slices
    }
}
