/// The grammar of HTTP/1.1 lines (RFC 9112): request line, field lines, chunk sizes,
/// and the byte classes they are made of. Pure functions over bytes, used by the parser.
enum HTTPLineGrammar {
    /// The value of the Content-Length fields; repeats of one value (in one field or several) are
    /// allowed by RFC 9110 §8.6, different values are not. Saturates at `Int.max`, which any
    /// limit rejects, rather than failing on a huge but well-formed number.
    static func contentLength(_ values: [String]) throws(HTTPParseError) -> Int? {
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
    static func parseRequestLine(
        in bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>
    ) throws(HTTPParseError) -> HTTPRequestHead {
        var index = line.lowerBound
        while index < line.upperBound, isTokenByte(bytes[index]) {
            index += 1
        }
        guard index > line.lowerBound, index < line.upperBound, bytes[index] == sp else {
            throw .malformed("request line does not start with a method token")
        }
        let method = string(bytes, line.lowerBound..<index, isASCII: true)

        let targetStart = index + 1
        index = targetStart
        var targetIsASCII = true
        while index < line.upperBound, bytes[index] != sp {
            guard bytes[index] > sp, bytes[index] != 0x7F else {
                throw .malformed("control character in request target")
            }
            targetIsASCII = targetIsASCII && bytes[index] < 0x80
            index += 1
        }
        guard index > targetStart else {
            throw .malformed("empty request target")
        }
        guard index < line.upperBound else {
            throw .malformed("request line without an HTTP version")
        }
        let target = try parseTarget(in: bytes, targetStart..<index, method: method, isASCII: targetIsASCII)

        let version = try parseVersion(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<line.upperBound]))
        return HTTPRequestHead(method: method, target: target, version: version)
    }

    /// The target in origin-form; `*` only for OPTIONS; absolute-form (which RFC 9112 §3.2.2
    /// requires servers to accept) reduced to its path and query, as nothing routes on the authority.
    static func parseTarget(
        in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, method: String, isASCII: Bool
    ) throws(HTTPParseError) -> String {
        let first = bytes[range.lowerBound]
        if first == UInt8(ascii: "/") {
            return string(bytes, range, isASCII: isASCII)
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
            let pathAndQuery = string(bytes, pathStart..<range.upperBound, isASCII: isASCII)
            return pathAndQuery.utf8.first == UInt8(ascii: "/") ? pathAndQuery : "/" + pathAndQuery
        }
        throw .malformed("request target is not in origin-form")
    }

    /// `HTTP/d.d`: a well-formed version we do not speak is a 505, anything else a 400.
    static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPVersion {
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
    static func parseFieldLine(
        in bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>
    ) throws(HTTPParseError) -> (name: Range<Int>, value: Range<Int>, valueIsASCII: Bool) {
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
        var valueIsASCII = true
        for index in valueStart..<valueEnd {
            guard isFieldValueByte(bytes[index]) else {
                throw .malformed("control character in header field value")
            }
            valueIsASCII = valueIsASCII && bytes[index] < 0x80
        }
        return (line.lowerBound..<colon, valueStart..<valueEnd, valueIsASCII)
    }

    // MARK: - Chunked body

    /// `chunk-size [ chunk-ext ]` before the line break; extensions are checked for control
    /// characters and otherwise ignored, as no extension means anything to this server.
    static func parseChunkSizeLine(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
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

    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let sp = UInt8(ascii: " ")
    static let ht = UInt8(ascii: "\t")

    /// The content of the line starting at `cursor` without its CRLF or bare LF, moving `cursor`
    /// past it; nil when no complete line is left.
    static func nextLine(in bytes: UnsafeBufferPointer<UInt8>, from cursor: inout Int) -> Range<Int>? {
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
    static func isTokenByte(_ byte: UInt8) -> Bool {
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
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte >= sp ? byte != 0x7F : byte == ht
    }

    static func decimalDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    static func hasPrefixIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ prefix: String) -> Bool {
        let prefixBytes = prefix.utf8
        guard range.count >= prefixBytes.count else { return false }
        return zip(bytes[range], prefixBytes).allSatisfy { byte, expected in
            byte == expected || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) && byte | 0x20 == expected
        }
    }

    /// The bytes as a String: UTF-8 when they are valid UTF-8 (ASCII, nearly always), else
    /// ISO-8859-1, which maps every byte to a character so nothing a client sent is lost.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, isASCII: Bool) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        let utf8 = String(decoding: slice, as: UTF8.self)
        // Decoding replaces invalid sequences, so the bytes survive unchanged exactly when they were valid.
        if isASCII || utf8.utf8.elementsEqual(slice) {
            return utf8
        }
        var latin1 = String.UnicodeScalarView()
        latin1.append(contentsOf: slice.lazy.map { Unicode.Scalar($0) })
        return String(latin1)
    }
}
