/// A channel pattern such as `kline:{symbol}:{timeframe}`; segments are separated by `:`.
public struct WebSocketChannelSpec: Sendable {
    /// The pattern as written in the spec.
    public let pattern: String
    public let requiredLevel: AccessLevel
    /// The `type`s of the messages the channel carries.
    public let messages: [String]
    /// The pattern's `:`-separated segments, split once rather than at every match.
    private let patternParts: [Substring]

    public init(_ pattern: String, requiredLevel: AccessLevel, messages: [String]) {
        self.pattern = pattern
        self.requiredLevel = requiredLevel
        self.messages = messages
        patternParts = pattern.split(separator: ":", omittingEmptySubsequences: false)
    }

    /// The parameters of `name` when it fits the pattern; every parameter must be non-empty.
    public func match(_ name: String) -> [String: String]? {
        let nameParts = name.split(separator: ":", omittingEmptySubsequences: false)
        guard patternParts.count == nameParts.count else { return nil }
        var parameters: [String: String] = [:]
        for (part, value) in zip(patternParts, nameParts) {
            if part.hasPrefix("{") && part.hasSuffix("}") {
                guard !value.isEmpty else { return nil }
                parameters[String(part.dropFirst().dropLast())] = String(value)
            } else if part != value {
                return nil
            }
        }
        return parameters
    }
}
