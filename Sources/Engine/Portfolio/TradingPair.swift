/// What a symbol trades: its base asset against its quote asset, and how its integer units map
/// onto the account's asset units. A symbol with a quote (`BTC-USDT`, `EUR-USD`) trades base
/// against quote; a ticker without one (`GOOG`, `005930`) trades against its market's currency.
/// A notional (price ticks × quantity lots, at `prices.digits + quantities.digits`) times
/// `notionalFactor` is in quote-asset units; quantity lots times `baseFactor` are base-asset units.
public struct TradingPair: Sendable, Equatable {
    public let base: String
    public let quote: String
    /// Quote-asset units per notional unit, and base-asset units per lot (powers of ten).
    public let notionalFactor: Int128
    public let baseFactor: Int128

    /// The pair of `spec` in an account whose asset scales are `scales`.
    public init(_ spec: SymbolSpec, scales: AssetScales) {
        let (base, quote) = Self.assets(of: spec)
        self.base = base
        self.quote = quote
        notionalFactor = AssetScales.power(scales.digits(of: quote) - spec.prices.digits - spec.quantities.digits)
        baseFactor = AssetScales.power(scales.digits(of: base) - spec.quantities.digits)
    }

    /// The base and quote assets of `spec`.
    public static func assets(of spec: SymbolSpec) -> (base: String, quote: String) {
        if let quote = spec.key.quote { return (spec.key.base, quote) }
        return (spec.key.base, currency(of: spec.market))
    }

    /// The currency a market's tickers trade in.
    public static func currency(of market: MarketKind) -> String {
        switch market {
        case .us, .fx: return "USD"
        case .kr: return "KRW"
        case .crypto: return "USDT"
        }
    }
}
