import Foundation
import XCTest

/// Document B's analysis: the historical risk of a symbol computed directly from the daily
/// candles the market serves, and predictions from models fitted to its closed candles, with
/// a confidence in [0, 1], `AI_002` when there is too little history.
extension ContractSuite {
    /// The closes of the closed daily candles `getMarketHistory` serves for `symbol`, oldest
    /// first, with their opening days.
    func closedDailyCloses(_ symbol: String, limit: Int) throws -> [(start: Date, close: Double)] {
        let viewer = try account("viewer").client
        let history = try viewer.call("getMarketHistory", path: ["symbol": symbol], query: ["interval": "1d", "limit": String(limit)])
        XCTAssertEqual(history.status, 200, history.message.summary)
        let today = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        return try Self.candles(history["data"], timeframe: "1d").filter { $0.start < today }.map {
            (start: $0.start, close: NSDecimalNumber(decimal: $0.close).doubleValue)
        }
    }

    func riskMetricsAreTheHistoricalMeasuresOfTheDailyCloses() throws {
        let viewer = try account("viewer").client
        for window in [250, 60] {
            let risk = try viewer.call("getRiskMetrics", path: ["symbol": "GOOG"], query: window == 250 ? [:] : ["window": String(window)])
            XCTAssertEqual(risk.status, 200, risk.message.summary)
            XCTAssertEqual(risk["symbol"], "GOOG")
            XCTAssertEqual(risk["window"].integer, window, "the default window is 250")
            let closes = Array(try closedDailyCloses("GOOG", limit: window + 10).suffix(window + 1))
            XCTAssertEqual(closes.count, window + 1)
            let simple = zip(closes.dropFirst(), closes).map { $0.close / $1.close - 1 }
            let sorted = simple.sorted()
            let position = 0.05 * Double(window - 1)
            let below = Int(position)
            let quantile = sorted[below] + (sorted[below + 1] - sorted[below]) * (position - Double(below))
            let tail = simple.filter { $0 <= quantile }
            let logs = zip(closes.dropFirst(), closes).map { Foundation.log($0.close / $1.close) }
            let mean = logs.reduce(0, +) / Double(window)
            let deviation = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(window - 1)).squareRoot()
            let years = closes.last!.start.timeIntervalSince(closes.first!.start) / (365.25 * 86_400)
            let price = NSDecimalNumber(decimal: try Self.decimal(risk["current_price"])).doubleValue
            let valueAtRisk = NSDecimalNumber(decimal: try Self.decimal(risk["var_95"])).doubleValue
            let shortfall = NSDecimalNumber(decimal: try Self.decimal(risk["expected_shortfall"])).doubleValue
            let volatility = NSDecimalNumber(decimal: try Self.decimal(risk["volatility"])).doubleValue
            XCTAssertEqual(valueAtRisk, -quantile * price, accuracy: 0.006, risk.message.summary)
            XCTAssertEqual(shortfall, -(tail.reduce(0, +) / Double(tail.count)) * price, accuracy: 0.006, risk.message.summary)
            XCTAssertGreaterThanOrEqual(shortfall, valueAtRisk)
            XCTAssertEqual(volatility, deviation * (Double(window) / years).squareRoot(), accuracy: 0.00006, risk.message.summary)
        }
        let bitcoin = try viewer.call("getRiskMetrics", path: ["symbol": "BTC/USDT"])
        XCTAssertEqual(bitcoin.status, 200, bitcoin.message.summary)
        XCTAssertEqual(bitcoin["symbol"], "BTC-USDT")
    }

    func riskMetricsNeedEnoughHistoryAndAKnownSymbol() throws {
        assertError(try api.call("getRiskMetrics", path: ["symbol": "GOOG"]), 401, "MISSING_TOKEN")
        let viewer = try account("viewer").client
        let tooLong = try viewer.call("getRiskMetrics", path: ["symbol": "ETH-USDT"], query: ["window": "5000"])
        assertError(tooLong, 422, "AI_002")
        XCTAssertTrue(tooLong["message"].string?.contains("a window of 5000 returns needs 5001") == true, tooLong.message.summary)
        assertError(try viewer.call("getRiskMetrics", path: ["symbol": "NOPE-USDT"]), 404, "MARKET_001")
        assertValidationError(try viewer.call("getRiskMetrics", path: ["symbol": "GOOG"], query: ["window": "19"]), field: "query.window")
        assertValidationError(try viewer.call("getRiskMetrics", path: ["symbol": "GOOG"], query: ["window": "many"]), field: "query.window")
    }

    func predictionsComeFromModelsFittedToTheClosedCandles() throws {
        let viewer = try account("viewer").client
        var ensemble: ContractResponse?
        for model in ["ensemble", "lstm"] {
            let prediction = try viewer.call("getPrediction", path: ["symbol": "GOOG"], query: ["model": model])
            XCTAssertEqual(prediction.status, 200, prediction.message.summary)
            XCTAssertEqual(prediction["symbol"], "GOOG")
            XCTAssertEqual(prediction["timeframe"], "1d", "the default timeframe")
            XCTAssertEqual(prediction["model"].string, model)
            let candles = try XCTUnwrap(prediction["candles"].integer)
            XCTAssertTrue((120...1000).contains(candles), prediction.message.summary)
            let confidence = try XCTUnwrap(prediction["confidence"].number)
            XCTAssertTrue((0...1).contains(confidence), prediction.message.summary)
            let price = try Self.decimal(prediction["current_price"]), predicted = try Self.decimal(prediction["prediction"])
            XCTAssertGreaterThan(predicted, 0)
            XCTAssertLessThan(abs(NSDecimalNumber(decimal: predicted / price).doubleValue - 1), 0.5, "one day's move: \(prediction.message.summary)")
            if model == "ensemble" { ensemble = prediction }
        }
        // The same candles give the same model: the predicted move and the confidence repeat.
        let again = try viewer.call("getPrediction", path: ["symbol": "GOOG"], query: ["timeframe": "1d", "model": "ensemble"])
        XCTAssertEqual(again.status, 200, again.message.summary)
        let first = try XCTUnwrap(ensemble)
        XCTAssertEqual(again["confidence"], first["confidence"])
        XCTAssertEqual(again["candles"], first["candles"])
        let move = { (response: ContractResponse) throws -> Double in
            NSDecimalNumber(decimal: try Self.decimal(response["prediction"]) / Self.decimal(response["current_price"])).doubleValue
        }
        XCTAssertEqual(try move(again), try move(first), accuracy: 0.001)
        let hourly = try viewer.call("getPrediction", path: ["symbol": "EUR/USD"], query: ["timeframe": "1h", "model": "lstm"])
        XCTAssertEqual(hourly.status, 200, "EUR/USD has real hourly history: \(hourly.message.summary)")
        XCTAssertEqual(hourly["symbol"], "EUR-USD")
        XCTAssertEqual(hourly["candles"].integer, 1000, "at most the newest 1,000 closed candles")
    }

    func predictionsNeedEnoughHistoryAndValidParameters() throws {
        assertError(try api.call("getPrediction", path: ["symbol": "GOOG"]), 401, "MISSING_TOKEN")
        let viewer = try account("viewer").client
        let hourly = try viewer.call("getPrediction", path: ["symbol": "ETH-USDT"], query: ["timeframe": "4h"])
        assertError(hourly, 422, "AI_002")
        XCTAssertTrue(hourly["message"].string?.contains("closed 4h candles; a prediction needs at least 120") == true, hourly.message.summary)
        assertError(try viewer.call("getPrediction", path: ["symbol": "NOPE-USDT"]), 404, "MARKET_001")
        assertValidationError(try viewer.call("getPrediction", path: ["symbol": "GOOG"], query: ["timeframe": "5m"]), field: "query.timeframe")
        assertValidationError(try viewer.call("getPrediction", path: ["symbol": "GOOG"], query: ["model": "oracle"]), field: "query.model")
    }
}

