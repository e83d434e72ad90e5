import APIRuntime
import Primitives
import XCTest

/// An optional, nullable member keeps its three states apart: left out, `null`, a value.
final class OptionalNullableTests: XCTestCase {
    private func decode(_ source: String, _ key: String = "note") throws -> (OptionalNullable<String>?, [FieldIssue]) {
        var issues: [FieldIssue] = []
        let reader = try XCTUnwrap(JSONObjectReader.open(try JSONParser.parse(source), at: "body", issues: &issues))
        let member: OptionalNullable<String>? = reader.optionalNullable(key, issues: &issues)
        return (member, issues)
    }

    func testAMemberLeftOutIsAbsent() throws {
        let (member, issues) = try decode(#"{"other":1}"#)
        XCTAssertEqual(member, .absent)
        XCTAssertEqual(member?.isPresent, false)
        XCTAssertTrue(issues.isEmpty)
    }

    func testANullMemberIsNullNotAbsent() throws {
        let (member, issues) = try decode(#"{"note":null}"#)
        XCTAssertEqual(member, .null)
        XCTAssertEqual(member?.isPresent, true)
        XCTAssertNil(member?.value)
        XCTAssertTrue(issues.isEmpty)
    }

    func testAValueIsDecoded() throws {
        let (member, issues) = try decode(#"{"note":"반도체 관련주"}"#)
        XCTAssertEqual(member, .value("반도체 관련주"))
        XCTAssertEqual(member?.value, "반도체 관련주")
        XCTAssertTrue(issues.isEmpty)
    }

    func testAValueOfTheWrongTypeIsAnIssueNamingTheMember() throws {
        let (member, issues) = try decode(#"{"note":5}"#)
        XCTAssertNil(member)
        XCTAssertEqual(issues.map(\.field), ["body.note"])
    }

    func testNullAndAValueEncodeAsThemselves() {
        var writer = JSONWriter()
        writer.beginArray()
        for member: OptionalNullable<String> in [.null, .value("x")] {
            writer.element()
            member.encode(to: &writer)
        }
        writer.endArray()
        XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), #"[null,"x"]"#)
    }
}
