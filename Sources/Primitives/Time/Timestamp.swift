#if canImport(Glibc)
import Glibc
#endif

/// Time as the product keeps it: UTC epoch milliseconds (stored in a BIGINT on both backends,
/// so no session time zone can shift a value), shown as ISO 8601 in REST bodies, as epoch
/// milliseconds in WebSocket messages and as IMF-fixdate in the HTTP `Date` header.
public enum Timestamp {
    /// Now, in epoch milliseconds (the wall clock).
    public static func nowMilliseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int(spec.tv_sec) * 1000 + Int(spec.tv_nsec) / 1_000_000
    }

    /// Nanoseconds of the monotonic clock, for timeouts and durations (never goes back when
    /// the wall clock is set).
    public static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// `2026-01-28T12:00:00Z` (seconds precision) or, with `fractional`, `.123` milliseconds.
    public static func iso8601(epochMilliseconds: Int = nowMilliseconds(), fractional: Bool = false) -> String {
        // Written as bytes: interpolating padded strings was an eighth of a positions read
        // (two times a position).
        let parts = brokenDown(epochSeconds: epochMilliseconds / 1000)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        let fields: [(value: Int32, width: Int, separator: Unicode.Scalar)] = [
            (parts.tm_year + 1900, 4, "-"), (parts.tm_mon + 1, 2, "-"), (parts.tm_mday, 2, "T"),
            (parts.tm_hour, 2, ":"), (parts.tm_min, 2, ":"), (parts.tm_sec, 2, fractional ? "." : "Z"),
        ]
        for field in fields {
            appendPadded(field.value, field.width, to: &bytes)
            bytes.append(UInt8(ascii: field.separator))
        }
        if fractional {
            appendPadded(Int32(epochMilliseconds % 1000), 3, to: &bytes)
            bytes.append(UInt8(ascii: "Z"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`, the HTTP date (RFC 9110 §5.6.7, IMF-fixdate).
    public static func httpDate(epochSeconds: Int) -> String {
        var parts = brokenDown(epochSeconds: epochSeconds)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Reads an ISO 8601 date-time (`2026-01-28T12:00:00Z`, optional fraction, `Z` or
    /// `±HH:MM`) as epoch milliseconds; nil for anything else or an impossible date.
    public static func epochMilliseconds(iso8601 text: String) -> Int? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        func byte(_ index: Int, is expected: Character) -> Bool {
            index < bytes.count && bytes[index] == expected.asciiValue!
        }
        guard bytes.count >= 10, let (year, month, day) = CalendarDay.parse(String(decoding: bytes[0..<10], as: UTF8.self)),
              byte(10, is: "T") || byte(10, is: "t") || byte(10, is: " "),
              let hour = number(11, 2), byte(13, is: ":"), let minute = number(14, 2), byte(16, is: ":"), let second = number(17, 2),
              hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var milliseconds = 0
        if byte(index, is: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 3 { milliseconds = milliseconds * 10 + Int(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 3 { for _ in digits..<3 { milliseconds *= 10 } }
        }
        var offsetMinutes = 0
        if byte(index, is: "Z") || byte(index, is: "z") {
            index += 1
        } else if byte(index, is: "+") || byte(index, is: "-") {
            let sign = byte(index, is: "-") ? -1 : 1
            guard let hours = number(index + 1, 2), byte(index + 3, is: ":"), let minutes = number(index + 4, 2),
                  hours < 24, minutes < 60 else { return nil }
            offsetMinutes = sign * (hours * 60 + minutes)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = CalendarDay.daysFromCivil(year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetMinutes * 60
        return seconds * 1000 + milliseconds
    }

    private static func brokenDown(epochSeconds: Int) -> tm {
        var seconds = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }

    /// `pad(value, width)`'s bytes appended to `bytes`.
    private static func appendPadded(_ value: Int32, _ width: Int, to bytes: inout [UInt8]) {
        guard value >= 0 else { return bytes.append(contentsOf: pad(value, width).utf8) }
        var digits = 1
        var rest = value / 10
        while rest > 0 { (digits, rest) = (digits + 1, rest / 10) }
        let end = bytes.count + max(width, digits)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(width, digits)))
        var remaining = value
        var index = end - 1
        while remaining > 0 {
            bytes[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
            (remaining, index) = (remaining / 10, index - 1)
        }
    }

    private static func pad(_ value: Int32, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
