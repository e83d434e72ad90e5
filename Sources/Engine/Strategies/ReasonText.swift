import Primitives

/// Numbers written into signal reasons (`RSI 27.41 below 30`, `close 101.20 below lower band
/// 101.55`): prices at the symbol's tick, indicator values to two decimals, settings shortest.
/// A value that is not a finite number is written as Swift writes it, never converted.
enum ReasonText {
    /// `price` (quote currency) rounded to the ticks of `spec`, with all its digits.
    static func price(_ price: Double, _ spec: SymbolSpec) -> String {
        fixed(price, digits: spec.prices.digits)
    }

    /// `ticks` of `spec` as a price.
    static func price(ticks: Int64, _ spec: SymbolSpec) -> String {
        spec.prices.decimal(ticks).description
    }

    /// `value` with two decimals.
    static func number(_ value: Double) -> String {
        fixed(value, digits: 2)
    }

    /// A setting as a user wrote it: `30`, `0.5`.
    static func setting(_ value: Double) -> String {
        ConfigValue.number(value).text
    }

    private static func fixed(_ value: Double, digits: Int) -> String {
        let scaled = (value * UnitScale.power(digits)).rounded()
        guard scaled.isFinite, abs(scaled) < 1e18 else { return String(value) }
        return ExactDecimal(units: Int128(Int64(scaled)), scale: digits).description
    }
}
