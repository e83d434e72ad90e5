/// Values in numbered slots, each slot a box of its own that later values reuse: a value is
/// read and changed where it lies, field by field (an optional element of an array inside a
/// class is copied whole on every read), and a freed slot takes the next value without an
/// allocation. A freed slot's box keeps its last value until then; `contains` tells.
///
/// Like the exchange that owns the tables, a box is only ever touched by one thread and never
/// while another access to it is open, so its properties skip the run-time exclusivity check
/// (a fifth of the matching engine's time when checked).
struct SlotTable<Value> {
    final class Box {
        @exclusivity(unchecked) var value: Value
        @exclusivity(unchecked) var occupied = true

        init(_ value: Value) {
            self.value = value
        }
    }

    private var boxes: [Box] = []
    private var free: [Int] = []

    /// The value in an occupied `slot`.
    subscript(slot: Int) -> Value {
        _read { yield boxes[slot].value }
        nonmutating _modify { yield &boxes[slot].value }
    }

    /// True when `slot` holds a value.
    func contains(_ slot: Int) -> Bool { boxes[slot].occupied }

    /// The value in `slot`, or nil when it is free.
    func value(at slot: Int) -> Value? { boxes[slot].occupied ? boxes[slot].value : nil }

    /// Puts `value` in a free slot (or a new one) and returns the slot.
    mutating func insert(_ value: Value) -> Int {
        if let slot = free.popLast() {
            boxes[slot].value = value
            boxes[slot].occupied = true
            return slot
        }
        boxes.append(Box(value))
        return boxes.count - 1
    }

    /// Frees `slot`.
    mutating func remove(_ slot: Int) {
        guard boxes[slot].occupied else { return }
        boxes[slot].occupied = false
        free.append(slot)
    }

    /// Every value, by slot.
    var values: [Value] { boxes.compactMap { $0.occupied ? $0.value : nil } }
}
