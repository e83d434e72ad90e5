/// Why a symbol's demo history could not be made, naming the file (and line) at fault.
public enum HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sample file is not there (or not readable as UTF-8).
    case missingFile(path: String)
    /// A line of the sample file is not a candle, does not fit the symbol's units, or is
    /// not after the line before it.
    case badLine(path: String, line: Int, reason: String)
    /// The sample file holds no candle.
    case noCandles(path: String)

    public var description: String {
        switch self {
        case .missingFile(let path): return "sample file \(path) is missing"
        case .badLine(let path, let line, let reason): return "\(path) line \(line): \(reason)"
        case .noCandles(let path): return "sample file \(path) holds no candle"
        }
    }
}
