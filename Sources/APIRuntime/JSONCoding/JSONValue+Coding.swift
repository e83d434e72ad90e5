import Primitives

extension JSONValue: JSONEncodable {
    public func encode(to writer: inout JSONWriter) {
        write(to: &writer)
    }
}

extension JSONValue: JSONDecodable {
    public static func decode(_ json: JSONValue, at path: String, issues: inout [FieldIssue]) -> JSONValue? {
        json
    }
}
