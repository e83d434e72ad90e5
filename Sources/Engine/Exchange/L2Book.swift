/// A level-2 book: bids from the best (highest) down, asks from the best (lowest) up. The
/// synthetic book the paper exchange matches against is made around the feed price.
public struct L2Book: Sendable, Equatable {
    public var bids: [BookLevel]
    public var asks: [BookLevel]

    public init(bids: [BookLevel], asks: [BookLevel]) {
        self.bids = bids
        self.asks = asks
    }

    /// Synthetic depth around `mid` (ticks): the spread straddles it, levels step away from
    /// it, sizes are drawn from `random` around `settings.meanLots` and grow with the distance.
    /// Levels that would reach a price of zero or less are left out.
    public static func synthetic(around mid: Int64, _ settings: DepthSettings, random: inout SeededRandom) -> L2Book {
        let spread = max(1, settings.spreadTicks)
        let step = max(1, settings.stepTicks)
        let bestBid = mid - spread / 2
        let bestAsk = bestBid + spread
        func size(_ depth: Int) -> Int64 {
            let mean = Double(max(1, settings.meanLots)) * (1 + 0.1 * Double(depth))
            return max(1, Int64((mean * (0.5 + random.nextUnit())).rounded()))
        }
        var bids: [BookLevel] = []
        var asks: [BookLevel] = []
        for depth in 0..<max(0, settings.levels) {
            let bid = bestBid - Int64(depth) * step
            if bid > 0 { bids.append(BookLevel(price: bid, quantity: size(depth))) }
            asks.append(BookLevel(price: bestAsk + Int64(depth) * step, quantity: size(depth)))
        }
        return L2Book(bids: bids, asks: asks)
    }

    /// The first `depth` levels of each side.
    public func top(_ depth: Int) -> L2Book {
        L2Book(bids: Array(bids.prefix(max(0, depth))), asks: Array(asks.prefix(max(0, depth))))
    }

    /// True when both sides are sorted away from the spread and the book is not crossed.
    public var isWellFormed: Bool {
        let sorted = zip(bids, bids.dropFirst()).allSatisfy { $0.price > $1.price }
            && zip(asks, asks.dropFirst()).allSatisfy { $0.price < $1.price }
        let crossed = (bids.first?.price ?? .min) >= (asks.first?.price ?? .max)
        return sorted && !crossed && (bids + asks).allSatisfy { $0.quantity > 0 && $0.price > 0 }
    }
}
