import CLinux
#if canImport(Glibc)
import Glibc
#endif
import Server
import Synchronization
import Primitives

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
        let connectStart = Timestamp.monotonicNanoseconds()
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
        note("ws-clients: \(count) connections opened in \(fixed(Double(Timestamp.monotonicNanoseconds() - connectStart) / 1e6, 1)) ms "
            + "on \(threadCount) client loop(s)")

        let deadline = Timestamp.monotonicNanoseconds() + UInt64(timeout * 1e9)
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
        let loopSeconds = Double(Timestamp.monotonicNanoseconds() - connectStart) / 1e9
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
