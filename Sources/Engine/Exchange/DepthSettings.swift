/// The shape of the synthetic depth around the feed price: how many levels a side, the
/// spread and the distance between levels in ticks, and the typical size of a level in lots.
public struct DepthSettings: Sendable, Equatable {
    public var levels: Int
    /// Best ask minus best bid, in ticks (at least 1).
    public var spreadTicks: Int64
    /// Distance between neighbouring levels of a side, in ticks (at least 1).
    public var stepTicks: Int64
    /// The mean size of a level in lots; sizes vary around it and grow away from the top.
    public var meanLots: Int64

    public init(levels: Int = 20, spreadTicks: Int64 = 2, stepTicks: Int64 = 1, meanLots: Int64 = 100) {
        self.levels = levels
        self.spreadTicks = spreadTicks
        self.stepTicks = stepTicks
        self.meanLots = meanLots
    }
}
