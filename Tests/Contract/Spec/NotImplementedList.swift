import Foundation

/// `Tests/Contract/not-implemented.txt`: the operations still allowed to answer 501, one
/// `operationId` a line; `#` starts a comment. Every issue that makes an operation work
/// removes its line, and the meta-tests hold the file to the truth.
struct NotImplementedList {
    /// The listed operation ids, in file order.
    let operationIDs: [String]

    /// Reads the list.
    static func load() throws -> NotImplementedList {
        let text = try String(contentsOf: ContractPaths.notImplementedList, encoding: .utf8)
        return NotImplementedList(text: text)
    }

    /// Parses the text of the list.
    init(text: String) {
        operationIDs = text.split(whereSeparator: \.isNewline)
            .map { line in line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "" }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Whether `operationID` is listed.
    func contains(_ operationID: String) -> Bool {
        operationIDs.contains(operationID)
    }
}
