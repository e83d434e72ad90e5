/// The header fields of a request or response: ordered `(name, value)` pairs with names spelled
/// as received. Lookups ignore ASCII case, as field names are case-insensitive (RFC 9110 §5.1);
/// order and repeats are kept because some fields (`Set-Cookie`, list fields) depend on them.
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    /// One field: its name as received and its value with surrounding whitespace removed.
    public typealias Element = (name: String, value: String)

    private var fields: [Element]
    /// Fields after `fields`, encoded once and shared with other responses (`HTTPHeaderBlock`).
    public private(set) var block: HTTPHeaderBlock?

    /// Creates headers holding `pairs` in order, then `block`'s fields.
    public init(_ pairs: [(name: String, value: String)] = [], block: HTTPHeaderBlock? = nil) {
        fields = pairs
        self.block = block
    }

    /// The fields not in `block`, in order.
    var ownFields: [Element] { fields }

    /// The first value of the field `name`, compared without regard to ASCII case; nil when absent.
    public subscript(name: String) -> String? {
        for field in fields where Self.namesMatch(field.name, name) {
            return field.value
        }
        for field in block?.fields ?? [] where Self.namesMatch(field.name, name) {
            return field.value
        }
        return nil
    }

    /// Every value of the field `name` in the order received, compared without regard to ASCII case.
    public func values(_ name: String) -> [String] {
        var values: [String] = []
        for field in self where Self.namesMatch(field.name, name) {
            values.append(field.value)
        }
        return values
    }

    /// Makes room for `count` fields, so adding that many allocates once.
    public mutating func reserveCapacity(_ count: Int) {
        fields.reserveCapacity(count)
    }

    /// Appends a field, keeping any existing ones with the same name (before `block`'s fields).
    public mutating func add(name: String, value: String) {
        fields.append((name, value))
    }

    /// Sets the field `name` to the single value `value`: the first existing field keeps its
    /// position and takes the value, later ones are removed; appends when there is none.
    public mutating func replaceOrAdd(name: String, value: String) {
        // The shared block cannot change: its fields become this value's own first.
        if let block {
            fields += block.fields
            self.block = nil
        }
        guard let first = fields.firstIndex(where: { Self.namesMatch($0.name, name) }) else {
            fields.append((name, value))
            return
        }
        fields[first].value = value
        var index = fields.index(after: first)
        while index < fields.endIndex {
            if Self.namesMatch(fields[index].name, name) {
                fields.remove(at: index)
            } else {
                index += 1
            }
        }
    }

    /// Whether any value of the list field `name` (e.g. `Connection: keep-alive, Upgrade`) has
    /// `token` as one of its comma-separated elements, compared without regard to ASCII case.
    public func containsToken(_ token: String, in name: String) -> Bool {
        for field in self where Self.namesMatch(field.name, name) {
            if Self.list(field.value, contains: token) {
                return true
            }
        }
        return false
    }

    /// The number of fields, counting repeats.
    public var count: Int {
        fields.count + (block?.fields.count ?? 0)
    }

    /// Iterates the fields in order: the own ones, then the block's.
    public func makeIterator() -> IndexingIterator<[Element]> {
        guard let block else { return fields.makeIterator() }
        return (fields + block.fields).makeIterator()
    }

    /// Same fields, same order, same spelling: headers that differ only in name case are
    /// different values because they would be written differently.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.elementsEqual(rhs) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Headers the connection writes itself, whatever a responder put in their place.
    static let managedNames = ["Content-Length", "Connection", "Date", "X-Request-Id", "Transfer-Encoding"]

    /// Whether the connection writes the field `name` itself.
    static func isManaged(_ name: String) -> Bool {
        // Most names a responder sets differ in length from all of them: no comparison then.
        switch name.utf8.count {
        case 4, 10, 12, 14, 17: return managedNames.contains { namesMatch($0, name) }
        default: return false
        }
    }

    /// Compares the UTF-8 of two names, folding only ASCII letters: field names are tokens, and
    /// Unicode case mapping would both cost more and match names no peer could have meant.
    static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
        // Lengths first: they are stored, and most names differ in length.
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        let contiguous = lhs.utf8.withContiguousStorageIfAvailable { lhsBytes in
            rhs.utf8.withContiguousStorageIfAvailable { rhsBytes in
                lhsBytes.elementsEqual(rhsBytes) { asciiLowercased($0) == asciiLowercased($1) }
            }
        }
        return (contiguous ?? nil) ?? asciiCaseInsensitiveEqual(lhs.utf8[...], rhs.utf8[...])
    }

    private static func list(_ value: String, contains token: String) -> Bool {
        let utf8 = value.utf8
        var elementStart = utf8.startIndex
        while true {
            let elementEnd = utf8[elementStart...].firstIndex(of: UInt8(ascii: ",")) ?? utf8.endIndex
            if asciiCaseInsensitiveEqual(trimmingWhitespace(utf8[elementStart..<elementEnd]), token.utf8[...]) {
                return true
            }
            guard elementEnd < utf8.endIndex else { return false }
            elementStart = utf8.index(after: elementEnd)
        }
    }

    /// The bytes without leading and trailing spaces and tabs (HTTP's optional whitespace).
    static func trimmingWhitespace(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var trimmed = bytes
        while let first = trimmed.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            trimmed.removeFirst()
        }
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            trimmed.removeLast()
        }
        return trimmed
    }

    /// Byte equality with ASCII letters folded, for tokens, which are ASCII by definition.
    static func asciiCaseInsensitiveEqual(_ lhs: Substring.UTF8View, _ rhs: Substring.UTF8View) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.elementsEqual(rhs) { asciiLowercased($0) == asciiLowercased($1) }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}

/// Response fields encoded once and shared by many responses (a responder's security headers):
/// the connection copies their bytes as they are instead of writing each field. Fields the
/// connection writes itself (`Content-Length`, `Date`, …) are left out, as they would be
/// from a response's own fields.
public final class HTTPHeaderBlock: Sendable {
    public let fields: [(name: String, value: String)]
    /// `Name: value\r\n` for each field.
    let bytes: [UInt8]

    public init(_ fields: [(name: String, value: String)]) {
        let kept = fields.filter { !HTTPHeaders.isManaged($0.name) }
        self.fields = kept
        var bytes: [UInt8] = []
        for field in kept {
            bytes += field.name.utf8
            bytes += ": ".utf8
            bytes += field.value.utf8
            bytes += "\r\n".utf8
        }
        self.bytes = bytes
    }
}
