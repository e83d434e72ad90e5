import Primitives

/// One WebSocket connection on its event loop: frames in, messages to the session, queued
/// frames out with per-connection backpressure, pings, and the closing handshake. It holds a
/// slot of its client's per-address cap from the upgrade until the loop removes it.
final class WebSocketConnection: LoopConnection {
    let id: UInt64
    let stream: ByteStream
    /// The upgrade that opened it: request id, path, peer and client.
    let context: WebSocketContext
    /// `unowned(unsafe)`: the loop owns this connection (in its table until `remove`) and
    /// outlives it, so the reference is always valid; a plain `unowned` would pay an atomic
    /// retain and release on every access, and `enqueue` runs once per frame per subscriber.
    private unowned(unsafe) let loop: EventLoop
    private var parser: WebSocketFrameParser
    private var assembler: WebSocketMessageAssembler
    private var output: OutputBuffer
    /// Newest conflatable frame per key, held back while the reader is slow; `order` keeps
    /// the keys in first-seen order so flushing stays fair.
    private var conflated: [String: [UInt8]] = [:]
    private var conflatedOrder: [String] = []
    private var session: (any WebSocketSession)?
    private var closeSent = false
    private var closeAfterWrite = false
    /// Our close frame is out and the sending side shut: waiting for the peer to hang up.
    private var lingerDeadline: UInt64?
    private var lastReceived: UInt64
    private var pingSentAt: UInt64?
    private var writingEnabled = false
    /// The connection is on the loop's dirty list already: more frames before the flush
    /// ride along in the same write instead of listing it again.
    private var flushScheduled = false
    /// The connection is on the loop's fan-out list: published frames wait for its next
    /// fan-out flush (`ServerConfiguration.webSocketFanoutFlushInterval`).
    private var fanoutFlushScheduled = false
    /// `ServerConfiguration.webSocketConflationThreshold` and `maxWebSocketQueuedBytes`, read
    /// once: `enqueue` would otherwise copy the whole configuration for every frame.
    private let conflationThreshold: Int
    private let maxQueuedBytes: Int

    private var configuration: ServerConfiguration { loop.context.configuration }

    /// A connection whose client already holds a slot in `loop.context.webSocketSlots`.
    init(id: UInt64, stream: ByteStream, context: WebSocketContext, loop: EventLoop, pendingOutput: OutputBuffer, initialInput: [UInt8]) {
        self.id = id
        self.stream = stream
        self.context = context
        self.loop = loop
        let limit = loop.context.configuration.maxWebSocketMessageBytes
        parser = WebSocketFrameParser(maxFrameSize: limit)
        assembler = WebSocketMessageAssembler(maxMessageSize: limit)
        output = pendingOutput
        conflationThreshold = loop.context.configuration.webSocketConflationThreshold
        maxQueuedBytes = loop.context.configuration.maxWebSocketQueuedBytes
        lastReceived = Timestamp.monotonicNanoseconds()
        if !initialInput.isEmpty { parser.append(initialInput) }
    }

    func open(endpoint: any WebSocketEndpoint, request: HTTPRequestHead) {
        session = endpoint.openSession(WebSocketHandle(inbox: loop.inbox, id: id), request: request, context: context)
        scheduleFlush()
        processInput()
        if loop.shuttingDown { close(code: .goingAway, reason: "server shutting down") }
    }

    // MARK: Input

