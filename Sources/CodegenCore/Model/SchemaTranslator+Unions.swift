/// The unions of the spec: `oneOf` over named object variants, told apart by a
/// discriminator whose values come from its `mapping` or from the variants' own `const` or
/// enum. OpenAPI lets several values name one variant (`Limit`, `StopLoss` → a priced order).
extension SchemaTranslator {
    /// A `oneOf` (or `anyOf`) of named object variants, with its discriminator when it has one.
    func translateUnion(_ variants: YAMLNode, node: YAMLNode, hint: String) throws(SpecError) -> UnionDefinition {
        guard let items = variants.sequence, !items.isEmpty else {
            throw SpecError("oneOf must be a non-empty list", at: variants.location)
        }
        var names: [String] = []
        for (index, item) in items.enumerated() {
            try defineReferencedComponent(item)
            let schema = try translate(item, hint: hint + "Variant\(index + 1)")
            guard case .named(let name) = schema.type else {
                throw SpecError("oneOf variants must be object schemas", at: item.location)
            }
            names.append(name)
        }
        guard let discriminatorNode = node["discriminator"] else {
            return UnionDefinition(variants: names, discriminator: nil)
        }
        guard let propertyName = discriminatorNode["propertyName"]?.string else {
            throw SpecError("discriminator needs a propertyName", at: discriminatorNode.location)
        }
        // OpenAPI lets several values map to one variant (`Limit`, `StopLoss` → a priced order).
        var explicit: [String: [String]] = [:]
        for pair in discriminatorNode["mapping"]?.mapping ?? [] {
            guard let value = pair.key.scalarText, let target = pair.value.string else {
                throw SpecError("discriminator mapping entries must be strings", at: pair.key.location)
            }
            let name = target.hasPrefix(Self.schemaPrefix) ? String(target.dropFirst(Self.schemaPrefix.count)) : target
            guard names.contains(name) else {
                throw SpecError("discriminator mapping '\(value)' names '\(target)', which is not a variant", at: pair.value.location)
            }
            if let allowed = allowedValues(of: propertyName, in: name), !allowed.contains(value) {
                throw SpecError("discriminator mapping '\(value)' names '\(name)', whose '\(propertyName)' does not allow "
                                + "'\(value)' (it allows \(allowed.joined(separator: ", ")))", at: pair.key.location)
            }
            explicit[name, default: []].append(value)
        }
        var mapping: [(value: String, variant: String)] = []
        for name in names {
            for value in explicit[name] ?? allowedValues(of: propertyName, in: name) ?? [name] {
                if mapping.contains(where: { $0.value == value }) {
                    throw SpecError("discriminator value '\(value)' names two variants", at: discriminatorNode.location)
                }
                mapping.append((value, name))
            }
        }
        return UnionDefinition(variants: names, discriminator: Discriminator(propertyName: propertyName, mapping: mapping))
    }

    /// Defines the component a `$ref` variant points at, so that its discriminator property can
    /// be read whatever the order of the components.
    private func defineReferencedComponent(_ item: YAMLNode) throws(SpecError) {
        guard let target = item["$ref"]?.string, target.hasPrefix(Self.schemaPrefix) else { return }
        let name = String(target.dropFirst(Self.schemaPrefix.count))
        guard definitions[name] == nil, let component = componentNodes.first(where: { $0.name == name }),
              building.insert(name).inserted else { return }
        defer { building.remove(name) }
        try define(component: name, node: component.node)
    }

    /// The values property `property` of variant `definition` may take, when its schema says
    /// (`const`, or a string enum), in spec order.
    private func allowedValues(of property: String, in definition: String) -> [String]? {
        guard case .object(let object)? = definitions[definition]?.definition,
              let schema = object.properties.first(where: { $0.name == property })?.schema else { return nil }
        if let constant = schema.constraints.constant { return [constant] }
        guard case .named(let enumName) = schema.type else { return nil }
        if case .enumeration(let values)? = definitions[enumName]?.definition { return values }
        // A component enum not translated yet: its values as written.
        guard definitions[enumName] == nil, let component = componentNodes.first(where: { $0.name == enumName }),
              component.node["$ref"] == nil, let values = component.node["enum"]?.sequence else { return nil }
        return values.filter { !$0.isNull }.compactMap(\.scalarText)
    }
}
