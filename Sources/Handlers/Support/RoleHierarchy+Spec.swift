import APIRuntime
import Accounts
import Generated

extension RoleHierarchy {
    /// The roles of the spec (the `Role` schema's levels, generated as `AccessLevel.roles`).
    public static let spec = RoleHierarchy(lowestFirst: AccessLevel.roles.map(\.name))
}
