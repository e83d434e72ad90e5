/// Builds source text line by line at a current indentation: what the Swift and TypeScript
/// writers share. Each writer adds the constructs of its own language (doc comments, lists,
/// switches) on top.
protocol SourceWriter {
    /// One level of indentation.
    static var indentation: String { get }
    /// The source written so far; appended to only through the writer's methods.
    var text: String { get set }
    /// How many levels deep the next line is indented.
    var depth: Int { get set }
}

extension SourceWriter {
    /// Appends one line at the current indentation (an empty line stays empty). Only the first
    /// line of a multi-line `content` is indented, so that the content of a multi-line string
    /// literal reaches the generated file as it is.
    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: Self.indentation, count: depth) + content + "\n"
        }
    }

    /// Appends every line of `block` at the current indentation, keeping its own relative
    /// indentation; an empty `block` is one empty line. Used for the fixed parts of the
    /// generated files.
    mutating func lines(_ block: String) {
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            self.line(String(line))
        }
    }

    /// Appends what `body` writes one level deeper.
    mutating func indented(_ body: (inout Self) -> Void) {
        depth += 1
        body(&self)
        depth -= 1
    }

    /// Appends `opener`, the lines `body` writes one level deeper, and `closer`.
    mutating func block(_ opener: String, closer: String = "}", _ body: (inout Self) -> Void) {
        line(opener)
        indented(body)
        line(closer)
    }
}