    func readable() {
        while true {
            switch stream.read(into: loop.readBuffer) {
            case .bytes(let count):
                if lingerDeadline != nil { continue }
                parser.append(UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<count]))
                lastReceived = Timestamp.monotonicNanoseconds()
                pingSentAt = nil
                if count < loop.readBuffer.count { return processInput() }
            case .wouldBlock:
                processInput()
                if stream.wantsWrite { updateInterest() }
                return
            case .closed, .failed:
                processInput()
                return terminate()
            }
        }
    }

    private func processInput() {
        while !closeAfterWrite {
            do {
                guard let frame = try parser.next() else { return }
                guard let event = try assembler.push(frame) else { continue }
                handle(event)
            } catch {
                return close(code: error.code, reason: error.reason)
            }
        }
    }

    private func handle(_ event: WebSocketEvent) {
        switch event {
        case .text(let text): session?.received(text: text)
        case .binary(let bytes): session?.received(binary: bytes)
        case .ping(let payload): enqueue(WebSocketFrameEncoder.pong(payload), conflationKey: nil)
        case .pong: pingSentAt = nil
        case .close(let code, _):
            if closeSent {
                terminate()
            } else {
                // Echo the peer's code (RFC 6455 §5.5.1); a close without a code gets 1000.
                close(code: code ?? .normal, reason: "", echoingPeer: true)
            }
        }
    }

    // MARK: Output

    /// Queues a frame of the connection's own (a pong, a ping), written at the end of this
    /// loop iteration.
    func enqueue(_ frame: [UInt8], conflationKey: String?) {
        let queued = frame.withUnsafeBytes { queue($0, conflationKey: conflationKey) }
        if queued { scheduleFlush() }
    }

    /// Queues a published frame (`ChannelBroadcaster`, `WebSocketHandle.send`), written with
    /// the loop's next fan-out flush so frames published close together share one write.
    /// The frame comes as bytes: every subscriber on every loop gets the same frame, and
    /// holding its array here would retain and release one heap object per subscriber from
    /// both loops at once, an atomic their cores fight over (21% of a loop in a profile).
    func enqueuePublished(_ frame: UnsafeRawBufferPointer, conflationKey: String?) {
        guard queue(frame, conflationKey: conflationKey), !flushScheduled, !fanoutFlushScheduled else { return }
        fanoutFlushScheduled = true
        loop.markFanoutDirty(self)
    }

    /// Adds a frame to the output queue; returns true when it went there (it needs a flush).
    /// A reliable frame that would push the queue past its bound closes the connection
    /// instead (1008); a conflatable frame waits, replacing older ones with its key.
    private func queue(_ frame: UnsafeRawBufferPointer, conflationKey: String?) -> Bool {
        guard !closeSent else { return false }
        if let key = conflationKey, output.pendingCount >= conflationThreshold {
            if conflated.updateValue(Array(frame), forKey: key) == nil { conflatedOrder.append(key) }
            return false
        }
        guard output.pendingCount + frame.count <= maxQueuedBytes else {
            close(code: .policyViolation, reason: "send queue overflow: reader too slow")
            return false
        }
        output.append(frame)
        return true
    }

    /// Puts the connection on the loop's dirty list once per flush: every frame queued until
    /// then goes out in the same write.
    private func scheduleFlush() {
        guard !flushScheduled else { return }
        flushScheduled = true
        loop.markDirty(self)
    }

    func flush() {
        flushScheduled = false
        fanoutFlushScheduled = false
        guard lingerDeadline == nil else { return }
        while true {
            switch output.flush(to: stream) {
            case .drained:
                if closeAfterWrite { return beginLingering() }
                guard !conflated.isEmpty else { return updateInterest() }
                for key in conflatedOrder { if let frame = conflated[key] { output.append(frame) } }
                conflated.removeAll(keepingCapacity: true)
                conflatedOrder.removeAll(keepingCapacity: true)
            case .blocked:
                return updateInterest()
            case .failed:
                return terminate()
            }
        }
    }

    func writable() {
        // A TLS stream may need the socket writable to go on reading (a key update).
        if stream.wantsWrite { readable() }
        flush()
    }

    private func updateInterest() {
        let writing = !output.isEmpty || stream.wantsWrite
        guard writing != writingEnabled else { return }
        writingEnabled = writing
        loop.setInterest(self, reading: true, writing: writing)
    }

    // MARK: Closing

    /// Sends a close frame and closes once it is written. A close the server starts for a
    /// broken rule (any code but 1000 and 1001: a flood, a protocol error, a message too big,
    /// a reader too slow) is logged as a warning.
    func close(code: WebSocketCloseCode, reason: String, echoingPeer: Bool = false) {
        guard !closeSent else { return }
        // Only codes a peer may receive go on the wire (1005 and 1006 are local-only).
        let code = code.isValidOnWire ? code : .normal
        if !echoingPeer && code != .normal && code != .goingAway {
            var line = context.logLine(.warning, "websocket_closed")
            line.add("code", Int(code.rawValue))
            line.add("reason", reason)
            loop.context.log(line)
        }
        closeSent = true
        closeAfterWrite = true
        conflated.removeAll()
        conflatedOrder.removeAll()
        output.append(WebSocketFrameEncoder.close(code, reason: reason))
        scheduleFlush()
    }

    private func beginLingering() {
        stream.shutdownWrite()
        lingerDeadline = Timestamp.monotonicNanoseconds() + 5_000_000_000
        writingEnabled = false
        loop.setInterest(self, reading: true, writing: false)
    }

    /// Drops the connection and tells the session, once.
    private func terminate() {
        loop.remove(self)
        let ending = session
        session = nil
        ending?.closed()
    }

    func tick(now: UInt64) {
        if let lingerDeadline {
            if now >= lingerDeadline { terminate() }
            return
        }
        if let pingSentAt {
            if now - pingSentAt >= UInt64(configuration.webSocketPongTimeout * 1e9) { terminate() }
        } else if now - lastReceived >= UInt64(configuration.webSocketPingInterval * 1e9) && !closeSent {
            pingSentAt = now
            enqueue(WebSocketFrameEncoder.ping(), conflationKey: nil)
        }
    }

    func beginShutdown() {
        close(code: .goingAway, reason: "server shutting down")
    }

    /// Gives the client's slot back.
    func removed() {
        loop.context.webSocketSlots.release(context.clientAddress)
    }
}
