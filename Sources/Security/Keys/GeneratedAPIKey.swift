import Primitives

/// A newly generated API key, shown to its owner once.
public struct GeneratedAPIKey: Sendable, Equatable {
    /// The full key, `tsk_<prefix>_<secret>`: the only time it exists in clear.
    public let key: String
    /// The 8-character prefix to store and show in key listings.
    public let prefix: String
    /// The value to store and look up (`APIKeySecret.hash(key)`).
    public let hash: String
}
