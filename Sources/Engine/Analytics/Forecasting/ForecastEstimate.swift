import Foundation

/// What a fitted model forecasts for the next period: the log return, and the error it made
/// on the returns it was not fitted on.
public struct ForecastEstimate: Sendable, Equatable {
    /// The forecast log return of the next period.
    public let logReturn: Double
    /// The root mean squared error of its one-step forecasts out of sample, in log-return
    /// units (a relative price error).
    public let error: Double

    /// The price band `confidence` is measured against: ±1%.
    public static let tolerance = Foundation.log(1.01)

    public init(logReturn: Double, error: Double) {
        self.logReturn = logReturn
        self.error = error
    }

    /// The probability that the price ends within 1% of the forecast when the forecast's
    /// error is normal with the measured out-of-sample error as its deviation:
    /// `erf(ln 1.01 / (error·√2))`, in [0, 1] and lower for a larger error.
    public var confidence: Double {
        guard error > 0 else { return 1 }
        let value = erf(Self.tolerance / (error * 2.0.squareRoot()))
        return value.isFinite ? min(max(value, 0), 1) : 0
    }

    /// `price` moved by the forecast return.
    public func price(from price: Double) -> Double {
        price * exp(logReturn)
    }
}