/// The analysis operations on SQLite.
final class SQLiteAnalysisContractTests: ContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testRiskMetricsAreTheHistoricalMeasuresOfTheDailyCloses() throws { try suite.riskMetricsAreTheHistoricalMeasuresOfTheDailyCloses() }
    func testRiskMetricsNeedEnoughHistoryAndAKnownSymbol() throws { try suite.riskMetricsNeedEnoughHistoryAndAKnownSymbol() }
    func testPredictionsComeFromModelsFittedToTheClosedCandles() throws { try suite.predictionsComeFromModelsFittedToTheClosedCandles() }
    func testPredictionsNeedEnoughHistoryAndValidParameters() throws { try suite.predictionsNeedEnoughHistoryAndValidParameters() }
}

/// The analysis operations on PostgreSQL.
final class PostgresAnalysisContractTests: ContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testRiskMetricsAreTheHistoricalMeasuresOfTheDailyCloses() throws { try suite.riskMetricsAreTheHistoricalMeasuresOfTheDailyCloses() }
    func testRiskMetricsNeedEnoughHistoryAndAKnownSymbol() throws { try suite.riskMetricsNeedEnoughHistoryAndAKnownSymbol() }
    func testPredictionsComeFromModelsFittedToTheClosedCandles() throws { try suite.predictionsComeFromModelsFittedToTheClosedCandles() }
    func testPredictionsNeedEnoughHistoryAndValidParameters() throws { try suite.predictionsNeedEnoughHistoryAndValidParameters() }
}
