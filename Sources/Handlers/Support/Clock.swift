import Backends
#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock time in the two forms the API uses: ISO 8601 in REST bodies, epoch
/// milliseconds in WebSocket messages. Always UTC.
public enum Clock {
    /// Milliseconds since the Unix epoch.
    public static func epochMilliseconds() -> Int {
        Timestamp.nowMilliseconds()
    }

    /// `2026-01-28T12:00:00Z` (seconds precision) or with `.123` milliseconds.
    public static func iso8601(epochMilliseconds: Int = epochMilliseconds(), fractional: Bool = false) -> String {
        var seconds = time_t(epochMilliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
        text += "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        if fractional { text += "." + pad(Int32(epochMilliseconds % 1000), 3) }
        return text + "Z"
    }
}
