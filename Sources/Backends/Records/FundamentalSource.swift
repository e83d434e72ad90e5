/// The values of `symbol_fundamental.source` (`FundamentalRecord.source`): where a symbol's
/// fundamentals come from, so that made-up demo figures are never taken for real ones.
public enum FundamentalSource {
    /// Illustrative figures the server stores for the demo symbols on a database's first start.
    public static let demo = "demo"
    /// Figures loaded by `trading-server import-fundamentals`.
    public static let `import` = "import"
}
