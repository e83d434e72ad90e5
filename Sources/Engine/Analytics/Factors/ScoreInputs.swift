/// Every input of the scores that API.md lists under "Inputs of the scores", computed from a
/// symbol's daily candles (newest last; P = last close). Each is nil when there are too few
/// candles for it (or its formula would divide by zero), never NaN or infinite. A value can
/// also be set directly, which is how a stored set of inputs is read back and recomputed.
///
/// Window conventions: indicators of a fixed period (RSI 14, MA20, ATR 14, Bollinger 20,
/// MACD 12/26, the 20-candle ranges and means) need their whole period; the long lookbacks
/// (volume percentile over 60, high52/low52 over 252, the target's 60-candle high) take the
/// candles there are when there are fewer, since RouteState and GlobalScore start at 40 and 50.
public struct ScoreInputs: Sendable, Equatable {
    /// How many daily candles the inputs were computed from.
    public var candleCount: Int
    /// P: the last close.
    public var price: Double?
    /// Wilder RSI(14) of closes.
    public var rsi: Double?
    /// ret5d = (close[n−1]/close[n−6] − 1)·100.
    public var return5d: Double?
    /// ret10d = (close[n−1]/close[n−11] − 1)·100.
    public var return10d: Double?
    /// ret20d = (close[n−1]/close[n−21] − 1)·100.
    public var return20d: Double?
    /// MA20: SMA(20) of closes.
    public var ma20: Double?
    /// Wilder ATR(14).
    public var atr: Double?
    /// ATR% = ATR/P·100.
    public var atrPercent: Double?
    /// Bollinger(20, 2) z = (P − mid)/(width/2), width = upper − lower (0 when width is 0: P
    /// is then the middle).
    public var bollingerZ: Double?
    /// dist_ma20 = (P/MA20 − 1)·100.
    public var distanceFromMA20: Double?
    /// MACD = EMA(12) − EMA(26) of closes, at the last close.
    public var macd: Double?
    /// macd_slope = MACD[n−1] − MACD[n−2].
    public var macdSlope: Double?
    /// Share of the last 60 volumes ≤ today's, 0..1.
    public var volumePercentile: Double?
    /// avg_amount: mean of close·volume over 20 candles (quote currency).
    public var averageAmount: Double?
    /// Highest high of the last 252 candles.
    public var high52: Double?
    /// Lowest low of the last 252 candles.
    public var low52: Double?
    /// 52-week position of P, 0..100 (`FiftyTwoWeekRange.position(of:)`).
    public var position52: Double?
    /// range_pos = (P − min low20)/(max high20 − min low20), 0.5 when the range is 0.
    public var rangePosition: Double?
    /// low_trend = least-squares slope of the last 20 lows × 20 / their mean, clamped to [−1, 1].
    public var lowTrend: Double?
    /// vol_quality = (mean volume of up candles − of down candles) / mean volume over the last
    /// 20 candles, clamped to [−1, 1]; 0 when either side is empty. Up: close > open; down:
    /// close < open.
    public var volumeQuality: Double?
    /// GlobalScore's entry E = MA20.
    public var entry: Double?
    /// GlobalScore's stop S = E − 2·ATR.
    public var stop: Double?
    /// GlobalScore's target T = max(high over the last 60 candles, E + 3·ATR).
    public var target: Double?

    /// Inputs set directly (a stored set read back, or a test's worked case); unset ones are nil.
    public init(candleCount: Int, price: Double? = nil, rsi: Double? = nil, return5d: Double? = nil, return10d: Double? = nil,
                return20d: Double? = nil, ma20: Double? = nil, atr: Double? = nil, atrPercent: Double? = nil,
                bollingerZ: Double? = nil, distanceFromMA20: Double? = nil, macd: Double? = nil, macdSlope: Double? = nil,
                volumePercentile: Double? = nil, averageAmount: Double? = nil, high52: Double? = nil, low52: Double? = nil,
                position52: Double? = nil, rangePosition: Double? = nil, lowTrend: Double? = nil,
                volumeQuality: Double? = nil, entry: Double? = nil, stop: Double? = nil, target: Double? = nil) {
        self.candleCount = candleCount
        self.price = price
        self.rsi = rsi
        self.return5d = return5d
        self.return10d = return10d
        self.return20d = return20d
        self.ma20 = ma20
        self.atr = atr
        self.atrPercent = atrPercent
        self.bollingerZ = bollingerZ
        self.distanceFromMA20 = distanceFromMA20
        self.macd = macd
        self.macdSlope = macdSlope
        self.volumePercentile = volumePercentile
        self.averageAmount = averageAmount
        self.high52 = high52
        self.low52 = low52
        self.position52 = position52
        self.rangePosition = rangePosition
        self.lowTrend = lowTrend
        self.volumeQuality = volumeQuality
        self.entry = entry
        self.stop = stop
        self.target = target
    }

