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

/// A tag of the spec: one handler protocol per tag.
public struct Tag: Sendable, Equatable {
    public var name: String
    public var description: String?
}

/// The role an operation, WebSocket endpoint or channel requires (`x-required-role`): `public`
/// or one of the spec's roles (`RoleLevel`).
public struct RequiredRole: RawRepresentable, Sendable, Hashable {
    /// The role name as the spec writes it.
    public var rawValue: String

    /// The role named `rawValue`.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// No credentials needed.
    public static let `public` = RequiredRole(rawValue: "public")
}

/// An HTTP operation.
public struct Operation: Sendable, Equatable {
    public var id: String
    /// Upper-case HTTP method.
    public var method: String
    /// The path template, e.g. `/api/v1/orders/{id}`.
    public var path: String
    public var tag: String
    public var summary: String?
    public var description: String?
    public var requiredRole: RequiredRole
    public var rateClass: String
    public var errorCodes: [String]
    public var parameters: [Parameter]
    public var requestBody: RequestBody?
    public var responses: [Response]
}

/// Where a parameter travels.
public enum ParameterLocation: String, Sendable, Equatable {
    case path, query, header
}

/// A path, query or header parameter.
public struct Parameter: Sendable, Equatable {
    public var name: String
    public var location: ParameterLocation
    public var required: Bool
    public var schema: Schema
    /// `explode: false` on an array query parameter: one comma-separated value.
    public var commaSeparated: Bool
    public var description: String?
}

/// A request body.
public struct RequestBody: Sendable, Equatable {
    public var required: Bool
    public var contentType: String
    public var schema: Schema
}

/// One documented response.
public struct Response: Sendable, Equatable {
    public var status: Int
    public var description: String
    /// nil for a response without a body.
    public var contentType: String?
    public var schema: Schema?
    /// True when the body is the shared error schema.
    public var isError: Bool
    public var headers: [String]
}

/// An error code with its HTTP status and default message.
public struct ErrorCodeInfo: Sendable, Equatable {
    public var code: String
    public var status: Int
    public var message: String
}

/// A WebSocket endpoint from the `x-websocket` extension.
public struct WebSocketEndpoint: Sendable, Equatable {
    public var path: String
    public var summary: String?
    public var requiredRole: RequiredRole
    /// Name of the definition of messages clients send.
    public var clientMessage: String
    /// Name of the definition of messages the server sends.
    public var serverMessage: String
    public var channels: [WebSocketChannel]
}

/// A channel a WebSocket client can subscribe to; `{name}` segments are parameters.
public struct WebSocketChannel: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var messages: [String]
    public var requiredRole: RequiredRole
}
