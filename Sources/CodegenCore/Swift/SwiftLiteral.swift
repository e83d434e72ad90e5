/// Swift source literals.
enum SwiftLiteral {
    /// A double-quoted string literal: quotes, backslashes, line feeds, carriage returns and
    /// tabs escaped as in JSON, other control characters as `\u{…}` (Swift has no `\u00XX`).
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A raw string literal (`#"..."#`) with enough `#` for any content: one more than the
    /// longest run of `#` after a quote or backslash in `text`. One pass over the bytes; the
    /// spec embedded in `Protocol.swift` is hundreds of kilobytes.
    static func raw(_ text: String, multiline: Bool = false) -> String {
        let (quote, backslash, hash) = (UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "#"))
        var longestRun = 0
        var run: Int?
        for byte in text.utf8 {
            if byte == hash {
                guard let length = run else { continue }
                run = length + 1
                longestRun = max(longestRun, length + 1)
            } else {
                run = byte == quote || byte == backslash ? 0 : nil
            }
        }
        let hashes = String(repeating: "#", count: longestRun + 1)
        if multiline { return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes }
        return hashes + "\"" + text + "\"" + hashes
    }
}
