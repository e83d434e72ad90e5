/// A CSV file of the import commands, read whole: a header row naming the columns (each one of
/// the known ones, in any order, none twice, the required ones present), then one row a record.
/// Blank lines are skipped; a field may be double-quoted (`"a, b"`, `""` for a quote);
/// unquoted fields are trimmed; lines end in LF or CRLF.
public struct CSVTable: Sendable {
    /// The header's column names, in file order.
    public let names: [String]
    /// The rows after the header with their 1-based line numbers, each with one cell a name.
    public let rows: [(number: Int, cells: [String])]

    /// Reads `text`; a column outside `known`, a missing `required` one or a bad row stops it.
    public init(_ text: String, known: [String], required: [String]) throws(CSVLineError) {
        var lines = Self.numberedLines(text)
        guard let header = lines.first, !header.text.allSatisfy(\.isWhitespace) else {
            throw CSVLineError(line: 1, column: nil, reason: "the header row is missing (\(known.joined(separator: ",")))")
        }
        lines.removeFirst()
        let names = try Self.fields(of: header.text, number: 1)
        for (index, name) in names.enumerated() {
            guard known.contains(name) else {
                throw CSVLineError(line: 1, column: name, reason: "unknown column (known: \(known.joined(separator: ", ")))")
            }
            guard !names[..<index].contains(name) else { throw CSVLineError(line: 1, column: name, reason: "appears twice") }
        }
        for name in required where !names.contains(name) {
            throw CSVLineError(line: 1, column: name, reason: "is missing from the header")
        }
        var rows: [(number: Int, cells: [String])] = []
        for (number, line) in lines where !line.allSatisfy(\.isWhitespace) {
            let cells = try Self.fields(of: line, number: number)
            guard cells.count == names.count else {
                throw CSVLineError(line: number, column: nil, reason: "expected \(names.count) fields, found \(cells.count)")
            }
            rows.append((number, cells))
        }
        self.names = names
        self.rows = rows
    }

    /// The lines of `text` with their 1-based numbers, without line endings.
    private static func numberedLines(_ text: String) -> [(number: Int, text: Substring)] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated().map {
            ($0.offset + 1, $0.element.hasSuffix("\r") ? $0.element.dropLast() : $0.element)
        }
    }

    /// The fields of one line, trimmed; a double-quoted field keeps commas, `""` is a quote.
    private static func fields(of line: Substring, number: Int) throws(CSVLineError) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if quoted {
                if character == "\"" {
                    quoted = false
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                if wasQuoted {
                    field.append("\"")  // `""` inside a quoted field
                } else if field.allSatisfy(\.isWhitespace) {
                    field = ""  // spaces before the opening quote
                }
                quoted = true
                wasQuoted = true
            } else if character == "," {
                fields.append(wasQuoted ? field : field.trimmed)
                field = ""
                wasQuoted = false
            } else if !wasQuoted || !character.isWhitespace {
                field.append(character)
            }
        }
        guard !quoted else { throw CSVLineError(line: number, column: nil, reason: "a quoted field is not closed") }
        fields.append(wasQuoted ? field : field.trimmed)
        return fields
    }
}

private extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
