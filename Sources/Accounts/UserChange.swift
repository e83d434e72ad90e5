import Backends
import Foundation

/// A change to a user, as an admin asks for it; nil fields stay as they are.
public struct UserChange: Sendable, Equatable {
    public var role: String?
    public var password: String?
    public var disabled: Bool?
    /// The caller's current password: required when `password` changes the caller's own
    /// account (so that a stolen token cannot take the account over), ignored otherwise.
    public var currentPassword: String?

    public init(role: String? = nil, password: String? = nil, disabled: Bool? = nil, currentPassword: String? = nil) {
        self.role = role
        self.password = password
        self.disabled = disabled
        self.currentPassword = currentPassword
    }
}
