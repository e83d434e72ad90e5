import Backends
import Primitives
import Synchronization

/// The reality check (issue 17 part 5, API.md "reality-check"): each day's top-ranked picks
/// (the `picks` best by GlobalScore) are snapshotted with their grade, and once the next
/// daily candle has closed their real next-day return is recorded (`reality_check_snapshots`).
///
/// Every closed day of the last `backfillDays` that has no snapshot yet is snapshotted, each
/// scored only on the candles up to that day: on a database's first start this backfills the
/// demo history, later it adds each new day (and any day the server was down). Runs on a
/// schedule (`run`) in the instance running the engine, and first when a read finds this
/// process has not checked within the interval. Idempotent: a day another process stored
/// first is left as it is.
public final class RealityCheckService: Sendable {
    private let market: MarketService
    private let backend: Backend
    private let clock: any EngineClock
    private let scorer: RealityCheckPicker.Scorer
    /// How many picks a day has.
    public let picks: Int
    /// How many past days are snapshotted when missing.
    public let backfillDays: Int
    /// How long a check stays fresh for reads, and the schedule's period (ms).
    public let interval: Int
    /// When this process last checked.
    private let checked = Mutex<Int?>(nil)

    public init(market: MarketService, backend: Backend, clock: any EngineClock, picks: Int = 10, backfillDays: Int = 60,
                intervalMinutes: Int = 60, scorer: @escaping RealityCheckPicker.Scorer = RealityCheckPicker.globalScore) {
        self.market = market
        self.backend = backend
        self.clock = clock
        self.scorer = scorer
        self.picks = max(1, picks)
        self.backfillDays = max(1, backfillDays)
        interval = max(1, intervalMinutes) * 60_000
    }

    /// Snapshots the missing days of the window and records the next-day return of every
    /// pending pick whose next candle has closed; returns how many picks were stored and verified.
    @discardableResult
    public func update() async throws(StorageError) -> (snapshotted: Int, verified: Int) {
        let now = clock.now()
        var histories: [(spec: SymbolSpec, bars: [Bar])] = []
        for spec in market.symbols {
            // Closed candles only: the one of today is still moving.
            let bars = try await market.candles(spec, interval: .day1, to: now - RealityCheckPicker.day,
                                                limit: ScoreService.dailyCandles + backfillDays + 1, newest: true).bars
            histories.append((spec, bars))
        }
        let days = Array(Set(histories.flatMap { $0.bars.map(\.start) }).sorted().suffix(backfillDays))
        let dates = days.map(RealityCheckPicker.date)
        let stored = try await backend.read { r throws(StorageError) in
            var stored: Set<String> = []
            for date in dates where try !r.realityCheck.snapshots(date: date).isEmpty { stored.insert(date) }
            return stored
        }
        var snapshotted = 0
        for day in days where !stored.contains(RealityCheckPicker.date(day)) {
            let records = RealityCheckPicker.picks(day: day, histories: histories, count: picks, scorer: scorer).map {
                SnapshotRecord(snapshotDate: RealityCheckPicker.date(day), ticker: $0.ticker, market: $0.market, rank: $0.rank,
                               grade: $0.grade, score: $0.score, entryPrice: $0.entryPrice, routeState: $0.routeState, createdAt: now)
            }
            do {
                try await backend.write { r throws(StorageError) in try r.realityCheck.insert(records) }
                snapshotted += records.count
            } catch StorageError.uniqueViolation {
                continue  // another process snapshotted the day first
            }
        }
        let verified = try await verify(histories)
        checked.withLock { $0 = now }
        return (snapshotted, verified)
    }

    /// Records the next-day return of every pending pick whose next candle is among `histories`.
    private func verify(_ histories: [(spec: SymbolSpec, bars: [Bar])]) async throws(StorageError) -> Int {
        var bars: [String: [Bar]] = [:]
        for (spec, history) in histories { bars[spec.key.marketForm + " " + spec.market.rawValue] = history }
        let lookup = bars
        let all = histories
        return try await backend.write { r throws(StorageError) in
            var verified = 0
            for date in try r.realityCheck.pendingDates() {
                guard let parts = CalendarDay.parse(date) else { continue }
                let day = CalendarDay.daysFromCivil(parts.year, parts.month, parts.day) * RealityCheckPicker.day
                for pick in try r.realityCheck.snapshots(date: date) where pick.nextDayReturn == nil {
                    guard let history = lookup[pick.ticker + " " + pick.market],
                          let value = RealityCheckPicker.nextDayReturn(history, day: day) else { continue }
                    let market = RealityCheckPicker.marketReturn(all, market: pick.market, day: day)
                    if try r.realityCheck.setNextDayReturn(date: date, ticker: pick.ticker, market: pick.market, returnPct: value,
                                                           marketReturnPct: market) {
                        verified += 1
                    }
                }
            }
            return verified
        }
    }

    /// Checks first when this process has not checked within the interval.
    private func ensureFresh() async throws(StorageError) {
        let last = checked.withLock { $0 }
        if last.map({ clock.now() - $0 >= interval }) ?? true { try await update() }
    }

    /// Results of the verified picks of the last `days` days (today, UTC, the last).
    public func stats(days: Int) async throws(StorageError) -> RealityCheckSummary {
        try await ensureFresh()
        let since = CalendarDay.adding(-(max(1, days) - 1), to: RealityCheckPicker.date(clock.now())) ?? "0000-01-01"
        return try await backend.read { r throws(StorageError) in try r.realityCheck.stats(sinceDate: since) }
    }

    /// Per-day results of the verified picks of the last `days` days (today, UTC, the last),
    /// newest first.
    public func history(days: Int) async throws(StorageError) -> [RealityCheckDaySummary] {
        try await ensureFresh()
        let today = RealityCheckPicker.date(clock.now())
        return try await backend.read { r throws(StorageError) in try r.realityCheck.history(days: days, until: today) }
    }

    /// Checks every interval until the task is cancelled; a failure is reported to `failed`
    /// and tried again at the next interval.
    public func run(failed: @escaping @Sendable (StorageError) -> Void) async {
        await Repeating.run(every: interval, failed: failed) { () async throws(StorageError) in try await update() }
    }
}
