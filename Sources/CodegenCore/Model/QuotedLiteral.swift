/// The double-quoted string literal of JSON (and so of TypeScript) and of Swift: both escape
/// quotes, backslashes, line feeds, carriage returns and tabs the same way and differ only in
/// how they spell the other control characters.
enum QuotedLiteral {
    /// `text` between double quotes, with the characters above escaped and every other
    /// control character (below U+0020) spelled by `controlEscape`.
    static func quote(_ text: String, controlEscape: (Unicode.Scalar) -> String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += controlEscape(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
