#if canImport(Glibc)
import Glibc
#endif

/// Time as stored: UTC epoch milliseconds in a BIGINT on both backends, so no session time
/// zone can shift a value.
public enum Timestamp {
    /// Now, in epoch milliseconds.
    public static func nowMilliseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int(spec.tv_sec) * 1000 + Int(spec.tv_nsec) / 1_000_000
    }
}
