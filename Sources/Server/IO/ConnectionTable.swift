/// A loop's connections by id: open addressing with linear probing over a power-of-two table,
/// the slot picked by Fibonacci hashing of the id (ids are handed out in sequence, which this
/// spreads evenly). A fan-out looks up every subscriber of every published message here, so
/// the lookup is a multiply, a shift and usually one comparison, where `Dictionary` hashed each
/// id with SipHash (a twentieth of the loop's time at two million deliveries a second).
/// Removal shifts the following entries of the run back, so there are no tombstones. Ids are
/// never 0 (the empty slot's key).
struct ConnectionTable<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private var shift: UInt64
    private(set) var count = 0

    init() {
        keys = [UInt64](repeating: 0, count: 16)
        values = [Value?](repeating: nil, count: 16)
        shift = 64 - 4
    }

    var isEmpty: Bool { count == 0 }

    /// Every value, in table order.
    var all: [Value] { values.compactMap { $0 } }

    private var mask: Int { keys.count - 1 }

    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func slot(_ key: UInt64) -> (index: Int, found: Bool) {
        var index = home(key)
        while true {
            let stored = keys[index]
            if stored == key { return (index, true) }
            if stored == 0 { return (index, false) }
            index = (index + 1) & mask
        }
    }

    subscript(key: UInt64) -> Value? {
        get {
            precondition(key != 0, "connection ids are never 0")
            let (index, found) = slot(key)
            return found ? values[index] : nil
        }
        set {
            guard let newValue else {
                removeValue(forKey: key)
                return
            }
            precondition(key != 0, "connection ids are never 0")
            var (index, found) = slot(key)
            if !found {
                // At most half full, so probe runs stay short and an empty slot always exists.
                if (count + 1) * 2 > keys.count {
                    grow()
                    index = slot(key).index
                }
                keys[index] = key
                count += 1
            }
            values[index] = newValue
        }
    }

    @discardableResult
    mutating func removeValue(forKey key: UInt64) -> Value? {
        guard key != 0 else { return nil }
        let (found, present) = slot(key)
        guard present else { return nil }
        let removed = values[found]
        keys[found] = 0
        values[found] = nil
        count -= 1
        // Backward-shift: move later entries of the run into the hole when their home allows,
        // so every entry stays reachable from its home without tombstones.
        var hole = found
        var index = (found + 1) & mask
        while keys[index] != 0 {
            let home = home(keys[index])
            // The entry may move into the hole unless its home lies cyclically in (hole, index].
            let distanceToIndex = (index - home) & mask
            let distanceToHole = (hole - home) & mask
            if distanceToHole < distanceToIndex {
                keys[hole] = keys[index]
                values[hole] = values[index]
                keys[index] = 0
                values[index] = nil
                hole = index
            }
            index = (index + 1) & mask
        }
        return removed
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Value?](repeating: nil, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != 0 {
            let index = slot(key).index
            keys[index] = key
            values[index] = value
            count += 1
        }
    }
}
