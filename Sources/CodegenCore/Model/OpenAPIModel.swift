/// The whole spec as the emitters see it: schemas, operations, error codes and the
/// WebSocket protocol, each in spec order.
public struct OpenAPIModel: Sendable, Equatable {
    public var title: String
    public var version: String
    public var tags: [Tag]
    /// Named definitions: components first, then hoisted inline ones.
    public var schemas: [NamedSchema]
    public var operations: [Operation]
    /// The `ErrorCode` enumeration with HTTP status and default message of each code.
    public var errorCodes: [ErrorCodeInfo]
    public var webSockets: [WebSocketEndpoint]
    /// The roles of the `Role` schema with their levels (`x-role-levels`), lowest first.
    public var roles: [RoleLevel] = []

    /// The definition of a schema name.
    public func schema(named name: String) -> NamedSchema? {
        schemas.first(where: { $0.name == name })
    }
}
