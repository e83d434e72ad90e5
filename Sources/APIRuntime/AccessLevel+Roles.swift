// Temporary until the generator emits the role list from the spec.
extension AccessLevel {
    public static let `public` = AccessLevel(name: "public", rank: 0)
    public static let viewer = AccessLevel(name: "viewer", rank: 10)
    public static let trader = AccessLevel(name: "trader", rank: 50)
    public static let admin = AccessLevel(name: "admin", rank: 100)
    public static let roles: [AccessLevel] = [.viewer, .trader, .admin]
    public init?(roleName: String) {
        guard let level = Self.roles.first(where: { $0.name == roleName }) else { return nil }
        self = level
    }
}
