/// One key/value entry of a YAML mapping, in document order.
public struct YAMLPair: Sendable, Equatable {
    /// The key node (a scalar in every document this project reads).
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// Creates a pair.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
