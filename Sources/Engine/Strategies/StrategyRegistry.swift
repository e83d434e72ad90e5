/// Every strategy type the server runs, by the spec's `StrategyType` value.
public enum StrategyRegistry {
    /// The types, in the spec's order.
    public static let types: [any Strategy.Type] = [
        GridStrategy.self, RSIStrategy.self, BollingerStrategy.self, SMACrossoverStrategy.self,
        VolatilityBreakoutStrategy.self, MagicSplitStrategy.self, InfinityBotStrategy.self, RangeTradingStrategy.self,
        DualMomentumStrategy.self, AllWeatherStrategy.self, HAAStrategy.self,
    ]

    /// Every type's descriptor, in the spec's order.
    public static var descriptors: [StrategyDescriptor] { types.map { $0.descriptor } }

    /// The type named `name`, or nil.
    public static func type(named name: String) -> (any Strategy.Type)? {
        types.first { $0.descriptor.type == name }
    }
}
