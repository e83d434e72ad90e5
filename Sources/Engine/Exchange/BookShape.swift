/// The synthetic depth of every symbol's book, relative to its price so one setting fits a
/// 60,000 USDT coin and a 70,000 KRW share: `levels` a side, the spread and the step between
/// levels in basis points of the price (at least one tick), and the size of a level as a
/// notional in the quote currency, per market, times `sizeFactor`.
public struct BookShape: Sendable, Equatable {
    public var levels: Int
    public var spreadBasisPoints: Double
    public var stepBasisPoints: Double
    public var sizeFactor: Double

    public init(levels: Int = 20, spreadBasisPoints: Double = 2, stepBasisPoints: Double = 1, sizeFactor: Double = 1) {
        self.levels = min(100, max(1, levels))
        self.spreadBasisPoints = max(0, spreadBasisPoints)
        self.stepBasisPoints = max(0, stepBasisPoints)
        self.sizeFactor = max(0.000_001, sizeFactor)
    }

    /// The typical notional of one level, in the market's quote currency.
    static func levelNotional(_ market: MarketKind) -> Double {
        switch market {
        case .crypto: return 25_000
        case .us: return 50_000
        case .fx: return 250_000
        case .kr: return 50_000_000
        }
    }

    /// The depth settings of `spec` at `price` (ticks).
    public func depth(for spec: SymbolSpec, at price: Int64) -> DepthSettings {
        let value = Double(max(1, price))
        let priceInQuote = value / spec.prices.perWhole
        let lots = Self.levelNotional(spec.market) * sizeFactor / priceInQuote * spec.quantities.perWhole
        return DepthSettings(levels: levels, spreadTicks: max(1, Int64((value * spreadBasisPoints / 10_000).rounded())),
                             stepTicks: max(1, Int64((value * stepBasisPoints / 10_000).rounded())),
                             meanLots: max(1, Int64(lots.rounded())))
    }
}
