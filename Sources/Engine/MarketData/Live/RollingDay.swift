/// The last 24 hours of a symbol's trades in one-minute slots: the ticker's 24h change,
/// volume, high and low. The high and low of the closed minutes are kept, recomputed once a
/// minute; the minute in progress is folded in when asked, so adding a trade costs a few
/// integer operations.
struct RollingDay: Sendable {
    private static let minute = 60_000
    private static let slots = 1440

    private struct Slot {
        var minute = Int.min
        var high: Int64 = 0
        var low: Int64 = 0
        var close: Int64 = 0
        var volume: Int64 = 0
    }

    private var ring = [Slot](repeating: Slot(), count: slots)
    /// The minute (epoch ms / 60 000) of the newest slot.
    private var currentMinute = Int.min
    /// High, low and volume of the window's closed minutes, and the price 24 hours ago.
    private var closedHigh: Int64 = .min
    private var closedLow: Int64 = .max
    private var closedVolume: Int64 = 0
    /// The last price before the window: what the 24h change is measured from.
    private var reference: Int64

    /// A window with no trades yet, measuring change from `reference` (the last known price).
    init(reference: Int64) {
        self.reference = reference
    }

    mutating func add(_ tick: Tick) {
        let minute = floorDiv(tick.time, Self.minute)
        if minute != currentMinute { roll(to: minute) }
        let index = slotIndex(minute)
        if ring[index].minute != minute {
            ring[index] = Slot(minute: minute, high: tick.price, low: tick.price, close: tick.price, volume: 0)
        }
        ring[index].high = max(ring[index].high, tick.price)
        ring[index].low = min(ring[index].low, tick.price)
        ring[index].close = tick.price
        ring[index].volume &+= tick.quantity
    }

    /// The window's figures at `price`: the change from 24 hours ago in basis points of a
    /// percent (hundredths of a percent), the volume, high and low.
    func summary(price: Int64) -> (changeHundredths: Int64, volume: Int64, high: Int64, low: Int64) {
        var high = max(closedHigh, price), low = min(closedLow, price), volume = closedVolume
        let current = ring[slotIndex(currentMinute)]
        if currentMinute != .min, current.minute == currentMinute {
            high = max(high, current.high)
            low = min(low, current.low)
            volume &+= current.volume
        }
        let base = max(1, reference)
        let change = Int64(((Double(price - base) / Double(base)) * 10_000).rounded())
        return (change, volume, high, low)
    }

    /// Moves the newest slot to `minute`: the slots that left the window move the reference
    /// price, and the closed minutes' high, low and volume are taken again.
    private mutating func roll(to minute: Int) {
        let oldest = minute - Self.slots + 1
        // The last close before the window becomes the reference.
        var newestLeaving = Int.min
        for slot in ring where slot.minute != .min && slot.minute < oldest && slot.minute > newestLeaving {
            newestLeaving = slot.minute
            reference = slot.close
        }
        currentMinute = minute
        closedHigh = .min
        closedLow = .max
        closedVolume = 0
        for slot in ring where slot.minute != .min && slot.minute >= oldest && slot.minute < minute {
            closedHigh = max(closedHigh, slot.high)
            closedLow = min(closedLow, slot.low)
            closedVolume &+= slot.volume
        }
    }

    private func slotIndex(_ minute: Int) -> Int {
        ((minute % Self.slots) + Self.slots) % Self.slots
    }

    private func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
