/// Case-insensitive substring patterns that match the same rows on both databases.
enum SQLPattern {
    /// `text` with ASCII letters lowered and everything else untouched: SQLite's `LOWER` folds
    /// only ASCII, so PostgreSQL is made to do the same (`SQLConnection.asciiLowercased`).
    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// `text` with the LIKE wildcards and the escape character escaped, for `ESCAPE '\'`.
    static func escapingWildcards(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
