import Engine

/// Finds the market's symbol a client named, in either form (`BTC/USDT`, `btc-usdt`); nil for a
/// symbol the market does not have. The composition root passes `MarketService.resolve`, so
/// the WebSocket sessions refuse channels of unknown symbols without reaching into the engine.
public typealias SymbolResolver = @Sendable (String) -> SymbolSpec?
