import APIRuntime
import Engine
import Generated

/// Turns a `/ws` channel name a client sent into the broadcaster channel it stands for. The
/// name must fit one of the endpoint's channels (the generated table checks each parameter
/// against its schema), its `{symbol}` must be a symbol of the market and its `{timeframe}` a
/// candle interval; the channel is then named with the symbol's market form, so
/// `market:BTC/USDT`, `market:btc-usdt` and `market:BTC-USDT` are one channel.
struct TradingChannelResolver: Sendable {
    /// A name that stands for a channel, or why it does not.
    enum Resolution: Equatable {
        /// The broadcaster channel and the access level it needs.
        case channel(String, level: AccessLevel)
        /// No such channel; the reason completes "Unknown channel: NAME".
        case unknown(reason: String?)
    }

    let spec: WebSocketEndpointSpec
    let symbols: SymbolResolver

    func resolve(_ name: String) -> Resolution {
        guard let (channel, parameters) = spec.channel(matching: name) else { return .unknown(reason: nil) }
        var segments: [String] = []
        for segment in channel.pattern.split(separator: ":", omittingEmptySubsequences: false) {
            guard segment.hasPrefix("{"), segment.hasSuffix("}"), let value = parameters[String(segment.dropFirst().dropLast())] else {
                segments.append(String(segment))
                continue
            }
            switch segment {
            case "{symbol}":
                guard let symbol = symbols(value) else { return .unknown(reason: "the market has no symbol \(value)") }
                segments.append(symbol.key.marketForm)
            case "{timeframe}":
                guard let interval = CandleInterval(rawValue: value) else { return .unknown(reason: "no candles of \(value)") }
                segments.append(interval.rawValue)
            default:
                segments.append(value)
            }
        }
        let canonical = segments.joined(separator: ":")
        return .channel(canonical, level: channel.requiredLevel)
    }
}
