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
