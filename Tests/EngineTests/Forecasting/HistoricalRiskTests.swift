@testable import Engine
import Foundation
import XCTest

/// The historical risk against direct computations: a case worked by hand, and the newest
/// daily returns of the GOOG sample against an independent numpy reference
/// (`tests/reference/risk_ref.py`, written from the definitions, not from this code).
final class HistoricalRiskTests: XCTestCase {
    static let day = 86_400_000

    /// (window, value at risk, expected shortfall, volatility) of `sample-data/GOOG.csv`.
    static let reference: [(window: Int, valueAtRisk: Double, shortfall: Double, volatility: Double)] = [
        (250, 0.019604988395726174, 0.0293037299958279, 0.21610568664424717),
        (60, 0.013655730486724537, 0.020611238463361253, 0.19283952603158044),
        (20, 0.01801190005587471, 0.021376998452810825, 0.17756384769062222),
    ]

    static func closes(_ values: [Double]) -> [(time: Int, close: Double)] {
        values.enumerated().map { (time: $0.offset * day, close: $0.element) }
    }

    func testGOOGMatchesTheNumpyReference() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../sample-data/GOOG.csv").path
        let bars = try DemoHistory.sampleBars(path: path, interval: .day1, prices: UnitScale(digits: 2), quantities: UnitScale(digits: 0))
        let closes = bars.map { (time: $0.start, close: Double($0.close) / 100) }
        for expected in Self.reference {
            let risk = try XCTUnwrap(HistoricalRisk(closes: closes, window: expected.window))
            XCTAssertEqual(risk.returns, expected.window)
            XCTAssertEqual(risk.valueAtRisk, expected.valueAtRisk, accuracy: 1e-12, "window \(expected.window)")
            XCTAssertEqual(risk.expectedShortfall, expected.shortfall, accuracy: 1e-12, "window \(expected.window)")
            XCTAssertEqual(risk.volatility, expected.volatility, accuracy: 1e-12, "window \(expected.window)")
        }
    }

    /// Twenty returns: −4%, −2%, then eighteen of +1%. The 5th percentile sits at position
    /// 0.05 × 19 = 0.95, between −4% and −2%: −4% + 0.95 × 2% = −2.1%. Only −4% is at or
    /// below it, so the shortfall is 4%.
    func testAWorkedCase() throws {
        var values = [100.0, 96, 96 * 0.98]
        for _ in 0..<18 { values.append(values.last! * 1.01) }
        let risk = try XCTUnwrap(HistoricalRisk(closes: Self.closes(values), window: 20))
        XCTAssertEqual(risk.valueAtRisk, 0.021, accuracy: 1e-12)
        XCTAssertEqual(risk.expectedShortfall, 0.04, accuracy: 1e-12)
        let logs = zip(values.dropFirst(), values).map { Foundation.log($0 / $1) }
        let mean = logs.reduce(0, +) / 20
        let deviation = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 19).squareRoot()
        // Twenty returns over twenty days: 365.25 returns a year.
        XCTAssertEqual(risk.volatility, deviation * 365.25.squareRoot(), accuracy: 1e-12)
    }

    func testOnlyTheNewestWindowCounts() throws {
        var values = [100.0, 50]
        for _ in 0..<20 { values.append(values.last! * 1.001) }
        let risk = try XCTUnwrap(HistoricalRisk(closes: Self.closes(values), window: 20))
        XCTAssertEqual(risk.valueAtRisk, -0.001, accuracy: 1e-12, "the halving is older than the window; every day was a gain")
        XCTAssertEqual(risk.expectedShortfall, -0.001, accuracy: 1e-12)
    }

    func testTheShortfallIsNeverBelowTheValueAtRisk() throws {
        var random = SeededRandom(seed: 5)
        for _ in 0..<50 {
            var values = [100.0]
            for _ in 0..<120 { values.append(values.last! * Foundation.exp(0.02 * random.nextGaussian())) }
            let risk = try XCTUnwrap(HistoricalRisk(closes: Self.closes(values), window: 100))
            XCTAssertGreaterThanOrEqual(risk.expectedShortfall, risk.valueAtRisk)
            XCTAssertTrue(risk.valueAtRisk.isFinite && risk.volatility.isFinite && risk.volatility > 0)
        }
    }

    func testTooFewClosesGiveNothing() {
        XCTAssertNil(HistoricalRisk(closes: Self.closes(Array(repeating: 100, count: 20)), window: 20), "20 closes are 19 returns")
        XCTAssertNotNil(HistoricalRisk(closes: Self.closes(Array(repeating: 100, count: 21)), window: 20))
        XCTAssertNil(HistoricalRisk(closes: Self.closes([100, 0, 100] + Array(repeating: 100, count: 20)), window: 22), "a close of 0")
    }
}
