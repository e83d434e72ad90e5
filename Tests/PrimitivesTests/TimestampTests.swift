import XCTest
import Primitives

final class TimestampTests: XCTestCase {
    func testWritesISO8601InUTC() {
        XCTAssertEqual(Timestamp.iso8601(epochMilliseconds: 1_769_601_600_000), "2026-01-28T12:00:00Z")
        XCTAssertEqual(Timestamp.iso8601(epochMilliseconds: 0), "1970-01-01T00:00:00Z")
    }

    func testPadsEveryFieldWithZeros() {
        // 2001-02-03T04:05:06.007Z
        XCTAssertEqual(Timestamp.iso8601(epochMilliseconds: 981_173_106_007, fractional: true), "2001-02-03T04:05:06.007Z")
        XCTAssertEqual(Timestamp.iso8601(epochMilliseconds: 981_173_106_007), "2001-02-03T04:05:06Z")
    }

    func testWritesMillisecondsWhenFractional() {
        XCTAssertEqual(Timestamp.iso8601(epochMilliseconds: 1_769_601_600_123, fractional: true), "2026-01-28T12:00:00.123Z")
        XCTAssertEqual(Timestamp.iso8601(epochMilliseconds: 1_769_601_600_000, fractional: true), "2026-01-28T12:00:00.000Z")
    }

    func testReadsWhatItWrites() {
        for milliseconds in [0, 981_173_106_007, 1_769_601_600_123, 253_402_300_799_999] {
            XCTAssertEqual(Timestamp.epochMilliseconds(iso8601: Timestamp.iso8601(epochMilliseconds: milliseconds, fractional: true)),
                           milliseconds)
        }
    }
}
