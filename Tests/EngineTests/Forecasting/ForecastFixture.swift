@testable import Engine
import Foundation

/// Seeded price series for the forecasting tests: closes whose log returns follow an AR(1)
/// `rₜ = φ·rₜ₋₁ + σ·εₜ` with standard normal `ε`, so the next return is partly predictable
/// (a share φ² of its variance) and the last-value forecast (a return of 0) is not the best.
enum ForecastFixture {
    static func closes(count: Int, phi: Double, sigma: Double, seed: UInt64, start: Double = 100) -> [Double] {
        var random = SeededRandom(seed: seed)
        var closes = [start]
        var previous = 0.0
        while closes.count < count {
            previous = phi * previous + sigma * random.nextGaussian()
            closes.append(closes.last! * Foundation.exp(previous))
        }
        return closes
    }

    /// Fast settings for debug-build tests: a small LSTM trained for a few epochs.
    static var settings: ForecastSettings {
        var settings = ForecastSettings()
        settings.lstm.epochs = 12
        settings.lstm.seed = 11
        return settings
    }
}
