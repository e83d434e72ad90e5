import Primitives

/// The reality check's arithmetic (issue 17 part 5): which symbols a day's ranking picks,
/// scored only on the candles that existed that day, and how each did the next trading day.
/// Pure, so a test can work a case by hand and the backfill gives the same picks the daily
/// run would have made.
public enum RealityCheckPicker {
    /// One day in milliseconds: a daily candle starting at `start` has closed at `start + day`.
    public static let day = 86_400_000

    /// What a symbol scores on its candles up to a day (oldest first, that day's last): its
    /// GlobalScore, grade and route state; nil when it cannot be scored (too few candles).
    public typealias Scorer = @Sendable (SymbolSpec, ArraySlice<Bar>) -> (score: Double, grade: String, routeState: String)?

    /// The ranking's scorer (`RankingService.score`): GlobalScore, grade and RouteState of the
    /// newest `ScoreService.dailyCandles` candles given.
    public static let globalScore: Scorer = { spec, bars in
        let inputs = ScoreInputs(bars: Array(bars.suffix(ScoreService.dailyCandles)), spec: spec)
        guard let score = GlobalScore(inputs), let route = RouteState(inputs) else { return nil }
        return (score.score, score.grade.rawValue, route.rawValue)
    }

    /// The `count` best symbols of the day whose daily candle starts at `day`: each symbol with
    /// a candle starting then is scored on its candles up to and including that one, never a
    /// later one; best score first, ties by ticker (bytewise). `histories` hold daily candles,
    /// oldest first.
    public static func picks(day: Int, histories: [(spec: SymbolSpec, bars: [Bar])], count: Int,
                             scorer: Scorer) -> [RealityCheckPick] {
        var scored: [(spec: SymbolSpec, close: Int64, score: (score: Double, grade: String, routeState: String))] = []
        for (spec, bars) in histories {
            guard let index = bars.firstIndex(where: { $0.start == day }),
                  let score = scorer(spec, bars[...index]), score.score.isFinite else { continue }
            scored.append((spec, bars[index].close, score))
        }
        scored.sort { lhs, rhs in
            if lhs.score.score != rhs.score.score { return lhs.score.score > rhs.score.score }
            return lhs.spec.key.marketForm.utf8.lexicographicallyPrecedes(rhs.spec.key.marketForm.utf8)
        }
        return scored.prefix(max(0, count)).enumerated().map { offset, pick in
            RealityCheckPick(ticker: pick.spec.key.marketForm, market: pick.spec.market.rawValue, rank: offset + 1,
                             score: pick.score.score, grade: pick.score.grade, routeState: pick.score.routeState,
                             entryPrice: pick.spec.prices.decimal(pick.close))
        }
    }

    /// The next-day return in percent of the candle starting at `day`: (next close / close − 1)·100,
    /// the next candle being the first later one (the next trading day). Nil when there is no
    /// candle at `day`, no later one yet, or the close is not positive. `bars` are daily
    /// candles, oldest first, closed ones only.
    public static func nextDayReturn(_ bars: [Bar], day: Int) -> Double? {
        guard let index = bars.firstIndex(where: { $0.start == day }), index + 1 < bars.count,
              bars[index].close > 0 else { return nil }
        return Double(bars[index + 1].close - bars[index].close) / Double(bars[index].close) * 100
    }

    /// The market's next-day return for the day starting at `day`: the mean of the next-day
    /// returns of every symbol of `market` with a candle that day and a later one (the picks'
    /// own and the others'), what a pick's return is measured against; nil when none has.
    public static func marketReturn(_ histories: [(spec: SymbolSpec, bars: [Bar])], market: String, day: Int) -> Double? {
        let returns = histories.filter { $0.spec.market.rawValue == market }.compactMap { nextDayReturn($0.bars, day: day) }
        return returns.isEmpty ? nil : returns.reduce(0, +) / Double(returns.count)
    }

    /// The `YYYY-MM-DD` (UTC) of a day starting at `start` (epoch ms).
    public static func date(_ start: Int) -> String {
        String(Timestamp.iso8601(epochMilliseconds: start).prefix(10))
    }
}
