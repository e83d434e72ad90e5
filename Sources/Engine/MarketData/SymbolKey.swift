/// The one key of a symbol, whichever form the caller wrote: document A's slash form
/// (`BTC/USDT`, used for orders and positions) and document B's dash form (`BTC-USDT`, used for
/// market data and channels) name the same pair. Tickers without a quote (`005930`, `GOOG`)
/// are kept as they are. Letters are upper-cased, so `btc-usdt` is `BTC-USDT` too.
public struct SymbolKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Base and quote, or the ticker alone.
    public let base: String
    public let quote: String?

    /// Parses `BTC/USDT`, `BTC-USDT` or a ticker; nil for text with no symbol in it (empty
    /// parts, several separators).
    public init?(_ text: String) {
        let upper = text.uppercased()
        // Characters, not strings: `contains` of a string goes through Foundation's `range(of:)`,
        // which cost a tenth of a positions read (each position's symbol is parsed again).
        let hasSlash = upper.contains("/" as Character), hasDash = upper.contains("-" as Character)
        guard !upper.isEmpty, !(hasSlash && hasDash) else { return nil }
        let pieces = hasSlash || hasDash
            ? upper.split(separator: hasSlash ? "/" : "-", omittingEmptySubsequences: false) : [Substring(upper)]
        guard pieces.count <= 2, pieces.allSatisfy({ !$0.isEmpty }) else { return nil }
        base = String(pieces[0])
        quote = pieces.count == 2 ? String(pieces[1]) : nil
    }

    /// The dash form of market data and channels: `BTC-USDT`, `005930`.
    public var marketForm: String { quote.map { base + "-" + $0 } ?? base }

    /// The slash form of orders and positions: `BTC/USDT`, `005930`.
    public var orderForm: String { quote.map { base + "/" + $0 } ?? base }

    public var description: String { marketForm }

    public static func < (lhs: SymbolKey, rhs: SymbolKey) -> Bool {
        lhs.marketForm < rhs.marketForm
    }
}
