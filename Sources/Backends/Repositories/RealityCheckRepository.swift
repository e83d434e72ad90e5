import Primitives

/// The reality check (`reality_check_snapshots`): each day's top picks and how they did the
/// next trading day. Aggregates are computed in Swift over rows read in a fixed order, so both
/// databases give bit-identical averages.
public struct RealityCheckRepository {
    let connection: any SQLConnection
    private static let columns =
        "snapshot_date, ticker, market, rank, grade, score, entry_price, next_day_return, route_state, market_return, created_at"
    private static let gradeOrder = ["BUY", "WATCH", "HOLD"]

    /// Stores a day's picks. A pick already stored for the same day, ticker and market fails with
    /// `.uniqueViolation`; a date not written `YYYY-MM-DD` with `.constraintViolation`.
    public func insert(_ records: [SnapshotRecord]) throws(StorageError) {
        for record in records {
            try CalendarDay.check(record.snapshotDate, column: "reality_check_snapshots.snapshot_date")
            try connection.execute(
                "INSERT INTO reality_check_snapshots (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                [record.snapshotDate.sqlValue, record.ticker.sqlValue, record.market.sqlValue, record.rank.sqlValue,
                 record.grade.sqlValue, record.score.sqlValue, record.entryPrice.sqlValue, record.nextDayReturn.sqlValue,
                 record.routeState.sqlValue, record.marketReturn.sqlValue, record.createdAt.sqlValue])
        }
    }

    /// Records the verified next-day return of a pick, and its market's the same day; false
    /// when there is no such pick.
    @discardableResult
    public func setNextDayReturn(date: String, ticker: String, market: String, returnPct: Double, marketReturnPct: Double? = nil)
        throws(StorageError) -> Bool {
        try connection.execute(
            "UPDATE reality_check_snapshots SET next_day_return = $4, market_return = $5 "
                + "WHERE snapshot_date = $1 AND ticker = $2 AND market = $3",
            [date.sqlValue, ticker.sqlValue, market.sqlValue, returnPct.sqlValue, marketReturnPct.sqlValue]) == 1
    }

    /// The picks of one day, by rank.
    public func snapshots(date: String) throws(StorageError) -> [SnapshotRecord] {
        try connection.query(
            """
            SELECT \(Self.columns) FROM reality_check_snapshots WHERE snapshot_date = $1
            ORDER BY rank, \(connection.bytewise("ticker")), \(connection.bytewise("market"))
            """, date).map(SnapshotRecord.init)
    }

    /// Days with picks not verified yet, oldest first.
    public func pendingDates() throws(StorageError) -> [String] {
        try connection.query(
            """
            SELECT snapshot_date FROM reality_check_snapshots WHERE next_day_return IS NULL
            GROUP BY snapshot_date ORDER BY \(connection.bytewise("snapshot_date"))
            """).map { row throws(StorageError) in try row.string("snapshot_date") }
    }

    /// Per-day results of verified picks over the `days` days ending with `until` (both
    /// `YYYY-MM-DD`, inclusive), newest first; days without verified picks are absent.
    public func history(days: Int, until: String) throws(StorageError) -> [RealityCheckDaySummary] {
        guard days > 0 else { return [] }
        guard let first = CalendarDay.adding(-(days - 1), to: until) else {
            throw .failed(message: "'\(until)' is not a YYYY-MM-DD date", statement: "reality check history")
        }
        var byDate: [String: [SnapshotRecord]] = [:]
        for pick in try verifiedPicks(from: first, through: until) { byDate[pick.snapshotDate, default: []].append(pick) }
        return byDate.keys.sorted(by: >).map { date in
            let picks = byDate[date] ?? []
            let totals = Totals(picks)
            let best = picks.max { lhs, rhs in
                let (a, b) = (lhs.nextDayReturn ?? 0, rhs.nextDayReturn ?? 0)
                if a != b { return a < b }
                if lhs.rank != rhs.rank { return lhs.rank > rhs.rank }
                return rhs.ticker.utf8.lexicographicallyPrecedes(lhs.ticker.utf8)
            }
            return RealityCheckDaySummary(date: date, totalPicks: totals.count, winCount: totals.wins, avgReturnPct: totals.average,
                                          avgMarketReturnPct: totals.marketAverage, bestTicker: best?.ticker,
                                          bestReturnPct: best?.nextDayReturn)
        }
    }

    /// Results of the verified picks of every day from `sinceDate` (`YYYY-MM-DD`, inclusive) on.
    public func stats(sinceDate: String) throws(StorageError) -> RealityCheckSummary {
        let picks = try verifiedPicks(from: sinceDate, through: nil)
        let totals = Totals(picks)
        var byGrade: [String: [SnapshotRecord]] = [:]
        for pick in picks { byGrade[pick.grade, default: []].append(pick) }
        let grades = byGrade.keys.sorted { lhs, rhs in
            let (a, b) = (Self.gradeOrder.firstIndex(of: lhs) ?? Self.gradeOrder.count,
                          Self.gradeOrder.firstIndex(of: rhs) ?? Self.gradeOrder.count)
            return a != b ? a < b : lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
        }
        let returns = picks.compactMap(\.nextDayReturn)
        var byRoute: [String: [SnapshotRecord]] = [:]
        for pick in picks { if let route = pick.routeState { byRoute[route, default: []].append(pick) } }
        return RealityCheckSummary(
            totalPicks: totals.count, winCount: totals.wins, avgReturnPct: totals.average, avgMarketReturnPct: totals.marketAverage,
            bestReturnPct: returns.max(), worstReturnPct: returns.min(),
            byGrade: grades.map { Self.summary(of: byGrade[$0] ?? [], as: $0) },
            byRouteState: byRoute.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { Self.summary(of: byRoute[$0] ?? [], as: $0) },
            lastCheckedDate: picks.last?.snapshotDate)
    }

    /// The results of one group of picks (a grade, a route state).
    private static func summary(of picks: [SnapshotRecord], as name: String) -> RealityCheckGradeSummary {
        let totals = Totals(picks)
        return RealityCheckGradeSummary(grade: name, totalPicks: totals.count, winCount: totals.wins, avgReturnPct: totals.average)
    }

    /// Percent of `part` in `whole`, 0 when `whole` is 0.
    static func rate(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) * 100 / Double(whole)
    }

    /// Verified picks in a date range, in a fixed order (date, rank, ticker, market) so sums
    /// add up in the same order on both databases.
    private func verifiedPicks(from first: String, through last: String?) throws(StorageError) -> [SnapshotRecord] {
        var filter = SQLWhereClause()
        filter.require("next_day_return IS NOT NULL")
        filter.require("snapshot_date", ">=", first)
        filter.require("snapshot_date", "<=", last)
        return try connection.query(
            """
            SELECT \(Self.columns) FROM reality_check_snapshots\(filter.sql) \
            ORDER BY \(connection.bytewise("snapshot_date")), rank, \(connection.bytewise("ticker")), \
            \(connection.bytewise("market"))
            """, filter.parameters).map(SnapshotRecord.init)
    }

    /// Count, wins and mean return of verified picks, and the mean of their markets' returns
    /// (over the picks that have one; nil when none has).
    private struct Totals {
        var count = 0
        var wins = 0
        var average = 0.0
        var marketAverage: Double?

        init(_ picks: [SnapshotRecord]) {
            var sum = 0.0, marketSum = 0.0, marketCount = 0
            for pick in picks {
                guard let value = pick.nextDayReturn else { continue }
                count += 1
                if value > 0 { wins += 1 }
                sum += value
                if let market = pick.marketReturn {
                    marketSum += market
                    marketCount += 1
                }
            }
            average = count == 0 ? 0 : sum / Double(count)
            marketAverage = marketCount == 0 ? nil : marketSum / Double(marketCount)
        }
    }
}

extension Repositories {
    /// Daily picks and their verified next-day returns.
    public var realityCheck: RealityCheckRepository { RealityCheckRepository(connection: connection) }
}
