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

final class HTTPHeaderBlockTests: XCTestCase {
    func testABlocksFieldsFollowTheOwnOnesEverywhere() {
        let block = HTTPHeaderBlock([("X-Frame-Options", "DENY"), ("Content-Length", "1"), ("Cache-Control", "no-store")])
        XCTAssertEqual(block.fields.map(\.name), ["X-Frame-Options", "Cache-Control"], "the connection's own fields are left out")
        XCTAssertEqual(String(decoding: block.bytes, as: UTF8.self), "X-Frame-Options: DENY\r\nCache-Control: no-store\r\n")
        var headers = HTTPHeaders([("Content-Type", "application/json")], block: block)
        headers.add(name: "Retry-After", value: "1")
        XCTAssertEqual(headers["x-frame-options"], "DENY")
        XCTAssertEqual(headers.values("Cache-Control"), ["no-store"])
        XCTAssertEqual(headers.count, 4)
        XCTAssertEqual(headers.map(\.name), ["Content-Type", "Retry-After", "X-Frame-Options", "Cache-Control"])
        XCTAssertEqual(headers.ownFields.map(\.name), ["Content-Type", "Retry-After"])
        XCTAssertEqual(headers, HTTPHeaders([("Content-Type", "application/json"), ("Retry-After", "1"), ("X-Frame-Options", "DENY"),
                                             ("Cache-Control", "no-store")]))
        // Replacing a block's field makes the fields the value's own.
        headers.replaceOrAdd(name: "Cache-Control", value: "public")
        XCTAssertNil(headers.block)
        XCTAssertEqual(headers["Cache-Control"], "public")
        XCTAssertEqual(headers.count, 4)
    }
}
