/// A role level of the API: a level includes every lower one. The levels themselves (their
/// names and ranks) come from the spec: the generated code declares one static member per role
/// of the `Role` schema (`x-role-levels`) plus `public`, which needs no credentials.
public struct AccessLevel: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The role name (`viewer`, `trader`, `admin`), or `public`.
    public let name: String
    /// The level's rank: a caller reaches every operation whose rank is not above its own.
    public let rank: Int

    /// A level named `name` at `rank` (for the generated role list).
    public init(name: String, rank: Int) {
        self.name = name
        self.rank = rank
    }

    public static func < (lhs: AccessLevel, rhs: AccessLevel) -> Bool { lhs.rank < rhs.rank }

    public var description: String { name }
}
