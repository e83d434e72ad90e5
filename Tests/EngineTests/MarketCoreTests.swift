import Synchronization
import XCTest
@testable import Engine

/// The live market: feeds, candles of every interval, the 24-hour window, bounded publishing,
/// the engine thread and write-behind candles.
final class MarketCoreTests: XCTestCase {
    static let t0 = 1_796_000_100_000  // 2026-12-01, on a 5-minute boundary

    static func spec(_ key: String, source: DataSource) -> SymbolSpec {
        SymbolSpec(key: SymbolKey(key)!, name: key, market: .crypto, prices: UnitScale(digits: 2), quantities: UnitScale(digits: 4),
                   source: source)
    }

    static let replaySource = ReplaySource(interval: .day1, bars: [
        Bar(start: 0, open: 10_000, high: 11_000, low: 9_500, close: 10_500, volume: 8_000),
        Bar(start: 86_400_000, open: 10_500, high: 10_600, low: 9_000, close: 9_200, volume: 4_000),
    ])

    static func starts() -> [SymbolStart] {
        [SymbolStart(spec: spec("AAA-USDT", source: .sample(file: "x.csv", interval: .day1)), price: 50_000, replay: replaySource),
         SymbolStart(spec: spec("BBB-USDT", source: .synthetic(seed: 7, startPrice: 20_000, sigma: 0.8)), price: 20_000)]
    }

    func testTheSameSeedGivesTheSameMarket() {
        let settings = MarketSettings(feed: FeedSettings(speed: 1440, tickMilliseconds: 100), maxCatchUpMilliseconds: 1_000_000)
        let a = MarketCore(settings: settings, symbols: Self.starts(), sink: nil, now: Self.t0)
        let b = MarketCore(settings: settings, symbols: Self.starts(), sink: nil, now: Self.t0)
        a.advance(to: Self.t0 + 120_000)
        // The same time reached in other steps gives the same trades.
        for step in stride(from: 7_000, through: 120_000, by: 7_000) { b.advance(to: Self.t0 + step) }
        b.advance(to: Self.t0 + 120_000)
        for key in a.snapshot.symbols.keys {
            XCTAssertEqual(a.snapshot.symbols[key]?.price, b.snapshot.symbols[key]?.price, "\(key)")
            XCTAssertEqual(a.snapshot.symbols[key]?.recent[.minute1], b.snapshot.symbols[key]?.recent[.minute1], "\(key)")
        }
        XCTAssertEqual(a.events, 2 * 1200)
        XCTAssertEqual(a.events, b.events)
        XCTAssertNotEqual(a.snapshot.symbols[SymbolKey("BBB-USDT")!]?.price, 20_000, "the synthetic market moves")
    }

    func testReplayedTradesStayInsideTheRebasedCandle() {
        let settings = FeedSettings(speed: 86_400, tickMilliseconds: 10)  // a day a second: 100 trades a candle
        var feed = ReplayFeed(source: Self.replaySource, settings: settings, seed: 1)
        var price: Int64 = 50_000
        var trades: [Tick] = []
        for slot in 100...399 {  // candles 1, 2 and 3 (the first again, the replay loops)
            let tick = feed.trade(slot: slot, time: slot * 10, from: price)
            trades.append(tick)
            price = tick.price
        }
        for (candle, source) in zip(0..<3, [Self.replaySource.bars[1], Self.replaySource.bars[0], Self.replaySource.bars[1]]) {
            let inside = Array(trades[(candle * 100)..<(candle * 100 + 100)])
            let open = candle == 0 ? 50_000 : trades[candle * 100 - 1].price
            let rebased = ReplayFeed.rebase(source, onto: open)
            XCTAssertEqual(inside.first?.price, rebased.open)
            XCTAssertEqual(inside.last?.price, rebased.close)
            XCTAssertEqual(inside.map(\.price).max(), rebased.high)
            XCTAssertEqual(inside.map(\.price).min(), rebased.low)
            XCTAssertEqual(inside.reduce(0) { $0 + $1.quantity }, source.volume)
        }
        // Rebasing keeps the ratios: 10 000 → 11 000 is +10 %.
        XCTAssertEqual(ReplayFeed.rebase(Self.replaySource.bars[0], onto: 50_000),
                       Bar(start: 0, open: 50_000, high: 55_000, low: 47_500, close: 52_500, volume: 8_000))
    }

