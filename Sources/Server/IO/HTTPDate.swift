#if canImport(Glibc)
import Glibc
#endif
import Primitives

/// The `Date` header value (IMF-fixdate), rendered at most once a second per loop.
struct HTTPDate {
    private var second: time_t = -1
    private var cached: [UInt8] = []

    /// The current value as bytes.
    mutating func bytes() -> [UInt8] {
        let now = time(nil)
        if now != second {
            second = now
            cached = Array(Timestamp.httpDate(epochSeconds: Int(now)).utf8)
        }
        return cached
    }
}
