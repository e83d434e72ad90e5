import Primitives

/// A value that writes itself as JSON.
public protocol JSONEncodable {
    /// Appends the value's JSON to `writer`.
    func encode(to writer: inout JSONWriter)
}
