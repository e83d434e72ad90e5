import Foundation

/// The `format` values openapi.yaml uses, checked as assertions (OpenAPI 3.1 tools treat the
/// registered formats as checks, and a client generated from the spec parses them strictly).
/// A format applies to one JSON type; other types pass it untouched, as JSON Schema says.
enum SchemaFormat {
    /// Formats of strings, with their checks.
    private static let stringFormats: [String: @Sendable (String) -> Bool] = [
        "date-time": isDateTime,
        "date": isDate,
        "uuid": isUUID,
        // An exact decimal in a string (`Decimal`), the same grammar the spec's pattern gives.
        "decimal": { matches($0, "^-?[0-9]+(\\.[0-9]+)?$") },
        // A hint to user interfaces to mask the value; nothing to check.
        "password": { _ in true },
    ]

    /// Formats of numbers, with their checks.
    private static let numberFormats: [String: @Sendable (Double) -> Bool] = [
        "int32": { $0.rounded() == $0 && $0 >= -2_147_483_648 && $0 <= 2_147_483_647 },
        "int64": { $0.rounded() == $0 && $0 >= -9_223_372_036_854_775_808 && $0 < 9_223_372_036_854_775_808 },
        // Any JSON number is a double or a float to a client; nothing to check beyond the type.
        "double": { _ in true },
        "float": { _ in true },
    ]

    /// Whether the validator knows `format`.
    static func isKnown(_ format: String) -> Bool {
        stringFormats[format] != nil || numberFormats[format] != nil
    }

    /// Why `instance` does not have `format`, or nil when it does (or the format does not apply to its type).
    static func problem(with instance: JSONInstance, format: String, at pointer: String) throws(UnsupportedSchema) -> String? {
        guard isKnown(format) else { throw UnsupportedSchema(pointer: pointer, reason: "format \(format) is not understood") }
        switch instance {
        case .string(let text):
            guard let check = stringFormats[format], !check(text) else { return nil }
            return "\(JSONInstance.string(text).text) is not a valid \(format)"
        case .number(let value):
            guard let check = numberFormats[format], !check(value) else { return nil }
            return "\(instance.text) is not a valid \(format)"
        default:
            return nil
        }
    }

    /// RFC 3339 `date-time`: a full date, `T`, a time with optional fraction, and a `Z` or numeric offset.
    static func isDateTime(_ text: String) -> Bool {
        let parts = text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "T" || $0 == "t" })
        guard parts.count == 2, isDate(String(parts[0])) else { return false }
        let pattern = "^([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))$"
        guard let fields = captures(String(parts[1]), pattern) else { return false }
        let number = { (index: Int) in Int(fields[index]) ?? -1 }
        guard number(1) <= 23, number(2) <= 59, number(3) <= 60 else { return false }
        if !fields[6].isEmpty { return number(6) <= 23 && number(7) <= 59 }
        return true
    }

    /// RFC 3339 `full-date`: `YYYY-MM-DD` naming a real day.
    static func isDate(_ text: String) -> Bool {
        guard let fields = captures(text, "^([0-9]{4})-([0-9]{2})-([0-9]{2})$"),
              let year = Int(fields[1]), let month = Int(fields[2]), let day = Int(fields[3]), (1...12).contains(month) else {
            return false
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// RFC 4122 textual form: 8-4-4-4-12 hexadecimal digits.
    static func isUUID(_ text: String) -> Bool {
        matches(text, "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        captures(text, pattern) != nil
    }

    /// The capture groups of the first match (index 0: the whole match; "" for a group that
    /// took no part), or nil without a match.
    private static func captures(_ text: String, _ pattern: String) -> [String]? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
            return nil
        }
        return (0..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }
}
