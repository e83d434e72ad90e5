import XCTest
@testable import CodegenCore

/// `x-error-code` on a parameter: a value its schema refuses is answered with that code (the
/// spec's order ids, `INVALID_ORDER_ID`), and the code must be one the operation lists.
final class ParameterErrorCodeTests: XCTestCase {
    private func spec(listing codes: String) -> String {
        """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /orders/{id}:
            get:
              operationId: getOrder
              tags: [Orders]
              x-required-role: public
              x-error-codes: [\(codes)]
              parameters:
                - name: id
                  in: path
                  required: true
                  x-error-code: INVALID_ORDER_ID
                  schema: {type: string, format: uuid}
              responses:
                '200': {description: OK}
        components:
          schemas:
            ErrorCode:
              type: string
              enum: [VALIDATION_ERROR, INVALID_ORDER_ID]
              x-error-status: {VALIDATION_ERROR: 400, INVALID_ORDER_ID: 400}
              x-error-messages: {VALIDATION_ERROR: Invalid request, INVALID_ORDER_ID: Invalid order id}
        """
    }

    func testTheParameterIsReadWithItsOwnCode() throws {
        let model = try Fixtures.model(spec(listing: "INVALID_ORDER_ID, VALIDATION_ERROR"))
        let parameter = try XCTUnwrap(model.operations.first?.parameters.first)
        XCTAssertEqual(parameter.errorCode, "INVALID_ORDER_ID")
        let text = spec(listing: "INVALID_ORDER_ID, VALIDATION_ERROR")
        let files = try SwiftEmitter.emit(model, specYAML: text, document: try YAMLParser.parse(text, file: "spec.yaml"))
        let operations = try XCTUnwrap(files.first { $0.path.hasSuffix("Operations.swift") }?.contents)
        XCTAssertTrue(operations.contains("Check.format(id, .uuid, at: \"path.id\", issues: &issues)"), operations)
        XCTAssertTrue(operations.contains("if issues.count > _beforeId { throw APIError(.invalidOrderId"), operations)
    }

    func testTheCodeMustBeListedByTheOperation() {
        let error = Fixtures.buildError(spec(listing: "VALIDATION_ERROR"))
        XCTAssertEqual(error?.message, "parameter 'id' answers INVALID_ORDER_ID, which x-error-codes does not list")
    }
}
