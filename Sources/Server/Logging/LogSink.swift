#if canImport(Glibc)
import Glibc
#endif

/// Where the server's JSON log lines go. `standardError` writes each line with its line break
/// in one `write`, so lines from several threads never interleave; a test may collect them.
public struct LogSink: Sendable {
    private let receive: @Sendable (_ line: String) -> Void

    /// A sink handing each line (one JSON object, no line break) to `receive`.
    public init(_ receive: @escaping @Sendable (_ line: String) -> Void) {
        self.receive = receive
    }

    /// One line a `write` on descriptor 2.
    public static let standardError = LogSink { line in
        var text = line
        text.append("\n")
        text.withUTF8 { utf8 in _ = Glibc.write(2, utf8.baseAddress, utf8.count) }
    }

    /// Writes a line of JSON text (one object).
    public func write(_ line: String) {
        receive(line)
    }

    /// Writes `line`.
    public func write(_ line: LogLine) {
        receive(line.text)
    }
}
