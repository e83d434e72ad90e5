/// What a symbol sync did (`DatasetService.sync`).
public struct SymbolSyncResult: Sendable, Equatable {
    /// The provider's name.
    public var provider: String
    /// Symbols new to the list.
    public var added: Int
    /// Known symbols whose listing was refreshed.
    public var updated: Int
    /// Active symbols the provider no longer lists, now deactivated.
    public var deactivated: Int
    /// Symbols known after the sync, in the markets it covered.
    public var total: Int
}
