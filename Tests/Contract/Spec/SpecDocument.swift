import CodegenCore
import Foundation

/// openapi.yaml as JSON, with what the suite asks of it: operations by `operationId`, local
/// `$ref`s resolved, and the WebSocket message schemas of the root `x-websocket` extension.
struct SpecDocument: Sendable {
    /// The whole document.
    let root: JSONInstance
    /// Every operation, ordered by path and method.
    let operations: [SpecOperation]

    /// A problem in the document itself (a dangling `$ref`, an operation without an id).
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The package's openapi.yaml, read once.
    static func shared() throws -> SpecDocument {
        try loaded.get()
    }

    private static let loaded = Result(catching: { () throws -> SpecDocument in
        let node = try YAMLParser.parse(contentsOf: ContractPaths.spec.path)
        return try SpecDocument(root: JSONInstance(yaml: node))
    })

    /// Reads the operations of `root`.
    init(root: JSONInstance) throws {
        self.root = root
        var operations: [SpecOperation] = []
        for (template, item) in root["paths"]?.object ?? [:] {
            let itemPointer = "#/paths/" + Self.escape(template)
            let item = try Self.resolve(item, in: root)
            for method in SpecOperation.methods {
                guard let node = item[method] else { continue }
                operations.append(try SpecOperation(method: method, pathTemplate: template, node: node,
                                                    pointer: itemPointer + "/" + method, pathItem: item, document: root))
            }
        }
        self.operations = operations.sorted { ($0.pathTemplate, $0.method) < ($1.pathTemplate, $1.method) }
        var seen: Set<String> = []
        for operation in self.operations where !seen.insert(operation.id).inserted {
            throw Problem(description: "operationId \(operation.id) is used twice")
        }
    }

    /// The operation called `id`.
    func operation(_ id: String) throws -> SpecOperation {
        guard let operation = operations.first(where: { $0.id == id }) else {
            throw Problem(description: "openapi.yaml has no operation \(id)")
        }
        return operation
    }

    /// The node a local JSON pointer (`#/components/schemas/User`) names.
    func node(at pointer: String) throws -> JSONInstance {
        try Self.node(at: pointer, in: root)
    }

    /// The WebSocket endpoint at `path` in the root `x-websocket` extension (its messages
    /// and channels), with the pointer it stands at.
    func webSocketEndpoint(path: String) throws -> (node: JSONInstance, pointer: String) {
        let endpoints = root["x-websocket"]?.array ?? []
        guard let index = endpoints.firstIndex(where: { $0["path"]?.string == path }) else {
            throw Problem(description: "x-websocket has no endpoint \(path)")
        }
        return (endpoints[index], "#/x-websocket/\(index)")
    }

    /// `node` itself, or what its `$ref` chain leads to (for responses, parameters and
    /// request bodies, whose `$ref` replaces the object; schemas are left to the validator).
    static func resolve(_ node: JSONInstance, in root: JSONInstance) throws -> JSONInstance {
        var node = node
        var hops = 0
        while let reference = node["$ref"]?.string {
            hops += 1
            guard hops < 32 else { throw Problem(description: "$ref cycle at \(reference)") }
            node = try Self.node(at: reference, in: root)
        }
        return node
    }

    /// The node of a local JSON pointer in `root`.
    static func node(at pointer: String, in root: JSONInstance) throws -> JSONInstance {
        guard pointer.hasPrefix("#") else { throw Problem(description: "only local references are supported: \(pointer)") }
        var node = root
        let fragment = String(pointer.dropFirst()).removingPercentEncoding ?? String(pointer.dropFirst())
        for token in fragment.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let member = node[key] {
                node = member
            } else if let index = Int(key), let element = node[index] {
                node = element
            } else {
                throw Problem(description: "\(pointer) points at nothing (no \"\(key)\")")
            }
        }
        return node
    }

    /// A key as a JSON pointer token (`/` and `~` escaped).
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
