/// How fast the live feed runs: `speed` times the pace of the candles it replays (1440 turns
/// a day of history into a minute on the clock), one trade per symbol every
/// `tickMilliseconds` of the clock.
public struct FeedSettings: Sendable, Equatable {
    public var speed: Double
    public var tickMilliseconds: Int

    public init(speed: Double = 1440, tickMilliseconds: Int = 250) {
        self.speed = max(1, speed)
        self.tickMilliseconds = max(1, tickMilliseconds)
    }
}
