import Foundation
import Glibc

/// A blocking TCP connection to the server under test, with read and write timeouts and a
/// read buffer, so that HTTP and WebSocket exchanges go through a real socket and a hung
/// server fails a test instead of hanging the run.
final class TCPConnection {
    /// A connection that could not be made, or broke, or timed out.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private var descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to `host:port` (an IPv4 literal); `timeout` bounds every later read and write.
    /// `receiveBuffer` sets the socket's receive buffer (`SO_RCVBUF`, before connecting, so the
    /// window the server sees is small): a client that stops reading holds only that much.
    init(host: String = "127.0.0.1", port: Int, timeout: Double = 10, receiveBuffer: Int? = nil) throws(Failure) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket(): \(Self.lastError)") }
        if var size = receiveBuffer.map(Int32.init) {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            setsockopt(descriptor, SOL_SOCKET, option, &limit, socklen_t(MemoryLayout<timeval>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close()
            throw Failure(description: "\(host) is not an IPv4 address")
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let reason = Self.lastError
            close()
            throw Failure(description: "connect to \(host):\(port): \(reason)")
        }
    }

    deinit {
        close()
    }

    /// Closes the socket (again: nothing).
    func close() {
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a peer that has closed must fail this call, not kill the test process with SIGPIPE.
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { throw Failure(description: "send: \(Self.lastError)") }
            offset += sent
        }
    }

    /// Bytes up to and including `delimiter`; fails past `limit` bytes or at end of stream.
    func read(through delimiter: [UInt8], limit: Int = 1 << 16) throws(Failure) -> [UInt8] {
        var searchFrom = 0
        while true {
            if buffer.count >= delimiter.count {
                for start in searchFrom...(buffer.count - delimiter.count) where buffer[start..<start + delimiter.count].elementsEqual(delimiter) {
                    let found = Array(buffer[..<(start + delimiter.count)])
                    buffer.removeFirst(start + delimiter.count)
                    return found
                }
                searchFrom = buffer.count - delimiter.count + 1
            }
            guard buffer.count <= limit else { throw Failure(description: "no \(delimiter) within \(limit) bytes") }
            guard try fill() else { throw Failure(description: "the connection closed while reading (\(buffer.count) bytes unread)") }
        }
    }

    /// Exactly `count` bytes; fails at end of stream.
    func read(exactly count: Int) throws(Failure) -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw Failure(description: "the connection closed with \(buffer.count) of \(count) bytes read") }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Everything until the peer closes.
    func readToEnd() throws(Failure) -> [UInt8] {
        while try fill() {}
        defer { buffer.removeAll() }
        return buffer
    }

    /// Reads what has arrived into the buffer; false at end of stream.
    private func fill() throws(Failure) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer += chunk[..<count]
                return true
            }
            if count == 0 { return false }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw Failure(description: "timed out waiting for the server") }
            throw Failure(description: "recv: \(Self.lastError)")
        }
    }

    private static var lastError: String {
        String(cString: strerror(errno))
    }
}
