extension Bar {
    /// A candle a strategy can decide on: prices above zero, open and close within low…high.
    /// The built-in types skip any other (a zero price from a broken feed must neither move
    /// an indicator nor size an order).
    public var isWellFormed: Bool {
        low > 0 && low <= high && (low...high).contains(open) && (low...high).contains(close)
    }
}
