import XCTest
@testable import Server

final class OutputBufferTests: XCTestCase {
    func testDecimalsAreWrittenAsTheirDigits() {
        for value in [0, 7, 10, 99, 100, 65_535, 1_000_000, Int.max] {
            var buffer = OutputBuffer()
            buffer.append("Content-Length: ")
            buffer.appendDecimal(value)
            XCTAssertEqual(String(decoding: buffer.bytes, as: UTF8.self), "Content-Length: \(value)")
        }
    }
}
