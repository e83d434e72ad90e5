import Foundation

/// Resolves local references (`#/components/parameters/Limit`) inside the spec.
enum JSONPointer {
    static func resolve(_ reference: String, in document: YAMLNode, at location: SourceLocation) throws(SpecError) -> YAMLNode {
        guard reference.hasPrefix("#/") else {
            throw SpecError("only local references ('#/...') are supported, found '\(reference)'", at: location)
        }
        var node = document
        for rawToken in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let token = rawToken.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let pairs = node.mapping, let next = pairs.first(where: { $0.key.scalarText == token })?.value {
                node = next
            } else if let items = node.sequence, let index = Int(token), items.indices.contains(index) {
                node = items[index]
            } else {
                throw SpecError("unresolved $ref '\(reference)'", at: location)
            }
        }
        return node
    }

    /// Follows `$ref` chains of non-schema objects (parameters, responses, request bodies).
    static func follow(_ node: YAMLNode, in document: YAMLNode) throws(SpecError) -> YAMLNode {
        var current = node
        var seen: Set<String> = []
        while let ref = current["$ref"] {
            guard let target = ref.string else { throw SpecError("$ref must be a string", at: ref.location) }
            guard seen.insert(target).inserted else { throw SpecError("$ref cycle through '\(target)'", at: ref.location) }
            current = try resolve(target, in: document, at: ref.location)
        }
        return current
    }
}
