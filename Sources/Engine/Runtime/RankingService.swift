import Backends
import Primitives
import Synchronization

/// The GlobalScore ranking (API.md "GlobalScore", "RouteState"): every symbol of the market
/// with enough daily candles (50) scored from them, with its route state and grade, and
/// stored with its inputs and parts (`global_scores`, and every computation in
/// `score_history`). Recomputed on a schedule (`run(every:)`) and on demand: a read finds the
/// stored ranking older than the schedule's interval (or none) and computes it first.
public final class RankingService: Sendable {
    private let market: MarketService
    private let backend: Backend
    private let clock: any EngineClock
    /// How old a stored ranking may be before a read computes it again (ms).
    public let interval: Int
    /// When this process last computed the ranking.
    private let computed = Mutex<Int?>(nil)

    public init(market: MarketService, backend: Backend, clock: any EngineClock, intervalMinutes: Int = 15) {
        self.market = market
        self.backend = backend
        self.clock = clock
        interval = max(1, intervalMinutes) * 60_000
    }

    /// The symbol a stored score names.
    public func spec(_ ticker: String) -> SymbolSpec? { market.resolve(ticker) }

    /// A symbol's score of now, or nil with fewer than 50 daily candles.
    public func score(_ spec: SymbolSpec, at time: Int) async throws(StorageError) -> ScoreRecord? {
        let bars = try await market.candles(spec, interval: .day1, limit: ScoreService.dailyCandles, newest: true).bars
        let inputs = ScoreInputs(bars: bars, spec: spec)
        guard let score = GlobalScore(inputs), let route = RouteState(inputs) else { return nil }
        let factors = JSONValue.object([JSONMember("inputs", inputs.json), JSONMember("score", score.json)])
        return ScoreRecord(ticker: spec.key.marketForm, market: spec.market.rawValue, score: score.score, grade: score.grade.rawValue,
                           routeState: route.rawValue, factors: factors.text, computedAt: time)
    }

    /// Scores every symbol of the market and stores the scores in one transaction; returns
    /// how many symbols were scored.
    @discardableResult
    public func recompute() async throws(StorageError) -> Int {
        let time = clock.now()
        var scores: [ScoreRecord] = []
        for spec in market.symbols {
            if let score = try await score(spec, at: time) { scores.append(score) }
        }
        let batch = scores
        try await backend.write { r throws(StorageError) in
            for score in batch { try r.scores.save(score) }
        }
        computed.withLock { $0 = time }
        return scores.count
    }

    /// The stored ranking, best first, filtered; computed first when it is older than the
    /// interval or was never computed.
    public func ranking(market: String?, routeState: String?, grade: String?, limit: Int, offset: Int)
        async throws(StorageError) -> (scores: [ScoreRecord], total: Int) {
        let last = computed.withLock { $0 }
        if last.map({ clock.now() - $0 >= interval }) ?? true {
            let stored = try await backend.read { r throws(StorageError) in try r.scores.ranking(limit: 1).first?.computedAt }
            if stored.map({ clock.now() - $0 >= interval }) ?? true {
                try await recompute()
            } else {
                computed.withLock { $0 = stored }
            }
        }
        return try await backend.read { r throws(StorageError) in
            (try r.scores.ranking(market: market, routeState: routeState, grade: grade, limit: limit, offset: offset),
             try r.scores.rankingCount(market: market, routeState: routeState, grade: grade))
        }
    }

    /// Recomputes the ranking every interval until the task is cancelled; a failure is
    /// reported to `failed` and tried again at the next interval; `recomputed` is told after
    /// each recomputation that stored its scores.
    public func run(failed: @escaping @Sendable (StorageError) -> Void, recomputed: @escaping @Sendable () -> Void = {}) async {
        await Repeating.run(every: interval, failed: failed) { () async throws(StorageError) in
            try await recompute()
            recomputed()
        }
    }
}
