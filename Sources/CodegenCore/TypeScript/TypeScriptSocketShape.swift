/// What a WebSocket endpoint's client messages allow a generated socket class to do.
enum TypeScriptSocketShape: Equatable {
    /// The client message is a union discriminated by `tag`, with `subscribe` and
    /// `unsubscribe` variants holding a list of channel names, and maybe an `auth` variant
    /// holding a token (`/ws`).
    case channels(tag: String, channelsProperty: String, tokenProperty: String?)
    /// The client message is an object (or a union of objects) whose `action` property says
    /// subscribe or unsubscribe; the rest of it describes the subscription (`/ws/market`).
    case requests(actionProperty: String)
    /// Anything else: the class only sends and receives messages.
    case raw

    init(_ endpoint: WebSocketEndpoint, context: TypeScriptContext) {
        let message = Schema(.named(endpoint.clientMessage))
        switch context.namedDefinition(of: message) {
        case .union(let union)?:
            let variants = union.variants.compactMap { context.objectDefinition(of: Schema(.named($0))) }
            self = Self.channelsShape(union, context: context)
                ?? (variants.count == union.variants.count ? Self.requestsShape(variants, context: context) : nil)
                ?? .raw
        case .object(let object)?:
            self = Self.requestsShape([object], context: context) ?? .raw
        default:
            self = .raw
        }
    }

    /// `.requests` when every object has the same required property whose enum holds
    /// `subscribe` and `unsubscribe`.
    private static func requestsShape(_ objects: [ObjectDefinition], context: TypeScriptContext) -> TypeScriptSocketShape? {
        func isAction(_ property: Property) -> Bool {
            guard property.required, case .enumeration(let values)? = context.namedDefinition(of: property.schema)
            else { return false }
            return values.contains("subscribe") && values.contains("unsubscribe")
        }
        guard let first = objects.first else { return nil }
        let action = first.properties.first { candidate in
            isAction(candidate) && objects.allSatisfy { object in
                object.properties.contains { $0.name == candidate.name && isAction($0) }
            }
        }
        return action.map { .requests(actionProperty: $0.name) }
    }

    private static func channelsShape(_ union: UnionDefinition, context: TypeScriptContext) -> TypeScriptSocketShape? {
        guard let discriminator = union.discriminator else { return nil }
        func variant(_ value: String) -> ObjectDefinition? {
            discriminator.mapping.first(where: { $0.value == value })
                .flatMap { context.objectDefinition(of: Schema(.named($0.variant))) }
        }
        /// The one property besides the tag, when every other property is optional.
        func payload(of object: ObjectDefinition) -> Property? {
            let others = object.properties.filter { $0.name != discriminator.propertyName }
            let required = others.filter(\.required)
            return required.count <= 1 ? (required.first ?? others.first) : nil
        }
        guard let subscribe = variant("subscribe").flatMap(payload), let unsubscribe = variant("unsubscribe").flatMap(payload),
              subscribe.name == unsubscribe.name, isStringList(subscribe.schema, context: context),
              isStringList(unsubscribe.schema, context: context)
        else { return nil }
        var token: String?
        if let auth = variant("auth").flatMap(payload), auth.required, !auth.schema.nullable,
           context.valueKind(of: auth.schema) == .string, context.namedDefinition(of: auth.schema) == nil {
            token = auth.name
        }
        return .channels(tag: discriminator.propertyName, channelsProperty: subscribe.name, tokenProperty: token)
    }

    /// True for a non-null array of plain strings, which a list of channel names fits.
    private static func isStringList(_ schema: Schema, context: TypeScriptContext) -> Bool {
        guard !schema.nullable, case .array(let item) = schema.type, !item.nullable else { return false }
        if case .string = item.type, item.constraints.constant == nil { return true }
        if case .alias(let target)? = context.namedDefinition(of: item), case .string = target.type, !target.nullable,
           target.constraints.constant == nil {
            return true
        }
        return false
    }
}
