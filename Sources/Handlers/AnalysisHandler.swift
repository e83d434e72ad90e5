import APIRuntime
import Engine
import Generated
import Primitives

/// `/api/v1/analysis/*`: document B's risk metrics and price predictions, computed by
/// `ForecastService` from the symbol's closed candles. Prices are at the symbol's tick;
/// fractions and the confidence to four decimals.
public struct AnalysisHandler: AnalysisAPI {
    let service: ForecastService

    public init(service: ForecastService) {
        self.service = service
    }

    public func getRiskMetrics(_ input: GetRiskMetricsInput, context: RequestContext) async throws -> GetRiskMetricsOutput {
        let report = try await Self.analysis(await service.risk(symbol: input.symbol, window: input.window)) { candles, needed in
            "'\(input.symbol)' has \(candles) closed daily candles; a window of \(input.window) returns needs \(needed)"
        }
        let prices = report.spec.prices
        return .ok(RiskMetrics(symbol: report.spec.key.marketForm,
                               var95: try Self.decimal(report.risk.valueAtRisk * report.price, prices, "var_95"),
                               expectedShortfall: try Self.decimal(report.risk.expectedShortfall * report.price, prices, "expected_shortfall"),
                               volatility: try Self.decimal(report.risk.volatility, Self.fraction, "volatility"),
                               timestamp: Timestamp.iso8601(epochMilliseconds: report.time),
                               currentPrice: try Self.decimal(report.price, prices, "current_price"), window: report.risk.returns))
    }

    public func getPrediction(_ input: GetPredictionInput, context: RequestContext) async throws -> GetPredictionOutput {
        let interval: CandleInterval
        switch input.timeframe {
        case ._1h: interval = .hour1
        case ._4h: interval = .hour4
        case ._1d: interval = .day1
        }
        let prediction = try await Self.analysis(await service.prediction(symbol: input.symbol, interval: interval)) { candles, needed in
            "'\(input.symbol)' has \(candles) closed \(interval.rawValue) candles; a prediction needs at least \(needed)"
        }
        let estimate: ForecastEstimate
        switch input.model {
        case .ensemble: estimate = prediction.model.ensemble
        case .lstm:
            guard let lstm = prediction.model.lstm else { throw APIError(.ai001, message: "The model has no LSTM") }
            estimate = lstm
        }
        let prices = prediction.spec.prices
        return .ok(Prediction(symbol: prediction.spec.key.marketForm,
                              prediction: try Self.decimal(estimate.price(from: prediction.price), prices, "prediction"),
                              confidence: (estimate.confidence * 10_000).rounded() / 10_000, timeframe: input.timeframe, model: input.model,
                              timestamp: Timestamp.iso8601(epochMilliseconds: prediction.time),
                              currentPrice: try Self.decimal(prediction.price, prices, "current_price"), candles: prediction.model.candles))
    }

    /// Fractions are written to four decimals.
    static let fraction = UnitScale(digits: 4)

    /// `value` at `scale`; `AI_002` naming `field` if it is not a finite number that fits.
    static func decimal(_ value: Double, _ scale: UnitScale, _ field: String) throws(APIError) -> String {
        guard let decimal = scale.decimal(rounding: value) else {
            throw APIError(.ai002, message: "The \(field) computed is not a finite number")
        }
        return decimal.description
    }

    /// Runs an analysis request, turning its failure into the API's error; `tooLittle` words
    /// the message of `AI_002` from the candles there are and the candles needed.
    static func analysis<Result: Sendable>(_ work: @autoclosure () async throws(ForecastService.Failure) -> Result,
                                           tooLittle: (Int, Int) -> String) async throws(APIError) -> Result {
        do {
            return try await work()
        } catch {
            switch error {
            case .unknownSymbol(let symbol): throw APIError(.market001, message: "Unknown symbol '\(symbol)'")
            case .storage(let storage): throw APIError(storage)
            case .forecast(.tooLittleHistory(let candles, let needed)):
                throw APIError(.ai002, message: tooLittle(candles, needed))
            case .forecast(.untrainable(let reason)): throw APIError(.ai001, message: "The model could not be trained: \(reason)")
            case .forecast(.corrupt(let reason)): throw APIError(.ai001, message: "The stored model could not be loaded: \(reason); the next request trains it again")
            }
        }
    }
}
