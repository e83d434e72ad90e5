import Backends
@testable import Engine
import Foundation
import Primitives
import XCTest

/// The GlobalScore ranking end to end on a seeded fixture: four symbols with 120 daily candles
/// each (`ScoreFixture.bars` of seeds 17, 23, 31 and 47) stored in a database, ranked by
/// `RankingService` through the market's candle reads, and the ranking compared with an
/// independent reference: a numpy script written from API.md's formulas (not from this code)
/// that rebuilds the same candles with its own xoshiro256** (`tests/reference/ranking_ref.py`)
/// gives, best first:
///
///     seed 31  57.560270349529354  ARMED  WATCH
///     seed 23  55.74492715058136   ARMED  WATCH
///     seed 17  55.64782670592326   ARMED  WATCH
///     seed 47  49.81757017491237   ARMED  HOLD
final class RankingServiceTests: XCTestCase {
    static let expected: [(seed: UInt64, score: Double, grade: String)] = [
        (31, 57.560270349529354, "WATCH"), (23, 55.74492715058136, "WATCH"), (17, 55.64782670592326, "WATCH"), (47, 49.81757017491237, "HOLD"),
    ]

    static func spec(_ seed: UInt64) -> SymbolSpec {
        SymbolSpec(key: SymbolKey("S\(seed)-USDT")!, name: "Seed \(seed)", market: .crypto, prices: UnitScale(digits: 2),
                   quantities: UnitScale(digits: 2), source: .synthetic(seed: seed, startPrice: 10_000, sigma: 0.2))
    }

    func testTheRankingOfAFixtureIsTheReferences() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ranking-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("r.db").path)
        defer { backend.database.close() }
        let seeds: [UInt64] = [17, 23, 31, 47]
        var last = 0
        for seed in seeds {
            let spec = Self.spec(seed)
            let bars = ScoreFixture.bars(count: 120, seed: seed)
            last = max(last, bars.last!.start)
            let candles = bars.map {
                CandleRecord(timestamp: $0.start, open: spec.prices.decimal($0.open), high: spec.prices.decimal($0.high),
                             low: spec.prices.decimal($0.low), close: spec.prices.decimal($0.close), volume: spec.quantities.decimal($0.volume))
            }
            try await backend.write { r throws(StorageError) in
                try r.candles.replace(ticker: spec.key.marketForm, market: "CRYPTO", timeframe: "1d", candles: candles, at: 0)
            }
        }
        let specs = seeds.map(Self.spec)
        let clock = ManualClock(last + 3_600_000)
        let mirror = MarketMirror(backend: backend, symbols: specs, book: BookShape(), clock: clock, sink: nil)
        let market = MarketService(source: .mirror(mirror), backend: backend, universe: SymbolUniverse(specs))
        let ranking = RankingService(market: market, backend: backend, clock: clock)

        let page = try await ranking.ranking(market: nil, routeState: nil, grade: nil, limit: 10, offset: 0)
        XCTAssertEqual(page.total, 4)
        XCTAssertEqual(page.scores.map(\.ticker), Self.expected.map { "S\($0.seed)-USDT" }, "best first")
        for (score, expected) in zip(page.scores, Self.expected) {
            XCTAssertEqual(score.score, expected.score, accuracy: 1e-9, score.ticker)
            XCTAssertEqual(score.grade, expected.grade, score.ticker)
            XCTAssertEqual(score.routeState, "ARMED", score.ticker)
            let factors = try XCTUnwrap(score.factors.flatMap { try? JSONParser.parse($0) })
            XCTAssertEqual(ScoreInputs(json: factors["inputs"] ?? .null)?.candleCount, 120, "stored with its inputs")
        }
        let holds = try await ranking.ranking(market: "CRYPTO", routeState: "ARMED", grade: "HOLD", limit: 10, offset: 0)
        XCTAssertEqual(holds.scores.map(\.ticker), ["S47-USDT"])
        let second = try await ranking.ranking(market: nil, routeState: nil, grade: nil, limit: 2, offset: 1)
        XCTAssertEqual(second.scores.map(\.ticker), ["S23-USDT", "S17-USDT"])
        XCTAssertEqual(second.total, 4)
        let history = try await backend.read { r throws(StorageError) in try r.scores.history(ticker: "S31-USDT", market: "CRYPTO") }
        XCTAssertEqual(history.count, 1, "each computation kept in the history")
    }

    func testTheScheduledRunTellsOfEachRecomputationOnceItsScoresAreStored() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ranking-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let backend = try await Backend.open("sqlite:" + directory.appendingPathComponent("r.db").path)
        defer { backend.database.close() }
        let spec = Self.spec(17)
        let bars = ScoreFixture.bars(count: 120, seed: 17)
        let candles = bars.map {
            CandleRecord(timestamp: $0.start, open: spec.prices.decimal($0.open), high: spec.prices.decimal($0.high),
                         low: spec.prices.decimal($0.low), close: spec.prices.decimal($0.close), volume: spec.quantities.decimal($0.volume))
        }
        try await backend.write { r throws(StorageError) in
            try r.candles.replace(ticker: spec.key.marketForm, market: "CRYPTO", timeframe: "1d", candles: candles, at: 0)
        }
        let clock = ManualClock(bars.last!.start + 3_600_000)
        let mirror = MarketMirror(backend: backend, symbols: [spec], book: BookShape(), clock: clock, sink: nil)
        let market = MarketService(source: .mirror(mirror), backend: backend, universe: SymbolUniverse([spec]))
        let ranking = RankingService(market: market, backend: backend, clock: clock)

        let (recomputations, told) = AsyncStream.makeStream(of: Void.self)
        let run = Task {
            await ranking.run(failed: { error in XCTFail("\(error)") }, recomputed: { told.yield() })
        }
        var iterator = recomputations.makeAsyncIterator()
        _ = await iterator.next()
        run.cancel()
        let stored = try await backend.read { r throws(StorageError) in try r.scores.ranking(limit: 10) }
        XCTAssertEqual(stored.map(\.ticker), ["S17-USDT"], "told after the scores were stored")
    }
}
