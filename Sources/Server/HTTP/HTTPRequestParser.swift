/// Turns the bytes of one connection, in whatever chunks the socket delivers them, into
/// requests (RFC 9112). One parser per connection; requests come out in order, so pipelining
/// works by calling `next()` until it returns nil.
///
/// Bytes are kept in one array with a read index and compacted only now and then, and the
/// search for the end of a head resumes where it stopped, so a head trickling in a byte at a
/// time costs linear time. Strings are made only for the method, target and fields.
public struct HTTPRequestParser: Sendable {
    private let limits: HTTPParserLimits
    private var buffer: [UInt8] = []
    /// The first byte of `buffer` not yet consumed; everything before it is garbage awaiting compaction.
    private var readIndex = 0
    private var phase: Phase = .head(SectionScan())
    /// The body of the request being read, kept out of `phase` so appending to it never copies it.
    private var body: [UInt8] = []
    /// Set when the current request asked for `100 Continue` and the event has not been returned yet.
    private var owesContinue = false
    private var failure: HTTPParseError?

    /// Creates a parser for a new connection.
    public init(limits: HTTPParserLimits = .init()) {
        self.limits = limits
    }

    /// Adds bytes read from the socket; the memory is copied, so it may be reused afterwards.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthwhile()
        bytes.withMemoryRebound(to: UInt8.self) { buffer.append(contentsOf: $0) }
    }

    /// Adds bytes read from the socket.
    public mutating func append(_ bytes: [UInt8]) {
        compactIfWorthwhile()
        buffer.append(contentsOf: bytes)
    }

    /// The next complete event, nil when more bytes are needed. After an error the parser is poisoned (every later call throws the same error): the connection will be answered and closed.
    public mutating func next() throws(HTTPParseError) -> HTTPParseEvent? {
        if let failure {
            throw failure
        }
        do throws(HTTPParseError) {
            return try advance()
        } catch {
            failure = error
            throw error
        }
    }

    /// True when no partial request is buffered (used to tell an idle keep-alive connection from one that is mid-request, for the header read timeout).
    public var isIdle: Bool {
        guard failure == nil, case .head = phase else { return false }
        return readIndex == buffer.count
    }

    /// Bytes buffered but not yet consumed.
    public var bufferedByteCount: Int {
        buffer.count - readIndex
    }

    /// Takes the unconsumed bytes (after a WebSocket upgrade request, the rest belongs to the WebSocket codec) and resets.
    public mutating func takeRemainingBytes() -> [UInt8] {
        let remaining = Array(buffer[readIndex...])
        self = HTTPRequestParser(limits: limits)
        return remaining
    }

    // MARK: - State machine

    /// Where the parser is within the current request.
    private enum Phase {
        /// Looking for the blank line that ends the head.
        case head(SectionScan)
        /// Reading the body of a request whose head has been parsed.
        case body(HTTPRequestHead, BodyPhase)
    }

    /// Where the parser is within a body.
    private enum BodyPhase {
        /// Waiting until `length` bytes are buffered, then taking them in one copy.
        case fixedLength(Int)
        /// Looking for the end of a chunk-size line; `scanned` bytes of it have been searched.
        case chunkSizeLine(scanned: Int)
        /// Copying a chunk's data into the body.
        case chunkData(remaining: Int)
        /// Expecting the line break that follows a chunk's data.
        case chunkDataEnd
        /// Looking for the blank line that ends the trailer section.
        case trailers(SectionScan)
    }

    /// How far the search for a blank line has got, relative to the start of the section, so that
    /// each byte is examined once however the section is split into reads.
    private struct SectionScan {
        /// Bytes already searched.
        var scanned = 0
        /// Where the line containing the first unsearched byte begins.
        var lineStart = 0
    }

    /// How the body of a request is delimited (RFC 9112 §6.3).
    private enum Framing {
        case none
        case contentLength(Int)
        case chunked
    }

    private mutating func advance() throws(HTTPParseError) -> HTTPParseEvent? {
        while true {
            switch phase {
            case .head(var scan):
                if scan.scanned == 0, !skipEmptyLines() {
                    return nil
                }
                guard let headLength = try findSectionEnd(&scan) else {
                    phase = .head(scan)
                    return nil
                }
                let (head, framing) = try parseHead(length: headLength)
                readIndex += headLength
                switch framing {
                case .none, .contentLength(0):
                    return .request(finishRequest(head))
                case .contentLength(let length):
                    phase = .body(head, .fixedLength(length))
                case .chunked:
                    phase = .body(head, .chunkSizeLine(scanned: 0))
                }
                owesContinue = head.version == .http1_1 && head.headers.containsToken("100-continue", in: "Expect")

            case .body(let head, .fixedLength(let length)):
                guard buffer.count - readIndex >= length else {
                    return takeContinue(head)
                }
                body = Array(buffer[readIndex..<readIndex + length])
                readIndex += length
                return .request(finishRequest(head))

            case .body(let head, .chunkSizeLine(let scanned)):
                guard let lineEnd = findLineEnd(scanned: scanned) else {
                    guard bufferedByteCount <= limits.maxHeaderBytes else {
                        throw .malformed("chunk size line too long")
                    }
                    phase = .body(head, .chunkSizeLine(scanned: bufferedByteCount))
                    return takeContinue(head)
                }
                let size = try buffer.withUnsafeBufferPointer { [readIndex] bytes throws(HTTPParseError) in
                    try HTTPLineGrammar.parseChunkSizeLine(UnsafeBufferPointer(rebasing: bytes[readIndex..<lineEnd]))
                }
                readIndex = lineEnd + 1
                if size == 0 {
                    phase = .body(head, .trailers(SectionScan()))
                } else {
                    guard size <= limits.maxBodyBytes - body.count else { throw .bodyTooLarge }
                    phase = .body(head, .chunkData(remaining: size))
                }

            case .body(let head, .chunkData(let remaining)):
                let available = min(remaining, bufferedByteCount)
                guard available > 0 else {
                    return takeContinue(head)
                }
                body.append(contentsOf: buffer[readIndex..<readIndex + available])
                readIndex += available
                phase = .body(head, available == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - available))

            case .body(let head, .chunkDataEnd):
                // CRLF, or a bare LF as everywhere else (RFC 9112 §2.2).
                guard readIndex < buffer.count else {
                    return takeContinue(head)
                }
                if buffer[readIndex] == HTTPLineGrammar.lf {
                    readIndex += 1
                } else if buffer[readIndex] == HTTPLineGrammar.cr {
                    guard readIndex + 1 < buffer.count else {
                        return takeContinue(head)
                    }
                    guard buffer[readIndex + 1] == HTTPLineGrammar.lf else {
                        throw .malformed("missing line break after chunk data")
                    }
                    readIndex += 2
                } else {
                    throw .malformed("missing line break after chunk data")
                }
                phase = .body(head, .chunkSizeLine(scanned: 0))

            case .body(let head, .trailers(var scan)):
                guard let trailerLength = try findSectionEnd(&scan) else {
                    phase = .body(head, .trailers(scan))
                    return takeContinue(head)
                }
                // Trailers are checked so a broken one still ends the connection, then dropped:
                // nothing here needs them, and merging them into the head would let a client
                // change fields the server already acted on.
                try buffer.withUnsafeBufferPointer { [readIndex] bytes throws(HTTPParseError) in
                    let section = UnsafeBufferPointer(rebasing: bytes[readIndex..<readIndex + trailerLength])
                    var cursor = 0
                    while let line = HTTPLineGrammar.nextLine(in: section, from: &cursor), !line.isEmpty {
                        _ = try HTTPLineGrammar.parseFieldLine(in: section, line)
                    }
                }
                readIndex += trailerLength
                return .request(finishRequest(head))
            }
        }
    }

    /// The `100 Continue` event if it is still owed; called whenever the body is incomplete,
    /// so it comes out once, right after the head, and never when the body was already here.
    private mutating func takeContinue(_ head: HTTPRequestHead) -> HTTPParseEvent? {
        guard owesContinue else { return nil }
        owesContinue = false
        return .expectContinue(head)
    }

    private mutating func finishRequest(_ head: HTTPRequestHead) -> HTTPRequest {
        let request = HTTPRequest(head: head, body: body)
        body = []
        owesContinue = false
        phase = .head(SectionScan())
        return request
    }

    // MARK: - Buffer management

    /// Drops consumed bytes once they are worth a copy: when nothing is left, or when the consumed
    /// prefix is at least half the buffer or 64 KiB, so the copying stays linear in bytes received.
    private mutating func compactIfWorthwhile() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            // An idle keep-alive connection should not hold on to the memory of a large body.
            if buffer.capacity > 64 * 1024 {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
            readIndex = 0
        } else if readIndex >= 64 * 1024 || readIndex >= buffer.count / 2 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
    }

    /// Consumes line breaks before a request line, which RFC 9112 §2.2 asks servers to ignore
    /// (some clients send one after a body). False when a lone CR at the end leaves it undecided.
    private mutating func skipEmptyLines() -> Bool {
        while readIndex < buffer.count {
            switch buffer[readIndex] {
            case HTTPLineGrammar.lf:
                readIndex += 1
            case HTTPLineGrammar.cr:
                guard readIndex + 1 < buffer.count else { return false }
                guard buffer[readIndex + 1] == HTTPLineGrammar.lf else { return true }
                readIndex += 2
            default:
                return true
            }
        }
        return true
    }

    /// The length of the field section starting at `readIndex`, through its blank line; nil
    /// when that line has not arrived. Throws as soon as the section is known to exceed the limit.
    private func findSectionEnd(_ scan: inout SectionScan) throws(HTTPParseError) -> Int? {
        let limit = limits.maxHeaderBytes
        let length = buffer.withUnsafeBufferPointer { [readIndex] bytes in
            Self.blankLineEnd(in: bytes, sectionStart: readIndex, scan: &scan, limit: limit)
        }
        if length == nil, bufferedByteCount > limit {
            throw .headersTooLarge
        }
        return length
    }

    /// The index of the LF ending the line at `readIndex`, resuming after `scanned` searched bytes.
    private func findLineEnd(scanned: Int) -> Int? {
        let searchEnd = min(buffer.count, readIndex + limits.maxHeaderBytes + 1)
        return buffer.withUnsafeBufferPointer { [readIndex] bytes in
            var index = readIndex + scanned
            while index < searchEnd {
                if bytes[index] == HTTPLineGrammar.lf {
                    return index
                }
                index += 1
            }
            return nil
        }
    }

    private static func blankLineEnd(
        in bytes: UnsafeBufferPointer<UInt8>, sectionStart: Int, scan: inout SectionScan, limit: Int
    ) -> Int? {
        // Bytes past the limit are never searched: a section ending there is too large anyway.
        let searchEnd = min(bytes.count, sectionStart + limit)
        var index = sectionStart + scan.scanned
        var lineStart = sectionStart + scan.lineStart
        while index < searchEnd {
            if bytes[index] == HTTPLineGrammar.lf {
                let lineLength = index - lineStart
                if lineLength == 0 || (lineLength == 1 && bytes[lineStart] == HTTPLineGrammar.cr) {
                    return index + 1 - sectionStart
                }
                lineStart = index + 1
            }
            index += 1
        }
        scan = SectionScan(scanned: index - sectionStart, lineStart: lineStart - sectionStart)
        return nil
    }

    // MARK: - Head

    /// Parses the complete head of `length` bytes at `readIndex` and decides how its body is framed.
    private func parseHead(length: Int) throws(HTTPParseError) -> (HTTPRequestHead, Framing) {
        let head = try buffer.withUnsafeBufferPointer { [readIndex] bytes throws(HTTPParseError) in
            let section = UnsafeBufferPointer(rebasing: bytes[readIndex..<readIndex + length])
            var cursor = 0
            guard let requestLine = HTTPLineGrammar.nextLine(in: section, from: &cursor) else {
                throw HTTPParseError.malformed("missing request line")
            }
            var head = try HTTPLineGrammar.parseRequestLine(in: section, requestLine)
            var fields: [HTTPHeaders.Element] = []
            fields.reserveCapacity(16)
            while let line = HTTPLineGrammar.nextLine(in: section, from: &cursor), !line.isEmpty {
                let field = try HTTPLineGrammar.parseFieldLine(in: section, line)
                fields.append((HTTPLineGrammar.string(section, field.name, isASCII: true), HTTPLineGrammar.string(section, field.value, isASCII: field.valueIsASCII)))
            }
            head.headers = HTTPHeaders(fields)
            return head
        }
        // RFC 9112 §3.2: the server MUST answer 400 to an HTTP/1.1 request without Host, and to
        // any request with several, since a proxy and the server could pick different ones.
        let hosts = head.headers.values("Host").count
        if hosts > 1 {
            throw .malformed("more than one Host header field")
        }
        if hosts == 0, head.version == .http1_1 {
            throw .malformed("HTTP/1.1 request without a Host header field")
        }
        return (head, try framing(of: head))
    }

    /// The body framing (RFC 9112 §6.3), refusing every combination that two parsers could read
    /// differently, since that disagreement is what request smuggling exploits.
    private func framing(of head: HTTPRequestHead) throws(HTTPParseError) -> Framing {
        let transferEncodings = head.headers.values("Transfer-Encoding")
        let contentLengths = head.headers.values("Content-Length")
        if !transferEncodings.isEmpty {
            if head.version == .http1_0 {
                // RFC 9112 §6.1: HTTP/1.0 has no chunked coding, so its framing must be treated as faulty.
                throw .malformed("Transfer-Encoding in an HTTP/1.0 request")
            }
            if !contentLengths.isEmpty {
                throw .malformed("both Transfer-Encoding and Content-Length")
            }
            let codings = transferEncodings
                .flatMap { $0.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) }
                .map(HTTPHeaders.trimmingWhitespace)
                .filter { !$0.isEmpty }
            guard let last = codings.last else {
                throw .malformed("empty Transfer-Encoding")
            }
            // RFC 9112 §6.3: when chunked is not last the body length is unknowable, which
            // is a 400; a chunked body wrapped in other codings is merely unsupported.
            guard HTTPHeaders.asciiCaseInsensitiveEqual(last, "chunked".utf8[...]) else {
                throw .malformed("chunked is not the final transfer coding")
            }
            guard codings.count == 1 else {
                throw .unsupportedTransferEncoding(transferEncodings.joined(separator: ", "))
            }
            return .chunked
        }
        guard let length = try HTTPLineGrammar.contentLength(contentLengths) else {
            return .none
        }
        guard length <= limits.maxBodyBytes else { throw .bodyTooLarge }
        return .contentLength(length)
    }

}
