#if canImport(Glibc)
import Glibc
#endif
import Primitives

/// The default sink: one JSON line per event on standard error, next to the request log.
public enum StandardErrorAudit {
    /// Writes `event` as one line (a single write, so lines of concurrent events never interleave).
    public static func write(_ event: AuditEvent) {
        let line = event.jsonLine(epochMilliseconds: Timestamp.nowMilliseconds()) + "\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
