import Backends
import Generated
import APIRuntime
import Accounts
import Primitives

/// `/api/v1/users`: user management for admins (the router enforces the role).
public struct UsersHandler: UsersAPI {
    let auth: AuthService

    /// Checks of a caller's current password go through the service's login throttle.
    public init(auth: AuthService) {
        self.auth = auth
    }

    public func listUsers(_ input: ListUsersInput, context: RequestContext) async throws -> ListUsersOutput {
        let (users, total) = try await authorized(await auth.listUsers(limit: input.limit, offset: input.offset))
        return .ok(UserList(users: users.map(Self.dto), total: total))
    }

    public func createUser(_ input: CreateUserInput, context: RequestContext) async throws -> CreateUserOutput {
        let actor = try AuthHandler.identity(of: context)
        let user = try await authorized(
            await auth.createUser(username: input.body.username, password: input.body.password, role: input.body.role.rawValue,
                                  actor: actor.username, address: context.remoteAddress))
        return .created(Self.dto(user))
    }

    public func updateUser(_ input: UpdateUserInput, context: RequestContext) async throws -> UpdateUserOutput {
        let actor = try AuthHandler.identity(of: context)
        let change = UserChange(role: input.body.role?.rawValue, password: input.body.password, disabled: input.body.disabled,
                                currentPassword: input.body.currentPassword)
        let user = try await authorized(await auth.updateUser(id: input.id, change, actor: actor, address: context.remoteAddress))
        return .ok(Self.dto(user))
    }

    public func deleteUser(_ input: DeleteUserInput, context: RequestContext) async throws -> DeleteUserOutput {
        let actor = try AuthHandler.identity(of: context)
        try await authorized(await auth.deleteUser(id: input.id, actor: actor, address: context.remoteAddress))
        return .ok(SuccessResponse(success: true, message: "User deleted"))
    }

    static func dto(_ user: UserRecord) -> User {
        User(id: user.id, username: user.username, role: Role(rawValue: user.role) ?? .viewer, disabled: user.disabled,
             createdAt: Timestamp.iso8601(epochMilliseconds: user.createdAt))
    }
}
