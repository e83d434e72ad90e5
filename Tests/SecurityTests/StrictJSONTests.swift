import XCTest
@testable import Security

final class StrictJSONTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try StrictJSON.parse(Array(text.utf8))
    }

    func testParsesNestedDocument() throws {
        XCTAssertEqual(try parse(#" {"a": [1, -2, true, false, null], "b": {"c": "d"}} "#), .object([
            "a": .array([.integer(1), .integer(-2), .bool(true), .bool(false), .null]),
            "b": .object(["c": .string("d")]),
        ]))
    }

    func testIntegersAndOtherNumbersStayApart() throws {
        XCTAssertEqual(try parse("1700000000"), .integer(1_700_000_000))
        XCTAssertEqual(try parse("1.7e9"), .number(1.7e9))
        XCTAssertEqual(try parse("1700000000.0"), .number(1.7e9))
        XCTAssertEqual(try parse("-0"), .integer(0))
    }

    func testIntegerTooLargeForIntBecomesNumber() throws {
        XCTAssertEqual(try parse("9223372036854775808"), .number(9_223_372_036_854_775_808))
    }

    func testInvalidNumbersAreRefused() {
        for text in ["01", "+1", ".5", "1.", "1e", "-", "1e+", "NaN", "Infinity", "1e999"] {
            XCTAssertThrowsError(try parse(text), text)
        }
    }

    func testEscapesAndSurrogatePairsDecode() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#), .string("a\"b\\c/d\n\té😀"))
    }

    func testLoneSurrogatesAreRefused() {
        XCTAssertThrowsError(try parse(#""\ud83d""#))
        XCTAssertThrowsError(try parse(#""\ude00""#))
        XCTAssertThrowsError(try parse(#""\ud83d\u0041""#))
    }

    func testDuplicateKeysAreRefused() {
        XCTAssertThrowsError(try parse(#"{"exp":1,"exp":2}"#)) { error in
            XCTAssertEqual((error as? StrictJSON.ParseError)?.reason, "duplicate member \"exp\"")
        }
    }

    func testTrailingContentIsRefused() {
        XCTAssertThrowsError(try parse("{} {}"))
        XCTAssertThrowsError(try parse(#"{"a":1,}"#))
        XCTAssertThrowsError(try parse("[1,]"))
    }

    func testUnescapedControlCharacterIsRefused() {
        XCTAssertThrowsError(try parse("\"a\nb\""))
    }

    func testInvalidUTF8IsRefused() {
        XCTAssertThrowsError(try StrictJSON.parse([0x22, 0xC3, 0x28, 0x22]))
    }

    func testNestingBeyondLimitIsRefused() throws {
        XCTAssertNoThrow(try parse(String(repeating: "[", count: 16) + String(repeating: "]", count: 16)))
        XCTAssertThrowsError(try parse(String(repeating: "[", count: 17) + String(repeating: "]", count: 17)))
    }

    func testEmptyDocumentIsRefused() {
        XCTAssertThrowsError(try parse(""))
        XCTAssertThrowsError(try parse("   "))
    }
}
