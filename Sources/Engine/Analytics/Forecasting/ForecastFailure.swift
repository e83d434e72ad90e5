/// Why a forecast could not be made.
public enum ForecastFailure: Error, Sendable, Equatable {
    /// Fewer closed candles than a model needs (`AI_002`).
    case tooLittleHistory(candles: Int, needed: Int)
    /// A model could not be trained: its loss diverged, or it forecast a value that is not
    /// finite (`AI_001`).
    case untrainable(String)
    /// A stored model could not be read back (`AI_001`).
    case corrupt(String)
}
