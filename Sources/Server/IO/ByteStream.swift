#if canImport(Glibc)
import Glibc
#endif

/// The one place bytes enter and leave a connection. HTTP and WebSocket code only see this,
/// so an encrypting stream (TLS) can take the place of the plain socket without touching them.
public protocol ByteStream: AnyObject {
    /// The file descriptor the event loop watches.
    var fileDescriptor: Int32 { get }
    /// Reads what is available into `buffer`.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult
    /// Writes as much of `bytes` as the socket takes now.
    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult
    /// True when the stream needs to write before it can read on (a TLS handshake may): the
    /// connection then watches for writability and reads again once the socket is writable.
    var wantsWrite: Bool { get }
    /// True while a handshake below HTTP (TLS) is unfinished: the connection times it like a
    /// request being received, and never answers it with an HTTP error.
    var isHandshaking: Bool { get }
    /// Ends the sending direction, leaving reads open: a lingering close lets the peer read
    /// the last response before the connection goes, instead of losing it to a reset.
    func shutdownWrite()
    /// Closes the descriptor.
    func close()
}
