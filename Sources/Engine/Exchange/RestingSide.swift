/// One side of a symbol's resting user orders in price-time priority: price levels best first
/// (bids highest, asks lowest), each a FIFO queue of order slots.
struct RestingSide {
    let isBid: Bool
    /// Prices best first.
    private(set) var prices: [Int64] = []
    private(set) var queues: [Int64: [Int]] = [:]

    init(isBid: Bool) {
        self.isBid = isBid
    }

    var isEmpty: Bool { prices.isEmpty }

    /// True when `price` is better than (or equal to) `other` for this side.
    func isAtLeastAsGood(_ price: Int64, as other: Int64) -> Bool {
        isBid ? price >= other : price <= other
    }

    mutating func insert(_ slot: Int, at price: Int64) {
        if queues[price] != nil {
            queues[price]!.append(slot)
            return
        }
        queues[price] = [slot]
        // Binary search for the first price worse than `price`.
        var low = 0, high = prices.count
        while low < high {
            let middle = (low + high) / 2
            if isAtLeastAsGood(prices[middle], as: price) { low = middle + 1 } else { high = middle }
        }
        prices.insert(price, at: low)
    }

    mutating func remove(_ slot: Int, at price: Int64) {
        guard var queue = queues[price], let index = queue.firstIndex(of: slot) else { return }
        queue.remove(at: index)
        if queue.isEmpty {
            queues[price] = nil
            if let position = prices.firstIndex(of: price) { prices.remove(at: position) }
        } else {
            queues[price] = queue
        }
    }
}
