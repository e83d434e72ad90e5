/// The decoded `name=value` pairs of a query string, in order.
public struct QueryParameters: Sendable, Equatable {
    /// The pairs, percent-decoded (`+` is a space).
    public private(set) var pairs: [(name: String, value: String)]
    /// Names whose percent-encoding was broken, reported as validation issues.
    public private(set) var malformed: [String]

    /// Parses a query string without its leading `?`.
    public init(_ query: some StringProtocol) {
        pairs = []
        malformed = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = pieces[0]
            let rawValue = pieces.count > 1 ? pieces[1] : ""
            let decodedName = Self.percentDecode(rawName)
            guard let name = decodedName, let value = Self.percentDecode(rawValue) else {
                malformed.append(decodedName ?? String(rawName))
                continue
            }
            pairs.append((name, value))
        }
    }

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.malformed == rhs.malformed && lhs.pairs.elementsEqual(rhs.pairs, by: { $0 == $1 })
    }

    /// The first value of `name`.
    public func first(_ name: String) -> String? {
        pairs.first(where: { $0.name == name })?.value
    }

    /// Every value of `name`, in order.
    public func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// Decodes `%XX` escapes and `+`; nil when an escape is broken or the bytes are not UTF-8.
    public static func percentDecode(_ text: some StringProtocol, plusIsSpace: Bool = true) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
