/// A role of the spec with its level: the `Role` schema's `enum` values ranked by its
/// `x-role-levels` map (`viewer: 10`, …). A role includes every lower level; `public` (level
/// 0, no credentials) is implied and never listed.
public struct RoleLevel: Sendable, Equatable {
    /// The role name.
    public var name: String
    /// The level; higher includes lower.
    public var level: Int

    /// A role named `name` at `level`.
    public init(name: String, level: Int) {
        self.name = name
        self.level = level
    }
}
