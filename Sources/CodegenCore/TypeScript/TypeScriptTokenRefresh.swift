/// How the client refreshes an expired access token: through the operation marked
/// `x-session: refresh`, whose body carries the refresh token and whose answer is the new pair.
struct TypeScriptTokenRefresh {
    /// The refresh method of the client.
    let methodName: String
    /// The arguments of the call, e.g. `{ refresh_token: refreshToken }`.
    let callArguments: String
    /// The type of the new pair.
    let tokenType: String
    /// `tokens.access_token`, `tokens.refresh_token`.
    let accessTokenMember: String
    let refreshTokenMember: String

    /// Nil when the spec has no usable refresh operation; the client then keeps no session.
    init?(context: TypeScriptContext) {
        guard let operation = context.operations.first(where: { $0.operation.session == .refresh }),
              operation.operation.requestBody != nil,
              operation.parameters.allSatisfy(TypeScriptOperation.isOptional),
              case .json(let tokenType) = operation.result,
              let body = operation.operation.requestBody.flatMap({ context.objectDefinition(of: $0.schema) }),
              let bodyToken = body.properties.first(where: { Naming.camelCase($0.name) == "refreshToken" }),
              body.properties.allSatisfy({ !$0.required || $0.name == bodyToken.name }),
              let pairSchema = operation.operation.responses.first(where: { (200..<300).contains($0.status) })?.schema,
              let pair = context.objectDefinition(of: pairSchema),
              let access = pair.properties.first(where: { Naming.camelCase($0.name) == "accessToken" }),
              let refresh = pair.properties.first(where: { Naming.camelCase($0.name) == "refreshToken" }),
              !access.schema.nullable, !refresh.schema.nullable
        else { return nil }
        methodName = operation.methodName
        let bodyLiteral = "{ \(TypeScriptSyntax.propertyKey(bodyToken.name)): refreshToken }"
        callArguments = (operation.paramsTypeName == nil ? "" : "{}, ") + bodyLiteral
        self.tokenType = tokenType
        accessTokenMember = TypeScriptSyntax.member("tokens", access.name)
        refreshTokenMember = TypeScriptSyntax.member("tokens", refresh.name)
    }
}
