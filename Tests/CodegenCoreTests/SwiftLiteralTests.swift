import XCTest
@testable import CodegenCore

/// Swift source literals the emitters embed text in.
final class SwiftLiteralTests: XCTestCase {
    func testStringLiteralEscapesQuotesBackslashesAndControlCharacters() {
        XCTAssertEqual(SwiftLiteral.string("a\"b\\c\n\r\t\u{01}é"), "\"a\\\"b\\\\c\\n\\r\\t\\u{1}é\"")
    }

    func testRawLiteralHasOneMoreHashThanTheLongestRunAfterAQuoteOrBackslash() {
        XCTAssertEqual(SwiftLiteral.raw("plain # text"), "#\"plain # text\"#")
        XCTAssertEqual(SwiftLiteral.raw("$ref: \"#/components\""), "##\"$ref: \"#/components\"\"##")
        let runs = "\\## and \"# and \"###"
        XCTAssertEqual(SwiftLiteral.raw(runs), "####\"" + runs + "\"####")
        XCTAssertEqual(SwiftLiteral.raw("a\"\nb", multiline: true), "#\"\"\"\na\"\nb\n\"\"\"#")
    }
}
