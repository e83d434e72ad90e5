/// The closes of several symbols, aligned by period, for strategies that decide on all their
/// symbols at once. Candles arrive one symbol at a time; a period is complete when every
/// symbol's last candle has the same start (the newest). Only complete periods enter the
/// history, so "n periods ago" is the same period for every symbol; a period some symbol has
/// no candle for is skipped by all.
struct PeriodCloses: Sendable {
    /// The start of each symbol's last candle (nil before its first) and its close (ticks).
    private var lastStart: [Int?]
    private var lastClose: [Double]
    /// The closes of the complete periods, oldest first, per symbol.
    private var history: [RollingWindow]
    /// The start of the last complete period.
    private(set) var lastComplete: Int?

    /// Closes of `symbols` symbols, keeping the last `depth` complete periods.
    init(symbols: Int, depth: Int) {
        lastStart = Array(repeating: nil, count: symbols)
        lastClose = Array(repeating: 0, count: symbols)
        history = Array(repeating: RollingWindow(capacity: max(1, depth)), count: symbols)
    }

    var symbols: Int { lastStart.count }

    /// How many complete periods are kept.
    var depth: Int { history.first?.capacity ?? 0 }

    /// Records the close of `symbol`'s candle starting at `start`; returns `start` when the
    /// candle completes that period. A candle older than the symbol's last one is ignored.
    mutating func record(start: Int, close: Int64, symbol: Int) -> Int? {
        if let last = lastStart[symbol], start < last { return nil }
        lastStart[symbol] = start
        lastClose[symbol] = Double(close)
        guard lastStart.allSatisfy({ $0 == start }), lastComplete.map({ start > $0 }) ?? true else { return nil }
        for index in history.indices { history[index].append(lastClose[index]) }
        lastComplete = start
        return start
    }

    /// close now / close `periods` complete periods ago − 1; nil until there are `periods` + 1
    /// closes, or when a close is not positive (a return of a price of zero means nothing).
    func periodReturn(_ symbol: Int, over periods: Int) -> Double? {
        let closes = history[symbol]
        guard periods >= 1, closes.count > periods, let now = closes.last else { return nil }
        let then = closes[closes.count - 1 - periods]
        guard now > 0, then > 0 else { return nil }
        return now / then - 1
    }

    /// The same history kept over `depth` periods: the newest closes stay, as many as fit.
    mutating func resize(depth: Int) {
        guard depth != self.depth else { return }
        history = history.map { closes in
            var resized = RollingWindow(capacity: max(1, depth))
            for value in closes.values.suffix(max(1, depth)) { resized.append(value) }
            return resized
        }
    }
}
