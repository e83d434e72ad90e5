/// The request headers as a handler sees them, independent of the transport: the fields in
/// the order received, names compared case-insensitively (RFC 9110 §5.1).
public struct RequestHeaders: Sendable, Equatable {
    /// Every field as received.
    public private(set) var fields: [(name: String, value: String)]

    /// Headers with the given fields.
    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    /// The first value of the field named `name`.
    public subscript(name: String) -> String? {
        fields.first(where: { Self.namesMatch($0.name, name) })?.value
    }

    /// Every value of the field named `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { Self.namesMatch($0.name, name) }.map(\.value)
    }

    public static func == (lhs: RequestHeaders, rhs: RequestHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields, by: { $0 == $1 })
    }

    private static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && lhs.lowercased() == rhs.lowercased()
    }
}
