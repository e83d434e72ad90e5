import Backends
@testable import Engine
import Foundation
import Primitives
import XCTest

/// The reality check on a fixed case worked by hand: three coins, five days, two picks a day,
/// a scorer whose score is the day's close (so the picks can be read off the table), and the
/// window the last three closed days.
///
///     close   d0    d1    d2     d3     d4
///     AAA    100   110    99     99   108.9
///     BBB    100   105   126  113.4   113.4
///     CCC    100   100    95     99    99
///
/// d1 picks AAA (110, BUY), BBB (105, HOLD); next day AAA −10 %, BBB +20 %.
/// d2 picks BBB (126, BUY), AAA (99, HOLD); next day BBB −10 %, AAA 0 %.
/// d3 picks BBB (113.4, BUY), AAA (99, HOLD; ties CCC at 99, the ticker decides): pending
/// until d4 closes, then BBB 0 %, AAA +10 %.
/// Over d1–d2: 4 picks, 1 win (only a positive return wins), 25 %, mean 0, best 20, worst −10;
/// BUY: 2 picks, 0 wins, mean −10; HOLD: 2 picks, 1 win, 50 %, mean 10; all picked WAIT.
/// The market (every coin) the next day: after d1 AAA −10, BBB +20, CCC −5 (100 → 95): mean 5/3;
/// after d2 AAA 0, BBB −10, CCC +4/95·100 (95 → 99): mean (−10 + 400/95)/3.
final class RealityCheckServiceTests: XCTestCase {
    static let day = RealityCheckPicker.day
    static let d0 = CalendarDay.daysFromCivil(2026, 1, 1) * day
    static let closes: [String: [String]] = [
        "AAA-USDT": ["100", "110", "99", "99", "108.9"],
        "BBB-USDT": ["100", "105", "126", "113.4", "113.4"],
        "CCC-USDT": ["100", "100", "95", "99", "99"],
    ]

    static func spec(_ key: String) -> SymbolSpec {
        SymbolSpec(key: SymbolKey(key)!, name: key, market: .crypto, prices: UnitScale(digits: 2), quantities: UnitScale(digits: 4),
                   source: .synthetic(seed: 1, startPrice: 10_000, sigma: 0.5))
    }

    /// The close of the day given, as the score; BUY from 110 on.
    static let scorer: RealityCheckPicker.Scorer = { spec, bars in
        guard let last = bars.last else { return nil }
        let score = Double(last.close) / 100
        return (score, score >= 110 ? "BUY" : "HOLD", "WAIT")
    }

    /// Stores the candles of days `0..<days` of every coin.
    static func store(days: Range<Int>, in backend: Backend) async throws {
        for (ticker, closes) in Self.closes {
            let candles = days.map { index in
                let close = ExactDecimal(closes[index])!
                return CandleRecord(timestamp: d0 + index * day, open: close, high: close, low: close, close: close, volume: ExactDecimal(1))
            }
            try await backend.write { r throws(StorageError) in
                try r.candles.replace(ticker: ticker, market: "CRYPTO", timeframe: "1d", candles: candles, at: 0)
            }
        }
    }

