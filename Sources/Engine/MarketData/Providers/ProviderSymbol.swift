/// One entry of a provider's symbol list, as `symbol_info` stores it.
public struct ProviderSymbol: Sendable, Equatable {
    /// The ticker in its stored form (`SymbolKey.marketForm`: `005930`, `BTC-USDT`).
    public var ticker: String
    public var market: MarketKind
    /// Display name; the ticker when the provider gives none.
    public var name: String
    public var exchange: String?
    public var sector: String?

    public init(ticker: String, market: MarketKind, name: String, exchange: String? = nil, sector: String? = nil) {
        self.ticker = ticker
        self.market = market
        self.name = name
        self.exchange = exchange
        self.sector = sector
    }

    /// An entry from a provider's raw fields, checked: the ticker must be a symbol
    /// (`SymbolKey`, at most 32 characters of the API's `TradingSymbol`) and the market one of
    /// `MarketKind`. Empty optional fields read as absent.
    public static func checked(ticker: String, market: String, name: String?, exchange: String?,
                               sector: String?) throws(ProviderError) -> ProviderSymbol {
        guard Self.isTicker(ticker), let key = SymbolKey(ticker) else { throw .badAnswer("'\(ticker.prefix(40))' is not a ticker") }
        guard let kind = MarketKind(rawValue: market) else { throw .badAnswer("ticker '\(ticker)': unknown market '\(market.prefix(20))'") }
        func present(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        return ProviderSymbol(ticker: key.marketForm, market: kind, name: present(name) ?? key.marketForm,
                              exchange: present(exchange), sector: present(sector))
    }

    /// The API's `TradingSymbol`: a letter or digit, then up to 31 of letters, digits, `.`, `_`, `/` and `-`.
    public static func isTicker(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        guard let first = bytes.first, alphanumeric(first), bytes.count <= 32 else { return false }
        return bytes.dropFirst().allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
            || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") }
    }
}
