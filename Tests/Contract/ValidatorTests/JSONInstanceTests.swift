import CodegenCore
import XCTest

/// The suite's JSON reader is strict, so that a body another client would refuse fails here too,
/// and reads YAML the way OpenAPI tools do, so that the spec and its JSON form compare equal.
final class JSONInstanceTests: XCTestCase {
    func testValuesAreRead() throws {
        let value = try JSONInstance.parse(#" {"a": [1, -2.5e1, true, null, "x\u00e9\ud83d\ude00\n"], "b": {}} "#)
        XCTAssertEqual(value, ["a": [1, -25, true, nil, "xé😀\n"], "b": [:]])
    }

    func testWhatOtherClientsWouldRefuseIsRefused() {
        for text in ["", "{", "[1,]", "{\"a\":1,}", "01", "1.", "+1", "\"\\x\"", "\"\\ud800\"", "{\"a\":1,\"a\":2}", "1 2", "nul", "\"\u{01}\""] {
            XCTAssertThrowsError(try JSONInstance.parse(text), "accepted \(text.debugDescription)")
        }
    }

    func testTextRoundTrips() throws {
        let value: JSONInstance = ["quote": "\"\\\n\u{01}", "list": [1.5, 100, false], "none": nil]
        XCTAssertEqual(try JSONInstance.parse(value.text), value)
    }

    func testYAMLScalarsResolveAsInTheCoreSchema() throws {
        let yaml = try YAMLParser.parse("a: '1.0'\nb: 1.0\nc: true\nd: 'null'\ne: null\nf: 005930x\ng: [x, 2]\n", file: "test")
        XCTAssertEqual(JSONInstance(yaml: yaml), ["a": "1.0", "b": 1, "c": true, "d": "null", "e": nil, "f": "005930x", "g": ["x", 2]])
    }
}
