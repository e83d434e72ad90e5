/// The market a symbol trades in, as the spec's `Market` spells it.
public enum MarketKind: String, Sendable, CaseIterable {
    case kr = "KR", us = "US", crypto = "CRYPTO", fx = "FX"
}
