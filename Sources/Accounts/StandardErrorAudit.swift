#if canImport(Glibc)
import Glibc
#endif

/// The default sink: one JSON line per event on standard error, next to the request log.
public enum StandardErrorAudit {
    /// Writes `event` as one line (a single write, so lines of concurrent events never interleave).
    public static func write(_ event: AuditEvent) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let line = event.jsonLine(epochMilliseconds: Int(spec.tv_sec) * 1000 + Int(spec.tv_nsec) / 1_000_000) + "\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
