import APIRuntime
import Backends
import Engine
import Generated

/// `/api/v1/reality-check/*`: how the top-ranked picks of past days really did the next day,
/// as `RealityCheckService` snapshotted and verified them (checked first when this process
/// has not checked within its interval).
public struct RealityCheckHandler: RealityCheckAPI {
    let service: RealityCheckService

    public init(service: RealityCheckService) {
        self.service = service
    }

    public func getRealityCheckStats(_ input: GetRealityCheckStatsInput, context: RequestContext) async throws -> GetRealityCheckStatsOutput {
        let summary: RealityCheckSummary
        do {
            summary = try await service.stats(days: input.days)
        } catch {
            throw APIError(error)
        }
        let grades = summary.byGrade.compactMap { grade -> RealityCheckGradeStats? in
            guard let name = Grade(rawValue: grade.grade) else { return nil }
            return RealityCheckGradeStats(grade: name, totalPicks: grade.totalPicks, winCount: grade.winCount,
                                          winRate: grade.winRate, avgReturnPct: grade.avgReturnPct)
        }
        let routes = summary.byRouteState.compactMap { route -> RealityCheckRouteStats? in
            guard let state = Generated.RouteState(rawValue: route.grade) else { return nil }
            return RealityCheckRouteStats(routeState: state, totalPicks: route.totalPicks, winCount: route.winCount,
                                          winRate: route.winRate, avgReturnPct: route.avgReturnPct)
        }
        return .ok(RealityCheckStats(days: input.days, totalPicks: summary.totalPicks, winCount: summary.winCount,
                                     winRate: summary.winRate, avgReturnPct: summary.avgReturnPct,
                                     bestReturnPct: summary.bestReturnPct, worstReturnPct: summary.worstReturnPct,
                                     avgMarketReturnPct: summary.avgMarketReturnPct,
                                     avgExcessReturnPct: summary.avgMarketReturnPct.map { summary.avgReturnPct - $0 },
                                     byGrade: grades, byRouteState: routes, lastCheckedDate: summary.lastCheckedDate))
    }

    public func getRealityCheckHistory(_ input: GetRealityCheckHistoryInput, context: RequestContext) async throws -> GetRealityCheckHistoryOutput {
        let days: [RealityCheckDaySummary]
        do {
            days = try await service.history(days: input.days)
        } catch {
            throw APIError(error)
        }
        return .ok(RealityCheckHistory(days: input.days, history: days.map {
            RealityCheckDay(date: $0.date, totalPicks: $0.totalPicks, winCount: $0.winCount, winRate: $0.winRate,
                            avgReturnPct: $0.avgReturnPct, avgMarketReturnPct: $0.avgMarketReturnPct, bestTicker: $0.bestTicker,
                            bestReturnPct: $0.bestReturnPct)
        }))
    }
}
