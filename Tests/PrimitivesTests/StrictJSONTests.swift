import XCTest
import Primitives

/// The parser with the options token documents get (`.strict`): no duplicate members,
/// nesting up to 16.
final class StrictJSONTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8), options: .strict)
    }

    func testParsesNestedDocument() throws {
        XCTAssertEqual(try parse(#" {"a": [1, -2, true, false, null], "b": {"c": "d"}} "#), .object([
            JSONMember("a", .array([.number("1"), .number("-2"), .bool(true), .bool(false), .null])),
            JSONMember("b", .object([JSONMember("c", .string("d"))])),
        ]))
    }

    func testIntegersAndOtherNumbersStayApart() throws {
        XCTAssertEqual(try parse("1700000000").integer, 1_700_000_000)
        XCTAssertNil(try parse("1.7e9").integer)
        XCTAssertNil(try parse("1700000000.0").integer)
        XCTAssertEqual(try parse("-0").integer, 0)
    }

    func testIntegerTooLargeForIntIsNoInteger() throws {
        XCTAssertEqual(try parse("9223372036854775808"), .number("9223372036854775808"))
        XCTAssertNil(try parse("9223372036854775808").integer)
    }

    func testInvalidNumbersAreRefused() {
        for text in ["01", "+1", ".5", "1.", "1e", "-", "1e+", "NaN", "Infinity"] {
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
            XCTAssertEqual((error as? JSONSyntaxError)?.reason, "duplicate member \"exp\"")
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
        XCTAssertThrowsError(try JSONParser.parse([0x22, 0xC3, 0x28, 0x22], options: .strict))
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
