@testable import Engine
import XCTest

final class DonchianChannelTests: XCTestCase {
    func testHighestHighAndLowestLowOfTheLastPeriodCandles() {
        var channel = DonchianChannel(period: 3)
        // (high, low): the channel over the last three, once there are three.
        XCTAssertNil(channel.add(high: 105, low: 95))
        XCTAssertNil(channel.add(high: 110, low: 98))
        XCTAssertEqual(channel.add(high: 109, low: 90).map { [$0.lower, $0.upper] }, [90, 110])   // 95…110, 98…110, 90…109
        XCTAssertEqual(channel.add(high: 100, low: 91).map { [$0.lower, $0.upper] }, [90, 110])   // 110 still held: 110, 109, 100
        XCTAssertEqual(channel.add(high: 104, low: 96).map { [$0.lower, $0.upper] }, [90, 109])   // 110 gone: 109, 100, 104
        XCTAssertEqual(channel.add(high: 103, low: 97).map { [$0.lower, $0.upper] }, [91, 104])   // 90 and 109 gone
    }

    func testMatchesTheExtremesOfTheWindowOnALongSeries() {
        var channel = DonchianChannel(period: 7)
        var highs: [Double] = [], lows: [Double] = []
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let low = Double((state >> 40) % 1000), high = low + Double(state % 50)
            highs.append(high)
            lows.append(low)
            let value = channel.add(high: high, low: low)
            guard highs.count >= 7 else { XCTAssertNil(value); continue }
            XCTAssertEqual(value?.upper, highs.suffix(7).max())
            XCTAssertEqual(value?.lower, lows.suffix(7).min())
        }
    }
}
