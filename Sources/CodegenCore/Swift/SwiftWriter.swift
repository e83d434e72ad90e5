/// Builds Swift source line by line, indenting by four spaces a level: the shared
/// `SourceWriter` lines and blocks, and Swift's switches and `///` comments. The one place the
/// Swift emitters' indentation, braces and doc comments are spelled.
struct SwiftWriter: SourceWriter {
    /// `SourceWriter`'s state, four spaces a level.
    static let indentation = "    "
    var text = ""
    var depth = 0

    /// Appends `switch subject {`, what `body` writes, and `}`. The body stays at the switch's
    /// own indentation: Swift lines `case` labels up with their `switch`.
    mutating func switchBlock(_ subject: String, _ body: (inout SwiftWriter) -> Void) {
        line("switch \(subject) {")
        body(&self)
        line("}")
    }

    /// Appends a `case` or `default` label and the statements `body` writes one level deeper.
    mutating func caseBlock(_ label: String, _ body: (inout SwiftWriter) -> Void) {
        line(label)
        indented(body)
    }

    /// Like `block`, but appends nothing at all when `body` writes nothing, so that a check
    /// or loop whose statements turn out empty leaves no empty braces behind.
    mutating func blockIfNotEmpty(_ opener: String, closer: String = "}", _ body: (inout SwiftWriter) -> Void) {
        var inner = SwiftWriter(depth: depth + 1)
        body(&inner)
        guard !inner.text.isEmpty else { return }
        line(opener)
        text += inner.text
        line(closer)
    }

    /// Appends `text` as a `///` comment, one comment line a line of text with its trailing
    /// spaces dropped; nothing when `text` is nil or empty.
    mutating func doc(_ text: String?) {
        guard let text, !text.isEmpty else { return }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            self.line(line.isEmpty ? "///" : "/// " + Self.trimmingTrailingSpaces(line))
        }
    }

    private static func trimmingTrailingSpaces(_ text: Substring) -> Substring {
        var result = text
        while result.last == " " { result = result.dropLast() }
        return result
    }
}
