import Backends
import Generated
import APIRuntime
import Accounts

/// `/api/v1/auth/*`: login, refresh rotation, logout and the current user.
public struct AuthHandler: AuthAPI {
    /// Logins are throttled by the service itself (`LoginThrottle`).
    let auth: AuthService

    public init(auth: AuthService) {
        self.auth = auth
    }

    public func login(_ input: LoginInput, context: RequestContext) async throws -> LoginOutput {
        let tokens = try await authorized(
            await auth.login(username: input.body.username, password: input.body.password, address: context.remoteAddress))
        return .ok(Self.response(tokens))
    }

    public func refreshToken(_ input: RefreshTokenInput, context: RequestContext) async throws -> RefreshTokenOutput {
        let tokens = try await authorized(await auth.refresh(input.body.refreshToken, address: context.remoteAddress))
        return .ok(Self.response(tokens))
    }

    public func logout(_ input: LogoutInput, context: RequestContext) async throws -> LogoutOutput {
        let identity = try Self.identity(of: context)
        try await authorized(await auth.logout(identity, address: context.remoteAddress))
        return .ok(SuccessResponse(success: true, message: "Logged out"))
    }

    public func getCurrentUser(_ input: GetCurrentUserInput, context: RequestContext) async throws -> GetCurrentUserOutput {
        let identity = try Self.identity(of: context)
        let user = try await authorized(await auth.user(id: identity.userID))
        return .ok(UsersHandler.dto(user))
    }

    static func response(_ tokens: IssuedTokens) -> TokenResponse {
        TokenResponse(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn, tokenType: .bearer)
    }

    /// The caller as the Security layer knows it (the router has already required a principal).
    static func identity(of context: RequestContext) throws(APIError) -> Identity {
        guard let principal = context.principal else { throw APIError(.missingToken) }
        return Identity(principal)
    }
}
