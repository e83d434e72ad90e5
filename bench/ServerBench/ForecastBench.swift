import Backends
import Engine
import Foundation
import Primitives

/// `ServerBench forecast [--samples sample-data] [--candles 1000] [--rounds 3]`: fits the
/// forecast models (`ForecastModel`, the default `ForecastSettings`) on this thread to the
/// newest `candles` closes of real series (GOOG daily, EUR/USD hourly) and of a seeded AR(1)
/// series, `rounds` times each; prints the LSTM's training time alone and the whole fit
/// (every member, the out-of-sample measure and the ensemble), the slowest round of each.
enum ForecastBench {
    static func run(_ options: Options) -> Int32 {
        let folder = options.string("--samples", "sample-data"), candles = options.int("--candles", 1000)
        let rounds = options.int("--rounds", 3)
        var series: [(name: String, closes: [Double])] = []
        for (file, name) in [("GOOG.csv", "GOOG 1d"), ("EURUSD.csv", "EUR/USD 1h")] {
            guard let closes = closes(path: folder + "/" + file) else {
                print("cannot read \(folder)/\(file)")
                return 1
            }
            series.append((name, Array(closes.suffix(candles))))
        }
        var random = SeededRandom(seed: 7)
        var ar = [100.0], previous = 0.0
        while ar.count < candles {
            previous = 0.5 * previous + 0.01 * random.nextGaussian()
            ar.append(ar.last! * exp(previous))
        }
        series.append(("AR(1) φ 0.5", ar))
        let settings = ForecastSettings()
        for (name, closes) in series {
            var training = 0.0, fitting = 0.0
            var model: ForecastModel?
            for _ in 0..<rounds {
                let returns = zip(closes.dropFirst(), closes).map { log($0 / $1) }
                let fitted = Array(returns.prefix(Int(Double(returns.count) * settings.fittedShare)))
                let scaling = ReturnScaling(fitting: fitted[...])
                var started = Timestamp.monotonicNanoseconds()
                _ = try? LSTMTraining.train(series: fitted.map(scaling.scaled), configuration: settings.lstm)
                training = max(training, Double(Timestamp.monotonicNanoseconds() - started) / 1e9)
                started = Timestamp.monotonicNanoseconds()
                model = try? ForecastModel(fitting: closes, dataEnd: 0, settings: settings)
                fitting = max(fitting, Double(Timestamp.monotonicNanoseconds() - started) / 1e9)
            }
            guard let model, let lstm = model.lstm, let walk = model.member("random_walk") else {
                print("| \(name) | the fit failed |")
                return 1
            }
            print(String(format: "| %@, %d closes | LSTM training **%.3f s** | whole fit **%.3f s** | out-of-sample RMSE: LSTM %.5f, ensemble %.5f, last value %.5f | confidence: LSTM %.3f, ensemble %.3f |",
                         name, closes.count, training, fitting, lstm.error, model.ensemble.error, walk.estimate.error, lstm.confidence,
                         model.ensemble.confidence))
        }
        return 0
    }

    /// The closes of a sample candle file, read by the sample data's own reader.
    static func closes(path: String) -> [Double]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let candles = try? CandleCSV.parse(text) else { return nil }
        return candles.compactMap { Double($0.close.description) }
    }
}
