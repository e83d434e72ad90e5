import Backends
import Foundation

/// A change to a user, as an admin asks for it; nil fields stay as they are.
public struct UserChange: Sendable, Equatable {
    public var role: String?
    public var password: String?
    public var disabled: Bool?

    public init(role: String? = nil, password: String? = nil, disabled: Bool? = nil) {
        self.role = role
        self.password = password
        self.disabled = disabled
    }
}
