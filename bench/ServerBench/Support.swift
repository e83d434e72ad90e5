#if canImport(Glibc)
import Glibc
#endif

/// `--name value` and `--flag` arguments.
struct Options {
    private var values: [String: String] = [:]

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { index += 1; continue }
            if let equals = argument.firstIndex(of: "=") {
                values[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
            } else if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                values[argument] = arguments[index + 1]
                index += 1
            } else {
                values[argument] = "true"
            }
            index += 1
        }
    }

    func int(_ name: String, _ fallback: Int) -> Int { values[name].flatMap { Int($0) } ?? fallback }
    func double(_ name: String, _ fallback: Double) -> Double { values[name].flatMap { Double($0) } ?? fallback }
    func string(_ name: String, _ fallback: String) -> String { values[name] ?? fallback }
    func flag(_ name: String) -> Bool { values[name] == "true" }
}

/// CLOCK_REALTIME in nanoseconds: the clock both processes share for latency.
@inline(__always)
func realtimeNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// CLOCK_MONOTONIC in nanoseconds: for pacing and durations.
@inline(__always)
func monotonicNow() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// Sleeps until a CLOCK_MONOTONIC deadline.
func sleepUntil(monotonic deadline: UInt64) {
    var spec = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
    while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &spec, nil) == EINTR {}
}

/// Raises the soft limit of open files to the hard limit.
@discardableResult
func raiseOpenFileLimit() -> UInt {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    return UInt(limit.rlim_cur)
}

/// Blocks SIGINT and SIGTERM in every thread (call before starting any) and waits for one.
enum Signals {
    nonisolated(unsafe) static var set = sigset_t()

    static func block() {
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_BLOCK, &set, nil)
        signal(SIGPIPE, SIG_IGN)
    }

    static func wait() -> Int32 {
        var received: Int32 = 0
        sigwait(&set, &received)
        return received
    }
}

/// Writes a line to standard error (progress; standard output carries results).
func note(_ text: String) {
    let line = text + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}

/// Starts a detached-from-Swift-concurrency OS thread.
final class ThreadBody: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

@discardableResult
func startThread(_ body: @escaping () -> Void) -> pthread_t {
    let box = Unmanaged.passRetained(ThreadBody(body))
    var handle = pthread_t()
    let status = pthread_create(&handle, nil, { argument in
        let box = Unmanaged<ThreadBody>.fromOpaque(argument!).takeRetainedValue()
        box.body()
        return nil
    }, box.toOpaque())
    precondition(status == 0, "pthread_create failed: \(status)")
    return handle
}

/// Latency histogram: 0.1 ms buckets up to 10 s, then one overflow bucket; exact max.
struct LatencyHistogram {
    static let bucketNanoseconds: UInt64 = 100_000
    static let bucketCount = 100_000
    private(set) var buckets = [UInt64](repeating: 0, count: LatencyHistogram.bucketCount + 1)
    private(set) var count: UInt64 = 0
    private(set) var maxNanoseconds: UInt64 = 0
    private(set) var sumNanoseconds: UInt64 = 0

    @inline(__always)
    mutating func record(_ nanoseconds: UInt64) {
        let index = min(Int(nanoseconds / Self.bucketNanoseconds), Self.bucketCount)
        buckets[index] &+= 1
        count &+= 1
        sumNanoseconds &+= nanoseconds
        if nanoseconds > maxNanoseconds { maxNanoseconds = nanoseconds }
    }

    mutating func merge(_ other: LatencyHistogram) {
        for index in buckets.indices { buckets[index] &+= other.buckets[index] }
        count &+= other.count
        sumNanoseconds &+= other.sumNanoseconds
        maxNanoseconds = max(maxNanoseconds, other.maxNanoseconds)
    }

    /// The upper edge of the bucket holding the `fraction` quantile, in milliseconds.
    func quantileMilliseconds(_ fraction: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = UInt64((Double(count) * fraction).rounded(.up))
        var seen: UInt64 = 0
        for (index, value) in buckets.enumerated() {
            seen += value
            if seen >= max(1, rank) {
                let edge = Double(UInt64(index + 1) * Self.bucketNanoseconds) / 1e6
                return min(edge, Double(maxNanoseconds) / 1e6)
            }
        }
        return Double(maxNanoseconds) / 1e6
    }

    var meanMilliseconds: Double { count == 0 ? 0 : Double(sumNanoseconds) / Double(count) / 1e6 }
}

/// Formats a number with a fixed count of decimals (no Foundation).
func fixed(_ value: Double, _ decimals: Int = 2) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if text.contains("e") { return text }
    if let dot = text.firstIndex(of: ".") {
        let fraction = text.distance(from: dot, to: text.endIndex) - 1
        if decimals == 0 { text = String(text[..<dot]) } else if fraction < decimals {
            text += String(repeating: "0", count: decimals - fraction)
        }
    }
    return text
}
