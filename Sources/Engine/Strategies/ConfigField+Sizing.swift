extension ConfigField {
    /// `order_pct`: an order's value as a percentage of the quote asset's total balance, the
    /// sizing every built-in type shares (0.01–100).
    public static func orderPercent(_ defaultValue: Double, _ description: String = "Each buy's value as a percentage of the quote asset's total balance.")
        -> ConfigField {
        .number("order_pct", defaultValue, min: 0.01, max: 100, description)
    }
}
