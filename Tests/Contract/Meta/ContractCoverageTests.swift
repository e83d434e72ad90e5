import Foundation
import XCTest

/// The coverage meta-test: every operation that works (is not in not-implemented.txt) has a
/// contract test, recognised by a `call("<operationId>"` in the suite's sources. When an
/// issue makes an operation work and removes its line, this fails until its tests exist.
final class ContractCoverageTests: XCTestCase {
    func testEveryWorkingOperationIsCalledByAContractTest() throws {
        let spec = try SpecDocument.shared()
        let list = try NotImplementedList.load()
        let called = try Self.calledOperationIDs()
        for operation in spec.operations where !list.contains(operation.id) && !called.contains(operation.id) {
            XCTFail("\(operation.id) works (it is not in not-implemented.txt) but no contract test calls it: add tests with call(\"\(operation.id)\", …)")
        }
    }

    func testEveryCalledOperationIsInTheSpec() throws {
        let known = Set(try SpecDocument.shared().operations.map(\.id))
        for id in try Self.calledOperationIDs().sorted() where !known.contains(id) {
            XCTFail("the contract tests call \(id), which openapi.yaml does not have")
        }
    }

    func testTheNotImplementedListNamesEachOperationOnce() throws {
        let ids = try NotImplementedList.load().operationIDs
        XCTAssertEqual(ids.count, Set(ids).count, "duplicate lines in not-implemented.txt: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
    }

    /// The operation ids named as `call("<id>"` outside comments in Tests/Contract.
    static func calledOperationIDs() throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: "\\bcall\\(\"([A-Za-z0-9_]+)\"")
        var ids: Set<String> = []
        for file in try ContractPaths.contractSources() {
            let code = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for match in pattern.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                if let range = Range(match.range(at: 1), in: code) { ids.insert(String(code[range])) }
            }
        }
        return ids
    }
}
