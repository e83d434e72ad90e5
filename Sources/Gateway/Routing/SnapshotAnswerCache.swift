import APIRuntime
import Generated
import Synchronization

/// The successful answers of `x-cache: snapshot` operations, kept for the snapshot they were
/// rendered from: the same request (operation, path and query as sent) is answered again from
/// those bytes until the engine publishes a new snapshot. Such an answer is a function of the
/// request and the snapshot alone (the spec's promise), and the caller's identity, role and
/// rate limit are checked before the cache is asked, so an answer from it is the one the
/// handler would render now.
///
/// A reader takes the version before it renders, and a snapshot is published before its
/// version is, so a kept answer is never older than the version it is kept under. Only 200
/// answers are kept (errors carry their request's id). At most `capacity` requests are kept
/// per snapshot; past that, answers are rendered and not kept, so varied queries cannot grow it.
public final class SnapshotAnswerCache: Sendable {
    private struct Key: Hashable {
        let operation: OperationID
        let path: String
        let query: String
    }

    private struct State {
        var version: UInt64 = 0
        var answers: [Key: RenderedResponse] = [:]
    }

    private let version: @Sendable () -> UInt64
    private let capacity: Int
    private let state = Mutex(State())

    /// `version` is the current snapshot's (`MarketService.snapshotVersion`): it grows with each publication.
    public init(capacity: Int = 256, version: @escaping @Sendable () -> UInt64) {
        self.capacity = capacity
        self.version = version
    }

    /// The answer kept for this request and the current snapshot, or the one `render` makes (kept when it is a 200).
    func answer(_ operation: OperationID, path: String, query: String, render: () -> RenderedResponse) -> RenderedResponse {
        let current = version()
        let key = Key(operation: operation, path: path, query: query)
        if let kept = state.withLock({ $0.version == current ? $0.answers[key] : nil }) { return kept }
        let rendered = render()
        guard rendered.status == 200 else { return rendered }
        state.withLock { state in
            if state.version < current {
                state.version = current
                state.answers.removeAll(keepingCapacity: true)
            }
            if state.version == current && state.answers.count < capacity { state.answers[key] = rendered }
        }
        return rendered
    }

    /// How many answers are kept now (tests).
    var count: Int { state.withLock { $0.answers.count } }
}
