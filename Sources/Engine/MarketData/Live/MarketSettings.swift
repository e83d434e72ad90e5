/// How the engine runs the market: the feed's pace, how often streams and snapshots are
/// published (each symbol's ticker, newest trade, forming candles and book at most once per
/// `publishMilliseconds`), how often candles are handed to persistence, the books' shape, and
/// how much missed time the feed makes up after a stall (older slots are skipped).
public struct MarketSettings: Sendable, Equatable {
    public var feed: FeedSettings
    public var publishMilliseconds: Int
    public var flushMilliseconds: Int
    public var book: BookShape
    public var maxCatchUpMilliseconds: Int

    public init(feed: FeedSettings = FeedSettings(), publishMilliseconds: Int = 200, flushMilliseconds: Int = 1000,
                book: BookShape = BookShape(), maxCatchUpMilliseconds: Int = 5000) {
        self.feed = feed
        self.publishMilliseconds = max(1, publishMilliseconds)
        self.flushMilliseconds = max(1, flushMilliseconds)
        self.book = book
        self.maxCatchUpMilliseconds = max(0, maxCatchUpMilliseconds)
    }
}
