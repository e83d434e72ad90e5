import Foundation

/// An HTTP/1.1 request written byte by byte onto a fresh connection, and the reading of its
/// response: the suite sees exactly what a client on the network would.
struct HTTPRequestMessage {
    /// The method, upper case.
    let method: String
    /// The request target: path and query, already percent-encoded.
    let target: String
    /// Header fields besides `Host` and `Content-Length`, which `send` adds (and
    /// `Connection: close` unless a `Connection` field is given).
    var headers: [(name: String, value: String)] = []
    /// The body; nil sends none (and no `Content-Length`).
    var body: [UInt8]?

    /// `METHOD target`, for failure messages.
    var requestLine: String { "\(method) \(target)" }

    /// Sends the request on a new connection to `port` and reads the whole response.
    func send(to port: Int, timeout: Double = 10) throws(TCPConnection.Failure) -> HTTPResponseMessage {
        let connection = try TCPConnection(port: port, timeout: timeout)
        defer { connection.close() }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        if !headers.contains(where: { $0.name.lowercased() == "connection" }) { head += "Connection: close\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        try connection.write(Array((head + "\r\n").utf8) + (body ?? []))
        return try Self.readResponse(from: connection, to: method)
    }

    /// Reads one response: the status line, the header fields and a body framed by
    /// `Content-Length`, chunked coding, or the end of the connection.
    static func readResponse(from connection: TCPConnection, to method: String) throws(TCPConnection.Failure) -> HTTPResponseMessage {
        let (status, headers) = try readHead(from: connection)
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
        var body: [UInt8] = []
        if method == "HEAD" || status == 204 || status == 304 || (100..<200).contains(status) {
            body = []
        } else if header("transfer-encoding")?.lowercased().contains("chunked") == true {
            body = try readChunked(from: connection)
        } else if let length = header("content-length") {
            guard let count = Int(length), count >= 0 else { throw TCPConnection.Failure(description: "bad Content-Length \(length)") }
            body = try connection.read(exactly: count)
        } else {
            body = try connection.readToEnd()
        }
        return HTTPResponseMessage(status: status, headers: headers, body: body)
    }

    /// The status line and header fields of a response (also of a WebSocket upgrade).
    static func readHead(from connection: TCPConnection) throws(TCPConnection.Failure) -> (Int, [(name: String, value: String)]) {
        let head = String(decoding: try connection.read(through: Array("\r\n\r\n".utf8)), as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.isEmpty ? "" : lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw TCPConnection.Failure(description: "not an HTTP status line: \(statusLine)")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw TCPConnection.Failure(description: "not a header field: \(line)") }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return (status, headers)
    }

    private static func readChunked(from connection: TCPConnection) throws(TCPConnection.Failure) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = String(decoding: try connection.read(through: Array("\r\n".utf8)), as: UTF8.self)
            let sizeText = line.split(separator: ";").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard let size = Int(sizeText, radix: 16) else { throw TCPConnection.Failure(description: "bad chunk size \(line)") }
            if size == 0 {
                _ = try connection.read(through: Array("\r\n".utf8))
                return body
            }
            body += try connection.read(exactly: size)
            _ = try connection.read(exactly: 2)
        }
    }
}
