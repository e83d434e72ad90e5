import APIRuntime
import Engine
import Generated
import Primitives

/// `/api/v1/ranking*`: the 7Factor scores of symbols, computed on demand from their daily
/// candles and fundamentals (`ScoreService`). The GlobalScore ranking (`getRanking`) is not
/// served yet: it answers 501 until its schedule and storage are wired.
public struct RankingHandler: RankingAPI {
    let scores: ScoreService

    public init(scores: ScoreService) {
        self.scores = scores
    }

    public func getSevenFactorScore(_ input: GetSevenFactorScoreInput, context: RequestContext) async throws -> GetSevenFactorScoreOutput {
        let score = try await Self.scored(await scores.sevenFactor(ticker: input.ticker))
        return .ok(Self.score(score.symbol, score.factors))
    }

    public func getSevenFactorBatch(_ input: GetSevenFactorBatchInput, context: RequestContext) async throws -> GetSevenFactorBatchOutput {
        let batch = try await Self.scored(await scores.sevenFactors(tickers: input.body.tickers))
        return .ok(SevenFactorBatchResponse(results: batch.scores.map { Self.score($0.symbol, $0.factors) }, notFound: batch.unknown))
    }

    static func score(_ symbol: String, _ factors: Engine.SevenFactor) -> SevenFactorScore {
        SevenFactorScore(ticker: symbol, factors: SevenFactors(
            momentum: rounded(factors.momentum), value: rounded(factors.value), quality: rounded(factors.quality),
            volatility: rounded(factors.volatility), liquidity: rounded(factors.liquidity), growth: rounded(factors.growth),
            sentiment: rounded(factors.sentiment)), totalScore: rounded(factors.total))
    }

    /// A score to two decimals (what a reader compares), never NaN: every factor is 0–100.
    static func rounded(_ value: Double) -> Double {
        value.isFinite ? (value * 100).rounded() / 100 : 50
    }

    static func scored<Result: Sendable>(_ work: @autoclosure () async throws(ScoreService.Failure) -> Result) async throws(APIError) -> Result {
        do {
            return try await work()
        } catch {
            switch error {
            case .unknownSymbol(let symbol): throw APIError(.notFound, message: "Unknown ticker '\(symbol)'")
            case .invalid(let field, let reason): throw APIError.validation([FieldIssue(field, reason)])
            case .storage(let storage): throw APIError(storage)
            }
        }
    }
}
