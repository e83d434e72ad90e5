import XCTest
@testable import Engine

/// Aggregation against candles worked out by hand.
final class BarAggregatorTests: XCTestCase {
    private let minute = 60_000

    func testFiveOneMinuteCandlesMakeOneFiveMinuteCandle() {
        let bars = [
            Bar(start: 0, open: 100, high: 105, low: 99, close: 104, volume: 10),
            Bar(start: minute, open: 104, high: 110, low: 103, close: 108, volume: 5),
            Bar(start: 2 * minute, open: 108, high: 108, low: 95, close: 96, volume: 7),
            Bar(start: 3 * minute, open: 96, high: 101, low: 96, close: 100, volume: 1),
            Bar(start: 4 * minute, open: 100, high: 102, low: 98, close: 101, volume: 2),
            Bar(start: 5 * minute, open: 101, high: 103, low: 100, close: 102, volume: 4),
        ]
        XCTAssertEqual(BarAggregator.roll(bars, into: .minute5), [
            Bar(start: 0, open: 100, high: 110, low: 95, close: 101, volume: 25),
            Bar(start: 5 * minute, open: 101, high: 103, low: 100, close: 102, volume: 4),
        ])
    }

    func testTicksCloseACandleWhenTheNextBucketStarts() {
        var aggregator = BarAggregator(interval: .minute1)
        XCTAssertEqual(aggregator.add(Tick(time: 1_000, price: 50, quantity: 2)), .updated)
        XCTAssertEqual(aggregator.add(Tick(time: 30_000, price: 53, quantity: 1)), .updated)
        XCTAssertEqual(aggregator.add(Tick(time: 59_999, price: 49, quantity: 3)), .updated)
        XCTAssertEqual(aggregator.add(Tick(time: 60_000, price: 51, quantity: 1)),
                       .closed(Bar(start: 0, open: 50, high: 53, low: 49, close: 49, volume: 6)))
        XCTAssertEqual(aggregator.current, Bar(start: 60_000, open: 51, high: 51, low: 51, close: 51, volume: 1))
    }

    func testInputOlderThanTheOpenCandleIsLeftOut() {
        var aggregator = BarAggregator(interval: .minute1)
        _ = aggregator.add(Tick(time: 120_000, price: 10, quantity: 1))
        XCTAssertEqual(aggregator.add(Tick(time: 59_000, price: 99, quantity: 1)), .outOfOrder)
        XCTAssertEqual(aggregator.current, Bar(start: 120_000, open: 10, high: 10, low: 10, close: 10, volume: 1))
    }
}
