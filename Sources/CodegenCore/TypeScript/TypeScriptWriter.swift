/// Builds TypeScript source line by line, indenting by two spaces a level: the shared
/// `SourceWriter` lines and blocks, and TypeScript's lists, unions and JSDoc comments.
struct TypeScriptWriter: SourceWriter {
    /// `SourceWriter`'s state, two spaces a level.
    static let indentation = "  "
    var text = ""
    var depth = 0

    /// Appends `opener item, item closer` on one line when it fits in `width` columns,
    /// indentation included, else `opener`, one `item,` a line one level deeper, and `closer`.
    /// `spaced` pads the one-line form inside its brackets: `{ a, b }`.
    mutating func list(_ opener: String, _ items: [String], closer: String, spaced: Bool = false, width: Int) {
        let joined = items.joined(separator: ", ")
        let single = spaced ? "\(opener) \(joined) \(closer)" : opener + joined + closer
        if depth * 2 + single.count <= width {
            line(single)
            return
        }
        block(opener, closer: closer) { writer in
            for item in items { writer.line(item + ",") }
        }
    }

    /// Appends `opener A | B;` on one line when it fits in `width` columns, indentation
    /// included, or has one member; else `opener` and one `| member` a line.
    mutating func union(_ opener: String, members: [String], width: Int) {
        let single = "\(opener) \(members.joined(separator: " | "));"
        if depth * 2 + single.count <= width || members.count < 2 {
            line(single)
            return
        }
        line(opener)
        indented { writer in
            for (index, member) in members.enumerated() {
                writer.line("| \(member)\(index == members.count - 1 ? ";" : "")")
            }
        }
    }

    /// Appends a JSDoc comment holding `paragraphs` (blank ones are left out), separated by
    /// empty comment lines. Writes nothing when every paragraph is blank.
    mutating func doc(_ paragraphs: [String?]) {
        let kept = paragraphs.compactMap { paragraph -> [String]? in
            guard let paragraph else { return nil }
            let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false)
                .map { TypeScriptSyntax.commentText(Self.trimmingTrailingWhitespace(String($0))) }
            let trimmed = Array(lines.drop(while: \.isEmpty).reversed().drop(while: \.isEmpty).reversed())
            return trimmed.isEmpty ? nil : trimmed
        }
        guard !kept.isEmpty else { return }
        let indentation = depth * 2
        if kept.count == 1, kept[0].count == 1, indentation + kept[0][0].count + 7 <= Self.width {
            line("/** \(kept[0][0]) */")
            return
        }
        line("/**")
        for (index, paragraph) in kept.enumerated() {
            if index > 0 { line(" *") }
            for text in Self.wrapped(paragraph, width: Self.width - indentation - 3) {
                line(text.isEmpty ? " *" : " * \(text)")
            }
        }
        line(" */")
    }

    /// Comment lines longer than this, indentation included, are wrapped at spaces.
    private static let width = 120

    /// `lines` with prose lines longer than `width` wrapped at spaces; code (fenced or indented)
    /// is kept as it is.
    private static func wrapped(_ lines: [String], width commentWidth: Int) -> [String] {
        var result: [String] = []
        var inFence = false
        for line in lines {
            if line.hasPrefix("```") { inFence.toggle() }
            guard !inFence, !line.hasPrefix(" "), !line.hasPrefix("\t"), line.count > commentWidth else {
                result.append(line)
                continue
            }
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                if !current.isEmpty, current.count + 1 + word.count > commentWidth {
                    result.append(current)
                    current = String(word)
                } else {
                    current += current.isEmpty ? String(word) : " " + word
                }
            }
            result.append(current)
        }
        return result
    }

    private static func trimmingTrailingWhitespace(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result = result.dropLast() }
        return String(result)
    }
}
