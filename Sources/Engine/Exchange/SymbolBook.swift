/// The paper exchange's view of one symbol: the synthetic depth the market offers (levels are
/// used up as orders take them, until the market makes the book again), the account's resting
/// limit orders in price-time priority, and its orders waiting for a trigger.
struct SymbolBook {
    let spec: SymbolSpec
    let pair: TradingPair
    var synthetic = L2Book(bids: [], asks: [])
    /// Synthetic levels already used up from the best, per side.
    var usedBids = 0
    var usedAsks = 0
    var bids = RestingSide(isBid: true)
    var asks = RestingSide(isBid: false)
    /// Slots of StopLoss / TakeProfit orders waiting for their trigger, oldest first.
    var triggers: [Int] = []
    /// The last trade price (ticks), what triggers compare with.
    var lastPrice: Int64 = 0

    init(spec: SymbolSpec, pair: TradingPair) {
        self.spec = spec
        self.pair = pair
    }

    /// The best synthetic price an order of `side` would take (asks for a buy).
    func bestOpposite(for side: OrderSide) -> Int64? {
        side == .buy ? (usedAsks < synthetic.asks.count ? synthetic.asks[usedAsks].price : nil)
            : (usedBids < synthetic.bids.count ? synthetic.bids[usedBids].price : nil)
    }

    /// The synthetic levels an order of `side` can take while their price is within `limit`
    /// (a buy: at most `limit`), as (index, price, quantity) from the best; nothing is used up.
    func takeable(for side: OrderSide, within limit: Int64) -> [(index: Int, price: Int64, quantity: Int64)] {
        var levels: [(Int, Int64, Int64)] = []
        if side == .buy {
            for index in usedAsks..<synthetic.asks.count where synthetic.asks[index].price <= limit {
                levels.append((index, synthetic.asks[index].price, synthetic.asks[index].quantity))
            }
        } else {
            for index in usedBids..<synthetic.bids.count where synthetic.bids[index].price >= limit {
                levels.append((index, synthetic.bids[index].price, synthetic.bids[index].quantity))
            }
        }
        return levels
    }

    /// Uses up `quantity` of the synthetic level `index` on the side an order of `side` takes.
    mutating func use(_ quantity: Int64, at index: Int, for side: OrderSide) {
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
