/// Where a response's bytes come from: a connection, or a script of chunks in tests.
protocol HTTPByteSource {
    /// Reads what has arrived into `buffer`, at least one byte; 0 at the end of the stream.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPClientError) -> Int
}

/// Reads one HTTP/1.1 response from a byte source: the status line and headers (interim 1xx
/// answers skipped), then the body framed as the headers say: `Transfer-Encoding: chunked`,
/// a `Content-Length`, or everything up to the end of the stream. The body is limited to
/// `limit` bytes while it arrives (`.tooLarge`); a head over 64 KiB, a bad length or chunk
/// size, or a stream that ends early is `.transport("malformed answer")`.
struct HTTPResponseReader<Source: HTTPByteSource> {
    static var maxHeadBytes: Int { 64 << 10 }

    private var source: Source
    private let limit: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    /// Where each read lands before joining `buffer`.
    private var scratch = [UInt8](repeating: 0, count: 16 << 10)

    init(source: Source, limit: Int) {
        self.source = source
        self.limit = limit
    }

    /// The response; `headRequest` says the request was HEAD (no body follows).
    mutating func read(headRequest: Bool = false) throws(HTTPClientError) -> HTTPClientResponse {
        var (status, headers) = try readHead()
        while (100...199).contains(status) && status != 101 { (status, headers) = try readHead() }
        let body: [UInt8]
        if headRequest || status == 204 || status == 304 || (100...199).contains(status) {
            body = []
        } else if let coding = headers["transfer-encoding"] {
            guard coding.lowercased().split(separator: ",").last?.trimmed == "chunked" else { throw Self.malformed }
            body = try readChunked()
        } else if let lengthText = headers["content-length"] {
            guard let length = Int(Substring(lengthText).trimmed), length >= 0 else { throw Self.malformed }
            guard length <= limit else { throw .tooLarge(limit: limit) }
            body = try readExactly(length)
        } else {
            body = try readToEnd()
        }
        return HTTPClientResponse(status: status, headers: headers, body: body)
    }

    private static var malformed: HTTPClientError { .transport("malformed answer") }

    /// The status line and headers up to the empty line; names in lower case, repeated
    /// headers joined with ", ".
    private mutating func readHead() throws(HTTPClientError) -> (Int, [String: String]) {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]),
              (100...999).contains(status) else { throw Self.malformed }
        var headers: [String: String] = [:]
        while true {
            let line = try readLine()
            if line.isEmpty { return (status, headers) }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { throw Self.malformed }
            let name = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...].trimmed)
            if let earlier = headers[name] { headers[name] = earlier + ", " + value } else { headers[name] = value }
        }
    }

    /// One line ended by CRLF (or a bare LF), without its end; the head as a whole may not
    /// pass `maxHeadBytes`.
    private mutating func readLine() throws(HTTPClientError) -> Substring {
        var scanned = start
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return Substring(line)
            }
            // fill() may move what is unread to the front: keep the scan's place relative to it.
            let scannedAhead = buffer.count - start
            guard scannedAhead < Self.maxHeadBytes else { throw Self.malformed }
            guard try fill() else { throw Self.malformed }
            scanned = start + scannedAhead
        }
    }

    private mutating func readExactly(_ count: Int) throws(HTTPClientError) -> [UInt8] {
        while buffer.count - start < count {
            guard try fill() else { throw Self.malformed }
        }
        defer { start += count }
        return Array(buffer[start..<(start + count)])
    }

    private mutating func readToEnd() throws(HTTPClientError) -> [UInt8] {
        while try fill() {
            guard buffer.count - start <= limit else { throw .tooLarge(limit: limit) }
        }
        guard buffer.count - start <= limit else { throw .tooLarge(limit: limit) }
        defer { start = buffer.count }
        return Array(buffer[start...])
    }

    /// Chunks until the last (size 0), then the trailer's lines up to the empty one.
    private mutating func readChunked() throws(HTTPClientError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = try readLine()
            let sizeText = sizeLine.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmed
            guard !sizeText.isEmpty, sizeText.count <= 15, let size = Int(sizeText, radix: 16) else { throw Self.malformed }
            if size == 0 { break }
            guard body.count + size <= limit else { throw .tooLarge(limit: limit) }
            body += try readExactly(size)
            guard try readLine().isEmpty else { throw Self.malformed }
        }
        while try !readLine().isEmpty {}
        return body
    }

    /// Reads more into the buffer, dropping what was consumed first; false at the end.
    private mutating func fill() throws(HTTPClientError) -> Bool {
        guard !ended else { return false }
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let outcome = scratch.withUnsafeMutableBytes { bytes in
            Result { () throws(HTTPClientError) in try source.read(into: bytes) }
        }
        let count = try outcome.get()
        buffer.append(contentsOf: scratch[..<count])
        if count == 0 { ended = true }
        return count > 0
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmed: Substring {
        guard let first = firstIndex(where: { $0 != " " && $0 != "\t" }), let last = lastIndex(where: { $0 != " " && $0 != "\t" }) else {
            return ""
        }
        return self[first...last]
    }
}
