import Primitives
import Synchronization

/// The `Notifier` in front of a slow channel (Telegram): `notify` puts the event in a bounded
/// queue and returns at once; `run` sends what is queued, at most one message every
/// `minimumInterval` ms (Telegram takes about one message a second in a chat), several events
/// in one message when they pile up. When the queue is full the oldest event is dropped and
/// counted, and the next message says how many were. A message that fails for a while (no
/// answer, a rate limit, a failure of the service) goes back to the head of the queue and is
/// tried again after a backoff; one the service refuses for good (a bad chat id) is dropped.
public final class NotificationQueue: Notifier {
    /// Which events are sent, how many may wait, and how fast messages go.
    public struct Settings: Sendable {
        /// The topics sent; events of other topics are ignored.
        public var topics: Set<NotificationTopic>
        /// Events waiting at most; past it the oldest is dropped.
        public var capacity: Int
        /// Shortest time between two messages (ms).
        public var minimumInterval: Int
        /// Longest message (characters; Telegram's limit is 4096).
        public var maximumLength: Int
        /// Longest wait after failed messages (ms); the wait doubles from `minimumInterval`.
        public var maximumBackoff: Int

        public init(topics: Set<NotificationTopic> = NotificationTopic.defaults, capacity: Int = 500, minimumInterval: Int = 1000,
                    maximumLength: Int = 4096, maximumBackoff: Int = 60_000) {
            self.topics = topics
            self.capacity = max(1, capacity)
            self.minimumInterval = max(0, minimumInterval)
            self.maximumLength = max(200, maximumLength)
            self.maximumBackoff = max(self.minimumInterval, maximumBackoff)
        }
    }

    /// What happened to the events so far.
    public struct Counts: Sendable, Equatable {
        /// Events waiting.
        public var queued = 0
        /// Events delivered, and the messages that carried them.
        public var delivered = 0
        public var messages = 0
        /// Events dropped because the queue was full, or because the channel refused them for good.
        public var dropped = 0
        /// Messages that failed (each retried or dropped).
        public var failedMessages = 0
    }

    private struct State {
        var queue: [NotificationEvent] = []
        /// Events dropped from a full queue since the last message said so.
        var unreportedDrops = 0
        var counts = Counts()
        var waiter: CheckedContinuation<Void, Never>?
    }

    /// One message: its events and the drops it reports.
    struct Batch {
        var events: [NotificationEvent]
        var reportedDrops: Int
        var text: String
    }

    public let settings: Settings
    private let channel: any NotificationChannel
    private let state = Mutex(State())
    /// Told when messages start failing and when they go through again (a log line).
    private let report: @Sendable (String) -> Void

    /// A queue sending through `channel`; `report` hears of failures and recoveries.
    public init(channel: any NotificationChannel, settings: Settings = Settings(), report: @escaping @Sendable (String) -> Void = { _ in }) {
        self.channel = channel
        self.settings = settings
        self.report = report
    }

    public func notify(_ event: NotificationEvent) {
        guard settings.topics.contains(event.topic) else { return }
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.queue.count >= settings.capacity {
                state.queue.removeFirst(state.queue.count - settings.capacity + 1)
                state.unreportedDrops += 1
                state.counts.dropped += 1
            }
            state.queue.append(event)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// The counts so far.
    public var counts: Counts {
        state.withLock { state in
            var counts = state.counts
            counts.queued = state.queue.count
            return counts
        }
    }

    /// Sends queued events until the task is cancelled (what is still queued then is not sent:
    /// shutting down never waits for the channel).
    public func run() async {
        var backoff = 0
        var failing = false
        while !Task.isCancelled {
            await waitForWork()
            guard !Task.isCancelled, let batch = takeBatch() else { continue }
            var pause = settings.minimumInterval
            do {
                _ = try await channel.send(batch.text)
                state.withLock { state in
                    state.counts.delivered += batch.events.count
                    state.counts.messages += 1
                }
                if failing { report("notifications to \(channel.destination) are delivered again") }
                failing = false
                backoff = 0
            } catch {
                let transient = error.isTransient
                putBack(batch, transient: transient)
                if !failing {
                    report("notifications to \(channel.destination) failed (\(transient ? "retrying" : "dropped")): \(error)")
                }
                failing = true
                backoff = min(settings.maximumBackoff, max(settings.minimumInterval, backoff * 2))
                pause = backoff
                if case .refused(_, _, let retryAfter?) = error { pause = max(pause, min(retryAfter, 3600) * 1000) }
            }
            try? await Task.sleep(for: .milliseconds(pause))
        }
    }

    /// Takes the oldest events that fit in one message; nil when none is queued.
    func takeBatch() -> Batch? {
        state.withLock { state -> Batch? in
            guard !state.queue.isEmpty else { return nil }
            let batch = Self.compose(state.queue, drops: state.unreportedDrops, maximumLength: settings.maximumLength)
            state.queue.removeFirst(batch.events.count)
            state.unreportedDrops -= batch.reportedDrops
            return batch
        }
    }

    /// A failed message: back at the head of the queue to be tried again (the oldest events
    /// beyond the capacity dropped), or dropped for good.
    private func putBack(_ batch: Batch, transient: Bool) {
        state.withLock { state in
            state.counts.failedMessages += 1
            guard transient else {
                state.counts.dropped += batch.events.count
                return
            }
            state.queue.insert(contentsOf: batch.events, at: 0)
            state.unreportedDrops += batch.reportedDrops
            let excess = state.queue.count - settings.capacity
            if excess > 0 {
                state.queue.removeFirst(excess)
                state.unreportedDrops += excess
                state.counts.dropped += excess
            }
        }
    }

    /// One message from the head of `events`: a single event is its own line; several are
    /// listed under a count, one a line, as many as fit in `maximumLength` characters (the
    /// rest wait for the next message); `drops` adds a line saying events were lost. An event
    /// too long for a message on its own is cut.
    static func compose(_ events: [NotificationEvent], drops: Int, maximumLength: Int) -> Batch {
        let dropNote = drops > 0 ? "(\(drops) older event\(drops == 1 ? " was" : "s were") dropped: the notification queue was full)" : ""
        let budget = maximumLength - dropNote.count - 40
        if events.count == 1 || (events.first.map { line($0).count + 40 > budget } ?? false) {
            let text = [cut(line(events[0]), to: budget), dropNote].filter { !$0.isEmpty }.joined(separator: "\n")
            return Batch(events: [events[0]], reportedDrops: drops, text: text)
        }
        var lines: [String] = []
        var length = 0
        for event in events {
            let line = "• " + line(event)
            guard length + line.count + 1 <= budget else { break }
            lines.append(line)
            length += line.count + 1
        }
        if lines.count == 1 { return compose([events[0]], drops: drops, maximumLength: maximumLength) }
        let header = "\(lines.count) events"
        let text = ([header] + lines + (dropNote.isEmpty ? [] : [dropNote])).joined(separator: "\n")
        return Batch(events: Array(events.prefix(lines.count)), reportedDrops: drops, text: text)
    }

    /// An event as a line: its UTC time of day, then its text.
    private static func line(_ event: NotificationEvent) -> String {
        let iso = Timestamp.iso8601(epochMilliseconds: event.time)
        let utf8 = Array(iso.utf8)
        let clock = utf8.count >= 19 ? String(decoding: utf8[11..<19], as: UTF8.self) + " " : ""
        return clock + event.text
    }

    private static func cut(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(max(0, length - 1))) + "…"
    }

    /// Returns when something is queued (or the task is cancelled).
    private func waitForWork() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if !state.queue.isEmpty || Task.isCancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
