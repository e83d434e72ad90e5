import CLinux
#if canImport(Glibc)
import Glibc
#endif
import Server
import Synchronization
import Primitives

/// One client thread: an epoll instance over its share of the connections.
final class ClientLoop {
    private(set) var connections: [ClientConnection] = []
    var histogram = LatencyHistogram()
    var received: UInt64 = 0
    var firstSent = UInt64.max
    var firstReceived = UInt64.max
    var lastReceived: UInt64 = 0
    /// Per sequence number: the earliest and latest latency seen (first and last client served).
    var firstLatency: [UInt64] = []
    var lastLatency: [UInt64] = []
    private let epollDescriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
    private var open = 0

    deinit {
        scratch.deallocate()
        close(epollDescriptor)
    }

    func add(_ connection: ClientConnection) {
        var event = epoll_event(events: EPOLLIN.rawValue | EPOLLRDHUP.rawValue, data: epoll_data_t(u64: UInt64(connections.count)))
        precondition(epoll_ctl(epollDescriptor, EPOLL_CTL_ADD, connection.fd, &event) == 0, "epoll_ctl")
        connections.append(connection)
        open += 1
    }

    func run(until deadline: UInt64, pause: UInt32) {
        var events = [epoll_event](repeating: epoll_event(), count: 1024)
        while open > 0 && Timestamp.monotonicNanoseconds() < deadline {
            let ready = epoll_wait(epollDescriptor, &events, Int32(events.count), 200)
            if ready < 0 && errno != EINTR { break }
            for index in 0..<max(0, Int(ready)) {
                let connection = connections[Int(events[index].data.u64)]
                readAll(connection)
            }
            if pause > 0 && ready > 0 { usleep(pause) }
        }
        for connection in connections where connection.state != .closed && connection.state != .ended {
            close(connection.fd)
        }
    }

    private func readAll(_ connection: ClientConnection) {
        guard connection.state == .handshaking || connection.state == .open else { return }
        while true {
            let count = read(connection.fd, scratch.baseAddress, scratch.count)
            if count > 0 {
                let now = realtimeNanoseconds()
                consume(connection, UnsafeRawBufferPointer(rebasing: scratch[0..<count]), now: now)
                if connection.state == .ended || connection.state == .closed { return finish(connection) }
                if count < scratch.count { return }
            } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                connection.state = .closed
                return finish(connection)
            } else {
                return
            }
        }
    }

    private func finish(_ connection: ClientConnection) {
        epoll_ctl(epollDescriptor, EPOLL_CTL_DEL, connection.fd, nil)
        close(connection.fd)
        open -= 1
    }

    private func consume(_ connection: ClientConnection, _ bytes: UnsafeRawBufferPointer, now: UInt64) {
        if connection.pending.isEmpty {
            let used = process(connection, bytes, now: now)
            if used < bytes.count { connection.pending.append(contentsOf: bytes[used...]) }
        } else {
            connection.pending.append(contentsOf: bytes)
            let used = connection.pending.withUnsafeBytes { process(connection, $0, now: now) }
            connection.pending.removeFirst(used)
        }
    }

    /// Handles what `bytes` holds; returns how many bytes were used (the rest is incomplete).
    private func process(_ connection: ClientConnection, _ bytes: UnsafeRawBufferPointer, now: UInt64) -> Int {
        var offset = 0
        if connection.state == .handshaking {
            guard let end = ClientConnection.headerEnd(bytes) else { return 0 }
            let head = String(decoding: bytes[0..<end], as: UTF8.self)
            guard head.hasPrefix("HTTP/1.1 101"), head.contains(ClientConnection.expectedAccept) else {
                note("ws-clients: handshake refused: \(head.prefix(200))")
                connection.state = .closed
                return bytes.count
            }
            connection.state = .open
            offset = end
        }
        while connection.state == .open {
            let available = bytes.count - offset
            guard available >= 2 else { break }
            let first = bytes[offset], second = bytes[offset + 1]
            var header = 2
            var length = Int(second & 0x7F)
            if length == 126 {
                guard available >= 4 else { break }
                length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
                header = 4
            } else if length == 127 {
                guard available >= 10 else { break }
                length = 0
                for index in 2..<10 { length = length << 8 | Int(bytes[offset + index]) }
                header = 10
            }
            guard available >= header + length else { break }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[(offset + header)..<(offset + header + length)])
            offset += header + length
            switch first & 0x0F {
            case 0x1: text(connection, payload, now: now)
            case 0x9: connection.write(WebSocketFrameEncoder.encodeMasked(.pong, payload: payload, maskKey: (1, 2, 3, 4)))
            case 0x8:
                connection.write(WebSocketFrameEncoder.encodeMasked(.close, payload: [0x03, 0xE8], maskKey: (1, 2, 3, 4)))
                connection.state = .closed
            default: break
            }
        }
        return offset
    }

    private func text(_ connection: ClientConnection, _ payload: UnsafeRawBufferPointer, now: UInt64) {
        if let sent = ClientConnection.number(after: ClientConnection.sentKey, in: payload) {
            received += 1
            histogram.record(now > sent ? now - sent : 0)
            if sent < firstSent { firstSent = sent }
            if now < firstReceived { firstReceived = now }
            if now > lastReceived { lastReceived = now }
            if let seq = ClientConnection.number(after: ClientConnection.seqKey, in: payload) {
                let latency = now > sent ? now - sent : 0
                let slot = Int(seq)
                if slot >= firstLatency.count {
                    firstLatency.append(contentsOf: repeatElement(UInt64.max, count: slot + 1024 - firstLatency.count))
                    lastLatency.append(contentsOf: repeatElement(0, count: slot + 1024 - lastLatency.count))
                }
                firstLatency[slot] = min(firstLatency[slot], latency)
                lastLatency[slot] = max(lastLatency[slot], latency)
                if seq > connection.nextSeq { connection.gaps += seq - connection.nextSeq }
                connection.nextSeq = max(connection.nextSeq, seq + 1)
            }
        } else if let published = ClientConnection.number(after: ClientConnection.publishedKey, in: payload) {
            connection.published = Int(published)
            if published > connection.nextSeq { connection.gaps += published - connection.nextSeq }
            // Say goodbye: a masked close, then hang up.
            connection.write(WebSocketFrameEncoder.encodeMasked(.close, payload: [0x03, 0xE8], maskKey: (1, 2, 3, 4)))
            connection.state = .ended
        }
    }
}
