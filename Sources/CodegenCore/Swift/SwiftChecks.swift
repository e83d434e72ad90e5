/// Emits the validation statements for one value: the schema keywords its type alone
/// does not guarantee.
struct SwiftChecks {
    /// Resolves aliases to the constraints that apply.
    let names: SwiftNames
    /// Where the patterns met are named, for `Patterns.swift`.
    let patterns: PatternRegistry

    /// Writes `if let value {` (or `if <condition> {`, a condition binding `value`) and the
    /// statements checking the optional local `value` at `path` (an expression of type
    /// String), or nothing when no keyword applies.
    func writeUnwrapped(_ value: String, condition: String? = nil, schema: Schema, path: String, into writer: inout SwiftWriter) {
        writer.blockIfNotEmpty("if \(condition ?? "let \(value)") {") { writer in
            write(checking: value, schema: schema, path: path, into: &writer)
        }
    }

    /// Writes the statements checking `value` (an expression of the value's non-optional type)
    /// at `path` (an expression of type String), or nothing when no keyword applies. `depth`
    /// keeps the loop variables of nested arrays and maps apart.
    func write(checking value: String, schema: Schema, path: String, depth: Int = 0, into writer: inout SwiftWriter) {
        let schema = names.resolved(schema)
        let c = schema.constraints
        switch schema.type {
        case .string(let format):
            if c.minLength != nil || c.maxLength != nil {
                writer.line("Check.length(\(value), min: \(optional(c.minLength)), max: \(optional(c.maxLength)), at: \(path), issues: &issues)")
            }
            if let pattern = c.pattern {
                writer.line("Check.pattern(\(value), \(patterns.reference(pattern)), at: \(path), issues: &issues)")
            }
            if let constant = c.constant {
                writer.line("Check.constant(\(value), \(SwiftLiteral.string(constant)), at: \(path), issues: &issues)")
            }
            switch format {
            case .dateTime: writer.line("Check.format(\(value), .dateTime, at: \(path), issues: &issues)")
            case .date: writer.line("Check.format(\(value), .date, at: \(path), issues: &issues)")
            case .uuid: writer.line("Check.format(\(value), .uuid, at: \(path), issues: &issues)")
            case .decimal where c.pattern == nil: writer.line("Check.format(\(value), .decimal, at: \(path), issues: &issues)")
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
                writer.line("Check.range(Double(\(value)), \(arguments), at: \(path), issues: &issues)")
            }
        case .number:
            let arguments = rangeArguments(minimum: c.minimum, maximum: c.maximum, constraints: c)
            if !arguments.isEmpty { writer.line("Check.range(\(value), \(arguments), at: \(path), issues: &issues)") }
        case .array(let items):
            if c.minItems != nil || c.maxItems != nil {
                writer.line("Check.count(\(value).count, min: \(optional(c.minItems)), max: \(optional(c.maxItems)), at: \(path), issues: &issues)")
            }
            if c.uniqueItems { writer.line("Check.unique(\(value), at: \(path), issues: &issues)") }
            let item = "item\(depth)"
            let index = "index\(depth)"
            let itemPath = "\"\\(\(path))[\\(\(index))]\""
            let nullable = names.resolved(items).nullable
            writer.blockIfNotEmpty("for (\(index), \(item)) in \(value).enumerated() {") { writer in
                if nullable {
                    writer.blockIfNotEmpty("if let \(item) {") { writer in
                        write(checking: item, schema: items, path: itemPath, depth: depth + 1, into: &writer)
                    }
                } else {
                    write(checking: item, schema: items, path: itemPath, depth: depth + 1, into: &writer)
                }
            }
        case .map(let values):
            if c.minProperties != nil || c.maxProperties != nil {
                writer.line("Check.count(\(value).count, min: \(optional(c.minProperties)), max: \(optional(c.maxProperties)), noun: \"properties\", at: \(path), issues: &issues)")
            }
            let entry = "entry\(depth)"
            let loop = { (writer: inout SwiftWriter) in
                write(checking: "\(entry).value", schema: values, path: "\"\\(\(path)).\\(\(entry).key)\"",
                      depth: depth + 1, into: &writer)
            }
            if names.resolved(values).nullable {
                // Nullable values are not checked (the loop would have to unwrap them), but their
                // statements are still written, then dropped, so that their patterns are
                // registered: every pattern of the spec is compiled at generation time.
                var dropped = SwiftWriter()
                loop(&dropped)
            } else {
                writer.blockIfNotEmpty("for \(entry) in \(value).entries {", loop)
            }
        case .named, .boolean, .anyObject, .any:
            break
        }
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
