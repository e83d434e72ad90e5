/// One symbol of the universe: its key and name, its market, how its integer prices and
/// quantities read as decimals, and where its history comes from.
public struct SymbolSpec: Sendable, Equatable {
    public var key: SymbolKey
    public var name: String
    public var market: MarketKind
    public var prices: UnitScale
    public var quantities: UnitScale
    public var source: DataSource

    public init(key: SymbolKey, name: String, market: MarketKind, prices: UnitScale, quantities: UnitScale, source: DataSource) {
        self.key = key
        self.name = name
        self.market = market
        self.prices = prices
        self.quantities = quantities
        self.source = source
    }
}
