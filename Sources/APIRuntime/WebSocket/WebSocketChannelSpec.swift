/// A channel pattern such as `kline:{symbol}:{timeframe}`; segments are separated by `:`.
public struct WebSocketChannelSpec: Sendable {
    /// The pattern as written in the spec.
    public let pattern: String
    public let requiredLevel: AccessLevel
    /// The `type`s of the messages the channel carries.
    public let messages: [String]
    /// The pattern's `:`-separated segments, split once rather than at every match.
    private let patternParts: [Substring]
    /// Checks the parameters of a name that fits the pattern against the schemas the spec
    /// declares for them (`timeframe` must be a `Timeframe`); returns the problems found.
    private let checkParameters: @Sendable ([String: String]) -> [FieldIssue]

    /// A channel; `checkParameters` is generated from the parameter schemas of the spec, and
    /// accepts everything when the channel declares none.
    public init(_ pattern: String, requiredLevel: AccessLevel, messages: [String],
                checkParameters: @escaping @Sendable ([String: String]) -> [FieldIssue] = { _ in [] }) {
        self.pattern = pattern
        self.requiredLevel = requiredLevel
        self.messages = messages
        self.checkParameters = checkParameters
        patternParts = pattern.split(separator: ":", omittingEmptySubsequences: false)
    }

    /// The parameters of `name` when it is a name of this channel: it fits the pattern, every
    /// parameter is non-empty, and each is valid by the schema the spec declares for it.
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
        return checkParameters(parameters).isEmpty ? parameters : nil
    }
}
