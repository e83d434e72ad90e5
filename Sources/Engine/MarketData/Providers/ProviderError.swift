/// Why a provider gave no usable answer. The API answers `MARKET_002` (503) for the cases
/// where the provider is at fault (`isUnavailable`); a dataset job records any of them as
/// its failure and counts it against the symbol.
public enum ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider could not be reached: connection refused, host unknown, folder missing.
    case unreachable(String)
    /// No answer within the timeout, retries included.
    case timedOut(seconds: Double)
    /// An answer that cannot be used: an error status, malformed JSON or CSV, an answer
    /// larger than the limit, inconsistent candles.
    case badAnswer(String)
    /// The provider answered but does not have the series asked for.
    case noSeries(String)
    /// The provider has the series but no candle in the requested range.
    case noData(String)

    /// True when the provider itself failed (unreachable, too slow, a bad answer), as opposed
    /// to answering that it has nothing.
    public var isUnavailable: Bool {
        switch self {
        case .unreachable, .timedOut, .badAnswer: return true
        case .noSeries, .noData: return false
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let reason): return "Market data provider unreachable: \(reason)"
        case .timedOut(let seconds):
            return "Market data provider timed out (no answer within \(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)) s)"
        case .badAnswer(let reason): return "Market data provider gave a bad answer: \(reason)"
        case .noSeries(let series): return "The market data provider has no series \(series)"
        case .noData(let series): return "No data returned by provider for \(series)"
        }
    }

    /// The reason alone, without the lead of `description`, for a message that adds its own.
    public var reason: String {
        switch self {
        case .badAnswer(let reason), .unreachable(let reason): return reason
        default: return description
        }
    }
}
