/// Writes JSON straight into a byte buffer; generated encoders call it field by field in
/// spec order, so responses never go through `Codable` or an intermediate tree. Token
/// claims, audit lines and log lines are written with it too.
///
/// The buffer is managed by hand (the writer is non-copyable and frees it on deinit):
/// appending to an `Array` byte by byte costs a uniqueness check per call, which profiling
/// showed to dominate the encoding of large responses.
public struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var needsComma = false

    /// Creates a writer with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// `text` as a JSON string literal, quotes included: the one JSON string escaping of the
    /// product (the generator's literals use it too).
    public static func quoted(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    // MARK: Buffer

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ start: UnsafePointer<UInt8>, _ length: Int) {
        reserve(length)
        (base + count).update(from: start, count: length)
        count += length
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0.baseAddress!, $0.count) }
    }

    // MARK: Structure

    public mutating func beginObject() {
        append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Starts an array element (writes the separating comma when needed).
    public mutating func element() {
        if needsComma { append(UInt8(ascii: ",")) }
        needsComma = false
    }

    /// Writes a member name; `key` must not need escaping (generated names never do).
    public mutating func key(_ key: StaticString) {
        let length = key.utf8CodeUnitCount
        reserve(length + 4)
        if needsComma { base[count] = UInt8(ascii: ","); count += 1 }
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: key.utf8Start, count: length)
        count += length + 1
        base[count] = UInt8(ascii: "\"")
        base[count + 1] = UInt8(ascii: ":")
        count += 2
        needsComma = false
    }

    /// Writes a member name from a runtime string (map keys), escaped. A separate label keeps
    /// string literals on the `StaticString` overload, which needs no escaping.
    public mutating func key(dynamic key: String) {
        if needsComma { append(UInt8(ascii: ",")) }
        appendEscaped(key)
        append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    public mutating func null() {
        append(Self.nullLiteral, 4)
        needsComma = true
    }

    public mutating func bool(_ value: Bool) {
        if value { append(Self.trueLiteral, 4) } else { append(Self.falseLiteral, 5) }
        needsComma = true
    }

    public mutating func int(_ value: Int) {
        if value >= 0 && value < 10 {
            append(UInt8(ascii: "0") + UInt8(value))
        } else {
            append(String(value))
        }
        needsComma = true
    }

    /// Writes a finite double in its shortest round-tripping form; NaN and infinities,
    /// which JSON cannot hold, become null.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            append(String(Int64(value)))
        } else {
            append(value.description)
        }
        needsComma = true
    }

    /// Writes a number already in JSON form.
    public mutating func rawNumber(_ text: String) {
        append(text)
        needsComma = true
    }

    public mutating func string(_ value: String) {
        appendEscaped(value)
        needsComma = true
    }

    /// Appends bytes that already form one complete JSON value.
    public mutating func rawValue(_ json: [UInt8]) {
        json.withUnsafeBufferPointer { if let start = $0.baseAddress { append(start, $0.count) } }
        needsComma = true
    }

    // MARK: Escaping

    private mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            // Worst case every byte becomes \u00XX; reserving that once keeps the loop free of checks.
            reserve(utf8.count * 6 + 2)
            let out = base
            var written = count
            out[written] = UInt8(ascii: "\"")
            written += 1
            if let source = utf8.baseAddress {
                var index = 0
                let length = utf8.count
                while index < length {
                    // Eight bytes at a time while none needs escaping.
                    if length - index >= 8 {
                        let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                        if !Self.needsEscape(word) {
                            UnsafeMutableRawPointer(out + written).storeBytes(of: word, as: UInt64.self)
                            written += 8
                            index += 8
                            continue
                        }
                    }
                    let byte = source[index]
                    index += 1
                    if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                        out[written] = byte
                        written += 1
                        continue
                    }
                    out[written] = UInt8(ascii: "\\")
                    switch byte {
                    case UInt8(ascii: "\""): out[written + 1] = UInt8(ascii: "\""); written += 2
                    case UInt8(ascii: "\\"): out[written + 1] = UInt8(ascii: "\\"); written += 2
                    case 0x0A: out[written + 1] = UInt8(ascii: "n"); written += 2
                    case 0x0D: out[written + 1] = UInt8(ascii: "r"); written += 2
                    case 0x09: out[written + 1] = UInt8(ascii: "t"); written += 2
                    default:
                        out[written + 1] = UInt8(ascii: "u")
                        out[written + 2] = UInt8(ascii: "0")
                        out[written + 3] = UInt8(ascii: "0")
                        out[written + 4] = Self.hexDigit(byte >> 4)
                        out[written + 5] = Self.hexDigit(byte & 0xF)
                        written += 6
                    }
                }
            }
            out[written] = UInt8(ascii: "\"")
            count = written + 1
        }
    }

    /// True when any byte of `word` is a control character, `"` or `\` (SWAR: a zero byte
    /// after XOR marks a match; subtracting 0x20 from each byte borrows for those below it).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        return (control | quoteZero | backslashZero) & highs != 0
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    private static var nullLiteral: UnsafePointer<UInt8> { StaticString("null").utf8Start }
    private static var trueLiteral: UnsafePointer<UInt8> { StaticString("true").utf8Start }
    private static var falseLiteral: UnsafePointer<UInt8> { StaticString("false").utf8Start }
}
