/// Trades inside a candle, consistent with it: the first trade is at the open, the last at the
/// close, the path touches the high and the low (in an order drawn from the generator, the
/// extreme against the candle's direction more likely first) and never leaves them, and the
/// quantities add up to the volume. Aggregating the trades gives the candle back exactly.
/// Between those four anchors the path is a Brownian bridge, clamped to the range.
public enum TickSynthesizer {
    /// `count` trades (at least 4) spread evenly over `duration` ms from `bar.start`.
    public static func ticks(inside bar: Bar, duration: Int, count: Int, random: inout SeededRandom) -> [Tick] {
        let count = max(4, count)
        let highFirst = random.nextUnit() < (bar.close < bar.open ? 0.7 : 0.3)
        // Anchor positions 0 < first < second < count - 1.
        let first = 1 + Int(random.nextUnit() * Double(count - 3))
        let second = first + 1 + Int(random.nextUnit() * Double(count - 2 - first))
        let anchors: [(index: Int, price: Int64)] = [
            (0, bar.open),
            (first, highFirst ? bar.high : bar.low),
            (second, highFirst ? bar.low : bar.high),
            (count - 1, bar.close),
        ]
        var prices = [Int64](repeating: bar.open, count: count)
        let range = Double(bar.high - bar.low)
        for segment in 0..<3 {
            let (fromIndex, fromPrice) = anchors[segment]
            let (toIndex, toPrice) = anchors[segment + 1]
            prices[fromIndex] = fromPrice
            prices[toIndex] = toPrice
            let steps = toIndex - fromIndex
            guard steps > 1 else { continue }
            var walk = 0.0
            var path: [Double] = [0]
            for _ in 1...steps {
                walk += random.nextGaussian()
                path.append(walk)
            }
            let scale = range * 0.25 / Double(steps).squareRoot()
            for step in 1..<steps {
                let fraction = Double(step) / Double(steps)
                // The bridge: the walk with its drift to the end taken out, so it ends at zero.
                let bridge = (path[step] - fraction * path[steps]) * scale
                let line = Double(fromPrice) + fraction * Double(toPrice - fromPrice)
                let price = Int64((line + bridge).rounded())
                prices[fromIndex + step] = min(bar.high, max(bar.low, price))
            }
        }
        let base = bar.volume / Int64(count)
        let extra = Int(bar.volume - base * Int64(count))
        return (0..<count).map { index in
            Tick(time: bar.start + duration * index / count, price: prices[index],
                 quantity: base + (index < extra ? 1 : 0))
        }
    }
}
