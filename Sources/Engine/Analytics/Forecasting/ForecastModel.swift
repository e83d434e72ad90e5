import Foundation

/// The forecasters fitted to one series of closes, how each did out of sample, and their
/// ensemble.
///
/// The log returns of the closes are scaled (`ReturnScaling`) by the oldest `fittedShare` of
/// them, the part every member is fitted on. Each member then forecasts every later return
/// one step ahead from the returns before it alone, which measures its error on returns it
/// never saw, and forecasts the next, unseen return.
///
/// The ensemble's forecast of a return is the members' forecasts weighted by the inverse of
/// their mean squared error on the earlier measured returns, each mean starting from a prior
/// of `priorReturns` returns at the series' variance; so its measured error is out of sample
/// too. Its forecast of the next return uses the errors of all measured returns.
public struct ForecastModel: Sendable, Equatable {
    /// One member: its fitted component and its estimate.
    public struct Member: Sendable, Equatable {
        public let component: ForecastComponent
        public let estimate: ForecastEstimate

        public init(component: ForecastComponent, estimate: ForecastEstimate) {
            self.component = component
            self.estimate = estimate
        }
    }

    /// The scaling of the returns.
    public let scaling: ReturnScaling
    /// The members in a fixed order: random walk, drift, autoregression, exponential
    /// smoothing, LSTM.
    public let members: [Member]
    /// The ensemble's final weights, one a member, summing to 1.
    public let weights: [Double]
    /// The ensemble's estimate.
    public let ensemble: ForecastEstimate
    /// How many closes the model was fitted on.
    public let candles: Int
    /// The start (epoch ms) of the newest candle it was fitted on.
    public let dataEnd: Int

    public init(scaling: ReturnScaling, members: [Member], weights: [Double], ensemble: ForecastEstimate, candles: Int, dataEnd: Int) {
        self.scaling = scaling
        self.members = members
        self.weights = weights
        self.ensemble = ensemble
        self.candles = candles
        self.dataEnd = dataEnd
    }

    /// The LSTM member's estimate.
    public var lstm: ForecastEstimate? { member("lstm")?.estimate }

    /// The member named `name`, if the model has it.
    public func member(_ name: String) -> Member? {
        members.first { $0.component.name == name }
    }

    /// Fits every member to `closes` (positive, oldest first; the newest started at
    /// `dataEnd`). The LSTM's seed is `settings.lstm.seed`.
    /// - Throws: `.tooLittleHistory` for fewer than `settings.minimumCandles` closes,
    ///   `.untrainable` when the LSTM diverges or a forecast is not finite.
    public init(fitting closes: [Double], dataEnd: Int, settings: ForecastSettings) throws(ForecastFailure) {
        guard closes.count >= settings.minimumCandles else {
            throw .tooLittleHistory(candles: closes.count, needed: settings.minimumCandles)
        }
        var returns: [Double] = []
        returns.reserveCapacity(closes.count - 1)
        for index in 1..<closes.count {
            let value = Foundation.log(closes[index] / closes[index - 1])
            guard value.isFinite else { throw .untrainable("close \(index) gives a log return that is not finite") }
            returns.append(value)
        }
        let fitted = Int(Double(returns.count) * settings.fittedShare)
        let scaling = ReturnScaling(fitting: returns[..<fitted])
        let series = returns.map(scaling.scaled)
        var components: [ForecastComponent] = [.randomWalk, .drift]
        let order = settings.autoregressionOrder
        if let model = Autoregression(fitting: series[..<fitted], order: order, ridge: settings.ridgePerReturn * Double(fitted)) {
            components.append(.autoregression(model))
        } else {
            components.append(.autoregression(Autoregression(intercept: 0, coefficients: Array(repeating: 0, count: order))))
        }
        components.append(.exponentialSmoothing(ExponentialSmoothing(fitting: series[..<fitted])))
        do {
            let trained = try LSTMTraining.train(series: Array(series[..<fitted]), configuration: settings.lstm)
            components.append(.lstm(trained.network, window: settings.lstm.window))
        } catch {
            throw .untrainable("the LSTM did not train: \(error)")
        }
        let forecasts = components.map { $0.forecasts(series, from: fitted, scaling: scaling) }
        self = try Self.combine(components: components, forecasts: forecasts, series: series, from: fitted,
                                scaling: scaling, prior: settings.priorReturns, candles: closes.count, dataEnd: dataEnd)
    }

    /// The members' estimates and the ensemble from their forecasts of `series[start...]`.
    private static func combine(components: [ForecastComponent], forecasts: [[Double]], series: [Double], from start: Int,
                                scaling: ReturnScaling, prior: Double, candles: Int, dataEnd: Int) throws(ForecastFailure) -> ForecastModel {
        let count = components.count
        var squared = [Double](repeating: 0, count: count)
        var ensembleSquared = 0.0
        var measured = 0
        func weights() -> [Double] {
            let inverse = squared.map { (Double(measured) + prior) / ($0 + prior) }
            let total = inverse.reduce(0, +)
            return inverse.map { $0 / total }
        }
        for index in start..<series.count {
            let step = index - start
            let current = weights()
            var combined = 0.0
            for member in 0..<count { combined += current[member] * forecasts[member][step] }
            ensembleSquared += (combined - series[index]) * (combined - series[index])
            for member in 0..<count { squared[member] += (forecasts[member][step] - series[index]) * (forecasts[member][step] - series[index]) }
            measured += 1
        }
        let final = weights()
        let next = series.count - start
        func estimate(_ forecast: Double, _ sum: Double) -> ForecastEstimate {
            ForecastEstimate(logReturn: scaling.unscaled(forecast), error: (sum / Double(max(measured, 1))).squareRoot() * scaling.deviation)
        }
        var members: [Member] = []
        var combined = 0.0
        for member in 0..<count {
            combined += final[member] * forecasts[member][next]
            members.append(Member(component: components[member], estimate: estimate(forecasts[member][next], squared[member])))
        }
        let model = ForecastModel(scaling: scaling, members: members, weights: final, ensemble: estimate(combined, ensembleSquared),
                                  candles: candles, dataEnd: dataEnd)
        guard model.isFinite else { throw .untrainable("a forecast or an error is not finite") }
        return model
    }

    /// Whether every number of the model is finite.
    var isFinite: Bool {
        let estimates = members.map(\.estimate) + [ensemble]
        return scaling.mean.isFinite && scaling.deviation.isFinite && weights.allSatisfy(\.isFinite)
            && estimates.allSatisfy { $0.logReturn.isFinite && $0.error.isFinite }
    }
}
