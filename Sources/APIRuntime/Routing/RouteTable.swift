/// Matches a method and path against path templates as OpenAPI does: the path first, then
/// the method. Static segments win over `{parameters}` (`/orders/stats` before `/orders/{id}`),
/// and a path that matches a concrete template answers only that template's methods:
/// `DELETE /orders/stats` is 405 with `Allow: GET`, never `cancelOrder` of an order "stats".
public struct RouteTable<Target: Sendable>: Sendable {
    /// The outcome of a match.
    public enum Match {
        /// A route, with its path parameters percent-decoded in template order.
        case found(Target, parameters: [String])
        /// The path exists but not for this method; `allowed` lists the methods that do.
        case methodNotAllowed(allowed: [String])
        /// No template matches the path, or a parameter's percent-encoding is broken.
        case notFound
    }

    // `@usableFromInline` with `match` `@inlinable`: the router (another module) then gets
    // `match` specialized for its target type; unspecialized, generic metadata lookups and
    // boxed dictionary reads made route matching a fifth of a `GET /health`.
    @usableFromInline
    final class Node: Sendable {
        @usableFromInline let statics: [String: Node]
        @usableFromInline let parameter: Node?
        @usableFromInline let methods: [String: Target]

        init(statics: [String: Node], parameter: Node?, methods: [String: Target]) {
            self.statics = statics
            self.parameter = parameter
            self.methods = methods
        }
    }

    /// A mutable node used while building.
    private struct Draft {
        var statics: [String: Draft] = [:]
        var parameter: [Draft] = []
        var methods: [String: Target] = [:]

        mutating func insert(_ segments: ArraySlice<Substring>, method: String, target: Target) {
            guard let segment = segments.first else {
                methods[method] = target
                return
            }
            if segment.hasPrefix("{") && segment.hasSuffix("}") {
                if parameter.isEmpty { parameter = [Draft()] }
                parameter[0].insert(segments.dropFirst(), method: method, target: target)
            } else {
                statics[String(segment), default: Draft()].insert(segments.dropFirst(), method: method, target: target)
            }
        }

        func freeze() -> Node {
            Node(statics: statics.mapValues { $0.freeze() }, parameter: parameter.first?.freeze(), methods: methods)
        }
    }

    @usableFromInline let root: Node
    /// The templates without parameters, by their whole path: such a template is the most
    /// specific match of its path, so one lookup answers it without splitting the path.
    @usableFromInline let exact: [String: [String: Target]]

    /// Builds the table from `(method, template, target)` routes.
    public init(_ routes: [(method: String, template: String, target: Target)]) {
        var draft = Draft()
        var exact: [String: [String: Target]] = [:]
        for route in routes {
            let segments = route.template.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            draft.insert(segments, method: route.method, target: route.target)
            if !route.template.contains("{") { exact[route.template, default: [:]][route.method] = route.target }
        }
        root = draft.freeze()
        self.exact = exact
    }

    /// Matches a request path (without its query string).
    @inlinable
    public func match(method: String, path: some StringProtocol) -> Match {
        guard path.first == "/" else { return .notFound }
        if let methods = exact[String(path)] {
            guard let target = methods[method] else { return .methodNotAllowed(allowed: methods.keys.sorted()) }
            return .found(target, parameters: [])
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { Substring($0) }
        var candidates: [(Node, [Substring])] = []
        collect(root, segments[...], captured: [], into: &candidates)
        // The most specific template matching the path (statics first) is the path's template.
        guard let (node, captured) = candidates.first else { return .notFound }
        guard let target = node.methods[method] else { return .methodNotAllowed(allowed: node.methods.keys.sorted()) }
        var parameters: [String] = []
        parameters.reserveCapacity(captured.count)
        for raw in captured {
            guard let decoded = QueryParameters.percentDecode(raw, plusIsSpace: false), !decoded.isEmpty else {
                return .notFound
            }
            parameters.append(decoded)
        }
        return .found(target, parameters: parameters)
    }

    @inlinable
    func collect(
        _ node: Node, _ segments: ArraySlice<Substring>, captured: [Substring], into candidates: inout [(Node, [Substring])]
    ) {
        guard let segment = segments.first else {
            if !node.methods.isEmpty { candidates.append((node, captured)) }
            return
        }
        if let next = node.statics[String(segment)] {
            collect(next, segments.dropFirst(), captured: captured, into: &candidates)
        }
        if let next = node.parameter, !segment.isEmpty {
            collect(next, segments.dropFirst(), captured: captured + [segment], into: &candidates)
        }
    }
}
