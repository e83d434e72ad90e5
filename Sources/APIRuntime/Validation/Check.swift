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
