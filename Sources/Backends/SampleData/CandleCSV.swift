import Primitives

/// Reads OHLCV candles from CSV: a header line, then `date,open,high,low,close,volume` with
/// dates as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]` (UTC) and exact decimal prices.
public enum CandleCSV {
    /// A line that could not be read.
    public struct LineError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// Parses the whole text; the first bad line stops it with its line number.
    public static func parse(_ text: String) throws(LineError) -> [CandleRecord] {
        try parseNumbered(text).map(\.candle)
    }

    /// Parses the whole text, keeping the line each candle came from, so that a later check
    /// of a candle (does it fit a symbol's units?) can name the line too.
    public static func parseNumbered(_ text: String) throws(LineError) -> [(line: Int, candle: CandleRecord)] {
        var candles: [(line: Int, candle: CandleRecord)] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if lineNumber == 1 || line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 6 else { throw LineError(line: lineNumber, reason: "expected 6 fields, found \(fields.count)") }
            guard let timestamp = epochMilliseconds(fields[0]) else {
                throw LineError(line: lineNumber, reason: "bad date '\(fields[0])'")
            }
            var values: [ExactDecimal] = []
            for field in fields[1...] {
                guard let value = ExactDecimal(field), !value.isNegative else {
                    throw LineError(line: lineNumber, reason: "bad number '\(field)'")
                }
                values.append(value)
            }
            guard values[2] <= values[0], values[2] <= values[3], values[1] >= values[0], values[1] >= values[3] else {
                throw LineError(line: lineNumber, reason: "low/high do not bound open/close")
            }
            candles.append((lineNumber, CandleRecord(timestamp: timestamp, open: values[0], high: values[1], low: values[2],
                                                     close: values[3], volume: values[4])))
        }
        return candles
    }

    /// `YYYY-MM-DD[ HH:MM[:SS]]` (or with `T`) as UTC epoch milliseconds.
    static func epochMilliseconds(_ text: Substring) -> Int? {
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            var value = 0
            for byte in digits[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard digits.count >= 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = 0
        if digits.count > 10 {
            guard digits[10] == UInt8(ascii: " ") || digits[10] == UInt8(ascii: "T"), digits.count >= 16,
                  let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60 else { return nil }
            seconds = hour * 3600 + minute * 60
            if digits.count > 16 {
                guard digits.count == 19, let second = number(17..<19), second < 60 else { return nil }
                seconds += second
            }
        }
        return (CalendarDay.daysFromCivil(year, month, day) * 86_400 + seconds) * 1000
    }
}
