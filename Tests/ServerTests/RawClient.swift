#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A blocking TCP client for tests: send bytes, read what comes back with a deadline.
final class RawClient {
    let fd: Int32

    init(port: Int) throws {
        fd = try Self.connectedSocket(port: port)
    }

    /// A blocking TCP socket connected to 127.0.0.1:`port`.
    static func connectedSocket(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
        return fd
    }

    deinit { close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Reads until `done` says the data is complete, the peer closes, or `timeout` passes.
    func read(timeout: Double = 5, until done: (String) -> Bool) -> (text: String, closed: Bool) {
        var data: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000)))
            if ready <= 0 { break }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { return (String(decoding: data, as: UTF8.self), true) }
            data.append(contentsOf: buffer[0..<count])
            if done(String(decoding: data, as: UTF8.self)) { break }
        }
        return (String(decoding: data, as: UTF8.self), false)
    }

    /// Reads `count` complete HTTP responses (headers plus Content-Length bytes).
    func readResponses(_ count: Int, timeout: Double = 5) -> [String] {
        let result = read(timeout: timeout) { Self.split($0).count >= count }
        return Self.split(result.text)
    }

    /// Waits until the peer closes the connection; true if it did within `timeout`.
    func waitForClose(timeout: Double = 5) -> Bool {
        read(timeout: timeout) { _ in false }.closed
    }

    /// Splits a byte stream into complete responses using Content-Length.
    static func split(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let separator: [UInt8] = [13, 10, 13, 10]
        var responses: [String] = []
        var start = 0
        while start < bytes.count {
            guard let end = (start...max(start, bytes.count - 4)).first(where: { Array(bytes[$0..<min($0 + 4, bytes.count)]) == separator }),
                  end + 4 <= bytes.count else { break }
            let head = String(decoding: bytes[start..<end], as: UTF8.self)
            var length = 0
            for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
            if head.hasPrefix("HTTP/1.1 1") || head.contains("HEAD-REQUEST") { length = 0 }
            let bodyEnd = end + 4 + length
            guard bodyEnd <= bytes.count else { break }
            responses.append(String(decoding: bytes[start..<bodyEnd], as: UTF8.self))
            start = bodyEnd
        }
        return responses
    }
}
