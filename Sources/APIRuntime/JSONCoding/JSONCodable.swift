import Primitives

/// Both directions.
public typealias JSONCodable = JSONEncodable & JSONDecodable

extension String: JSONCodable {
    public func encode(to writer: inout JSONWriter) { writer.string(self) }

    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> String? {
        if case .string(let value) = json { return value }
        issues.append(FieldIssue(path, "must be a string, not \(json.kindName)"))
        return nil
    }
}

extension Int: JSONCodable {
    public func encode(to writer: inout JSONWriter) { writer.int(self) }

    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Int? {
        if case .number(let text) = json {
            if let value = Int(text) { return value }
            // 1e3 and 2.0 are integers too.
            if let value = Double(text), value == value.rounded(), abs(value) < 9.0e15 { return Int(value) }
        }
        issues.append(FieldIssue(path, "must be an integer, not \(json.kindName)"))
        return nil
    }
}

extension Double: JSONCodable {
    public func encode(to writer: inout JSONWriter) { writer.double(self) }

    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Double? {
        if case .number(let text) = json, let value = Double(text), value.isFinite { return value }
        issues.append(FieldIssue(path, "must be a number, not \(json.kindName)"))
        return nil
    }
}

extension Bool: JSONCodable {
    public func encode(to writer: inout JSONWriter) { writer.bool(self) }

    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Bool? {
        if case .bool(let value) = json { return value }
        issues.append(FieldIssue(path, "must be a boolean, not \(json.kindName)"))
        return nil
    }
}

extension Array: JSONEncodable where Element: JSONEncodable {
    public func encode(to writer: inout JSONWriter) {
        writer.beginArray()
        // Indexing encodes each element in place; `for item in self` would copy every element.
        for index in indices {
            writer.element()
            self[index].encode(to: &writer)
        }
        writer.endArray()
    }
}

extension Array: JSONDecodable where Element: JSONDecodable {
    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> [Element]? {
        guard case .array(let items) = json else {
            issues.append(FieldIssue(path, "must be an array, not \(json.kindName)"))
            return nil
        }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        var failed = false
        for (index, item) in items.enumerated() {
            if let value = Element.decode(item, at: "\(path)[\(index)]", issues: &issues) {
                result.append(value)
            } else {
                failed = true
            }
        }
        return failed ? nil : result
    }
}

extension Optional: JSONEncodable where Wrapped: JSONEncodable {
    /// `nil` is written as `null` (used for required nullable fields).
    public func encode(to writer: inout JSONWriter) {
        if let value = self { value.encode(to: &writer) } else { writer.null() }
    }
}
