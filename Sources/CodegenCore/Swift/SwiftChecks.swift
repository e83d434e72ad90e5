/// Emits the validation statements for one value: the schema keywords its type alone
/// does not guarantee.
struct SwiftChecks {
    let names: SwiftNames
    let patterns: PatternRegistry

    /// Statements checking `value` (an expression of the value's non-optional type) at
    /// `path` (an expression of type String), or nothing when no keyword applies.
    func statements(for value: String, schema: Schema, path: String, indent: String, depth: Int = 0) -> [String] {
        let schema = names.resolved(schema)
        let c = schema.constraints
        var lines: [String] = []
        func add(_ line: String) { lines.append(indent + line) }
        switch schema.type {
        case .string(let format):
            if c.minLength != nil || c.maxLength != nil {
                add("Check.length(\(value), min: \(optional(c.minLength)), max: \(optional(c.maxLength)), at: \(path), issues: &issues)")
            }
            if let pattern = c.pattern {
                add("Check.pattern(\(value), \(patterns.reference(pattern)), at: \(path), issues: &issues)")
            }
            if let constant = c.constant {
                add("Check.constant(\(value), \(SwiftLiteral.string(constant)), at: \(path), issues: &issues)")
            }
            switch format {
            case .dateTime: add("Check.format(\(value), .dateTime, at: \(path), issues: &issues)")
            case .date: add("Check.format(\(value), .date, at: \(path), issues: &issues)")
            case .uuid: add("Check.format(\(value), .uuid, at: \(path), issues: &issues)")
            case .decimal where c.pattern == nil: add("Check.format(\(value), .decimal, at: \(path), issues: &issues)")
            default: break
            }
        case .integer(let bits):
            var minimum = c.minimum
            var maximum = c.maximum
            if bits == 32 {
                minimum = minimum ?? Double(Int32.min)
                maximum = maximum ?? Double(Int32.max)
            }
            let arguments = rangeArguments(minimum: minimum, maximum: maximum, constraints: c)
            if !arguments.isEmpty {
                add("Check.range(Double(\(value)), \(arguments), at: \(path), issues: &issues)")
            }
        case .number:
            let arguments = rangeArguments(minimum: c.minimum, maximum: c.maximum, constraints: c)
            if !arguments.isEmpty { add("Check.range(\(value), \(arguments), at: \(path), issues: &issues)") }
        case .array(let items):
            if c.minItems != nil || c.maxItems != nil {
                add("Check.count(\(value).count, min: \(optional(c.minItems)), max: \(optional(c.maxItems)), at: \(path), issues: &issues)")
            }
            if c.uniqueItems { add("Check.unique(\(value), at: \(path), issues: &issues)") }
            let item = "item\(depth)"
            let index = "index\(depth)"
            let itemPath = "\"\\(\(path))[\\(\(index))]\""
            let nullable = names.resolved(items).nullable
            let inner = statements(
                for: item, schema: items, path: itemPath, indent: indent + (nullable ? "        " : "    "), depth: depth + 1)
            if !inner.isEmpty {
                add("for (\(index), \(item)) in \(value).enumerated() {")
                if nullable {
                    add("    if let \(item) {")
                    lines += inner
                    add("    }")
                } else {
                    lines += inner
                }
                add("}")
            }
        case .map(let values):
            if c.minProperties != nil || c.maxProperties != nil {
                add("Check.count(\(value).count, min: \(optional(c.minProperties)), max: \(optional(c.maxProperties)), noun: \"properties\", at: \(path), issues: &issues)")
            }
            let entry = "entry\(depth)"
            let inner = statements(
                for: "\(entry).value", schema: values, path: "\"\\(\(path)).\\(\(entry).key)\"", indent: indent + "    ",
                depth: depth + 1)
            if !inner.isEmpty && !names.resolved(values).nullable {
                add("for \(entry) in \(value).entries {")
                lines += inner
                add("}")
            }
        case .named, .boolean, .anyObject, .any:
            break
        }
        return lines
    }

    private func optional(_ value: Int?) -> String { value.map(String.init) ?? "nil" }

    private func rangeArguments(minimum: Double?, maximum: Double?, constraints c: Constraints) -> String {
        var parts: [String] = []
        if let minimum { parts.append("minimum: \(number(minimum))") }
        if let maximum { parts.append("maximum: \(number(maximum))") }
        if let value = c.exclusiveMinimum { parts.append("exclusiveMinimum: \(number(value))") }
        if let value = c.exclusiveMaximum { parts.append("exclusiveMaximum: \(number(value))") }
        if let value = c.multipleOf { parts.append("multipleOf: \(number(value))") }
        return parts.joined(separator: ", ")
    }

    private func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// Collects the `pattern`s met while emitting and names each once.
final class PatternRegistry {
    private(set) var sources: [String] = []

    /// The expression of the compiled pattern.
    func reference(_ source: String) -> String {
        if let index = sources.firstIndex(of: source) { return "SpecPatterns.p\(index)" }
        sources.append(source)
        return "SpecPatterns.p\(sources.count - 1)"
    }

    /// The file declaring every pattern.
    func render() -> String {
        var out = SwiftEmitter.header
        out += "/// The `pattern` keywords of the spec, compiled once.\n"
        out += "enum SpecPatterns {\n"
        for (index, source) in sources.enumerated() {
            out += "    static let p\(index) = Pattern(\(SwiftLiteral.raw(source)))\n"
        }
        out += "}\n"
        return out
    }
}
