import XCTest

/// The response checks: documented status, documented media type, body and headers against
/// their schemas. Hand-made responses stand for a server that breaks the spec.
final class ResponseValidatorTests: XCTestCase {
    private func violations(_ operationID: String, _ status: Int, _ contentType: String?, _ body: String,
                            headers: [(name: String, value: String)] = [], spec: SpecDocument? = nil) throws -> [SchemaViolation] {
        let spec = try spec ?? SpecDocument.shared()
        let message = HTTPResponseMessage(status: status, headers: (contentType.map { [("Content-Type", $0)] } ?? []) + headers,
                                          body: Array(body.utf8))
        return try ResponseValidator(spec: spec).violations(of: message, to: try spec.operation(operationID))
    }

    private let health = #"{"status":"healthy","timestamp":"2026-01-28T12:00:00Z"}"#

    func testADocumentedResponseConforms() throws {
        XCTAssertEqual(try violations("getHealth", 200, "application/json", health), [])
        XCTAssertEqual(try violations("getHealth", 200, "application/json; charset=utf-8", health), [], "a charset may be added")
    }

    func testAnUndocumentedStatusIsReported() throws {
        let found = try violations("getHealth", 404, "application/json", #"{"code":"NOT_FOUND","message":"x"}"#)
        XCTAssertEqual(found.map(\.path), ["status"])
        XCTAssertTrue(found.first?.message.hasPrefix("404 is not documented for getHealth") == true, "\(found)")
    }

    func testAnUndocumentedContentTypeIsReported() throws {
        XCTAssertEqual(try violations("getHealth", 200, "text/plain", health).map(\.path), ["header Content-Type"])
        XCTAssertEqual(try violations("getHealth", 200, nil, health).map(\.path), ["header Content-Type"])
        XCTAssertEqual(try violations("getMetrics", 200, "text/plain", "").map(\.path), ["header Content-Type"],
                       "the documented version=0.0.4 parameter is part of the promise")
        XCTAssertEqual(try violations("getMetrics", 200, "text/plain; version=0.0.4; charset=utf-8", "up 1\n"), [])
    }

    func testABodyThatIsNotJSONIsReported() throws {
        let found = try violations("getHealth", 200, "application/json", #"{"status":"healthy","#)
        XCTAssertEqual(found.map(\.path), ["$"])
        XCTAssertTrue(found.first?.message.contains("malformed JSON") == true, "\(found)")
    }

    func testABodyThatBreaksItsSchemaIsReportedAtEachPath() throws {
        let found = try violations("login", 401, "application/json", #"{"code":"NOPE","message":7}"#)
        XCTAssertEqual(found.map(\.path).sorted(), ["$.code", "$.message"], "\(found)")
    }

    func testDocumentedHeadersAreChecked() throws {
        let limited = #"{"code":"RATE_LIMITED","message":"Too many requests"}"#
        XCTAssertEqual(try violations("login", 429, "application/json", limited, headers: [("Retry-After", "30")]), [])
        XCTAssertEqual(try violations("login", 429, "application/json", limited, headers: [("Retry-After", "soon")]).map(\.path),
                       ["header Retry-After"])
    }

    func testDefaultCoversUndocumentedStatusesAndABodilessResponseMustBeEmpty() throws {
        let spec = try SpecDocument(root: ["paths": ["/thing": ["delete": [
            "operationId": "deleteThing",
            "responses": [
                "204": ["description": "gone"],
                "default": ["description": "error", "content": ["application/json": ["schema": ["type": "object", "required": ["code"]]]]],
            ],
        ]]]])
        XCTAssertEqual(try violations("deleteThing", 204, nil, "", spec: spec), [])
        XCTAssertEqual(try violations("deleteThing", 204, nil, "surprise", spec: spec).map(\.path), ["$"])
        XCTAssertEqual(try violations("deleteThing", 503, "application/json", #"{"code":"DOWN"}"#, spec: spec), [])
        XCTAssertEqual(try violations("deleteThing", 503, "application/json", "{}", spec: spec).map(\.path), ["$.code"])
    }
}
