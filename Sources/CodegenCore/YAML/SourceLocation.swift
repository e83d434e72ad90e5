/// Where a node starts in its source file, for error messages (1-based line and column).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file the node was read from, as given to the parser.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}
