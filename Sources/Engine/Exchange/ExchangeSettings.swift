import Primitives

/// The paper exchange's terms: maker and taker fees in basis points of the notional, how far
/// a market order may walk the book from the best price (basis points), the most open
/// positions, and the account's starting balances.
public struct ExchangeSettings: Sendable, Equatable {
    public var makerFeeBasisPoints: Int64
    public var takerFeeBasisPoints: Int64
    public var maxSlippageBasisPoints: Int64
    public var maxPositions: Int
    public var startingBalances: [String: ExactDecimal]

    public static let defaultStartingBalances: [String: ExactDecimal] = [
        "USDT": ExactDecimal(100_000), "USD": ExactDecimal(100_000), "KRW": ExactDecimal(100_000_000),
    ]

    public init(makerFeeBasisPoints: Int64 = 2, takerFeeBasisPoints: Int64 = 5, maxSlippageBasisPoints: Int64 = 500,
                maxPositions: Int = 100, startingBalances: [String: ExactDecimal] = defaultStartingBalances) {
        self.makerFeeBasisPoints = makerFeeBasisPoints
        self.takerFeeBasisPoints = takerFeeBasisPoints
        self.maxSlippageBasisPoints = maxSlippageBasisPoints
        self.maxPositions = maxPositions
        self.startingBalances = startingBalances
    }
}
