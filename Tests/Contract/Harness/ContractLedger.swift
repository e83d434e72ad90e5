import Foundation
import Glibc
import Synchronization

/// What the contract tests exercised, written down as they run so that `ContractLedgerTests`
/// can hold the whole run to the spec afterwards: every response that conformed (its backend,
/// operation and status) and every WebSocket message that conformed (its backend, endpoint,
/// direction and the schema it matched). `scripts/test.sh` names the folder in
/// `TRADING_CONTRACT_LEDGER`; without it nothing is written.
///
/// One line per distinct fact, tab-separated, in `ledger-<pid>.tsv`:
/// `backend  http  operationId  status` or `backend  ws  path  server|client  SchemaName`.
final class ContractLedger: Sendable {
    /// The variable naming the folder the ledger is written to.
    static let variable = "TRADING_CONTRACT_LEDGER"

    /// The ledger of this test process (a no-op without the variable).
    static let shared = ContractLedger(folder: ProcessInfo.processInfo.environment[variable])

    /// The backend each running server's port belongs to (a port is registered when its server starts).
    private let backends = Mutex<[Int: ContractBackend]>([:])
    /// The lines written so far (each fact once) and the open file.
    private let state = Mutex<(written: Set<String>, descriptor: Int32)>(([], -1))
    private let file: String?

    private init(folder: String?) {
        guard let folder, !folder.isEmpty else {
            file = nil
            return
        }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        file = folder + "/ledger-\(getpid()).tsv"
    }

    /// Whether the run is being written down.
    var isRecording: Bool { file != nil }

    /// Notes that the server on `port` runs on `backend`.
    func register(port: Int, backend: ContractBackend) {
        backends.withLock { $0[port] = backend }
    }

    /// Notes a conforming response of `status` to `operationID` from the server on `port`.
    func recordResponse(port: Int, operationID: String, status: Int) {
        guard file != nil, let backend = backends.withLock({ $0[port] }) else { return }
        append([backend.rawValue, "http", operationID, String(status)])
    }

    /// Notes a conforming WebSocket message on `path` of the server on `port`, sent by the
    /// server (`fromServer`) or by the test, that matched the schema named `kind`.
    func recordMessage(port: Int, path: String, fromServer: Bool, kind: String) {
        guard file != nil, let backend = backends.withLock({ $0[port] }) else { return }
        append([backend.rawValue, "ws", path, fromServer ? "server" : "client", kind])
    }

    private func append(_ fields: [String]) {
        guard let file else { return }
        let line = fields.joined(separator: "\t") + "\n"
        state.withLock { state in
            guard state.written.insert(line).inserted else { return }
            if state.descriptor < 0 {
                state.descriptor = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            }
            guard state.descriptor >= 0 else { return }
            // One write of a short line with O_APPEND: lines never interleave.
            _ = line.utf8CString.withUnsafeBufferPointer { write(state.descriptor, $0.baseAddress, $0.count - 1) }
        }
    }

    /// Every line of every ledger file in `folder`, split into fields.
    static func read(folder: String) throws -> [[String]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tsv") }
        return try names.flatMap { name in
            try String(contentsOfFile: folder + "/" + name, encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        }
    }
}

/// The named schemas a WebSocket message can be: the `$ref`s of its endpoint schema's
/// `oneOf`, one of which a conforming message matches.
struct MessageKinds {
    private let branches: [(name: String, schema: JSONInstance, pointer: String)]
    /// Schema names (the last component of each branch's `$ref`), in the spec's order.
    var names: [String] { branches.map(\.name) }
    private let discriminator: (property: String, mapping: [String: String])?
    private let root: JSONInstance

    /// The branches of `schema` (a `$ref` to a `oneOf`, or a single named schema).
    init(of schema: JSONInstance, in root: JSONInstance) throws {
        self.root = root
        let resolved = try SpecDocument.resolve(schema, in: root)
        let list = resolved["oneOf"]?.array ?? [schema]
        branches = try list.map { branch in
            guard let reference = branch["$ref"]?.string else {
                throw SpecDocument.Problem(description: "a WebSocket message schema branch is not a $ref: \(branch.text)")
            }
            let name = String(reference.split(separator: "/").last ?? "")
            return (name, try SpecDocument.resolve(branch, in: root), reference)
        }
        if let property = resolved["discriminator"]?["propertyName"]?.string {
            let pairs = (resolved["discriminator"]?["mapping"]?.object ?? [:]).compactMap { key, value in
                value.string.map { (key, String($0.split(separator: "/").last ?? "")) }
            }
            discriminator = (property, Dictionary(uniqueKeysWithValues: pairs))
        } else {
            discriminator = nil
        }
    }

    /// The schema `message` (which conforms to the endpoint's schema) matched.
    func kind(of message: JSONInstance) -> String? {
        if let discriminator, let value = message[discriminator.property]?.string {
            return discriminator.mapping[value]
        }
        let validator = SchemaValidator(document: root)
        return branches.first { branch in
            (try? validator.violations(of: message, against: branch.schema, at: branch.pointer).isEmpty) == true
        }?.name
    }
}
