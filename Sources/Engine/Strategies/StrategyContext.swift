/// What a strategy sees when it decides: the time, and for each of its symbols the last
/// price, its own position and its open orders; and the free and total balance of the quote
/// asset its symbols are priced in. Values in the symbols' integer units, with conversions.
public struct StrategyContext: Sendable {
    public struct Holding: Sendable, Equatable {
        public var spec: SymbolSpec
        /// The last trade price (ticks).
        public var price: Int64
        /// The strategy's own position (lots; negative short, never for spot).
        public var position: Int64
        /// The position's average entry price (ticks, fractional); nil when flat.
        public var entryPrice: Double?
        /// The strategy's open orders of this symbol.
        public var openOrders: [OpenOrder]

        public init(spec: SymbolSpec, price: Int64, position: Int64 = 0, entryPrice: Double? = nil, openOrders: [OpenOrder] = []) {
            self.spec = spec
            self.price = price
            self.position = position
            self.entryPrice = entryPrice
            self.openOrders = openOrders
        }
    }

    public struct OpenOrder: Sendable, Equatable {
        public var side: OrderSide
        /// Ticks; nil for a market order still working.
        public var limit: Int64?
        /// Lots left to fill.
        public var remaining: Int64
        public var tag: Int

        public init(side: OrderSide, limit: Int64?, remaining: Int64, tag: Int) {
            self.side = side
            self.limit = limit
            self.remaining = remaining
            self.tag = tag
        }
    }

    /// Epoch milliseconds of the engine clock.
    public var time: Int
    public var holdings: [Holding]
    /// The quote asset's free and total balance, in the quote currency (`USDT 1234.5`).
    public var freeQuote: Double
    public var totalQuote: Double
    /// True while the host replays candles that closed before the strategy started: nothing
    /// it asks for then is placed, so it must not count on it.
    public var isWarmUp: Bool

    public init(time: Int, holdings: [Holding], freeQuote: Double, totalQuote: Double, isWarmUp: Bool = false) {
        self.time = time
        self.holdings = holdings
        self.freeQuote = freeQuote
        self.totalQuote = totalQuote
        self.isWarmUp = isWarmUp
    }

    /// The last price of `symbol` in the quote currency.
    public func price(_ symbol: Int) -> Double { Self.value(ticks: holdings[symbol].price, holdings[symbol].spec) }

    /// The strategy's position of `symbol` in base units (`0.5` BTC).
    public func position(_ symbol: Int) -> Double {
        Double(holdings[symbol].position) / UnitScale.power(holdings[symbol].spec.quantities.digits)
    }

    /// `amount` base units as lots, rounded down; nil when not a finite positive number of at
    /// least one lot.
    public func lots(_ symbol: Int, base amount: Double) -> Int64? {
        let lots = (amount * UnitScale.power(holdings[symbol].spec.quantities.digits)).rounded(.down)
        guard lots.isFinite, lots >= 1, lots < 9e18 else { return nil }
        return Int64(lots)
    }

    /// The lots `value` quote-currency units buy at the last price, rounded down; nil when
    /// that is not at least one lot.
    public func lots(_ symbol: Int, quote value: Double) -> Int64? {
        let price = price(symbol)
        guard price > 0 else { return nil }
        return lots(symbol, base: value / price)
    }

    /// `price` in the quote currency as ticks, rounded to the nearest; nil unless finite and
    /// at least one tick.
    public func ticks(_ symbol: Int, price: Double) -> Int64? { Self.ticks(price, holdings[symbol].spec) }

    /// `price` in the quote currency of `spec` as ticks, rounded to the nearest; nil unless
    /// finite and at least one tick.
    public static func ticks(_ price: Double, _ spec: SymbolSpec) -> Int64? {
        let ticks = (price * UnitScale.power(spec.prices.digits)).rounded()
        guard ticks.isFinite, ticks >= 1, ticks < 9e18 else { return nil }
        return Int64(ticks)
    }

    /// Ticks of `spec` in its quote currency.
    public static func value(ticks: Int64, _ spec: SymbolSpec) -> Double { Double(ticks) / UnitScale.power(spec.prices.digits) }


}

extension Bar {
    /// The candle's prices in the quote currency of `spec`.
    public func prices(_ spec: SymbolSpec) -> (open: Double, high: Double, low: Double, close: Double) {
        (StrategyContext.value(ticks: open, spec), StrategyContext.value(ticks: high, spec),
         StrategyContext.value(ticks: low, spec), StrategyContext.value(ticks: close, spec))
    }
}
