import Backends
import Generated
import Security
import APIRuntime
import Accounts
import Primitives

/// `/api/v1/api-keys`: the caller's API keys (an admin's list and revocations cover everyone's).
public struct APIKeysHandler: ApiKeysAPI {
    let auth: AuthService

    public init(auth: AuthService) {
        self.auth = auth
    }

    public func listApiKeys(_ input: ListApiKeysInput, context: RequestContext) async throws -> ListApiKeysOutput {
        let caller = try AuthHandler.identity(of: context)
        let keys = try await authorized(await auth.listAPIKeys(for: caller))
        return .ok(ApiKeyList(apiKeys: keys.map(Self.dto), total: keys.count))
    }

    public func createApiKey(_ input: CreateApiKeyInput, context: RequestContext) async throws -> CreateApiKeyOutput {
        let caller = try AuthHandler.identity(of: context)
        var expiry: Int?
        if let text = input.body.expiresAt {
            guard let parsed = Timestamp.epochMilliseconds(iso8601: text) else {
                throw APIError.validation([FieldIssue("body.expires_at", "must be an ISO 8601 date-time")])
            }
            expiry = parsed
        }
        let expiresAt = expiry
        let created = try await authorized(
            await auth.createAPIKey(owner: caller, name: input.body.name, role: input.body.role.rawValue, expiresAt: expiresAt,
                                    address: context.remoteAddress))
        let key = Self.dto(created.record)
        return .created(CreatedApiKey(id: key.id, name: key.name, role: key.role, prefix: key.prefix, userId: key.userId,
                                      createdAt: key.createdAt, expiresAt: key.expiresAt, lastUsedAt: key.lastUsedAt, key: created.key))
    }

    public func deleteApiKey(_ input: DeleteApiKeyInput, context: RequestContext) async throws -> DeleteApiKeyOutput {
        let caller = try AuthHandler.identity(of: context)
        try await authorized(await auth.revokeAPIKey(id: input.id, caller: caller, address: context.remoteAddress))
        return .ok(SuccessResponse(success: true, message: "API key revoked"))
    }

    static func dto(_ key: APIKeyRecord) -> ApiKey {
        ApiKey(id: key.id, name: key.name, role: Role(rawValue: key.role) ?? .viewer, prefix: key.prefix, userId: key.userID,
               createdAt: Timestamp.iso8601(epochMilliseconds: key.createdAt),
               expiresAt: key.expiresAt.map { Timestamp.iso8601(epochMilliseconds: $0) },
               lastUsedAt: key.lastUsedAt.map { Timestamp.iso8601(epochMilliseconds: $0) })
    }
}
