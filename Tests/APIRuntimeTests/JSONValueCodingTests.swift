import APIRuntime
import Primitives
import XCTest

/// A parsed value writes itself back byte for byte (member order, number text).
final class JSONValueCodingTests: XCTestCase {
    func testJSONValueRoundTrips() throws {
        let source = #"{"k":[1,"x",{"n":null}],"ü":false,"d":0.10}"#
        let value = try JSONParser.parse(source)
        XCTAssertEqual(String(decoding: JSONWriter.encode(value), as: UTF8.self), source)
    }
}
