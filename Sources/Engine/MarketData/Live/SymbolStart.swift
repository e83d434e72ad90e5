/// Where a symbol's live market starts: its last price, the candles still forming at the start
/// (read back from the database after a restart, so they go on instead of starting over), and
/// the candles its feed replays (nil: a seeded synthetic feed).
public struct SymbolStart: Sendable {
    public var spec: SymbolSpec
    public var price: Int64
    public var forming: [CandleInterval: Bar]
    public var replay: ReplaySource?

    public init(spec: SymbolSpec, price: Int64, forming: [CandleInterval: Bar] = [:], replay: ReplaySource? = nil) {
        self.spec = spec
        self.price = price
        self.forming = forming
        self.replay = replay
    }
}
