import Foundation

/// A media type as written in a `Content-Type` header or as a key of an OpenAPI `content`
/// map: `type/subtype` plus parameters (`text/plain; version=0.0.4`).
struct MediaType: Equatable, CustomStringConvertible {
    /// `type/subtype`, lower case.
    let essence: String
    /// Parameters by lower-case name, values unquoted.
    let parameters: [String: String]

    /// Parses `text`; nil when it has no `type/subtype`.
    init?(_ text: String) {
        let parts = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, first.split(separator: "/").count == 2 else { return nil }
        essence = first.lowercased()
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { return nil }
            parameters[pair[0].lowercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        self.parameters = parameters
    }

    /// Whether a response of this type is what `documented` promises: the same essence (or
    /// a `*` range) and every parameter `documented` names with the same value; other
    /// parameters (a `charset`) may be added.
    func satisfies(_ documented: MediaType) -> Bool {
        let (type, subtype) = Self.halves(essence)
        let (wantedType, wantedSubtype) = Self.halves(documented.essence)
        guard wantedType == "*" || (wantedType == type && (wantedSubtype == "*" || wantedSubtype == subtype)) else { return false }
        return documented.parameters.allSatisfy { name, value in parameters[name]?.lowercased() == value.lowercased() }
    }

    /// Whether the body is JSON (`application/json` or a `+json` type).
    var isJSON: Bool {
        essence == "application/json" || essence.hasSuffix("+json")
    }

    /// A YAML body (`application/yaml`, `text/yaml`, `…+yaml`): read as the JSON it stands for.
    var isYAML: Bool {
        essence == "application/yaml" || essence == "text/yaml" || essence.hasSuffix("+yaml")
    }

    var description: String {
        ([essence] + parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }).joined(separator: "; ")
    }

    private static func halves(_ essence: String) -> (Substring, Substring) {
        let parts = essence.split(separator: "/", maxSplits: 1)
        return (parts[0], parts[1])
    }
}
