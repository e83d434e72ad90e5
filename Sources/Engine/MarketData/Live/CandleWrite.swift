/// A candle the engine hands to persistence: new, changed while forming, or just closed.
public struct CandleWrite: Sendable, Equatable {
    public var symbol: SymbolKey
    public var market: MarketKind
    public var interval: CandleInterval
    public var bar: Bar
    public var prices: UnitScale
    public var quantities: UnitScale
}
