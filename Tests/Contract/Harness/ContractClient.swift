import Foundation

/// Calls the server's operations by `operationId` (the method and path come from the spec)
/// and holds every response to openapi.yaml before a test sees it. Naming the operation at
/// each call site (`call("createUser", …)`) is also what the coverage meta-test counts.
struct ContractClient {
    /// The server's port on 127.0.0.1.
    let port: Int
    /// The spec the calls are built from and checked against.
    let spec: SpecDocument
    /// Headers sent with every call: credentials, and `X-Forwarded-For` for a proxied client.
    private(set) var credentials: [(name: String, value: String)] = []

    /// A client without credentials for the server on `port`.
    init(port: Int, spec: SpecDocument) {
        self.port = port
        self.spec = spec
    }

    /// The same client with no credentials.
    var anonymous: ContractClient {
        ContractClient(port: port, spec: spec)
    }

    /// The same server, called with `Authorization: Bearer token`.
    func bearer(_ token: String) -> ContractClient {
        var client = anonymous
        client.credentials = [("Authorization", "Bearer \(token)")]
        return client
    }

    /// The same server, called with `X-API-Key: key`.
    func apiKey(_ key: String) -> ContractClient {
        var client = anonymous
        client.credentials = [("X-API-Key", key)]
        return client
    }

    /// The same client, as a proxy calling for `address` (`X-Forwarded-For`) would.
    func forwarded(for address: String) -> ContractClient {
        var client = self
        client.credentials.append(("X-Forwarded-For", address))
        return client
    }

    /// Calls `operationID` and returns its response once it conforms to the spec; throws
    /// `ContractViolation` listing everything that does not.
    /// - Parameters:
    ///   - path: values of the path template's placeholders.
    ///   - query: query parameters.
    ///   - body: a JSON body; `rawBody` sends text as it is (malformed JSON), also as `application/json`.
    @discardableResult
    func call(_ operationID: String, path: [String: String] = [:], query: [String: String] = [:],
              body: JSONInstance? = nil, rawBody: String? = nil) throws -> ContractResponse {
        let operation = try spec.operation(operationID)
        let payload = rawBody.map { Array($0.utf8) } ?? body.map { Array($0.text.utf8) }
        let response = try send(operation, path: path, query: query.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, body: payload)
        return try validated(response.message, of: operation, request: response.request)
    }

    /// Sends `operation` without judging the answer (the 501 meta-test judges it itself).
    func send(_ operation: SpecOperation, path: [String: String], query: [(String, String)], body: [UInt8]?) throws
        -> (request: HTTPRequestMessage, message: HTTPResponseMessage) {
        var target = ""
        var remaining = Substring(operation.pathTemplate)
        while let open = remaining.firstIndex(of: "{"), let close = remaining[open...].firstIndex(of: "}") {
            let name = String(remaining[remaining.index(after: open)..<close])
            guard let value = path[name] else { throw SpecDocument.Problem(description: "\(operation.id) needs the path parameter \(name)") }
            target += String(remaining[..<open]) + Self.percentEncoded(value)
            remaining = remaining[remaining.index(after: close)...]
        }
        target += String(remaining)
        if !query.isEmpty {
            target += "?" + query.map { Self.percentEncoded($0.0) + "=" + Self.percentEncoded($0.1) }.joined(separator: "&")
        }
        var request = HTTPRequestMessage(method: operation.method, target: target, headers: credentials, body: body)
        if body != nil { request.headers.append(("Content-Type", "application/json")) }
        return (request, try request.send(to: port))
    }

    /// `message` as a `ContractResponse` once it conforms to what `operation` documents.
    func validated(_ message: HTTPResponseMessage, of operation: SpecOperation, request: HTTPRequestMessage) throws -> ContractResponse {
        let violations = try ResponseValidator(spec: spec).violations(of: message, to: operation)
        guard violations.isEmpty else {
            throw ContractViolation(exchange: "\(request.requestLine) (\(operation.id))", received: message.summary, violations: violations)
        }
        ContractLedger.shared.recordResponse(port: port, operationID: operation.id, status: message.status)
        let isJSON = message.header("Content-Type").flatMap(MediaType.init)?.isJSON ?? false
        return ContractResponse(message: message, json: isJSON ? try JSONInstance.parse(message.body) : nil)
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters (a `/` in a
    /// symbol such as `BTC/USDT` stays inside its path segment).
    static func percentEncoded(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
