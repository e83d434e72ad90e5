/// The symbol syntax of the API: `BTC/USDT`, `BTC-USDT`, `005930`.
enum SymbolText {
    static func isValid(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard let first = utf8.first, (1...32).contains(utf8.count), isAlphanumeric(first) else { return false }
        return utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
