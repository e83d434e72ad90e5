import XCTest
@testable import Engine

/// Synthesised trades stay inside their candle, give it back when aggregated, and depend on the
/// seed alone.
final class TickSynthesizerTests: XCTestCase {
    private let hour = 3_600_000

    func testTicksStayInsideTheCandleAndAggregateBackToIt() {
        var random = SeededRandom(seed: 42)
        for index in 0..<500 {
            let low = Int64(1_000 + index)
            let high = low + Int64(random.next() % 500)
            let open = low + Int64(random.next() % UInt64(high - low + 1))
            let close = low + Int64(random.next() % UInt64(high - low + 1))
            let bar = Bar(start: index * hour, open: open, high: high, low: low, close: close, volume: Int64(random.next() % 10_000))
            let ticks = TickSynthesizer.ticks(inside: bar, duration: hour, count: 4 + index % 60, random: &random)
            XCTAssertEqual(ticks.first?.price, open)
            XCTAssertEqual(ticks.last?.price, close)
            XCTAssertTrue(ticks.allSatisfy { (low...high).contains($0.price) }, "\(bar)")
            XCTAssertTrue(ticks.allSatisfy { $0.quantity >= 0 && $0.time >= bar.start && $0.time < bar.start + hour })
            XCTAssertEqual(zip(ticks, ticks.dropFirst()).allSatisfy { $0.time <= $1.time }, true)
            var aggregator = BarAggregator(interval: .hour1)
            for tick in ticks { _ = aggregator.add(tick) }
            XCTAssertEqual(aggregator.current, bar)
        }
    }

    func testTheSameSeedGivesTheSameTicks() {
        let bar = Bar(start: 0, open: 100, high: 140, low: 80, close: 120, volume: 1_000)
        var first = SeededRandom(seed: 7)
        var second = SeededRandom(seed: 7)
        var other = SeededRandom(seed: 8)
        let ticks = TickSynthesizer.ticks(inside: bar, duration: hour, count: 50, random: &first)
        XCTAssertEqual(ticks, TickSynthesizer.ticks(inside: bar, duration: hour, count: 50, random: &second))
        XCTAssertNotEqual(ticks, TickSynthesizer.ticks(inside: bar, duration: hour, count: 50, random: &other))
    }

    func testAFlatCandleGivesFlatTicks() {
        var random = SeededRandom(seed: 1)
        let bar = Bar(start: 0, open: 5, high: 5, low: 5, close: 5, volume: 3)
        let ticks = TickSynthesizer.ticks(inside: bar, duration: hour, count: 10, random: &random)
        XCTAssertTrue(ticks.allSatisfy { $0.price == 5 })
        XCTAssertEqual(ticks.map(\.quantity).reduce(0, +), 3)
    }

    func testTheGeneratorIsUniformEnoughAndGaussianCentred() {
        var random = SeededRandom(seed: 2026)
        let units = (0..<100_000).map { _ in random.nextUnit() }
        XCTAssertTrue(units.allSatisfy { (0..<1).contains($0) })
        XCTAssertEqual(units.reduce(0, +) / Double(units.count), 0.5, accuracy: 0.01)
        let normals = (0..<100_000).map { _ in random.nextGaussian() }
        let mean = normals.reduce(0, +) / Double(normals.count)
        let variance = normals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(normals.count)
        XCTAssertEqual(mean, 0, accuracy: 0.02)
        XCTAssertEqual(variance, 1, accuracy: 0.03)
    }
}