    /// The inputs of `bars` (daily, oldest first) of `spec`: prices in its quote currency
    /// (`StrategyContext.value(ticks:_:)`), volumes in base units (lots over its quantity scale).
    public init(bars: [Bar], spec: SymbolSpec) {
        let lot = 1 / UnitScale.power(spec.quantities.digits)
        var opens = [Double](), highs = [Double](), lows = [Double](), closes = [Double](), volumes = [Double]()
        opens.reserveCapacity(bars.count)
        highs.reserveCapacity(bars.count)
        lows.reserveCapacity(bars.count)
        closes.reserveCapacity(bars.count)
        volumes.reserveCapacity(bars.count)
        for bar in bars {
            let prices = bar.prices(spec)
            opens.append(prices.open)
            highs.append(prices.high)
            lows.append(prices.low)
            closes.append(prices.close)
            volumes.append(Double(bar.volume) * lot)
        }
        self.init(opens: opens, highs: highs, lows: lows, closes: closes, volumes: volumes)
    }

    /// The inputs of daily series of the same candles, oldest first: prices in the quote
    /// currency, volumes in base units.
    public init(opens: [Double], highs: [Double], lows: [Double], closes: [Double], volumes: [Double]) {
        precondition([opens.count, highs.count, lows.count, volumes.count].allSatisfy { $0 == closes.count },
                     "one value of each series per candle")
        self.init(candleCount: closes.count)
        guard let last = closes.last, last.isFinite, last > 0 else { return }
        price = last
        var rsiIndicator = WilderRSI(period: 14)
        var atrIndicator = WilderATR(period: 14)
        for index in closes.indices {
            rsiIndicator.add(closes[index])
            atrIndicator.add(high: highs[index], low: lows[index], close: closes[index])
        }
        rsi = Self.finite(rsiIndicator.value)
        atr = Self.finite(atrIndicator.value)
        atrPercent = atr.flatMap { Self.finite($0 / last * 100) }
        return5d = PeriodReturn.percent(closes, days: 5)
        return10d = PeriodReturn.percent(closes, days: 10)
        return20d = PeriodReturn.percent(closes, days: 20)

        var sma = SimpleMovingAverage(period: 20)
        var bands = BollingerBands(period: 20, k: 2)
        for close in closes.suffix(20) {
            sma.add(close)
            bands.add(close)
        }
        ma20 = Self.finite(sma.value)
        if let band = bands.value {
            let halfWidth = (band.upper - band.lower) / 2
            bollingerZ = halfWidth > 0 ? Self.finite((last - band.middle) / halfWidth) : 0
        }
        if let ma20, ma20 > 0 { distanceFromMA20 = Self.finite((last / ma20 - 1) * 100) }

        let macdIndicator = MACD.of(closes)
        macd = Self.finite(macdIndicator.value)
        macdSlope = Self.finite(macdIndicator.slope)
        volumePercentile = VolumePercentile.share(volumes, lookback: 60)
        averageAmount = MeanAmount.mean(closes: closes, volumes: volumes, period: 20)
        if let range = FiftyTwoWeekRange(highs: highs, lows: lows, lookback: 252) {
            high52 = range.high
            low52 = range.low
            position52 = Self.finite(range.position(of: last))
        }
        rangePosition = Self.rangePosition(price: last, highs: highs, lows: lows)
        lowTrend = Self.lowTrend(lows)
        volumeQuality = Self.volumeQuality(opens: opens, closes: closes, volumes: volumes)

        if let ma20, let atr {
            entry = ma20
            stop = Self.finite(ma20 - 2 * atr)
            if let high60 = highs.suffix(60).max() { target = Self.finite(max(high60, ma20 + 3 * atr)) }
        }
    }

    /// range_pos over the last 20 candles (a `DonchianChannel(20)`); nil with fewer.
    private static func rangePosition(price: Double, highs: [Double], lows: [Double]) -> Double? {
        var channel = DonchianChannel(period: 20)
        for index in highs.indices.suffix(20) { channel.add(high: highs[index], low: lows[index]) }
        guard let range = channel.value else { return nil }
        let width = range.upper - range.lower
        return width > 0 ? finite((price - range.lower) / width) : 0.5
    }

    /// low_trend over the last 20 lows; nil with fewer, or when their mean is not positive.
    private static func lowTrend(_ lows: [Double]) -> Double? {
        guard lows.count >= 20 else { return nil }
        let window = lows.suffix(20)
        let mean = window.reduce(0, +) / 20
        guard mean > 0, let slope = LeastSquaresSlope.slope(window) else { return nil }
        return finite(clamp(slope * 20 / mean))
    }

    /// vol_quality over the last 20 candles; nil with fewer.
    private static func volumeQuality(opens: [Double], closes: [Double], volumes: [Double]) -> Double? {
        guard closes.count >= 20 else { return nil }
        var upVolume = 0.0, downVolume = 0.0, total = 0.0
        var ups = 0, downs = 0
        for index in (closes.count - 20)..<closes.count {
            total += volumes[index]
            if closes[index] > opens[index] {
                upVolume += volumes[index]
                ups += 1
            } else if closes[index] < opens[index] {
                downVolume += volumes[index]
                downs += 1
            }
        }
        let meanVolume = total / 20
        guard ups > 0, downs > 0, meanVolume > 0 else { return 0 }
        return finite(clamp((upVolume / Double(ups) - downVolume / Double(downs)) / meanVolume))
    }

    private static func clamp(_ value: Double) -> Double { min(1, max(-1, value)) }

    /// `value` when it is a finite number; nil otherwise, so no NaN or infinity is ever stored.
    static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }
}
