import CLinux
#if canImport(Glibc)
import Glibc
#endif
import Server
import Synchronization

/// `ServerBench ws-clients`: opens N WebSocket connections (handshake by hand), reads with its
/// own epoll loop(s), and measures each ticker's delivery latency as
/// now(CLOCK_REALTIME) − `sent_ns`. Each connection is done at the server's `end` message.
///
/// Prints one `RESULT key=value …` line on standard output for the scripts.
enum FanoutClients {
    static func run(_ options: Options) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let limit = raiseOpenFileLimit()
        let port = options.int("--port", 8090)
        let count = options.int("--connections", 1000)
        let threadCount = max(1, min(options.int("--threads", 1), count))
        let seconds = options.double("--seconds", 10)
        let timeout = options.double("--timeout", seconds + 90)
        let path = options.string("--path", "/ws")
        // Pause between epoll rounds (µs): lets messages gather so one read takes several, and
        // keeps the server's sends from waking a sleeping client thread each time. Adds at most
        // this much to the measured latency.
        let pause = UInt32(max(0, options.int("--pause-us", 0)))
        guard UInt(count) + 64 < limit else {
            note("ws-clients: \(count) connections need a higher RLIMIT_NOFILE (now \(limit))")
            return 1
        }

        // Connect everything first (blocking connects on loopback are immediate), then read.
        let request = Array((
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(ClientConnection.key)\r\nSec-WebSocket-Version: 13\r\n"
            + "User-Agent: ServerBench\r\n\r\n").utf8)
        let connectStart = monotonicNow()
        var loops = (0..<threadCount).map { _ in ClientLoop() }
        for index in 0..<count {
            var fd: Int32 = -1
            for attempt in 0..<50 {
                fd = connectLoopback(port: port)
                if fd >= 0 { break }
                usleep(useconds_t(10_000 * (attempt + 1)))
            }
            guard fd >= 0 else {
                note("ws-clients: connect #\(index) failed: \(String(cString: strerror(errno)))")
                return 1
            }
            let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent == request.count else {
                note("ws-clients: handshake write failed on #\(index)")
                return 1
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            loops[index % threadCount].add(ClientConnection(fd: fd))
        }
        note("ws-clients: \(count) connections opened in \(fixed(Double(monotonicNow() - connectStart) / 1e6, 1)) ms "
            + "on \(threadCount) client loop(s)")

        let deadline = monotonicNow() + UInt64(timeout * 1e9)
        var usageBefore = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usageBefore)
        let boxes = loops.map { LoopBox($0) }
        loops.removeAll()
        let threads = boxes.map { box in startThread { box.loop.run(until: deadline, pause: pause) } }
        for thread in threads { pthread_join(thread, nil) }
        var usageAfter = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usageAfter)

        // Merge.
        var histogram = LatencyHistogram()
        var received: UInt64 = 0, gaps: UInt64 = 0, opened = 0, ended = 0, closedEarly = 0, published = 0
        var firstSent = UInt64.max, lastReceived: UInt64 = 0, firstReceived = UInt64.max
        for box in boxes {
            let loop = box.loop
            histogram.merge(loop.histogram)
            received += loop.received
            firstSent = min(firstSent, loop.firstSent)
            firstReceived = min(firstReceived, loop.firstReceived)
            lastReceived = max(lastReceived, loop.lastReceived)
            for connection in loop.connections {
                if connection.state != .handshaking { opened += 1 }
                if connection.state == .ended { ended += 1 }
                if connection.state == .closed { closedEarly += 1 }
                gaps += connection.gaps
                published = max(published, connection.published)
            }
        }
        // How long each message took to reach its first and its last client.
        var firstOfSeq: [UInt64] = [], lastOfSeq: [UInt64] = []
        for box in boxes {
            let loop = box.loop
            for (slot, value) in loop.firstLatency.enumerated() where value != UInt64.max {
                while firstOfSeq.count <= slot { firstOfSeq.append(UInt64.max); lastOfSeq.append(0) }
                firstOfSeq[slot] = min(firstOfSeq[slot], value)
                lastOfSeq[slot] = max(lastOfSeq[slot], loop.lastLatency[slot])
            }
        }
        var firstHistogram = LatencyHistogram(), lastHistogram = LatencyHistogram()
        for (first, last) in zip(firstOfSeq, lastOfSeq) where first != UInt64.max {
            firstHistogram.record(first)
            lastHistogram.record(last)
        }
        let window = lastReceived > firstSent ? Double(lastReceived - firstSent) / 1e9 : 0
        let deliveredPerSecond = window > 0 ? Double(received) / window : 0
        let expected = UInt64(published) * UInt64(opened)
        let cpu = cpuSeconds(usageAfter) - cpuSeconds(usageBefore)
        let loopSeconds = Double(monotonicNow() - connectStart) / 1e9
        note("ws-clients: \(opened)/\(count) upgraded, \(ended) saw the end, \(closedEarly) closed early; "
            + "received \(received) of \(expected) expected (\(gaps) missing by sequence)")
        note("ws-clients: window \(fixed(window, 3)) s from first send to last receipt: \(fixed(deliveredPerSecond, 0)) msg/s; "
            + "latency p50 \(fixed(histogram.quantileMilliseconds(0.5))) ms, p90 \(fixed(histogram.quantileMilliseconds(0.9))) ms, "
            + "p99 \(fixed(histogram.quantileMilliseconds(0.99))) ms, p99.9 \(fixed(histogram.quantileMilliseconds(0.999))) ms, "
            + "max \(fixed(histogram.quantileMilliseconds(1.0))) ms, mean \(fixed(histogram.meanMilliseconds)) ms; "
            + "client CPU \(fixed(cpu, 2)) s over \(fixed(loopSeconds, 1)) s")
        note("ws-clients: per message, latency to its first client p50 \(fixed(firstHistogram.quantileMilliseconds(0.5))) ms "
            + "p99 \(fixed(firstHistogram.quantileMilliseconds(0.99))) ms; to its last client p50 "
            + "\(fixed(lastHistogram.quantileMilliseconds(0.5))) ms p99 \(fixed(lastHistogram.quantileMilliseconds(0.99))) ms")
        print("RESULT connections=\(count) upgraded=\(opened) ended=\(ended) closed_early=\(closedEarly) published=\(published) "
            + "received=\(received) expected=\(expected) missing=\(gaps) window_s=\(fixed(window, 3)) "
            + "delivered_per_s=\(fixed(deliveredPerSecond, 0)) p50_ms=\(fixed(histogram.quantileMilliseconds(0.5))) "
            + "p99_ms=\(fixed(histogram.quantileMilliseconds(0.99))) p999_ms=\(fixed(histogram.quantileMilliseconds(0.999))) "
            + "max_ms=\(fixed(histogram.quantileMilliseconds(1.0))) client_cpu_s=\(fixed(cpu, 2))")
        return opened == count && ended == count ? 0 : 3
    }

    static func cpuSeconds(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// A blocking connect to 127.0.0.1:port; -1 on failure.
    static func connectLoopback(port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            return -1
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }
}

