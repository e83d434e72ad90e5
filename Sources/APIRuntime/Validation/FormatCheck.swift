/// Syntax checks for string formats, byte by byte.
enum FormatCheck {
    static func isUUID(_ value: String) -> Bool {
        let utf8 = Array(value.utf8)
        guard utf8.count == 36 else { return false }
        for (index, byte) in utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if byte != UInt8(ascii: "-") { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    static func isDecimal(_ value: String) -> Bool {
        var utf8 = Substring(value).utf8[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        let integer = utf8.prefix(while: isDigit)
        guard !integer.isEmpty else { return false }
        utf8 = utf8.dropFirst(integer.count)
        if utf8.isEmpty { return true }
        guard utf8.first == UInt8(ascii: ".") else { return false }
        let fraction = utf8.dropFirst()
        return !fraction.isEmpty && fraction.allSatisfy(isDigit)
    }

    static func isDate(_ value: Substring) -> Bool {
        let utf8 = Array(value.utf8)
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return false }
        guard let year = number(utf8[0..<4]), let month = number(utf8[5..<7]), let day = number(utf8[8..<10]) else {
            return false
        }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    static func isDateTime(_ value: String) -> Bool {
        let utf8 = Array(value.utf8)
        guard utf8.count >= 20, isDate(Substring(value).prefix(10)) else { return false }
        guard utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: "t") || utf8[10] == UInt8(ascii: " ") else {
            return false
        }
        guard utf8[13] == UInt8(ascii: ":"), utf8[16] == UInt8(ascii: ":"),
              let hour = number(utf8[11..<13]), let minute = number(utf8[14..<16]), let second = number(utf8[17..<19]),
              hour < 24, minute < 60, second < 61 else { return false }
        var index = 19
        if utf8[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < utf8.count, isDigit(utf8[index]) { index += 1 }
            if index == start { return false }
        }
        guard index < utf8.count else { return false }
        switch utf8[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return index + 1 == utf8.count
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard utf8.count - index == 6, utf8[index + 3] == UInt8(ascii: ":"),
                  let offsetHour = number(utf8[(index + 1)..<(index + 3)]),
                  let offsetMinute = number(utf8[(index + 4)..<(index + 6)]) else { return false }
            return offsetHour < 24 && offsetMinute < 60
        default:
            return false
        }
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
