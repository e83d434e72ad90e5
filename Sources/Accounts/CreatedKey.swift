import Backends
import Foundation

/// An API key just created: the record, and the secret shown this once.
public struct CreatedKey: Sendable, Equatable {
    public var record: APIKeyRecord
    public var key: String
}
