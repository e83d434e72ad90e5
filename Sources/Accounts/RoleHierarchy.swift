
/// The roles users and keys can hold, lowest first; a role includes every lower one. The list
/// comes from the spec (the generated `AccessLevel` roles), handed in by the composition root,
/// so no role name is written here.
public struct RoleHierarchy: Sendable, Equatable {
    /// Every role name, lowest first.
    public let names: [String]

    /// A hierarchy of `names`, lowest first.
    public init(lowestFirst names: [String]) {
        self.names = names
    }

    /// The highest role (`admin`): the bootstrap user's, the one that manages everyone's keys.
    public var highest: String { names.last ?? "" }

    /// The rank of a role (nil for an unknown name).
    public func rank(_ role: String) -> Int? {
        names.firstIndex(of: role)
    }

    /// The lower of two roles (nil when either is unknown).
    public func lower(_ first: String, _ second: String) -> String? {
        guard let a = rank(first), let b = rank(second) else { return nil }
        return names[min(a, b)]
    }
}
