/// The symbols the market serves, found by either form of their name (`BTC/USDT` or
/// `BTC-USDT`). Symbols added by import or sync join it with `add`.
public struct SymbolUniverse: Sendable {
    private var symbols: [SymbolKey: SymbolSpec] = [:]

    public init(_ specs: [SymbolSpec] = []) {
        for spec in specs { add(spec) }
    }

    /// Adds `spec`, replacing a symbol with the same key.
    public mutating func add(_ spec: SymbolSpec) {
        symbols[spec.key] = spec
    }

    /// The symbol `text` names, in either form; nil for an unknown symbol.
    public func resolve(_ text: String) -> SymbolSpec? {
        SymbolKey(text).flatMap { symbols[$0] }
    }

    /// Every symbol, in market-form order.
    public var all: [SymbolSpec] {
        symbols.values.sorted { $0.key < $1.key }
    }

    /// The demo universe: real sample candles where there are some (BTC monthly, EUR/USD
    /// hourly, GOOG daily), seeded synthetic ones for ETH and the three KR stocks.
    public static let demo = SymbolUniverse([
        spec("BTC-USDT", "Bitcoin / Tether", .crypto, prices: 2, quantities: 8, .sample(file: "BTCUSD.csv", interval: .month1)),
        spec("ETH-USDT", "Ether / Tether", .crypto, prices: 2, quantities: 8,
             .synthetic(seed: 0xE7, startPrice: 350_000, sigma: 0.7)),
        spec("EUR-USD", "Euro / US dollar", .fx, prices: 5, quantities: 0, .sample(file: "EURUSD.csv", interval: .hour1)),
        spec("GOOG", "Alphabet Inc. Class C", .us, prices: 2, quantities: 0, .sample(file: "GOOG.csv", interval: .day1)),
        spec("005930", "Samsung Electronics", .kr, prices: 0, quantities: 0, .synthetic(seed: 5930, startPrice: 71_000, sigma: 0.3)),
        spec("000660", "SK hynix", .kr, prices: 0, quantities: 0, .synthetic(seed: 660, startPrice: 180_000, sigma: 0.45)),
        spec("035720", "Kakao", .kr, prices: 0, quantities: 0, .synthetic(seed: 35720, startPrice: 45_000, sigma: 0.4)),
    ])

    private static func spec(_ key: String, _ name: String, _ market: MarketKind, prices: Int, quantities: Int,
                             _ source: DataSource) -> SymbolSpec {
        SymbolSpec(key: SymbolKey(key)!, name: name, market: market, prices: UnitScale(digits: prices),
                   quantities: UnitScale(digits: quantities), source: source)
    }
}
