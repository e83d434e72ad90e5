/// Bounds on what one request may make a connection buffer, so a client cannot exhaust memory
/// by sending an endless head or body.
public struct HTTPParserLimits: Sendable {
    /// The most bytes the head may take, from the first byte of the request line through the
    /// blank line that ends the header section. A chunked body's trailer section has the same bound.
    public var maxHeaderBytes: Int
    /// The most bytes a body may have (after de-chunking).
    public var maxBodyBytes: Int

    /// Creates limits; the defaults suit an API server whose requests are small JSON documents.
    public init(maxHeaderBytes: Int = 16 * 1024, maxBodyBytes: Int = 1 << 20) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }
}

/// What the parser found in the bytes received so far.
public enum HTTPParseEvent: Sendable, Equatable {
    /// The head of a request with `Expect: 100-continue` is complete and its body has not fully arrived: the server should send `HTTP/1.1 100 Continue` (once) before the client sends the body.
    case expectContinue(HTTPRequestHead)
    /// A complete request. When it asks for a protocol upgrade that the server accepts, the server
    /// must call `takeRemainingBytes()` before `next()`: what follows is no longer HTTP.
    case request(HTTPRequest)
}

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
                    try Self.parseChunkSizeLine(UnsafeBufferPointer(rebasing: bytes[readIndex..<lineEnd]))
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
                if buffer[readIndex] == Self.lf {
                    readIndex += 1
                } else if buffer[readIndex] == Self.cr {
                    guard readIndex + 1 < buffer.count else {
                        return takeContinue(head)
                    }
                    guard buffer[readIndex + 1] == Self.lf else {
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
                    while let line = Self.nextLine(in: section, from: &cursor), !line.isEmpty {
                        _ = try Self.parseFieldLine(in: section, line)
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
            case Self.lf:
                readIndex += 1
            case Self.cr:
                guard readIndex + 1 < buffer.count else { return false }
                guard buffer[readIndex + 1] == Self.lf else { return true }
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
                if bytes[index] == Self.lf {
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
            if bytes[index] == lf {
                let lineLength = index - lineStart
                if lineLength == 0 || (lineLength == 1 && bytes[lineStart] == cr) {
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
            guard let requestLine = Self.nextLine(in: section, from: &cursor) else {
                throw HTTPParseError.malformed("missing request line")
            }
            var head = try Self.parseRequestLine(in: section, requestLine)
            var fields: [HTTPHeaders.Element] = []
            fields.reserveCapacity(16)
            while let line = Self.nextLine(in: section, from: &cursor), !line.isEmpty {
                let field = try Self.parseFieldLine(in: section, line)
                fields.append((Self.string(section, field.name), Self.string(section, field.value)))
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
        guard let length = try Self.contentLength(contentLengths) else {
            return .none
        }
        guard length <= limits.maxBodyBytes else { throw .bodyTooLarge }
        return .contentLength(length)
    }

    /// The value of the Content-Length fields; repeats of one value (in one field or several) are
    /// allowed by RFC 9110 §8.6, different values are not. Saturates at `Int.max`, which any
    /// limit rejects, rather than failing on a huge but well-formed number.
    private static func contentLength(_ values: [String]) throws(HTTPParseError) -> Int? {
        var length: Int?
        for value in values {
            for element in value.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                let digits = HTTPHeaders.trimmingWhitespace(element)
                guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                    throw .malformed("Content-Length is not a decimal number")
                }
                var parsed = 0
                for digit in digits {
                    let (shifted, shiftOverflow) = parsed.multipliedReportingOverflow(by: 10)
                    let (sum, sumOverflow) = shifted.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
                    parsed = shiftOverflow || sumOverflow ? Int.max : sum
                }
                if let length, length != parsed {
                    throw .malformed("conflicting Content-Length values")
                }
                length = parsed
            }
        }
        return length
    }

    /// `method SP request-target SP HTTP-version`, with exactly one space between the parts: the
    /// strict form RFC 9112 §3 defines, because lenient splitting is another smuggling vector.
    private static func parseRequestLine(
        in bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>
    ) throws(HTTPParseError) -> HTTPRequestHead {
        var index = line.lowerBound
        while index < line.upperBound, isTokenByte(bytes[index]) {
            index += 1
        }
        guard index > line.lowerBound, index < line.upperBound, bytes[index] == sp else {
            throw .malformed("request line does not start with a method token")
        }
        let method = string(bytes, line.lowerBound..<index)

        let targetStart = index + 1
        index = targetStart
        while index < line.upperBound, bytes[index] != sp {
            guard bytes[index] > sp, bytes[index] != 0x7F else {
                throw .malformed("control character in request target")
            }
            index += 1
        }
        guard index > targetStart else {
            throw .malformed("empty request target")
        }
        guard index < line.upperBound else {
            throw .malformed("request line without an HTTP version")
        }
        let target = try parseTarget(in: bytes, targetStart..<index, method: method)

        let version = try parseVersion(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<line.upperBound]))
        return HTTPRequestHead(method: method, target: target, version: version)
    }

    /// The target in origin-form; `*` only for OPTIONS; absolute-form (which RFC 9112 §3.2.2
    /// requires servers to accept) reduced to its path and query, as nothing routes on the authority.
    private static func parseTarget(
        in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, method: String
    ) throws(HTTPParseError) -> String {
        let first = bytes[range.lowerBound]
        if first == UInt8(ascii: "/") {
            return string(bytes, range)
        }
        if first == UInt8(ascii: "*"), range.count == 1 {
            guard method == "OPTIONS" else {
                throw .malformed("asterisk-form target with a method other than OPTIONS")
            }
            return "*"
        }
        for scheme in ["http://", "https://"] where hasPrefixIgnoringCase(bytes, range, scheme) {
            let authorityStart = range.lowerBound + scheme.utf8.count
            var pathStart = authorityStart
            while pathStart < range.upperBound, bytes[pathStart] != UInt8(ascii: "/"), bytes[pathStart] != UInt8(ascii: "?") {
                pathStart += 1
            }
            guard pathStart > authorityStart else {
                throw .malformed("absolute-form target without a host")
            }
            let pathAndQuery = string(bytes, pathStart..<range.upperBound)
            return pathAndQuery.utf8.first == UInt8(ascii: "/") ? pathAndQuery : "/" + pathAndQuery
        }
        throw .malformed("request target is not in origin-form")
    }

    /// `HTTP/d.d`: a well-formed version we do not speak is a 505, anything else a 400.
    private static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        guard bytes.count == 8,
              bytes.starts(with: "HTTP/".utf8),
              let major = decimalDigit(bytes[5]), bytes[6] == UInt8(ascii: "."), let minor = decimalDigit(bytes[7])
        else {
            throw .malformed("invalid HTTP version")
        }
        guard major == 1, minor <= 1 else { throw .unsupportedVersion }
        return HTTPVersion(major: major, minor: minor)
    }

    /// `field-name ":" OWS field-value OWS`, returning where the name and trimmed value lie.
    private static func parseFieldLine(
        in bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>
    ) throws(HTTPParseError) -> (name: Range<Int>, value: Range<Int>) {
        // RFC 9112 §5.2: obs-fold is rejected rather than unfolded, as nothing legitimate sends it.
        guard bytes[line.lowerBound] != sp, bytes[line.lowerBound] != ht else {
            throw .malformed("obsolete line folding in header section")
        }
        var colon = line.lowerBound
        while colon < line.upperBound, isTokenByte(bytes[colon]) {
            colon += 1
        }
        guard colon < line.upperBound, bytes[colon] == UInt8(ascii: ":") else {
            if colon == line.upperBound {
                throw .malformed("header field without a colon")
            }
            // RFC 9112 §5.1 requires a 400 here: proxies disagree on what such a name means.
            if bytes[colon] == sp || bytes[colon] == ht {
                throw .malformed("whitespace between header field name and colon")
            }
            throw .malformed("invalid character in header field name")
        }
        guard colon > line.lowerBound else {
            throw .malformed("empty header field name")
        }
        var valueStart = colon + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd, bytes[valueStart] == sp || bytes[valueStart] == ht {
            valueStart += 1
        }
        while valueEnd > valueStart, bytes[valueEnd - 1] == sp || bytes[valueEnd - 1] == ht {
            valueEnd -= 1
        }
        for index in valueStart..<valueEnd where !isFieldValueByte(bytes[index]) {
            throw .malformed("control character in header field value")
        }
        return (line.lowerBound..<colon, valueStart..<valueEnd)
    }

    // MARK: - Chunked body

    /// `chunk-size [ chunk-ext ]` before the line break; extensions are checked for control
    /// characters and otherwise ignored, as no extension means anything to this server.
    private static func parseChunkSizeLine(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        let end = line.last == cr ? line.count - 1 : line.count
        var index = 0
        var size = 0
        while index < end, let digit = hexDigit(line[index]) {
            guard size <= Int.max >> 4 else {
                throw .malformed("chunk size overflows")
            }
            size = size << 4 | digit
            index += 1
        }
        guard index > 0 else {
            throw .malformed("chunk size is not hexadecimal")
        }
        var extensionStart = index
        while extensionStart < end, line[extensionStart] == sp || line[extensionStart] == ht {
            extensionStart += 1
        }
        guard extensionStart == end && extensionStart == index || extensionStart < end && line[extensionStart] == UInt8(ascii: ";") else {
            throw .malformed("invalid character after chunk size")
        }
        for byte in line[extensionStart..<end] where !isFieldValueByte(byte) {
            throw .malformed("control character in chunk extension")
        }
        return size
    }

    // MARK: - Bytes

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let sp = UInt8(ascii: " ")
    private static let ht = UInt8(ascii: "\t")

    /// The content of the line starting at `cursor` without its CRLF or bare LF, moving `cursor`
    /// past it; nil when no complete line is left.
    private static func nextLine(in bytes: UnsafeBufferPointer<UInt8>, from cursor: inout Int) -> Range<Int>? {
        var index = cursor
        while index < bytes.count, bytes[index] != lf {
            index += 1
        }
        guard index < bytes.count else { return nil }
        let start = cursor
        cursor = index + 1
        return start..<(index > start && bytes[index - 1] == cr ? index - 1 : index)
    }

    /// `tchar` from RFC 9110 §5.6.2: the characters of methods and field names.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Visible ASCII, space, tab and obs-text (RFC 9110 §5.5); CR, LF and NUL in particular are
    /// refused because a downstream component could treat them as line ends.
    private static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte >= sp ? byte != 0x7F : byte == ht
    }

    private static func decimalDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func hasPrefixIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ prefix: String) -> Bool {
        let prefixBytes = prefix.utf8
        guard range.count >= prefixBytes.count else { return false }
        return zip(bytes[range], prefixBytes).allSatisfy { byte, expected in
            byte == expected || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) && byte | 0x20 == expected
        }
    }

    /// The bytes as a String: UTF-8 when they are valid UTF-8 (ASCII, nearly always), else
    /// ISO-8859-1, which maps every byte to a character so nothing a client sent is lost.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if let utf8 = String(validating: slice, as: UTF8.self) {
            return utf8
        }
        var latin1 = String.UnicodeScalarView()
        latin1.append(contentsOf: slice.lazy.map { Unicode.Scalar($0) })
        return String(latin1)
    }
}
