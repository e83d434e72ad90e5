extension StrategyDescriptor {
    /// Checks that the type trades as many symbols as `symbols` holds, so that a strategy is
    /// never made for a count its rule cannot index.
    public func checkSymbols(_ symbols: [SymbolSpec]) throws(StrategyError) {
        guard self.symbols.contains(symbols.count) else {
            let range = self.symbols.count == 1 ? "\(self.symbols.lowerBound)" : "\(self.symbols.lowerBound) to \(self.symbols.upperBound)"
            throw StrategyError("\(type) trades \(range) symbol\(self.symbols.upperBound == 1 ? "" : "s"), got \(symbols.count)")
        }
    }
}
