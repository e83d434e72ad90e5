@testable import CodegenCore

extension RequiredRole {
    /// The roles of the test specs (the generator itself knows only `public`).
    static let viewer = RequiredRole(rawValue: "viewer")
    static let trader = RequiredRole(rawValue: "trader")
    static let admin = RequiredRole(rawValue: "admin")
}