    func testCandlesOfEveryIntervalAggregateTradesWorkedByHand() {
        let core = MarketCore(settings: MarketSettings(), symbols: [Self.starts()[0]], sink: nil, now: Self.t0)
        let key = SymbolKey("AAA-USDT")!
        let minute = 60_000
        // 09:00:10 100, 09:00:50 130, 09:01:05 90, 09:04:59 95, 09:05:00 120 (t0 is on a 5-minute boundary).
        for (offset, price, quantity) in [(10_000, 100, 1), (50_000, 130, 2), (65_000, 90, 3), (299_000, 95, 4), (300_000, 120, 5)] {
            core.apply(Tick(time: Self.t0 + offset, price: Int64(price), quantity: Int64(quantity)), to: key)
        }
        XCTAssertEqual(Self.t0 % (5 * minute), 0)
        let writes = core.takeWrites(now: Self.t0, force: true)
        func candles(_ interval: CandleInterval) -> [Bar] { writes.filter { $0.interval == interval }.map(\.bar) }
        XCTAssertEqual(candles(.minute1), [
            Bar(start: Self.t0, open: 100, high: 130, low: 100, close: 130, volume: 3),
            Bar(start: Self.t0 + minute, open: 90, high: 90, low: 90, close: 90, volume: 3),
            Bar(start: Self.t0 + 4 * minute, open: 95, high: 95, low: 95, close: 95, volume: 4),
            Bar(start: Self.t0 + 5 * minute, open: 120, high: 120, low: 120, close: 120, volume: 5),
        ])
        XCTAssertEqual(candles(.minute5), [
            Bar(start: Self.t0, open: 100, high: 130, low: 90, close: 95, volume: 10),
            Bar(start: Self.t0 + 5 * minute, open: 120, high: 120, low: 120, close: 120, volume: 5),
        ])
        XCTAssertEqual(candles(.hour1).map(\.volume), [10, 5], "t0 + 5 min opens an hour")
        XCTAssertEqual(candles(.month1).count, 1)
        XCTAssertEqual(core.takeWrites(now: Self.t0, force: true), [], "nothing changed since")
    }

    func testTheDayWindowMeasuresFromThePriceADayAgo() {
        var day = RollingDay(reference: 1_000)
        let minute = 60_000
        day.add(Tick(time: 0, price: 1_100, quantity: 5))
        day.add(Tick(time: 30 * minute, price: 900, quantity: 7))
        var summary = day.summary(price: 900)
        XCTAssertEqual(summary.changeHundredths, -1_000)  // 900 against 1 000: -10.00 %
        XCTAssertEqual(summary.volume, 12)
        XCTAssertEqual(summary.high, 1_100)
        XCTAssertEqual(summary.low, 900)
        // 24 h after the first trade it leaves the window and becomes the reference.
        day.add(Tick(time: 1_440 * minute, price: 1_210, quantity: 1))
        summary = day.summary(price: 1_210)
        XCTAssertEqual(summary.changeHundredths, 1_000)  // 1 210 against 1 100: +10.00 %
        XCTAssertEqual(summary.volume, 8)
        XCTAssertEqual(summary.high, 1_210)
        XCTAssertEqual(summary.low, 900)
    }

    func testStreamsArePublishedAtABoundedRate() {
        let sink = RecordingSink()
        let settings = MarketSettings(feed: FeedSettings(speed: 1440, tickMilliseconds: 10), publishMilliseconds: 200,
                                      maxCatchUpMilliseconds: 1_000_000)
        let core = MarketCore(settings: settings, symbols: Self.starts(), sink: sink, now: Self.t0)
        core.advance(to: Self.t0 + 10_000)
        XCTAssertEqual(core.events, 2 * 1000)
        let counts = sink.counts.withLock { $0 }
        // One publish at the start, then one every 200 ms: 51 a symbol, whatever the trade rate.
        XCTAssertEqual(counts["ticker"], 2 * 51)
        XCTAssertEqual(counts["book"], 2 * 51)
        XCTAssertEqual(counts["trade"], 2 * 50, "the start has no trade yet")
        for book in sink.books.withLock({ $0 }) { XCTAssertTrue(book.isWellFormed) }
    }

