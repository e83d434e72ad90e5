import XCTest
import Primitives
@testable import Engine

/// Candle boundaries worked out by hand from calendar dates.
final class CandleIntervalTests: XCTestCase {
    private static func ms(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Int {
        (CalendarDay.daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60) * 1000
    }

    func testFixedIntervalsOpenOnTheEpochGrid() {
        let time = Self.ms(2024, 3, 15, 13, 47) + 12_345
        XCTAssertEqual(CandleInterval.minute1.bucketStart(of: time), Self.ms(2024, 3, 15, 13, 47))
        XCTAssertEqual(CandleInterval.minute5.bucketStart(of: time), Self.ms(2024, 3, 15, 13, 45))
        XCTAssertEqual(CandleInterval.minute15.bucketStart(of: time), Self.ms(2024, 3, 15, 13, 45))
        XCTAssertEqual(CandleInterval.minute30.bucketStart(of: time), Self.ms(2024, 3, 15, 13, 30))
        XCTAssertEqual(CandleInterval.hour1.bucketStart(of: time), Self.ms(2024, 3, 15, 13))
        XCTAssertEqual(CandleInterval.hour4.bucketStart(of: time), Self.ms(2024, 3, 15, 12))
        XCTAssertEqual(CandleInterval.day1.bucketStart(of: time), Self.ms(2024, 3, 15))
    }

    func testWeeksOpenOnMondayAndMonthsOnTheFirst() {
        // 2024-03-15 was a Friday; its week opened on Monday 2024-03-11.
        XCTAssertEqual(CandleInterval.week1.bucketStart(of: Self.ms(2024, 3, 15, 9)), Self.ms(2024, 3, 11))
        XCTAssertEqual(CandleInterval.week1.bucketStart(of: Self.ms(2024, 3, 11)), Self.ms(2024, 3, 11))
        XCTAssertEqual(CandleInterval.month1.bucketStart(of: Self.ms(2024, 2, 29, 23, 59)), Self.ms(2024, 2, 1))
        XCTAssertEqual(CandleInterval.month1.nextStart(after: Self.ms(2024, 2, 1)), Self.ms(2024, 3, 1))
        XCTAssertEqual(CandleInterval.month1.nextStart(after: Self.ms(2023, 12, 1)), Self.ms(2024, 1, 1))
        XCTAssertEqual(CandleInterval.week1.nextStart(after: Self.ms(2024, 3, 11)), Self.ms(2024, 3, 18))
    }

    func testTimesBeforeTheEpochRoundDown() {
        XCTAssertEqual(CandleInterval.day1.bucketStart(of: -1), -86_400_000)
        XCTAssertEqual(CandleInterval.month1.bucketStart(of: -1), Self.ms(1969, 12, 1))
    }

    func testIntervalsAreOrderedShortestFirstAndSpellTheSpecTimeframes() {
        XCTAssertEqual(CandleInterval.allCases.map(\.rawValue), ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w", "1M"])
        XCTAssertLessThan(CandleInterval.hour4, CandleInterval.day1)
    }
}
