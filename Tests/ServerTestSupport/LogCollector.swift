import Foundation
import Synchronization
import Server

/// Collects the server's log lines for a test, parsed as JSON objects (shared by the Server and
/// Gateway tests).
public final class LogCollector: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    /// A sink that keeps every line here.
    public var sink: LogSink {
        LogSink { [self] line in lines.withLock { $0.append(line) } }
    }

    /// Every line so far whose `msg` is `message`, parsed.
    public func entries(_ message: String) -> [[String: Any]] {
        lines.withLock { $0 }.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }.filter { $0["msg"] as? String == message }
    }

    /// Waits up to `timeout` seconds for a line with `msg` `message` that `matches`.
    public func wait(for message: String, timeout: Double = 3, where matches: ([String: Any]) -> Bool = { _ in true }) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let found = entries(message).last(where: matches) { return found }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }
}
