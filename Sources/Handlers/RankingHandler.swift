import APIRuntime
import Engine
import Generated
import Backends
import Primitives

/// `/api/v1/ranking*`: the GlobalScore ranking with route states and grades, as stored by
/// `RankingService` (recomputed on its schedule, or first when stale), and the 7Factor scores
/// of symbols, computed on demand from their daily candles and fundamentals (`ScoreService`).
public struct RankingHandler: RankingAPI {
    let scores: ScoreService
    let ranking: RankingService

    public init(scores: ScoreService, ranking: RankingService) {
        self.scores = scores
        self.ranking = ranking
    }

    public func getRanking(_ input: GetRankingInput, context: RequestContext) async throws -> GetRankingOutput {
        let page: (scores: [ScoreRecord], total: Int)
        do {
            page = try await ranking.ranking(market: input.market?.rawValue, routeState: input.routeState?.rawValue,
                                             grade: input.grade?.rawValue, limit: input.limit, offset: input.offset)
        } catch {
            throw APIError(error)
        }
        var items: [RankingItem] = []
        for (index, record) in page.scores.enumerated() {
            guard let item = item(record, rank: input.offset + index + 1) else { continue }
            items.append(item)
        }
        return .ok(RankingList(items: items, total: page.total))
    }

    /// A stored score as the ranking shows it: prices at the symbol's tick, returns and RSI to
    /// two decimals (from the inputs stored with it).
    func item(_ record: ScoreRecord, rank: Int) -> RankingItem? {
        guard let spec = ranking.spec(record.ticker), let market = Market(rawValue: record.market),
              let grade = Grade(rawValue: record.grade), let route = Generated.RouteState(rawValue: record.routeState),
              let factors = record.factors.flatMap({ try? JSONParser.parse($0) }), let inputs = ScoreInputs(json: factors["inputs"] ?? .null)
        else { return nil }
        func price(_ value: Double?) -> String {
            guard let value, let ticks = StrategyContext.ticks(value, spec) else { return "0" }
            return spec.prices.decimal(ticks).description
        }
        return RankingItem(rank: rank, ticker: record.ticker, name: spec.name, market: market, globalScore: Self.rounded(record.score),
                           grade: grade, routeState: route, price: price(inputs.price), ret5d: Self.rounded(inputs.return5d ?? 0),
                           ret20d: Self.rounded(inputs.return20d ?? 0), rsi: Self.rounded(inputs.rsi ?? 0), entryPrice: price(inputs.entry),
                           targetPrice: price(inputs.target), stopPrice: price(inputs.stop),
                           updatedAt: Timestamp.iso8601(epochMilliseconds: record.computedAt))
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
