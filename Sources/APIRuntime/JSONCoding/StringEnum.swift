import Primitives

/// A string enumeration of the spec: generated enums adopt it and get JSON and parameter
/// coding from their raw values.
public protocol StringEnum: RawRepresentable, CaseIterable, Sendable, Equatable, JSONCodable, ParameterDecodable
where RawValue == String {}

extension StringEnum {
    public func encode(to writer: inout JSONWriter) { writer.string(rawValue) }

    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> Self? {
        if case .string(let text) = json, let value = Self(rawValue: text) { return value }
        issues.append(FieldIssue(path, "must be one of " + allCases.map(\.rawValue).joined(separator: ", ")))
        return nil
    }
}

extension JSONWriter {
    /// Encodes one value to bytes. Starting at 1 KiB spares most responses any regrowth.
    public static func encode<Value: JSONEncodable>(_ value: Value) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        value.encode(to: &writer)
        return writer.bytes
    }
}
