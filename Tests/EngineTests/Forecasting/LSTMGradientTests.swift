import XCTest
@testable import Engine

/// Backpropagation through time against the definition of the derivative.
final class LSTMGradientTests: XCTestCase {
    /// Three windows of four values and their targets, drawn from a seeded generator.
    private static func batch() -> (windows: [[Double]], targets: [Double]) {
        var random = SeededRandom(seed: 18)
        let windows = (0..<3).map { _ in (0..<4).map { _ in random.nextGaussian() } }
        let targets = (0..<3).map { _ in random.nextGaussian() }
        return (windows, targets)
    }

    /// A network of three units whose every parameter, biases and output included, is drawn
    /// away from zero, so no partial derivative vanishes by construction.
    private static func network() -> LSTMNetwork {
        var random = SeededRandom(seed: 7)
        let count = LSTMNetwork.parameterCount(hidden: 3)
        return LSTMNetwork(hidden: 3, parameters: (0..<count).map { _ in 0.8 * random.nextGaussian() })!
    }

    func testEveryPartialDerivativeMatchesACentralFiniteDifference() {
        let (windows, targets) = Self.batch()
        let network = Self.network()
        let (_, gradient) = network.lossAndGradient(windows: windows, targets: targets)
        XCTAssertEqual(gradient.count, network.parameters.count)
        let h = 1e-5
        var worst = 0.0
        for index in network.parameters.indices {
            var up = network.parameters, down = network.parameters
            up[index] += h
            down[index] -= h
            let lossUp = LSTMNetwork(hidden: 3, parameters: up)!.lossAndGradient(windows: windows, targets: targets).loss
            let lossDown = LSTMNetwork(hidden: 3, parameters: down)!.lossAndGradient(windows: windows, targets: targets).loss
            let numeric = (lossUp - lossDown) / (2 * h)
            let analytic = gradient[index]
            let relative = abs(analytic - numeric) / max(abs(analytic), abs(numeric), 1e-8)
            worst = max(worst, relative)
            XCTAssertLessThan(relative, 1e-5, "parameter \(index): analytic \(analytic), numeric \(numeric)")
        }
        XCTAssertGreaterThan(worst, 0, "the comparison really ran")
    }

    /// The loss of the gradient path is the mean squared error of `predict`, the path a cached
    /// model answers with: both run the same network.
    func testLossIsTheMeanSquaredErrorOfPredict() {
        let (windows, targets) = Self.batch()
        let network = Self.network()
        let loss = network.lossAndGradient(windows: windows, targets: targets).loss
        var expected = 0.0
        for (window, target) in zip(windows, targets) {
            let error = network.predict(window) - target
            expected += error * error / 3
        }
        XCTAssertEqual(loss, expected, accuracy: 1e-12 * expected)
        XCTAssertGreaterThan(loss, 0)
    }

    /// An empty input runs no step: the forecast is the output bias alone.
    func testPredictOfNothingIsTheOutputBias() {
        let network = Self.network()
        XCTAssertEqual(network.predict([Double]()), network.parameters.last)
    }
}
