import Synchronization

/// Named channels of WebSocket subscribers. A publish encodes its frame once and hands each
/// event loop one message listing that loop's subscribers, so fan-out to thousands of
/// connections costs one lock and one wake-up per loop.
public final class ChannelBroadcaster: Sendable {
    /// One channel's subscribers on one event loop, with that loop's inbox.
    private struct LoopSubscribers {
        let inbox: LoopInbox
        /// Arrays are copied on write, so a publish can take them out of the lock without copying.
        var ids: [UInt64]
    }

    /// Each channel's subscribers by loop index; a channel or loop without any has no entry.
    private let channels = Mutex<[String: [Int: LoopSubscribers]]>([:])

    public init() {}

    /// Adds a subscriber; subscribing twice is a no-op. Returns false when it was already there.
    @discardableResult
    public func subscribe(_ socket: WebSocketHandle, to channel: String) -> Bool {
        channels.withLock { channels in
            var loops = channels[channel] ?? [:]
            var subscribers = loops[socket.loopIndex] ?? LoopSubscribers(inbox: socket.inbox, ids: [])
            guard !subscribers.ids.contains(socket.id) else { return false }
            subscribers.ids.append(socket.id)
            loops[socket.loopIndex] = subscribers
            channels[channel] = loops
            return true
        }
    }

    /// Removes a subscriber from one channel. Returns false when it was not subscribed.
    @discardableResult
    public func unsubscribe(_ socket: WebSocketHandle, from channel: String) -> Bool {
        channels.withLock { channels in
            guard var loops = channels[channel], var subscribers = loops[socket.loopIndex],
                  let index = subscribers.ids.firstIndex(of: socket.id) else { return false }
            subscribers.ids.remove(at: index)
            loops[socket.loopIndex] = subscribers.ids.isEmpty ? nil : subscribers
            channels[channel] = loops.isEmpty ? nil : loops
            return true
        }
    }

    /// Removes a subscriber from every channel in `names` (a closing connection).
    public func unsubscribe(_ socket: WebSocketHandle, from names: some Sequence<String>) {
        for name in names { unsubscribe(socket, from: name) }
    }

    /// The number of subscribers of a channel.
    public func subscriberCount(_ channel: String) -> Int {
        channels.withLock { channels in
            channels[channel]?.values.reduce(0) { $0 + $1.ids.count } ?? 0
        }
    }

    /// Subscriptions of every channel together (one connection subscribed to three channels
    /// counts three).
    public var subscriptionCount: Int {
        channels.withLock { channels in
            channels.values.reduce(0) { total, loops in loops.values.reduce(total) { $0 + $1.ids.count } }
        }
    }

    /// Sends a text message to every subscriber of `channel`. With a conflation key, slow
    /// readers keep only the newest message per key (market data); without one, nothing is
    /// dropped (order and position updates). Returns the number of subscribers reached.
    @discardableResult
    public func publish(_ text: String, to channel: String, conflationKey: String? = nil) -> Int {
        publish(frame: WebSocketFrameEncoder.text(text), to: channel, conflationKey: conflationKey)
    }

    /// Sends an encoded frame (`WebSocketFrameEncoder`) to every subscriber of `channel`, as
    /// `publish(_:to:conflationKey:)` does: a publisher sending one message to several
    /// channels encodes it once.
    @discardableResult
    public func publish(frame: [UInt8], to channel: String, conflationKey: String? = nil) -> Int {
        let targets = channels.withLock { channels in
            channels[channel].map { Array($0.values) } ?? []
        }
        guard !targets.isEmpty else { return 0 }
        var reached = 0
        for subscribers in targets {
            subscribers.inbox.post(.send(frame: frame, targets: subscribers.ids, conflationKey: conflationKey))
            reached += subscribers.ids.count
        }
        return reached
    }
}
