import Foundation

/// A WebSocket connection whose every incoming message is held to the endpoint's
/// `serverMessage` schema in the root `x-websocket` extension of openapi.yaml.
struct ContractWebSocket {
    /// The endpoint, e.g. `/ws`.
    let path: String
    private let client: WebSocketClient
    private let spec: SpecDocument
    private let schema: (schema: JSONInstance, pointer: String)
    /// The endpoint's `clientMessage` schema, which the messages a test sends are matched to for the ledger.
    private let clientSchema: (schema: JSONInstance, pointer: String)?
    /// The schemas a message from the server, and one from the test, can match (`ContractLedger`).
    private let serverKinds: MessageKinds
    private let clientKinds: MessageKinds?
    /// The server's port.
    private let port: Int
    /// The `type`s of channel pushes (the endpoint's `channels[].messages`), which may arrive
    /// between a request and its answer once market data flows.
    private let pushTypes: Set<String>

    /// Connects to `path` (which may carry a query, e.g. `/ws?token=…`); the schema is that
    /// of the path without its query. `receiveBuffer` makes a reader whose kernel holds little
    /// (`TCPConnection`).
    init(port: Int, path: String, spec: SpecDocument, receiveBuffer: Int? = nil) throws {
        let endpoint = String(path.split(separator: "?", maxSplits: 1)[0])
        self.path = endpoint
        self.spec = spec
        let (node, pointer) = try spec.webSocketEndpoint(path: endpoint)
        guard let serverMessage = node["serverMessage"] else {
            throw SpecDocument.Problem(description: "\(pointer) has no serverMessage")
        }
        schema = (serverMessage, pointer + "/serverMessage")
        clientSchema = node["clientMessage"].map { ($0, pointer + "/clientMessage") }
        serverKinds = try MessageKinds(of: serverMessage, in: spec.root)
        clientKinds = try node["clientMessage"].map { try MessageKinds(of: $0, in: spec.root) }
        self.port = port
        let channels = node["channels"]?.array ?? []
        pushTypes = Set(channels.flatMap { $0["messages"]?.array ?? [] }.compactMap(\.string))
        client = try WebSocketClient(port: port, path: path, receiveBuffer: receiveBuffer)
    }

    /// Sends `message` as JSON text.
    func send(_ message: JSONInstance) throws {
        try client.send(text: message.text)
        recordSent(message)
    }

    /// Sends `text` as it is (malformed messages).
    func send(text: String) throws {
        try client.send(text: text)
        if let message = try? JSONInstance.parse(text) { recordSent(message) }
    }

    /// Notes a sent message in the ledger when it conforms to the endpoint's `clientMessage`.
    private func recordSent(_ message: JSONInstance) {
        guard ContractLedger.shared.isRecording, let clientSchema, let clientKinds,
              (try? SchemaValidator(document: spec.root).violations(of: message, against: clientSchema.schema, at: clientSchema.pointer).isEmpty) == true,
              let kind = clientKinds.kind(of: message) else { return }
        ContractLedger.shared.recordMessage(port: port, path: path, fromServer: false, kind: kind)
    }

    /// The next message that is not a channel push, once it is JSON and conforms to the
    /// endpoint's `serverMessage` schema (pushes before it are checked too, then skipped).
    func receive() throws -> JSONInstance {
        while true {
            let message = try receiveAny()
            if let type = message["type"]?.string, pushTypes.contains(type) { continue }
            return message
        }
    }

    /// The next message `accepts`, within `seconds`; every message before it, pushes included,
    /// is checked against the schema too, then skipped.
    func receive(within seconds: Double = 5, where accepts: (JSONInstance) -> Bool) throws -> JSONInstance {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let message = try receiveAny()
            if accepts(message) { return message }
        }
        throw WebSocketClient.Failure(description: "no awaited message on \(path) within \(seconds) s")
    }

    /// The next message `accepts`, within `seconds`, where only that one is checked against
    /// the schema: the ones skipped are only parsed. For a test that measures how much arrives
    /// rather than what (a slow reader's backlog), where checking every message would make the
    /// client slower than the stream it measures.
    func receiveChecking(within seconds: Double = 5, where accepts: (JSONInstance) -> Bool) throws -> JSONInstance {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let text = try client.receiveText()
            // Text that is not JSON fails the check.
            guard let message = try? JSONInstance.parse(text), !accepts(message) else { return try checked(text) }
        }
        throw WebSocketClient.Failure(description: "no awaited message on \(path) within \(seconds) s")
    }

    /// The next message of any kind, once it is JSON and conforms to the schema.
    func receiveAny() throws -> JSONInstance {
        try checked(try client.receiveText())
    }

    /// `text` as JSON, once it conforms to the schema.
    private func checked(_ text: String) throws -> JSONInstance {
        let exchange = "message on \(path)"
        let message: JSONInstance
        do {
            message = try JSONInstance.parse(text)
        } catch {
            throw ContractViolation(exchange: exchange, received: text,
                                    violations: [SchemaViolation(path: "$", schemaPointer: schema.pointer, message: "\(error)")])
        }
        let violations = try SchemaValidator(document: spec.root).violations(of: message, against: schema.schema, at: schema.pointer)
        guard violations.isEmpty else { throw ContractViolation(exchange: exchange, received: text, violations: violations) }
        if ContractLedger.shared.isRecording, let kind = serverKinds.kind(of: message) {
            ContractLedger.shared.recordMessage(port: port, path: path, fromServer: true, kind: kind)
        }
        return message
    }

    /// Closes the connection.
    func close() {
        client.close()
    }
}
