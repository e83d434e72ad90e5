import XCTest

/// The 501 meta-test: not-implemented.txt says exactly which operations still answer 501.
/// Every operation of the spec is called as an admin, with the spec's examples (or minimal
/// samples) for its path parameters, required query parameters and required body, so that
/// the request passes validation and reaches its handler.
extension ContractSuite {
    func onlyTheListedOperationsAnswerNotImplemented() throws {
        let list = try NotImplementedList.load()
        let known = Set(spec.operations.map(\.id))
        for id in list.operationIDs where !known.contains(id) {
            XCTFail("not-implemented.txt lists \(id), which openapi.yaml does not have")
        }
        // An admin API key, because an API key has no session: calling `logout` along the way changes nothing.
        let created = try admin().call("createApiKey", body: ["name": "501-meta-test", "role": "admin"])
        let admin = api.apiKey(try XCTUnwrap(created["key"].string))
        for operation in spec.operations {
            do {
                let (request, message) = try MinimalRequest(operation, in: spec).send(operation, with: admin)
                if list.contains(operation.id) {
                    try assertNotImplemented(message, of: operation)
                } else {
                    XCTAssertNotEqual(message.status, 501, "\(operation.id) answers 501 but is not listed in not-implemented.txt")
                    _ = try admin.validated(message, of: operation, request: request)
                }
            } catch {
                XCTFail("\(operation.id): \(error)")
            }
        }
    }

    /// A listed operation must answer 501 `NOT_IMPLEMENTED` as the spec documents it: its own
    /// 501 response if it has one, else `#/components/responses/NotImplemented` (no operation
    /// refers to that component yet).
    private func assertNotImplemented(_ message: HTTPResponseMessage, of operation: SpecOperation) throws {
        guard message.status == 501 else {
            XCTFail("\(operation.id) is listed in not-implemented.txt but answers \(message.summary): remove its line and add its contract tests")
            return
        }
        let own = operation.node["responses"]?["501"]
        let pointer = own == nil ? "#/components/responses/NotImplemented" : operation.pointer + "/responses/501"
        let violations = try ResponseValidator(spec: spec).violations(of: message, against: try own ?? spec.node(at: pointer), at: pointer)
        XCTAssertEqual(violations, [], "\(operation.id): \(message.summary)")
        XCTAssertEqual(try JSONInstance.parse(message.body)["code"], "NOT_IMPLEMENTED", "\(operation.id): \(message.summary)")
    }
}

/// The 501 list on SQLite.
final class SQLiteNotImplementedContractTests: SQLiteContractTestCase {
    func testOnlyTheListedOperationsAnswerNotImplemented() throws { try suite.onlyTheListedOperationsAnswerNotImplemented() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The 501 list on PostgreSQL.
final class PostgresNotImplementedContractTests: PostgresContractTestCase {
    func testOnlyTheListedOperationsAnswerNotImplemented() throws { try suite.onlyTheListedOperationsAnswerNotImplemented() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
