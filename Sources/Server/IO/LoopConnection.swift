import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// A connection an event loop owns: it is only ever touched on that loop's thread.
protocol LoopConnection: AnyObject {
    var id: UInt64 { get }
    var stream: ByteStream { get }
    /// The socket has bytes (or an error / hang-up) to read.
    func readable()
    /// The socket can take bytes again.
    func writable()
    /// Called about four times a second: timeouts and pings.
    func tick(now: UInt64)
    /// The server is stopping.
    func beginShutdown()
    /// Writes what the connection has queued (called once per loop iteration for dirty ones).
    func flush()
    /// The loop stopped watching the connection and closed its stream, whatever the reason
    /// (either side closed, an error, shutdown): let go of what it holds beyond the loop.
    func removed()
}

extension LoopConnection {
    /// Holds nothing beyond the loop.
    func removed() {}
}
