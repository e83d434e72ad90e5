import Backends
import Primitives

/// What the API layers use to score symbols: the 7Factor score of a symbol computed on
/// demand from its daily candles (stored ones and the engine's forming one, so `P` is the
/// last price) and its fundamentals (`symbol_fundamental`).
public final class ScoreService: Sendable {
    private let market: MarketService
    private let backend: Backend
    /// Daily candles read for a score: a year of them (the 52-week range needs 252).
    public static let dailyCandles = 300
    /// Tickers a batch may ask for.
    public static let batchLimit = 100

    public init(market: MarketService, backend: Backend) {
        self.market = market
        self.backend = backend
    }

    /// Why a score request failed.
    public enum Failure: Error, Sendable {
        case unknownSymbol(String)
        case invalid(field: String, reason: String)
        case storage(StorageError)
    }

    /// A symbol's 7Factor score, with the symbol in the market's form (`005930`, `BTC-USDT`).
    public func sevenFactor(ticker: String) async throws(Failure) -> (symbol: String, factors: SevenFactor) {
        guard let spec = market.resolve(ticker) else { throw .unknownSymbol(ticker) }
        return (spec.key.marketForm, try await sevenFactor(spec))
    }

    /// The scores of several tickers, in the order asked (each once); the tickers the
    /// market does not have are listed apart.
    public func sevenFactors(tickers: [String]) async throws(Failure) -> (scores: [(symbol: String, factors: SevenFactor)], unknown: [String]) {
        guard tickers.count <= Self.batchLimit else {
            throw .invalid(field: "body.tickers", reason: "at most \(Self.batchLimit) tickers, got \(tickers.count)")
        }
        var scores: [(symbol: String, factors: SevenFactor)] = []
        var unknown: [String] = []
        var seen = Set<SymbolKey>()
        for ticker in tickers {
            guard let spec = market.resolve(ticker) else {
                unknown.append(ticker)
                continue
            }
            guard seen.insert(spec.key).inserted else { continue }
            scores.append((spec.key.marketForm, try await sevenFactor(spec)))
        }
        return (scores, unknown)
    }

    private func sevenFactor(_ spec: SymbolSpec) async throws(Failure) -> SevenFactor {
        do {
            let bars = try await market.candles(spec, interval: .day1, limit: Self.dailyCandles, newest: true).bars
            let fundamentals = try await backend.read { r throws(StorageError) in
                try r.fundamentals.find(ticker: spec.key.marketForm, market: spec.market.rawValue)
            }
            return SevenFactor(inputs: ScoreInputs(bars: bars, spec: spec), fundamentals: fundamentals)
        } catch {
            throw .storage(error)
        }
    }
}
