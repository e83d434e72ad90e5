/// A line of an imported CSV file that could not be read, with the column at fault when there
/// is one: what every import command reports, so that the file can be fixed where it is wrong.
public struct CSVLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based, the header being line 1.
    public var line: Int
    /// The column's name in the header.
    public var column: String?
    public var reason: String

    /// A fault of `line` (and `column`).
    public init(line: Int, column: String?, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { column.map { "line \(line), column \($0): \(reason)" } ?? "line \(line): \(reason)" }
}
