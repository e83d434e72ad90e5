import Accounts

extension RoleHierarchy {
    /// The spec's roles as the tests name them (Accounts does not see the generated list).
    static let testRoles = RoleHierarchy(lowestFirst: ["viewer", "trader", "admin"])
}