private final class LoopBox: @unchecked Sendable {
    let loop: ClientLoop
    init(_ loop: ClientLoop) { self.loop = loop }
}

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
        while open > 0 && monotonicNow() < deadline {
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

/// One client connection's state; touched only by its loop.
final class ClientConnection {
    enum State { case handshaking, open, ended, closed }

    static let key = "dGhlIHNhbXBsZSBub25jZQ=="
    static let expectedAccept = WebSocketHandshake.acceptValue(forKey: key)
    static let sentKey = Array(#""sent_ns":"#.utf8)
    static let seqKey = Array(#""seq":"#.utf8)
    static let publishedKey = Array(#""published":"#.utf8)

    let fd: Int32
    var state = State.handshaking
    var pending: [UInt8] = []
    var nextSeq: UInt64 = 0
    var gaps: UInt64 = 0
    var published = 0

    init(fd: Int32) { self.fd = fd }

    /// Best-effort small write (pongs and closes).
    func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// The index just past `\r\n\r\n`, or nil.
    static func headerEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    /// The unsigned integer right after `key` in `payload`.
    @inline(__always)
    static func number(after key: [UInt8], in payload: UnsafeRawBufferPointer) -> UInt64? {
        let last = payload.count - key.count
        guard last >= 0 else { return nil }
        var index = 0
        search: while index <= last {
            for offset in 0..<key.count where payload[index + offset] != key[offset] {
                index += 1
                continue search
            }
            var position = index + key.count
            var value: UInt64 = 0
            var digits = 0
            while position < payload.count, payload[position] >= 48, payload[position] <= 57 {
                value = value * 10 + UInt64(payload[position] - 48)
                position += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        return nil
    }
}
