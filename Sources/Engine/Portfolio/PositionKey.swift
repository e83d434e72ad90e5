/// Which position a fill belongs to: one per venue (`paper` spot, `paper-margin` margin),
/// symbol and strategy (nil: manual).
public struct PositionKey: Sendable, Hashable {
    public var exchange: String
    public var symbol: SymbolKey
    public var strategyID: String?

    public init(exchange: String, symbol: SymbolKey, strategyID: String?) {
        self.exchange = exchange
        self.symbol = symbol
        self.strategyID = strategyID
    }

    public static let spot = "paper"
    public static let margin = "paper-margin"
}
