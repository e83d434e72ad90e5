/// Candles waiting for persistence while the previous batch is still being written. One entry
/// per series and candle start (the newest state of a forming candle replaces older ones), so
/// it stays bounded by the number of distinct candles, however long the store stalls; beyond
/// `limit` the oldest closed candles are given up and counted.
struct PendingCandles {
    private struct Key: Hashable {
        var symbol: SymbolKey
        var interval: CandleInterval
        var start: Int
    }

    private var entries: [Key: CandleWrite] = [:]
    private var order: [Key] = []
    let limit: Int
    private(set) var dropped = 0

    init(limit: Int) {
        self.limit = limit
    }

    var isEmpty: Bool { entries.isEmpty }

    mutating func merge(_ writes: [CandleWrite]) {
        for write in writes {
            let key = Key(symbol: write.symbol, interval: write.interval, start: write.bar.start)
            if entries.updateValue(write, forKey: key) == nil { order.append(key) }
        }
        while order.count > limit {
            entries[order.removeFirst()] = nil
            dropped += 1
        }
    }

    /// Puts back a batch the store failed to write, without overwriting newer states of the
    /// same candles merged since.
    mutating func mergeOlder(_ writes: [CandleWrite]) {
        let newer = writes.filter { entries[Key(symbol: $0.symbol, interval: $0.interval, start: $0.bar.start)] == nil }
        merge(newer)
    }

    /// Everything pending, in the order first seen; leaves the store empty.
    mutating func take() -> [CandleWrite] {
        defer {
            entries.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
        }
        return order.compactMap { entries[$0] }
    }
}
