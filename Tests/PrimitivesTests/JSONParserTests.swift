import XCTest
import Primitives

/// The request-body parser: strict RFC 8259, exact numbers, bounded nesting.
final class JSONParserTests: XCTestCase {
    func testParsesNestedValuesKeepingMemberOrder() throws {
        let value = try JSONParser.parse(#" {"b": [1, true, null, "x"], "a": {"k": -0.5e3}} "#)
        XCTAssertEqual(value, .object([
            JSONMember("b", .array([.number("1"), .bool(true), .null, .string("x")])),
            JSONMember("a", .object([JSONMember("k", .number("-0.5e3"))])),
        ]))
    }

    func testNumbersKeepTheirExactText() throws {
        XCTAssertEqual(try JSONParser.parse("0.10"), .number("0.10"))
        XCTAssertEqual(try JSONParser.parse("123456789012345678901234567890"), .number("123456789012345678901234567890"))
    }

    func testEscapesAndSurrogatePairsDecode() throws {
        XCTAssertEqual(try JSONParser.parse(#""a\"b\\c\/\n\t\u00e9\ud83d\ude00""#), .string("a\"b\\c/\n\té😀"))
        XCTAssertEqual(try JSONParser.parse(#""반도체 관련주""#), .string("반도체 관련주"))
    }

    func testMalformedInputsAreRejectedWithAnOffset() {
        let cases: [(String, Int)] = [
            ("", 0), ("{", 1), (#"{"a":}"#, 5), ("[1,]", 3), ("01", 1), ("1.", 2), ("-", 1), ("tru", 0),
            (#""abc"#, 4), (#"{"a" 1}"#, 5), ("[1] x", 4), (#""\x""#, 3), (#""\ud800""#, 7), ("nul", 0),
            ("{\"a\":1,}", 7), ("\"\u{01}\"", 1),
        ]
        for (text, offset) in cases {
            XCTAssertThrowsError(try JSONParser.parse(text), text) { error in
                XCTAssertEqual((error as? JSONSyntaxError)?.offset, offset, text)
            }
        }
    }

    /// U+0000 cannot be stored in PostgreSQL text, so a request may not carry it; a reader that
    /// asks for the grammar alone still gets it.
    func testANullCharacterIsRefusedByTheStandardOptions() throws {
        XCTAssertThrowsError(try JSONParser.parse(#"{"name":"a\u0000b"}"#)) { error in
            XCTAssertTrue((error as? JSONSyntaxError)?.reason.contains("U+0000") ?? false, "\(error)")
        }
        let grammarOnly = JSONParser.Options(maximumDepth: 8, rejectsDuplicateKeys: true)
        XCTAssertEqual(try JSONParser.parse(#""a\u0000b""#, options: grammarOnly), .string("a\u{0}b"))
    }

    func testInvalidUTF8IsRejected() {
        XCTAssertThrowsError(try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]))
    }

    func testDeepNestingIsRejectedNotCrashed() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(deep)) { error in
            XCTAssertTrue((error as? JSONSyntaxError)?.reason.contains("nesting") ?? false)
        }
        let allowed = String(repeating: "[", count: JSONParser.Options.standard.maximumDepth) + String(repeating: "]", count: JSONParser.Options.standard.maximumDepth)
        XCTAssertNoThrow(try JSONParser.parse(allowed))
    }

    func testAMemberNamedTwiceIsRefusedWithItsPath() {
        XCTAssertThrowsError(try JSONParser.parse(#"{"a":1,"a":2}"#)) { error in
            let syntax = error as? JSONSyntaxError
            XCTAssertEqual(syntax?.duplicateMember, "a")
            XCTAssertEqual(syntax?.location, [])
            XCTAssertEqual(syntax?.offset, 7, "the second name's opening quote")
            XCTAssertEqual(syntax?.duplicateMemberPath(from: "body"), "body.a")
        }
        XCTAssertThrowsError(try JSONParser.parse(#"{"orders":[{"p":1},{"p":1,"q":2,"p":3}]}"#)) { error in
            let syntax = error as? JSONSyntaxError
            XCTAssertEqual(syntax?.location, [.member("orders"), .index(1)])
            XCTAssertEqual(syntax?.duplicateMemberPath(from: "body"), "body.orders[1].p")
        }
        XCTAssertThrowsError(try JSONParser.parse(#"[[{"x":{"y":0,"y":0}}]]"#)) { error in
            XCTAssertEqual((error as? JSONSyntaxError)?.duplicateMemberPath(from: "message"), "message[0][0].x.y")
        }
    }

    func testTheSameNameInDifferentObjectsIsNoDuplicate() throws {
        let value = try JSONParser.parse(#"{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}"#)
        XCTAssertEqual(value["a"], .object([JSONMember("a", .object([JSONMember("a", .number("1"))]))]))
    }

    func testNamesAreComparedAsDecodedStrings() {
        // An escaped name is the same name; so is a canonically equivalent one, because
        // the decoders compare names as Swift strings.
        XCTAssertThrowsError(try JSONParser.parse(#"{"ab":1,"a\u0062":2}"#))
        XCTAssertThrowsError(try JSONParser.parse(#"{"caf\u00e9":1,"cafe\u0301":2}"#))
        XCTAssertNoThrow(try JSONParser.parse(#"{"Ab":1,"ab":2}"#), "names are case-sensitive")
    }

    func testADuplicateInALargeObjectIsFound() throws {
        let members = (0..<5_000).map { "\"k\($0)\":\($0)" }
        XCTAssertEqual(try JSONParser.parse("{" + members.joined(separator: ",") + "}")["k4999"], .number("4999"))
        XCTAssertThrowsError(try JSONParser.parse("{" + (members + ["\"k17\":0"]).joined(separator: ",") + "}")) { error in
            XCTAssertEqual((error as? JSONSyntaxError)?.duplicateMember, "k17")
        }
        XCTAssertThrowsError(try JSONParser.parse("{" + (members + ["\"k4999\":0"]).joined(separator: ",") + "}")) { error in
            XCTAssertEqual((error as? JSONSyntaxError)?.duplicateMember, "k4999")
        }
    }

    func testErrorsInsideValuesSayWhere() {
        XCTAssertThrowsError(try JSONParser.parse(#"{"a":[1,{"b":tru}]}"#)) { error in
            let syntax = error as? JSONSyntaxError
            XCTAssertEqual(syntax?.location, [.member("a"), .index(1), .member("b")])
            XCTAssertNil(syntax?.duplicateMember)
            XCTAssertNil(syntax?.duplicateMemberPath(from: "body"))
        }
    }
}

/// The response writer: escaping and number forms.
final class JSONWriterTests: XCTestCase {
    private func text(_ build: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        build(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    func testEscapesControlCharactersQuotesAndBackslashes() {
        XCTAssertEqual(text { $0.string("a\"b\\c\n\u{01}é") }, #""a\"b\\c\n\u0001é""#)
    }

    func testSeparatesMembersAndElements() {
        let json = text { writer in
            writer.beginObject()
            writer.key("a"); writer.int(1)
            writer.key("b"); writer.beginArray(); writer.element(); writer.bool(true); writer.element(); writer.null(); writer.endArray()
            writer.key("c"); writer.beginObject(); writer.endObject()
            writer.key("d"); writer.double(0.5)
            writer.endObject()
        }
        XCTAssertEqual(json, #"{"a":1,"b":[true,null],"c":{},"d":0.5}"#)
    }

    func testNonFiniteDoublesBecomeNull() {
        XCTAssertEqual(text { $0.double(.nan) }, "null")
        XCTAssertEqual(text { $0.double(.infinity) }, "null")
        XCTAssertEqual(text { $0.double(72.0) }, "72")
    }
}
