import Primitives

/// A candle length of the spec's `Timeframe` (1m … 1M). Candles open on UTC boundaries: minutes
/// and hours on the epoch grid, days at midnight, weeks on Monday, months on the 1st.
public enum CandleInterval: String, Sendable, CaseIterable, Comparable {
    case minute1 = "1m", minute5 = "5m", minute15 = "15m", minute30 = "30m"
    case hour1 = "1h", hour4 = "4h", day1 = "1d", week1 = "1w", month1 = "1M"

    private static let minute = 60_000
    private static let day = 86_400_000

    /// The fixed length in milliseconds; nil for months, whose length varies.
    public var fixedMilliseconds: Int? {
        switch self {
        case .minute1: return Self.minute
        case .minute5: return 5 * Self.minute
        case .minute15: return 15 * Self.minute
        case .minute30: return 30 * Self.minute
        case .hour1: return 60 * Self.minute
        case .hour4: return 240 * Self.minute
        case .day1: return Self.day
        case .week1: return 7 * Self.day
        case .month1: return nil
        }
    }

    /// The opening time (epoch ms) of the candle holding `time`.
    public func bucketStart(of time: Int) -> Int {
        switch self {
        case .week1:
            // 1970-01-01 was a Thursday: Mondays are 4 days after the epoch grid of weeks.
            let monday = 4 * Self.day
            return Self.floor(time - monday, Self.week) + monday
        case .month1:
            let (year, month, _) = CalendarDay.civil(fromDays: Self.floor(time, Self.day) / Self.day)
            return CalendarDay.daysFromCivil(year, month, 1) * Self.day
        default:
            return Self.floor(time, fixedMilliseconds!)
        }
    }

    /// The opening time of the candle after the one opening at `start`.
    public func nextStart(after start: Int) -> Int {
        if let length = fixedMilliseconds { return bucketStart(of: start) + length }
        let (year, month, _) = CalendarDay.civil(fromDays: Self.floor(start, Self.day) / Self.day)
        return month == 12 ? CalendarDay.daysFromCivil(year + 1, 1, 1) * Self.day
            : CalendarDay.daysFromCivil(year, month + 1, 1) * Self.day
    }

    /// Shorter intervals first.
    public static func < (lhs: CandleInterval, rhs: CandleInterval) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    private static let week = 7 * day

    /// Rounds down to a multiple of `step`, negative times included.
    private static func floor(_ value: Int, _ step: Int) -> Int {
        let remainder = value % step
        return remainder < 0 ? value - remainder - step : value - remainder
    }
}
