/// How forecast models are fitted.
public struct ForecastSettings: Sendable, Equatable {
    /// Closed candles a model needs at least (fewer: `AI_002`).
    public var minimumCandles = 120
    /// The newest closed candles a model is fitted on at most.
    public var maximumCandles = 1000
    /// The share of the returns (the oldest) the models are fitted on; the rest measures them.
    public var fittedShare = 0.7
    /// The order of the autoregression.
    public var autoregressionOrder = 3
    /// The ridge penalty of the autoregression, per fitted return.
    public var ridgePerReturn = 0.001
    /// How many returns' worth of the prior (every member as good as the series' spread)
    /// the ensemble's weights start from, so the first few errors do not decide them.
    public var priorReturns = 10.0
    /// The LSTM and its training.
    public var lstm = LSTMConfiguration()

    public init() {}
}
