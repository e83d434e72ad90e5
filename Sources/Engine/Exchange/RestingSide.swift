/// One side of a symbol's resting user orders in price-time priority: price levels, each a
/// FIFO queue of order slots.
///
/// Levels are kept worst first and best last (bids by rising price, asks by falling price), so
/// that what happens most often, a new order near the best price and a fill or a cancel at the
/// best, shifts few levels or none; a level is found by binary search, with no hashing.
struct RestingSide {
    let isBid: Bool
    /// Levels, worst first, best last.
    private(set) var levels: [Level] = []

    /// The orders resting at one price, oldest first from `head` (slots before it have left).
    struct Level {
        let price: Int64
        var slots: [Int]
        var head = 0

        var first: Int { slots[head] }
    }

    init(isBid: Bool) {
        self.isBid = isBid
    }

    var isEmpty: Bool { levels.isEmpty }

    /// The best price and its oldest order's slot.
    var best: (price: Int64, slot: Int)? { levels.last.map { ($0.price, $0.first) } }

    /// True when `price` is better than (or equal to) `other` for this side.
    func isAtLeastAsGood(_ price: Int64, as other: Int64) -> Bool {
        isBid ? price >= other : price <= other
    }

    /// The index of the level at `price`, or where it would go.
    private func search(_ price: Int64) -> (index: Int, found: Bool) {
        var low = 0, high = levels.count
        while low < high {
            let middle = (low + high) / 2
            let other = levels[middle].price
            if other == price { return (middle, true) }
            // Levels before `price` are the worse ones.
            if isBid ? other < price : other > price { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }

    mutating func insert(_ slot: Int, at price: Int64) {
        let (index, found) = search(price)
        if found {
            levels[index].slots.append(slot)
        } else {
            levels.insert(Level(price: price, slots: [slot]), at: index)
        }
    }

    mutating func remove(_ slot: Int, at price: Int64) {
        let (index, found) = search(price)
        guard found else { return }
        let head = levels[index].head
        if levels[index].slots[head] == slot {
            levels[index].head += 1
        } else {
            guard let position = levels[index].slots[head...].firstIndex(of: slot) else { return }
            levels[index].slots.remove(at: position)
        }
        if levels[index].head == levels[index].slots.count {
            levels.remove(at: index)
        } else if levels[index].head >= 32, levels[index].head * 2 >= levels[index].slots.count {
            // Drop the slots that left, once they are half the queue.
            levels[index].slots.removeFirst(levels[index].head)
            levels[index].head = 0
        }
    }
}
