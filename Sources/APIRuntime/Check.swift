/// The validation keywords of JSON Schema, called by generated decoders after a value
/// has the right type. Each check appends a `FieldIssue` when the value breaks it.
public enum Check {
    /// minLength / maxLength, counted in Unicode code points as JSON Schema says.
    public static func length(
        _ value: String, min: Int?, max: Int?, at path: String, issues: inout [FieldIssue]
    ) {
        let count = value.unicodeScalars.count
        if let min, count < min { issues.append(FieldIssue(path, "must be at least \(min) characters long")) }
        if let max, count > max { issues.append(FieldIssue(path, "must be at most \(max) characters long")) }
    }

    /// pattern (an unanchored ECMA-262 search, as JSON Schema says).
    public static func pattern(
        _ value: String, _ pattern: Pattern, at path: String, issues: inout [FieldIssue]
    ) {
        if !pattern.matches(value) { issues.append(FieldIssue(path, "must match \(pattern.source)")) }
    }

    /// minimum / maximum / exclusiveMinimum / exclusiveMaximum / multipleOf.
    public static func range(
        _ value: Double, minimum: Double? = nil, maximum: Double? = nil, exclusiveMinimum: Double? = nil,
        exclusiveMaximum: Double? = nil, multipleOf: Double? = nil, at path: String, issues: inout [FieldIssue]
    ) {
        if let minimum, value < minimum { issues.append(FieldIssue(path, "must be at least \(format(minimum))")) }
        if let maximum, value > maximum { issues.append(FieldIssue(path, "must be at most \(format(maximum))")) }
        if let exclusiveMinimum, value <= exclusiveMinimum {
            issues.append(FieldIssue(path, "must be greater than \(format(exclusiveMinimum))"))
        }
        if let exclusiveMaximum, value >= exclusiveMaximum {
            issues.append(FieldIssue(path, "must be less than \(format(exclusiveMaximum))"))
        }
        if let multipleOf, multipleOf > 0 {
            let quotient = value / multipleOf
            if abs(quotient - quotient.rounded()) > 1e-9 {
                issues.append(FieldIssue(path, "must be a multiple of \(format(multipleOf))"))
            }
        }
    }

    /// minItems / maxItems / minProperties / maxProperties.
    public static func count(
        _ count: Int, min: Int?, max: Int?, noun: String = "items", at path: String, issues: inout [FieldIssue]
    ) {
        if let min, count < min { issues.append(FieldIssue(path, "must have at least \(min) \(noun)")) }
        if let max, count > max { issues.append(FieldIssue(path, "must have at most \(max) \(noun)")) }
    }

    /// uniqueItems.
    public static func unique<Element: Equatable>(_ items: [Element], at path: String, issues: inout [FieldIssue]) {
        for index in items.indices.dropFirst() where items[..<index].contains(items[index]) {
            issues.append(FieldIssue(path, "must not contain duplicates"))
            return
        }
    }

    /// const on a string.
    public static func constant(_ value: String, _ expected: String, at path: String, issues: inout [FieldIssue]) {
        if value != expected { issues.append(FieldIssue(path, "must be \"\(expected)\"")) }
    }

    /// The string formats the spec uses.
    public enum Format: Sendable {
        case dateTime, date, uuid, decimal
    }

    /// format: date-time (RFC 3339), date (full-date), uuid, decimal (`-?digits[.digits]`).
    public static func format(_ value: String, _ format: Format, at path: String, issues: inout [FieldIssue]) {
        let valid: Bool
        let name: String
        switch format {
        case .dateTime: valid = FormatCheck.isDateTime(value); name = "an RFC 3339 date-time"
        case .date: valid = FormatCheck.isDate(Substring(value)); name = "a date (YYYY-MM-DD)"
        case .uuid: valid = FormatCheck.isUUID(value); name = "a UUID"
        case .decimal: valid = FormatCheck.isDecimal(value); name = "a decimal number such as \"65432.10\""
        }
        if !valid { issues.append(FieldIssue(path, "must be \(name)")) }
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

/// A compiled `pattern` keyword with its source text for messages.
///
/// `Regex` is not marked `Sendable` because it compiles its program lazily on first use.
/// `init` forces that compilation with one match before the value can be shared (the
/// generated patterns are `static let`s, initialised once), after which matching only
/// reads it; hence `@unchecked Sendable` is safe here.
public struct Pattern: @unchecked Sendable {
    /// The pattern as written in the spec.
    public let source: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles a pattern; the generator has already checked that it compiles.
    public init(_ source: String) {
        self.source = source
        // The code generator rejects patterns that do not compile, so this cannot fail.
        self.regex = try! Regex(source)
        _ = try? regex.firstMatch(in: "")
    }

    /// True when the pattern matches somewhere in `value`.
    public func matches(_ value: String) -> Bool {
        (try? regex.firstMatch(in: value)) != nil
    }
}

/// Syntax checks for string formats, byte by byte.
enum FormatCheck {
    static func isUUID(_ value: String) -> Bool {
        let utf8 = Array(value.utf8)
        guard utf8.count == 36 else { return false }
        for (index, byte) in utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if byte != UInt8(ascii: "-") { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    static func isDecimal(_ value: String) -> Bool {
        var utf8 = Substring(value).utf8[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        let integer = utf8.prefix(while: isDigit)
        guard !integer.isEmpty else { return false }
        utf8 = utf8.dropFirst(integer.count)
        if utf8.isEmpty { return true }
        guard utf8.first == UInt8(ascii: ".") else { return false }
        let fraction = utf8.dropFirst()
        return !fraction.isEmpty && fraction.allSatisfy(isDigit)
    }

    static func isDate(_ value: Substring) -> Bool {
        let utf8 = Array(value.utf8)
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return false }
        guard let year = number(utf8[0..<4]), let month = number(utf8[5..<7]), let day = number(utf8[8..<10]) else {
            return false
        }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    static func isDateTime(_ value: String) -> Bool {
        let utf8 = Array(value.utf8)
        guard utf8.count >= 20, isDate(Substring(value).prefix(10)) else { return false }
        guard utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: "t") || utf8[10] == UInt8(ascii: " ") else {
            return false
        }
        guard utf8[13] == UInt8(ascii: ":"), utf8[16] == UInt8(ascii: ":"),
              let hour = number(utf8[11..<13]), let minute = number(utf8[14..<16]), let second = number(utf8[17..<19]),
              hour < 24, minute < 60, second < 61 else { return false }
        var index = 19
        if utf8[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < utf8.count, isDigit(utf8[index]) { index += 1 }
            if index == start { return false }
        }
        guard index < utf8.count else { return false }
        switch utf8[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return index + 1 == utf8.count
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard utf8.count - index == 6, utf8[index + 3] == UInt8(ascii: ":"),
                  let offsetHour = number(utf8[(index + 1)..<(index + 3)]),
                  let offsetMinute = number(utf8[(index + 4)..<(index + 6)]) else { return false }
            return offsetHour < 24 && offsetMinute < 60
        default:
            return false
        }
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
