import Synchronization

/// The bound on one connection's input queue: client messages accepted on the event loop
/// but not yet answered by its conversation. The rate limit keeps the queue short while the
/// conversation keeps up; this bound holds when it does not (a token check waiting on a slow
/// database), so a client cannot pile up memory faster than it is served.
final class TradingSocketBacklog: Sendable {
    /// Most messages waiting at once.
    let maximumMessages: Int
    /// Most bytes of messages waiting at once.
    let maximumBytes: Int
    private let messages = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)

    /// A bound of `maximumMessages` messages and `maximumBytes` bytes (each at least 1).
    init(maximumMessages: Int, maximumBytes: Int) {
        self.maximumMessages = max(1, maximumMessages)
        self.maximumBytes = max(1, maximumBytes)
    }

    /// Counts `input` in; false, counting nothing, when it would pass either bound (a message
    /// larger than `maximumBytes` still fits an empty queue). Called by the one producer (the
    /// event loop), so checking and adding need not be one step: the consumer only ever lowers
    /// the counts in between.
    func admit(_ input: TradingSocketInput) -> Bool {
        let size = input.byteCount
        let waiting = messages.load(ordering: .relaxed)
        guard waiting < maximumMessages,
              waiting == 0 || bytes.load(ordering: .relaxed) + size <= maximumBytes else { return false }
        messages.wrappingAdd(1, ordering: .relaxed)
        bytes.wrappingAdd(size, ordering: .relaxed)
        return true
    }

    /// Counts `input` out once the conversation has taken it.
    func release(_ input: TradingSocketInput) {
        messages.wrappingSubtract(1, ordering: .relaxed)
        bytes.wrappingSubtract(input.byteCount, ordering: .relaxed)
    }
}
