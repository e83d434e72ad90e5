import XCTest
@testable import Engine

/// The network as a value: its size, its seeded initialisation and its restoration from stored
/// parameters.
final class LSTMNetworkTests: XCTestCase {
    func testParameterCountCoversGatesBiasesAndOutput() {
        // 4H(1 + H) gate weights + 4H gate biases + H output weights + 1 output bias.
        XCTAssertEqual(LSTMNetwork.parameterCount(hidden: 1), 8 + 4 + 1 + 1)
        XCTAssertEqual(LSTMNetwork.parameterCount(hidden: 8), 288 + 32 + 8 + 1)
        XCTAssertEqual(LSTMNetwork(hidden: 8, seed: 1).parameters.count, 329)
    }

    func testInitialisationIsSeededWithForgetBiasOne() {
        let network = LSTMNetwork(hidden: 4, seed: 42)
        XCTAssertEqual(network, LSTMNetwork(hidden: 4, seed: 42))
        XCTAssertNotEqual(network.parameters, LSTMNetwork(hidden: 4, seed: 43).parameters)
        let layout = LSTMParameterLayout(hidden: 4)
        let biases = Array(network.parameters[layout.biases..<layout.outputWeights])
        XCTAssertEqual(biases, [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], "input, forget, candidate, output")
        XCTAssertEqual(network.parameters[layout.outputBias], 0)
        let limit = (6.0 / 9).squareRoot()
        let weights = network.parameters[0..<layout.biases]
        XCTAssertTrue(weights.allSatisfy { abs($0) <= limit && $0 != 0 })
        XCTAssertGreaterThan(weights.max()!, limit / 2, "spread over the Glorot range")
        XCTAssertLessThan(weights.min()!, -limit / 2)
    }

    func testRestoringRoundTripsTheParameters() throws {
        let network = LSTMNetwork(hidden: 5, seed: 9)
        let restored = try XCTUnwrap(LSTMNetwork(hidden: 5, parameters: network.parameters))
        XCTAssertEqual(restored, network)
        let inputs = [0.3, -1.2, 0.8, 2.0]
        XCTAssertEqual(restored.predict(inputs), network.predict(inputs))
    }

    func testRestoringRefusesAWrongCountOrANonFiniteValue() {
        let parameters = LSTMNetwork(hidden: 3, seed: 1).parameters
        XCTAssertNil(LSTMNetwork(hidden: 3, parameters: Array(parameters.dropLast())))
        XCTAssertNil(LSTMNetwork(hidden: 3, parameters: parameters + [0]))
        XCTAssertNil(LSTMNetwork(hidden: 4, parameters: parameters))
        XCTAssertNil(LSTMNetwork(hidden: 0, parameters: []))
        for bad in [Double.nan, .infinity, -.infinity] {
            var corrupt = parameters
            corrupt[7] = bad
            XCTAssertNil(LSTMNetwork(hidden: 3, parameters: corrupt), "\(bad)")
        }
    }

    /// Finite inputs, however extreme, give a finite forecast: the gates saturate, the hidden
    /// state stays in (−1, 1).
    func testPredictIsFiniteForAnyFiniteInputs() {
        var random = SeededRandom(seed: 3)
        let extremes: [Double] = [0, -0.0, 1e-300, -1e300, 1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude]
        for seed in 0..<20 as Range<UInt64> {
            let network = LSTMNetwork(hidden: 1 + Int(seed % 8), seed: seed)
            for _ in 0..<20 {
                let length = Int(random.next() % 40)
                let inputs = (0..<length).map { _ in
                    random.next() % 3 == 0 ? extremes[Int(random.next() % UInt64(extremes.count))] : 1e3 * random.nextGaussian()
                }
                XCTAssertTrue(network.predict(inputs).isFinite, "seed \(seed), inputs \(inputs)")
            }
            XCTAssertTrue(network.predict(extremes).isFinite)
        }
    }
}
