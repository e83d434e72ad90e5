/// Why an acknowledged command got no answer: its changes could not be made durable in time.
public enum AcknowledgementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The engine's command queue is full.
    case busy
    /// The batch holding the command's changes did not commit within the wait (the database
    /// is failing or slow); the changes stay queued and may still commit.
    case unconfirmed(String)

    public var description: String {
        switch self {
        case .busy: return "the engine is busy; try again"
        case .unconfirmed(let reason): return "not confirmed by the database in time (\(reason)); the command may still take effect"
        }
    }
}

/// A command waiting for the batch holding its changes to commit.
struct ExchangeWaiter {
    let deadline: Int
    let resume: @Sendable (Result<Void, AcknowledgementError>) -> Void
}

/// Exchange changes waiting for the database, with the commands they answer.
struct PendingExchangeWrite {
    var changes: ExchangeChanges
    var waiters: [ExchangeWaiter]
    var time: Int
}

extension Array {
    /// The elements for which `predicate` holds, and the others, each in order.
    func partitioned(by predicate: (Element) -> Bool) -> (matching: [Element], rest: [Element]) {
        var matching: [Element] = [], rest: [Element] = []
        for element in self { if predicate(element) { matching.append(element) } else { rest.append(element) } }
        return (matching, rest)
    }
}
