@testable import Engine
import Foundation
import XCTest

/// The fitted forecast models: out-of-sample skill on a predictable series, confidence from
/// the measured error, determinism, the stored form, and no non-finite number anywhere.
final class ForecastModelTests: XCTestCase {
    func testTheLSTMAndTheEnsembleBeatTheLastValueOutOfSample() throws {
        let closes = ForecastFixture.closes(count: 600, phi: 0.6, sigma: 0.01, seed: 3)
        let model = try ForecastModel(fitting: closes, dataEnd: 0, settings: ForecastFixture.settings)
        let lastValue = try XCTUnwrap(model.member("random_walk")).estimate.error
        let lstm = try XCTUnwrap(model.lstm).error
        // An AR(1) of 0.6 leaves 1 − 0.36 of the variance: an RMSE 0.8 times the last value's.
        XCTAssertLessThan(lstm, 0.9 * lastValue, "LSTM \(lstm) vs last value \(lastValue)")
        XCTAssertLessThan(model.ensemble.error, 0.9 * lastValue, "ensemble \(model.ensemble.error) vs last value \(lastValue)")
        XCTAssertLessThan(try XCTUnwrap(model.member("autoregression")).estimate.error, 0.9 * lastValue)
        XCTAssertGreaterThan(model.ensemble.confidence, try XCTUnwrap(model.member("random_walk")).estimate.confidence)
    }

    func testConfidenceFollowsTheMeasuredErrorOfTwoSeriesOfKnownNoise() throws {
        let quiet = try ForecastModel(fitting: ForecastFixture.closes(count: 400, phi: 0.5, sigma: 0.004, seed: 8), dataEnd: 0,
                                      settings: ForecastFixture.settings)
        let noisy = try ForecastModel(fitting: ForecastFixture.closes(count: 400, phi: 0.5, sigma: 0.02, seed: 8), dataEnd: 0,
                                      settings: ForecastFixture.settings)
        for (name, low, high) in [("ensemble", quiet.ensemble, noisy.ensemble), ("lstm", quiet.lstm!, noisy.lstm!)] {
            XCTAssertLessThan(low.error, high.error, name)
            XCTAssertGreaterThan(low.confidence, high.confidence, name)
            XCTAssertTrue((0...1).contains(low.confidence) && (0...1).contains(high.confidence), name)
        }
        // erf(ln 1.01 / (σ·√2)) at the measured σ, the definition the spec gives.
        XCTAssertEqual(noisy.ensemble.confidence, erf(log(1.01) / (noisy.ensemble.error * 2.0.squareRoot())), accuracy: 1e-12)
    }

    func testTheEnsembleWeightsArePositiveAndSumToOne() throws {
        let model = try ForecastModel(fitting: ForecastFixture.closes(count: 300, phi: 0.3, sigma: 0.01, seed: 4), dataEnd: 0,
                                      settings: ForecastFixture.settings)
        XCTAssertEqual(model.members.map(\.component.name), ["random_walk", "drift", "autoregression", "exponential_smoothing", "lstm"])
        XCTAssertEqual(model.weights.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertTrue(model.weights.allSatisfy { $0 > 0 })
        XCTAssertEqual(model.candles, 300)
    }

    func testTheSameCandlesAndSeedGiveTheSameModel() throws {
        let closes = ForecastFixture.closes(count: 200, phi: 0.4, sigma: 0.01, seed: 9)
        let first = try ForecastModel(fitting: closes, dataEnd: 7, settings: ForecastFixture.settings)
        XCTAssertEqual(first, try ForecastModel(fitting: closes, dataEnd: 7, settings: ForecastFixture.settings))
        var other = ForecastFixture.settings
        other.lstm.seed = 12
        XCTAssertNotEqual(first.lstm, try ForecastModel(fitting: closes, dataEnd: 7, settings: other).lstm)
    }

    func testTooFewCandlesAreRefused() {
        let closes = ForecastFixture.closes(count: 119, phi: 0.4, sigma: 0.01, seed: 9)
        XCTAssertThrowsError(try ForecastModel(fitting: closes, dataEnd: 0, settings: ForecastFixture.settings)) {
            XCTAssertEqual($0 as? ForecastFailure, .tooLittleHistory(candles: 119, needed: 120))
        }
    }

    func testAFlatSeriesForecastsNoChangeWithFullConfidence() throws {
        let model = try ForecastModel(fitting: Array(repeating: 250, count: 150), dataEnd: 0, settings: ForecastFixture.settings)
        for estimate in model.members.map(\.estimate) + [model.ensemble] {
            XCTAssertEqual(estimate.price(from: 250), 250, accuracy: 1e-9)
            XCTAssertEqual(estimate.confidence, 1)
        }
    }

    func testWildSeriesGiveFiniteNumbersOrATrainingFailure() {
        let series: [[Double]] = [
            (0..<200).map { $0 % 2 == 0 ? 1e-300 : 1e300 },
            (0..<200).map { 1 + Double($0 % 7) * 1e-12 },
            ForecastFixture.closes(count: 200, phi: 0.99, sigma: 0.5, seed: 1),
        ]
        for closes in series {
            do {
                let model = try ForecastModel(fitting: closes, dataEnd: 0, settings: ForecastFixture.settings)
                XCTAssertTrue(model.isFinite)
                for estimate in model.members.map(\.estimate) + [model.ensemble] {
                    XCTAssertTrue(estimate.price(from: closes.last!).isFinite && estimate.confidence.isFinite)
                }
            } catch {
                guard case .untrainable = error else { return XCTFail("\(error)") }
            }
        }
    }

    func testTheStoredFormReadsBackTheSameModel() throws {
        let model = try ForecastModel(fitting: ForecastFixture.closes(count: 200, phi: 0.4, sigma: 0.01, seed: 2), dataEnd: 1_700_000_000_000,
                                      settings: ForecastFixture.settings)
        XCTAssertEqual(try ForecastModel(storedText: model.storedText), model)
    }

    func testACorruptStoredModelIsRefusedSayingWhy() throws {
        let model = try ForecastModel(fitting: ForecastFixture.closes(count: 150, phi: 0.4, sigma: 0.01, seed: 2), dataEnd: 0,
                                      settings: ForecastFixture.settings)
        let text = model.storedText
        let corrupt = [
            "", "not json", String(text.dropLast(10)),
            text.replacingOccurrences(of: "\"version\":1", with: "\"version\":2"),
            text.replacingOccurrences(of: "\"lstm\"", with: "\"lsmt\""),
            text.replacingOccurrences(of: "\"parameters\":[", with: "\"parameters\":[1e999,"),
            text.replacingOccurrences(of: "\"weights\":[", with: "\"weights\":[0.5,"),
        ]
        for (index, text) in corrupt.enumerated() {
            XCTAssertThrowsError(try ForecastModel(storedText: text), "case \(index)") {
                guard case .corrupt(let reason)? = $0 as? ForecastFailure else { return XCTFail("case \(index): \($0)") }
                XCTAssertFalse(reason.isEmpty)
            }
        }
    }
}
