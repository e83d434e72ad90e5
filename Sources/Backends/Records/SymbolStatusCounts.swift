/// Collection health of the symbol list, for `/dataset/symbols/stats`.
public struct SymbolStatusCounts: Sendable, Equatable {
    /// Every known symbol.
    public var total: Int
    /// Symbols still collected.
    public var active: Int
    /// Symbols switched off (status `inactive`), normally by three consecutive failures.
    public var deactivated: Int
    /// Active symbols one failure away from deactivation (with the threshold of 3: two failures).
    public var critical: Int
    /// Active symbols that failed, but less often than `critical` ones (with the threshold of 3: one failure).
    public var warning: Int
}