    func testPicksReturnsAndRatesWorkedByHand() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reality-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("r.db").path)
        let specs = Self.closes.keys.sorted().map(Self.spec)
        let clock = ManualClock(Self.d0 + 4 * Self.day + 3_600_000)  // d4 has begun: d0–d3 are closed
        let mirror = MarketMirror(backend: backend, symbols: specs, book: BookShape(), clock: clock, sink: nil)
        let market = MarketService(source: .mirror(mirror), backend: backend, universe: SymbolUniverse(specs))
        let service = RealityCheckService(market: market, backend: backend, clock: clock, picks: 2, backfillDays: 3, scorer: Self.scorer)
        try await Self.store(days: 0..<5, in: backend)  // d4 is stored but still moving: not used

        let first = try await service.update()
        XCTAssertEqual(first.snapshotted, 6, "d1, d2, d3: two picks each")
        XCTAssertEqual(first.verified, 4, "d1 and d2; d3 waits for d4 to close")
        let again = try await service.update()
        XCTAssertEqual(again.snapshotted, 0, "a day is snapshotted once")
        XCTAssertEqual(again.verified, 0)

        let stored = try await backend.read { r throws(StorageError) in
            try (1...3).map { index throws(StorageError) in try r.realityCheck.snapshots(date: RealityCheckPicker.date(Self.d0 + index * Self.day)) }
        }
        XCTAssertEqual(stored.map { $0.map(\.ticker) }, [["AAA-USDT", "BBB-USDT"], ["BBB-USDT", "AAA-USDT"], ["BBB-USDT", "AAA-USDT"]])
        XCTAssertEqual(stored.map { $0.map(\.grade) }, [["BUY", "HOLD"], ["BUY", "HOLD"], ["BUY", "HOLD"]])
        XCTAssertEqual(stored[1].map(\.entryPrice), [ExactDecimal("126.00")!, ExactDecimal("99.00")!], "the day's close")
        let returns = stored.map { $0.map(\.nextDayReturn) }
        XCTAssertEqual(returns[0][0]!, -10, accuracy: 1e-9)
        XCTAssertEqual(returns[0][1]!, 20, accuracy: 1e-9)
        XCTAssertEqual(returns[1][0]!, -10, accuracy: 1e-9)
        XCTAssertEqual(returns[1][1]!, 0, accuracy: 1e-9)
        XCTAssertEqual(returns[2], [nil, nil])

        // Today is d4: the last 4 days reach back to d1.
        let stats = try await service.stats(days: 4)
        XCTAssertEqual(stats.totalPicks, 4)
        XCTAssertEqual(stats.winCount, 1)
        XCTAssertEqual(stats.winRate, 25)
        XCTAssertEqual(stats.avgReturnPct, 0, accuracy: 1e-9)
        XCTAssertEqual(stats.bestReturnPct!, 20, accuracy: 1e-9)
        XCTAssertEqual(stats.worstReturnPct!, -10, accuracy: 1e-9)
        XCTAssertEqual(stats.byGrade.map(\.grade), ["BUY", "HOLD"])
        XCTAssertEqual(stats.byGrade.map(\.totalPicks), [2, 2])
        XCTAssertEqual(stats.byGrade.map(\.winCount), [0, 1])
        XCTAssertEqual(stats.byGrade[0].avgReturnPct, -10, accuracy: 1e-9)
        XCTAssertEqual(stats.byGrade[1].avgReturnPct, 10, accuracy: 1e-9)
        XCTAssertEqual(stats.lastCheckedDate, "2026-01-03")
        let afterD1 = 5.0 / 3, afterD2 = (-10 + 400.0 / 95) / 3
        XCTAssertEqual(stored[0].map { $0.marketReturn ?? .nan }, [afterD1, afterD1].map { $0 }, "the same market return for a day's picks")
        XCTAssertEqual(stored[1][0].marketReturn!, afterD2, accuracy: 1e-9)
        XCTAssertEqual(stats.avgMarketReturnPct!, (afterD1 + afterD2) / 2, accuracy: 1e-9)
        XCTAssertEqual(stored[0].map(\.routeState), ["WAIT", "WAIT"], "the route state as picked")
        XCTAssertEqual(stats.byRouteState.map(\.grade), ["WAIT"])
        XCTAssertEqual(stats.byRouteState.map(\.totalPicks), [4])
        XCTAssertEqual(stats.byRouteState.map(\.winCount), [1])

        let history = try await service.history(days: 4)
        XCTAssertEqual(history.map(\.date), ["2026-01-03", "2026-01-02"], "newest first")
        XCTAssertEqual(history.map(\.winCount), [0, 1])
        XCTAssertEqual(history[0].avgReturnPct, -5, accuracy: 1e-9)
        XCTAssertEqual(history[1].avgReturnPct, 5, accuracy: 1e-9)
        XCTAssertEqual(history.map(\.bestTicker), ["AAA-USDT", "BBB-USDT"])
        let lastDays = try await service.history(days: 3)
        XCTAssertEqual(lastDays.map(\.date), ["2026-01-03"], "days count back from today (d4, 2026-01-05): d2 to d4")

        // d4 closes: d3's picks are verified and d4's snapshotted.
        clock.advance(by: Self.day)
        let next = try await service.update()
        XCTAssertEqual(next.snapshotted, 2)
        XCTAssertEqual(next.verified, 2)
        let d3 = try await backend.read { r throws(StorageError) in try r.realityCheck.snapshots(date: "2026-01-04") }
        XCTAssertEqual(d3.map(\.ticker), ["BBB-USDT", "AAA-USDT"])
        XCTAssertEqual(d3[0].nextDayReturn!, 0, accuracy: 1e-9)
        XCTAssertEqual(d3[1].nextDayReturn!, 10, accuracy: 1e-9)
    }

    func testTheRankingScorerSeesOnlyTheCandlesUpToTheDay() {
        let spec = Self.spec("AAA-USDT")
        let bars = (0..<60).map { index in
            Bar(start: Self.d0 + index * Self.day, open: 10_000, high: 10_100 + Int64(index), low: 9_900, close: 10_000 + Int64(index), volume: 1)
        }
        var changed = bars
        for index in 55..<60 { changed[index].close = 1 }
        let day = Self.d0 + 54 * Self.day
        let picks = RealityCheckPicker.picks(day: day, histories: [(spec, bars)], count: 1, scorer: RealityCheckPicker.globalScore)
        let same = RealityCheckPicker.picks(day: day, histories: [(spec, changed)], count: 1, scorer: RealityCheckPicker.globalScore)
        XCTAssertEqual(picks.count, 1, "55 candles are enough for a GlobalScore")
        XCTAssertEqual(picks, same, "later candles do not change the day's pick")
        XCTAssertEqual(picks.first?.entryPrice, ExactDecimal("100.54"))
    }
}
