/// Rewrites the project's `$1, $2, …` placeholders into SQLite's `?1, ?2, …`.
///
/// Statements are written once for both dialects in PostgreSQL's notation. SQLite would
/// read `$1` as a *named* parameter called "1" and number it by first appearance, so
/// `WHERE b = $2 AND a = $1` would bind the values swapped; `?NNN` keeps the number the
/// author wrote. Literals, quoted identifiers and comments are copied untouched, so
/// `'costs $1'` stays text. Anything that looks like a placeholder but is not `$n` with
/// n ≥ 1 (`$0`, `$x`, a bare `?`) is refused: binding it by accident would silently
/// put a value in the wrong place.
enum SQLitePlaceholderRewriter {
    /// The statement with `$n` replaced by `?n`; throws `.failed` for a malformed placeholder.
    static func rewrite(_ sql: String) throws(StorageError) -> String {
        let input = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0

        // Copies input[index...] up to and including `terminator` (or to the end).
        func copyThrough(_ terminator: [UInt8]) {
            while index < input.count {
                if input[index...].starts(with: terminator) {
                    output.append(contentsOf: terminator)
                    index += terminator.count
                    return
                }
                output.append(input[index])
                index += 1
            }
        }

        while index < input.count {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                // A doubled quote inside ('it''s') closes and reopens: copying is unchanged.
                output.append(byte)
                index += 1
                copyThrough([byte])
            case UInt8(ascii: "["):
                output.append(byte)
                index += 1
                copyThrough([UInt8(ascii: "]")])
            case UInt8(ascii: "-") where input[index...].starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]):
                copyThrough([UInt8(ascii: "\n")])
            case UInt8(ascii: "/") where input[index...].starts(with: [UInt8(ascii: "/"), UInt8(ascii: "*")]):
                output.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: "*")])
                index += 2
                copyThrough([UInt8(ascii: "*"), UInt8(ascii: "/")])
            case UInt8(ascii: "?"):
                throw malformed("?", at: index, in: sql)
            case UInt8(ascii: "$") where index > 0 && isIdentifierByte(input[index - 1]):
                // `$` may appear inside an unquoted identifier (`price$usd`).
                output.append(byte)
                index += 1
            case UInt8(ascii: "$"):
                let start = index
                index += 1
                var number = 0
                // Six digits are far above SQLite's limit (32766) and far below overflow;
                // SQLite itself reports a number over its limit when preparing.
                while index < input.count, index - start <= 6, let digit = digitValue(input[index]) {
                    number = number * 10 + digit
                    index += 1
                }
                let tokenEnd = index < input.count && isIdentifierByte(input[index]) ? index + 1 : index
                guard number >= 1, tokenEnd == index else {
                    let token = String(decoding: input[start..<max(tokenEnd, start + 1)], as: UTF8.self)
                    throw malformed(token, at: start, in: sql)
                }
                output.append(UInt8(ascii: "?"))
                output.append(contentsOf: String(number).utf8)
            default:
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// Letters, digits, `_`, `$` and every non-ASCII byte may continue an SQLite identifier.
    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"), 0x80...:
            return true
        default:
            return false
        }
    }

    private static func malformed(_ token: String, at offset: Int, in sql: String) -> StorageError {
        .failed(message: "malformed placeholder '\(token)' at byte \(offset): placeholders are $1, $2, …", statement: sql)
    }
}
