#if canImport(Glibc)
import Glibc
#endif

/// The `Date` header value (IMF-fixdate), rendered at most once a second per loop.
struct HTTPDate {
    private var second: time_t = -1
    private var cached: [UInt8] = []

    /// The current value as bytes.
    mutating func bytes() -> [UInt8] {
        var now = time(nil)
        if now != second {
            second = now
            var parts = tm()
            gmtime_r(&now, &parts)
            var buffer = [CChar](repeating: 0, count: 64)
            let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
            cached = buffer[0..<count].map { UInt8(bitPattern: $0) }
        }
        return cached
    }
}

/// Monotonic nanoseconds, for timeouts and durations.
func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}
