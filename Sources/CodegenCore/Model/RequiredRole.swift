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
