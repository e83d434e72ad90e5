/// One forecaster of the next log return, fitted to a scaled return series
/// (`ReturnScaling`): what the ensemble combines and what `model=lstm` answers with alone.
public enum ForecastComponent: Sendable, Equatable {
    /// The price stays where it is: a log return of 0 (the last-value forecast).
    case randomWalk
    /// The mean return of the fitted part.
    case drift
    /// An AR(p) autoregression of the scaled returns.
    case autoregression(Autoregression)
    /// Simple exponential smoothing of the scaled returns.
    case exponentialSmoothing(ExponentialSmoothing)
    /// An LSTM reading the last `window` scaled returns.
    case lstm(LSTMNetwork, window: Int)

    /// The component's name as stored (`random_walk`, `drift`, `autoregression`,
    /// `exponential_smoothing`, `lstm`).
    public var name: String {
        switch self {
        case .randomWalk: return "random_walk"
        case .drift: return "drift"
        case .autoregression: return "autoregression"
        case .exponentialSmoothing: return "exponential_smoothing"
        case .lstm: return "lstm"
        }
    }

    /// How many values must precede the first value it forecasts.
    var lookback: Int {
        switch self {
        case .randomWalk, .drift: return 0
        case .autoregression(let model): return model.coefficients.count
        case .exponentialSmoothing: return 1
        case .lstm(_, let window): return window
        }
    }

    /// One-step forecasts in scaled units of `series[start...]` and of the value after it:
    /// element `k` forecasts `series[start + k]` from the values before it alone, and the
    /// last element forecasts the next, unseen value. `start` is at least `lookback`.
    func forecasts(_ series: [Double], from start: Int, scaling: ReturnScaling) -> [Double] {
        let count = series.count - start + 1
        switch self {
        case .randomWalk:
            return Array(repeating: scaling.scaled(0), count: count)
        case .drift:
            return Array(repeating: 0, count: count)
        case .autoregression(let model):
            return (start...series.count).map { model.forecast(after: series[..<$0]) }
        case .exponentialSmoothing(let smoothing):
            var level = series[0]
            var result: [Double] = []
            result.reserveCapacity(count)
            for t in 1...series.count {
                if t >= start { result.append(level) }
                if t < series.count { level = smoothing.next(level: level, value: series[t]) }
            }
            return result
        case .lstm(let network, let window):
            return (start...series.count).map { network.predict(series[($0 - window)..<$0]) }
        }
    }
}
