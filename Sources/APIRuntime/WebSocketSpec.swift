/// A WebSocket endpoint of the spec with the channels clients may subscribe to.
public struct WebSocketEndpointSpec: Sendable {
    public let path: String
    public let requiredLevel: AccessLevel
    public let channels: [WebSocketChannelSpec]

    public init(path: String, requiredLevel: AccessLevel, channels: [WebSocketChannelSpec]) {
        self.path = path
        self.requiredLevel = requiredLevel
        self.channels = channels
    }

    /// The channel pattern a concrete channel name (`market:BTC-USDT`) matches, with its parameters.
    public func channel(matching name: String) -> (spec: WebSocketChannelSpec, parameters: [String: String])? {
        for channel in channels {
            if let parameters = channel.match(name) { return (channel, parameters) }
        }
        return nil
    }
}

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
