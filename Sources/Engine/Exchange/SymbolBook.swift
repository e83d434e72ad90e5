/// The paper exchange's view of one symbol: the synthetic depth the market offers (levels are
/// used up as orders take them, until the market makes the book again), the account's resting
/// limit orders in price-time priority, and its orders waiting for a trigger.
final class SymbolBook {
    let spec: SymbolSpec
    let pair: TradingPair
    /// The account's indices of its base and quote assets.
    let baseAsset: Int
    let quoteAsset: Int
    @exclusivity(unchecked) var synthetic = L2Book(bids: [], asks: [])
    /// Synthetic levels already used up from the best, per side, and whether any depth was taken.
    @exclusivity(unchecked) var usedBids = 0
    @exclusivity(unchecked) var usedAsks = 0
    @exclusivity(unchecked) var depthTaken = false
    @exclusivity(unchecked) var bids = RestingSide(isBid: true)
    @exclusivity(unchecked) var asks = RestingSide(isBid: false)
    /// Slots of StopLoss / TakeProfit orders waiting for their trigger, oldest first.
    @exclusivity(unchecked) var triggers: [Int] = []
    /// The last trade price (ticks), what triggers compare with.
    @exclusivity(unchecked) var lastPrice: Int64 = 0

    init(spec: SymbolSpec, pair: TradingPair, baseAsset: Int, quoteAsset: Int) {
        self.spec = spec
        self.pair = pair
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
    }

    /// The best synthetic price an order of `side` would take (asks for a buy).
    func bestOpposite(for side: OrderSide) -> Int64? {
        side == .buy ? (usedAsks < synthetic.asks.count ? synthetic.asks[usedAsks].price : nil)
            : (usedBids < synthetic.bids.count ? synthetic.bids[usedBids].price : nil)
    }

    /// The first synthetic level an order of `side` can take at or within `limit` (a buy: price
    /// at most `limit`), from the best; nil when none is left.
    func nextTakeable(for side: OrderSide, within limit: Int64) -> (index: Int, price: Int64, quantity: Int64)? {
        if side == .buy {
            guard usedAsks < synthetic.asks.count, synthetic.asks[usedAsks].price <= limit else { return nil }
            return (usedAsks, synthetic.asks[usedAsks].price, synthetic.asks[usedAsks].quantity)
        }
        guard usedBids < synthetic.bids.count, synthetic.bids[usedBids].price >= limit else { return nil }
        return (usedBids, synthetic.bids[usedBids].price, synthetic.bids[usedBids].quantity)
    }

    /// The quantity an order of `side` could take at or within `limit`, and what it would pay
    /// (Σ price × quantity, notional units) for up to `wanted` lots; nothing is used up.
    func available(for side: OrderSide, within limit: Int64, wanted: Int64) -> (quantity: Int64, notional: Int128) {
        var quantity: Int64 = 0
        var notional: Int128 = 0
        let levels = side == .buy ? synthetic.asks : synthetic.bids
        var index = side == .buy ? usedAsks : usedBids
        while index < levels.count, quantity < wanted {
            let level = levels[index]
            guard side == .buy ? level.price <= limit : level.price >= limit else { break }
            let taken = min(level.quantity, wanted - quantity)
            quantity += taken
            notional += Int128(level.price) * Int128(taken)
            index += 1
        }
        return (quantity, notional)
    }

    /// Uses up `quantity` of the synthetic level `index` on the side an order of `side` takes.
    func use(_ quantity: Int64, at index: Int, for side: OrderSide) {
        depthTaken = true
        if side == .buy {
            synthetic.asks[index].quantity -= quantity
            while usedAsks < synthetic.asks.count && synthetic.asks[usedAsks].quantity <= 0 { usedAsks += 1 }
        } else {
            synthetic.bids[index].quantity -= quantity
            while usedBids < synthetic.bids.count && synthetic.bids[usedBids].quantity <= 0 { usedBids += 1 }
        }
    }

    /// The synthetic depth left (what `GET /market/orderbook` and the streams show).
    var remainingDepth: L2Book {
        L2Book(bids: Array(synthetic.bids[usedBids...]).filter { $0.quantity > 0 },
               asks: Array(synthetic.asks[usedAsks...]).filter { $0.quantity > 0 })
    }
}
