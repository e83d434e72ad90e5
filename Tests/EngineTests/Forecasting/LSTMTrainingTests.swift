import XCTest
@testable import Engine

/// Training: it learns a real pattern out of sample, it is reproducible, and it fails loudly
/// instead of answering a broken network.
final class LSTMTrainingTests: XCTestCase {
    /// x_t = 0.6 x_{t−1} + e_t, e standard normal from a seeded generator, starting at 0.
    private static func autoregressive(count: Int, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed)
        var value = 0.0
        return (0..<count).map { _ in
            value = 0.6 * value + random.nextGaussian()
            return value
        }
    }

    /// Small enough to train in well under a second of a debug build.
    private static let small = LSTMConfiguration(hidden: 4, window: 8, epochs: 12, timeBudget: 60)

    /// The best one-step forecast of this AR(1) has an error variance of 1 against the series'
    /// variance of 1 / (1 − 0.36) ≈ 1.56 (the zero forecast's error), 36% less; the last value's
    /// error is 2 × 1.56 × (1 − 0.6) ≈ 1.25. The trained network must take at least 15% off both
    /// on the 200 values it never saw.
    func testLearnsAnAutoregressionOutOfSample() throws {
        let series = Self.autoregressive(count: 800, seed: 2024)
        let configuration = Self.small
        let (network, trainingLoss, validationLoss) = try LSTMTraining.train(series: Array(series[..<600]), configuration: configuration)
        XCTAssertFalse(trainingLoss.isEmpty)
        XCTAssertEqual(trainingLoss.count, validationLoss.count)
        var lstm = 0.0, zero = 0.0, lastValue = 0.0
        for t in 600..<800 {
            let forecast = network.predict(series[(t - configuration.window)..<t])
            lstm += (series[t] - forecast) * (series[t] - forecast)
            zero += series[t] * series[t]
            lastValue += (series[t] - series[t - 1]) * (series[t] - series[t - 1])
        }
        XCTAssertLessThan(lstm, 0.85 * zero, "LSTM \(lstm / 200) against zero \(zero / 200)")
        XCTAssertLessThan(lstm, 0.85 * lastValue, "LSTM \(lstm / 200) against last value \(lastValue / 200)")
    }

    func testSameSeedAndDataGiveTheSameNetworkAndAnotherSeedAnother() throws {
        let series = Self.autoregressive(count: 120, seed: 5)
        var configuration = Self.small
        configuration.epochs = 3
        let first = try LSTMTraining.train(series: series, configuration: configuration)
        let again = try LSTMTraining.train(series: series, configuration: configuration)
        XCTAssertEqual(first.network, again.network)
        XCTAssertEqual(first.trainingLoss, again.trainingLoss)
        XCTAssertEqual(first.validationLoss, again.validationLoss)
        configuration.seed += 1
        let other = try LSTMTraining.train(series: series, configuration: configuration)
        XCTAssertNotEqual(other.network.parameters, first.network.parameters)
    }

    /// The network answered is the one of the epoch with the lowest validation loss, and
    /// training stops `patience` epochs after it.
    func testKeepsTheBestEpochAndStopsAfterPatience() throws {
        let series = Self.autoregressive(count: 200, seed: 11)
        // A high learning rate makes the validation loss fall and then jump about.
        let configuration = LSTMConfiguration(hidden: 3, window: 6, epochs: 60, learningRate: 0.05, timeBudget: 60, patience: 2)
        let (network, _, validationLoss) = try LSTMTraining.train(series: series, configuration: configuration)
        let best = try XCTUnwrap(validationLoss.indices.min { validationLoss[$0] < validationLoss[$1] })
        XCTAssertGreaterThan(best, 0, "the best epoch is neither the first")
        XCTAssertLessThan(best, validationLoss.count - 1, "nor the last")
        XCTAssertEqual(validationLoss.count, best + 1 + configuration.patience, "stopped right after `patience` worse epochs")
        let samples = series.count - configuration.window
        let tail = Int((Double(samples) * LSTMTraining.validationShare).rounded())
        var loss = 0.0
        for start in (samples - tail)..<samples {
            let error = network.predict(series[start..<(start + configuration.window)]) - series[start + configuration.window]
            loss += error * error
        }
        XCTAssertEqual(loss / Double(tail), validationLoss[best], accuracy: 1e-12, "the returned network scores the best epoch's loss")
    }

    /// The budget ends training after the epoch in which it ran out, long before `epochs`.
    func testStopsAfterTheTimeBudget() throws {
        let series = Self.autoregressive(count: 300, seed: 8)
        let configuration = LSTMConfiguration(hidden: 4, window: 8, epochs: 100_000, timeBudget: 0.3, patience: 100_000)
        let clock = ContinuousClock()
        let started = clock.now
        let (_, trainingLoss, _) = try LSTMTraining.train(series: series, configuration: configuration)
        XCTAssertLessThan(started.duration(to: clock.now), .seconds(5))
        XCTAssertLessThan(trainingLoss.count, 100_000)
        XCTAssertGreaterThanOrEqual(trainingLoss.count, 1)
    }

    func testATooShortSeriesIsRefused() {
        let configuration = LSTMConfiguration(window: 16)
        let needed = LSTMTraining.minimumSeriesLength(window: 16)
        XCTAssertEqual(needed, 16 + LSTMTraining.minimumSamples)
        XCTAssertThrowsError(try LSTMTraining.train(series: Array(repeating: 0.1, count: needed - 1), configuration: configuration)) {
            XCTAssertEqual($0 as? LSTMTrainingError, .tooShort(needed: needed, got: needed - 1))
        }
        XCTAssertThrowsError(try LSTMTraining.train(series: [], configuration: configuration)) {
            XCTAssertEqual($0 as? LSTMTrainingError, .tooShort(needed: needed, got: 0))
        }
        var quick = Self.small
        quick.epochs = 1
        XCTAssertNoThrow(try LSTMTraining.train(series: Self.autoregressive(count: quick.window + LSTMTraining.minimumSamples, seed: 1), configuration: quick))
    }

    func testAHugeLearningRateDiverges() {
        var configuration = Self.small
        configuration.learningRate = 1e6
        XCTAssertThrowsError(try LSTMTraining.train(series: Self.autoregressive(count: 200, seed: 4), configuration: configuration)) {
            guard case .diverged(let epoch, let loss)? = $0 as? LSTMTrainingError else { return XCTFail("\($0)") }
            XCTAssertEqual(epoch, 1)
            XCTAssertTrue(!loss.isFinite || loss > 1e6, "\(loss)")
        }
    }

    /// Values no normalisation would leave, or not numbers at all, wherever they sit (an input,
    /// a training target, only the validation tail), end in `.diverged`, never in a network.
    func testAbsurdValuesInTheSeriesDiverge() {
        let configuration = Self.small
        for (position, value) in [(10, 1e200), (50, -1e200), (190, 1e200), (60, Double.nan), (120, Double.infinity)] {
            var series = Self.autoregressive(count: 200, seed: 4)
            series[position] = value
            XCTAssertThrowsError(try LSTMTraining.train(series: series, configuration: configuration), "\(value) at \(position)") {
                guard case .diverged? = $0 as? LSTMTrainingError else { return XCTFail("\($0)") }
            }
        }
    }
}
