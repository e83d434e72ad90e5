import Primitives

/// How many decimal digits each asset of the account keeps: enough for every symbol that uses
/// it, so no amount is ever rounded except fees. A quote asset keeps price digits plus quantity
/// digits of its finest symbol (USDT: 2 + 8 = 10), a base asset the quantity digits (BTC: 8).
public struct AssetScales: Sendable, Equatable {
    private var digits: [String: Int]

    /// The scales an account trading `symbols` needs; `extra` assets (starting balances with
    /// no symbol yet) get 2 digits unless a symbol needs more.
    public init(symbols: [SymbolSpec], extra: [String] = []) {
        var digits: [String: Int] = [:]
        for asset in extra { digits[asset] = 2 }
        for spec in symbols {
            let (base, quote) = TradingPair.assets(of: spec)
            digits[base] = max(digits[base] ?? 0, spec.quantities.digits)
            digits[quote] = max(digits[quote] ?? 0, min(ExactDecimal.maximumScale, spec.prices.digits + spec.quantities.digits))
        }
        self.digits = digits
    }

    /// The digits of `asset` (0 for one no symbol uses).
    public func digits(of asset: String) -> Int { digits[asset] ?? 0 }

    /// Every asset with a scale.
    public var assets: [String] { digits.keys.sorted() }

    /// `amount` of `asset` as a decimal with the asset's digits.
    public func decimal(_ amount: Int128, of asset: String) -> ExactDecimal {
        ExactDecimal(units: amount, scale: digits(of: asset))
    }

    /// `value` in units of `asset`; nil when it has more digits than the asset keeps.
    public func units(_ value: ExactDecimal, of asset: String) -> Int128? {
        let scaled = value.rescaled(to: digits(of: asset))
        return scaled == value ? scaled.units : nil
    }

    /// 10^exponent (exponent ≥ 0).
    static func power(_ exponent: Int) -> Int128 {
        precondition(exponent >= 0, "an asset keeps fewer digits than a symbol using it")
        var value: Int128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
