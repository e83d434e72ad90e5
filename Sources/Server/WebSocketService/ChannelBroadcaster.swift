import Synchronization

/// Named channels of WebSocket subscribers. A publish encodes its frame once and hands each
/// event loop one message listing that loop's subscribers, so fan-out to thousands of
/// connections costs one lock and one wake-up per loop.
public final class ChannelBroadcaster: Sendable {
    private struct Channel {
        /// Subscriber ids per loop index. Arrays are copied on write, so a publish can take
        /// them out of the lock without copying.
        var subscribers: [Int: [UInt64]] = [:]
        var inboxes: [Int: LoopInbox] = [:]
        var count: Int { subscribers.values.reduce(0) { $0 + $1.count } }
    }

    private let channels = Mutex<[String: Channel]>([:])

    public init() {}

    /// Adds a subscriber; subscribing twice is a no-op. Returns false when it was already there.
    @discardableResult
    public func subscribe(_ socket: WebSocketHandle, to channel: String) -> Bool {
        channels.withLock { channels in
            var entry = channels[channel] ?? Channel()
            var list = entry.subscribers[socket.loopIndex] ?? []
            guard !list.contains(socket.id) else { return false }
            list.append(socket.id)
            entry.subscribers[socket.loopIndex] = list
            entry.inboxes[socket.loopIndex] = socket.inbox
            channels[channel] = entry
            return true
        }
    }

    /// Removes a subscriber from one channel. Returns false when it was not subscribed.
    @discardableResult
    public func unsubscribe(_ socket: WebSocketHandle, from channel: String) -> Bool {
        channels.withLock { channels in
            guard var entry = channels[channel], var list = entry.subscribers[socket.loopIndex],
                  let index = list.firstIndex(of: socket.id) else { return false }
            list.remove(at: index)
            entry.subscribers[socket.loopIndex] = list.isEmpty ? nil : list
            channels[channel] = entry.subscribers.isEmpty ? nil : entry
            return true
        }
    }

    /// Removes a subscriber from every channel in `names` (a closing connection).
    public func unsubscribe(_ socket: WebSocketHandle, from names: some Sequence<String>) {
        for name in names { unsubscribe(socket, from: name) }
    }

    /// The number of subscribers of a channel.
    public func subscriberCount(_ channel: String) -> Int {
        channels.withLock { $0[channel]?.count ?? 0 }
    }

    /// Sends a text message to every subscriber of `channel`. With a conflation key, slow
    /// readers keep only the newest message per key (market data); without one, nothing is
    /// dropped (order and position updates). Returns the number of subscribers reached.
    @discardableResult
    public func publish(_ text: String, to channel: String, conflationKey: String? = nil) -> Int {
        let targets = channels.withLock { channels -> [(LoopInbox, [UInt64])] in
            guard let entry = channels[channel] else { return [] }
            return entry.subscribers.compactMap { index, ids in entry.inboxes[index].map { ($0, ids) } }
        }
        guard !targets.isEmpty else { return 0 }
        let frame = WebSocketFrameEncoder.text(text)
        var reached = 0
        for (inbox, ids) in targets {
            inbox.post(.send(frame: frame, targets: ids, conflationKey: conflationKey))
            reached += ids.count
        }
        return reached
    }
}