    func testAFormingCandleGoesOnAfterARestart() {
        var start = Self.starts()[1]
        let hour = CandleInterval.hour1.bucketStart(of: Self.t0)
        start.forming[.hour1] = Bar(start: hour, open: 19_000, high: 25_000, low: 18_000, close: 20_000, volume: 50)
        let core = MarketCore(settings: MarketSettings(), symbols: [start], sink: nil, now: Self.t0 + 1_000)
        core.advance(to: Self.t0 + 5_000)
        let candle = core.snapshot.symbols[start.spec.key]!.recent[.hour1]!.last!
        XCTAssertEqual(candle.start, hour)
        XCTAssertEqual(candle.open, 19_000)
        XCTAssertEqual(candle.high, 25_000)
        XCTAssertGreaterThan(candle.volume, 50)
    }

    func testPendingCandlesKeepTheNewestStateOfEachCandle() {
        var pending = PendingCandles(limit: 2)
        let spec = Self.starts()[0].spec
        func write(_ start: Int, _ close: Int64) -> CandleWrite {
            CandleWrite(symbol: spec.key, market: spec.market, interval: .minute1,
                        bar: Bar(start: start, open: 1, high: 9, low: 1, close: close, volume: 1), prices: spec.prices,
                        quantities: spec.quantities)
        }
        pending.merge([write(0, 2), write(60_000, 3)])
        pending.merge([write(0, 4)])
        pending.mergeOlder([write(0, 1), write(60_000, 1)])
        XCTAssertEqual(pending.take().map(\.bar.close), [4, 3])
        pending.merge([write(0, 1), write(60_000, 1), write(120_000, 1)])
        XCTAssertEqual(pending.take().map(\.bar.start), [60_000, 120_000])
        XCTAssertEqual(pending.dropped, 1)
    }

    func testTheEngineThreadRunsOnTheInjectedClockAndFlushesOnStop() async throws {
        let clock = ManualClock(Self.t0)
        let store = RecordingStore()
        let core = MarketCore(settings: MarketSettings(feed: FeedSettings(tickMilliseconds: 100), publishMilliseconds: 100),
                              symbols: Self.starts(), sink: nil,
                              now: clock.now())
        let engine = MarketEngine(core: core, clock: clock, store: store)
        engine.start()
        clock.advance(by: 3_000)
        let events = await engine.perform { $0.events }
        XCTAssertEqual(events, 2 * 30, "a command runs after the feed caught up with the clock")
        let deadline = ContinuousClock.now + .seconds(5)
        while engine.snapshot.events < 60 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(engine.snapshot.events, 60)
        await engine.stop()
        let stored = store.writes.withLock { $0 }
        XCTAssertTrue(stored.contains { $0.interval == .minute1 && $0.symbol == SymbolKey("BBB-USDT") })
        XCTAssertEqual(Set(stored.filter { $0.interval == .month1 }.map(\.symbol)).count, 2)
    }
}

/// Counts what a sink receives.
final class RecordingSink: MarketUpdateSink {
    let counts = Mutex([String: Int]())
    let books = Mutex([L2Book]())

    private func count(_ kind: String) { counts.withLock { $0[kind, default: 0] += 1 } }
    func ticker(_ symbol: SymbolSnapshot) { count("ticker") }
    func trade(_ symbol: SymbolSpec, _ trade: Tick, sequence: Int, buyerTaker: Bool) { count("trade") }
    func kline(_ symbol: SymbolSpec, _ interval: CandleInterval, _ bar: Bar, closed: Bool) { count("kline") }
    func book(_ symbol: SymbolSpec, _ book: L2Book, time: Int) {
        count("book")
        books.withLock { $0.append(book) }
    }
}

/// Keeps every candle it is asked to store.
final class RecordingStore: CandleStore {
    let writes = Mutex([CandleWrite]())

    func store(_ writes: [CandleWrite]) async throws {
        self.writes.withLock { $0 += writes }
    }
}
