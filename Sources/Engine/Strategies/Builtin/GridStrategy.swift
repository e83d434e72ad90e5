import Primitives

/// Grid trading on one symbol: resting limit buys below an anchor price and limit sells above
/// it, one order a level; every buy that fills is answered by a sell one level higher and
/// every sell by a buy one level lower, so the strategy earns one level's spacing each time
/// the price swings across a level and back.
///
/// - Spacing (a price distance): anchor × `spacing_pct`%, or with `use_atr`,
///   `atr_multiplier` × Wilder ATR(`atr_period`) of the closed candles; never less than one
///   tick. Level L (L = −`levels`…`levels`) is priced anchor + L × spacing, rounded to ticks;
///   a level priced below one tick gets no order.
/// - Placing the grid: once `warmup_candles` candles have closed (warm-up candles count) and,
///   with `use_atr`, the ATR exists, at a candle close or when the strategy starts: anchor =
///   the last close (the last trade price when `warmup_candles` is 0 and no candle has closed
///   yet). Limit buys at L = −1…−`levels` (Entry) and limit sells at L = +1, +2… for as many
///   whole levels as the position not already offered covers (Exit). Every level's order
///   has the same lots: `order_pct`% of the quote asset's total balance at the anchor price,
///   fixed until the grid is placed again. Tags are the level numbers.
/// - When a buy at level L is done (nothing left to fill), a sell at L + 1; when a sell at
///   L is done, a buy at L − 1. A sell never takes more than the position not already
///   offered; a level that has an order (or one the grid keeps) gets no second one, and the
///   grid never goes past ±`levels`.
/// - Reset: a candle that closes more than `reset_threshold_pct`% above the top level
///   (close > top × (1 + pct/100)) or below the bottom level (close < bottom × (1 − pct/100))
///   cancels all the strategy's orders and places the grid again around that close ("reset: …").
/// - Changing a setting that shapes the grid (spacing, levels, ATR use or parameters in use,
///   order size) places it again the same way at the next candle close.
/// - Restart: the state keeps the anchor, spacing, lots and the orders the grid keeps by
///   level; when it starts again it places only the kept orders that are not open.
///
/// `levels` × `order_pct` may be at most 100: the buys of a grid never ask for more than the
/// whole balance.
public struct GridStrategy: Strategy {
    public static let descriptor = StrategyDescriptor(
        type: "grid", name: "Grid Trading",
        description: "Keeps limit buys below and limit sells above an anchor price at evenly spaced levels; "
            + "each fill is answered one level away, and the grid moves with the price when it breaks out.",
        schema: ConfigSchema([
            .number("spacing_pct", 0.2, min: 0.1, max: 10, "Distance between levels as a percentage of the anchor price (without use_atr).",
                    aliases: ["grid_spacing_pct"]),
            .integer("levels", 15, min: 1, max: 20, "Levels on each side of the anchor.", aliases: ["grid_levels"]),
            .boolean("use_atr", false, "Space the levels atr_multiplier × ATR(atr_period) apart instead of spacing_pct."),
            .integer("atr_period", 14, min: 2, max: 100, "Candles of the Wilder ATR (with use_atr)."),
            .number("atr_multiplier", 1, min: 0.1, max: 10, "Distance between levels in ATRs (with use_atr)."),
            .number("reset_threshold_pct", 5, min: 0.5, max: 50,
                    "Place the grid again around the close when a candle closes this many percent beyond the outermost level."),
            .integer("warmup_candles", 5, min: 0, max: 500, "Candles that must close (warm-up ones included) before the first grid is placed."),
            .orderPercent(1, "Each level's order value as a percentage of the quote asset's total balance (levels × order_pct at most 100)."),
        ]))

    private struct Settings: Equatable {
        let spacingPercent: Double
        let levels: Int
        let useATR: Bool
        let atrPeriod: Int
        let atrMultiplier: Double
        let resetPercent: Double
        let warmupCandles: Int
        let orderPercent: Double

        init(_ config: StrategyConfig) throws(StrategyError) {
            spacingPercent = config.number("spacing_pct")
            levels = config.integer("levels")
            useATR = config.bool("use_atr")
            atrPeriod = config.integer("atr_period")
            atrMultiplier = config.number("atr_multiplier")
            resetPercent = config.number("reset_threshold_pct")
            warmupCandles = config.integer("warmup_candles")
            orderPercent = config.number("order_pct")
            let committed = Double(levels) * orderPercent
            guard committed <= 100 else {
                throw StrategyError("levels (\(levels)) × order_pct (\(ReasonText.setting(orderPercent))) is "
                    + "\(ReasonText.setting(committed))% of the balance; it must be at most 100%")
            }
        }

        /// True when `new` places a different grid than these settings do.
        func reshaped(by new: Settings) -> Bool {
            guard levels == new.levels, orderPercent == new.orderPercent, useATR == new.useATR else { return true }
            return useATR ? atrPeriod != new.atrPeriod || atrMultiplier != new.atrMultiplier : spacingPercent != new.spacingPercent
        }
    }

    /// A placed grid: its anchor and level distance (quote currency), the lots of every
    /// level's order, and the orders it keeps, by level.
    private struct Layout: Equatable {
        var anchor: Double
        var spacing: Double
        var lots: Int64
        var orders: [Int: OrderSide]

        /// Level `level`'s price in ticks; nil below one tick.
        func price(_ level: Int, _ context: StrategyContext) -> Int64? {
            context.ticks(0, price: anchor + Double(level) * spacing)
        }
    }

    /// How many candles the ATR is recomputed from when its period changes.
    private static let recentBars = 300

    private let spec: SymbolSpec
    private var settings: Settings
    private var atr: WilderATR
    private var highs = RollingWindow(capacity: recentBars)
    private var lows = RollingWindow(capacity: recentBars)
    private var closes = RollingWindow(capacity: recentBars)
    /// The last close (ticks), the anchor of a grid placed when the strategy starts.
    private var lastClose: Int64?
    private var candlesSeen = 0
    /// The start of the newest candle counted: a candle seen again (warm-up after a restore)
    /// is not counted twice.
    private var lastCandle: Int?
    private var layout: Layout?
    /// A setting that shapes the grid changed: place it again at the next candle close.
    private var rebuildPending = false
    private var lastSignal: String?

    /// A grid on one symbol; throws when levels × order_pct exceeds 100.
    public init(config: StrategyConfig, symbols: [SymbolSpec]) throws(StrategyError) {
        try Self.descriptor.checkSymbols(symbols)
        spec = symbols[0]
        settings = try Settings(config)
        atr = WilderATR(period: settings.atrPeriod)
    }

    /// New settings from the next event; one that shapes the grid places it again at the next candle close.
    public mutating func reconfigure(_ config: StrategyConfig) throws(StrategyError) {
        let new = try Settings(config)
        if new.atrPeriod != settings.atrPeriod {
            atr = WilderATR(period: new.atrPeriod)
            for index in 0..<closes.count { atr.add(high: highs[index], low: lows[index], close: closes[index]) }
        }
        if layout != nil, settings.reshaped(by: new) { rebuildPending = true }
        settings = new
    }

    /// Places the grid when it is ready and none is placed, or the kept orders that are not open after a restart.
    public mutating func started(_ context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        try context.checkSingle(0)
        if layout != nil { return resume(context) }
        let lastTrade = context.holdings[0].price
        guard isReady, let anchor = lastClose ?? (settings.warmupCandles == 0 && lastTrade > 0 ? lastTrade : nil) else { return [] }
        return place(around: anchor, context, why: "grid around \(ReasonText.price(ticks: anchor, spec))", uncovered: context.unsoldLots(0))
    }

    /// Counts the candle and updates the ATR; then places the grid when it is due, again after a change of settings, or resets it on a breakout.
    public mutating func candleClosed(_ bar: Bar, symbol: Int, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        try context.checkSingle(symbol)
        guard bar.isWellFormed else { return [] }
        let prices = bar.prices(spec)
        highs.append(prices.high)
        lows.append(prices.low)
        closes.append(prices.close)
        atr.add(high: prices.high, low: prices.low, close: prices.close)
        lastClose = bar.close
        if bar.start > lastCandle ?? .min {
            candlesSeen += 1
            lastCandle = bar.start
        }
        guard !context.isWarmUp else { return [] }
        let close = ReasonText.price(ticks: bar.close, spec)
        guard let layout else {
            guard isReady else { return [] }
            return place(around: bar.close, context, why: "grid around \(close)", uncovered: context.unsoldLots(0))
        }
        if rebuildPending, spacingAvailable {
            return replace(around: bar.close, context, why: "settings changed, grid around \(close)")
        }
        if let breach = breach(of: layout, close: bar.close, context) {
            return replace(around: bar.close, context, why: breach)
        }
        return []
    }

    /// Answers a done order one level away (a buy by a sell above, a sell by a buy below).
    public mutating func filled(_ fill: StrategyFill, context: StrategyContext) throws(StrategyError) -> [StrategyIntent] {
        try context.checkSingle(fill.symbol)
        guard fill.orderDone, var grid = layout else { return [] }
        defer { layout = grid }
        if grid.orders[fill.tag] == fill.side { grid.orders[fill.tag] = nil }
        let (level, side): (Int, OrderSide) = fill.side == .buy ? (fill.tag + 1, .sell) : (fill.tag - 1, .buy)
        guard abs(level) <= settings.levels, grid.orders[level] == nil,
              !context.holdings[0].openOrders.contains(where: { $0.tag == level }),
              let price = grid.price(level, context) else { return [] }
        let lots = side == .buy ? grid.lots : min(grid.lots, context.unsoldLots(0))
        guard lots > 0 else { return [] }
        grid.orders[level] = side
        let done = "level \(fill.tag) \(Self.name(fill.side)) filled at \(ReasonText.price(ticks: fill.price, spec))"
        return [record(order(level, side, lots, price, why: done))]
    }

    /// Enough candles seen, and the spacing computable: the grid may be placed.
    private var isReady: Bool { candlesSeen >= settings.warmupCandles && spacingAvailable }

    private var spacingAvailable: Bool { !settings.useATR || atr.value != nil }

    /// Places a new grid around `anchor` (ticks): buys below, and sells above for `uncovered`
    /// lots of the position. Leaves no grid when one level's lots cannot be sized.
    private mutating func place(around anchor: Int64, _ context: StrategyContext, why: String, uncovered: Int64) -> [StrategyIntent] {
        let anchorPrice = StrategyContext.value(ticks: anchor, spec)
        let spacing = settings.useATR ? settings.atrMultiplier * (atr.value ?? .nan) : anchorPrice * settings.spacingPercent / 100
        guard spacing.isFinite,
              let lots = context.lots(0, base: context.totalQuote * settings.orderPercent / 100 / anchorPrice) else {
            layout = nil
            return []
        }
        var grid = Layout(anchor: anchorPrice, spacing: max(spacing, StrategyContext.value(ticks: 1, spec)), lots: lots, orders: [:])
        var intents: [StrategyIntent] = []
        for level in stride(from: -1, through: -settings.levels, by: -1) {
            guard let price = grid.price(level, context) else { break }
            grid.orders[level] = .buy
            intents.append(record(order(level, .buy, lots, price, why: why)))
        }
        var uncovered = uncovered
        for level in stride(from: 1, through: settings.levels, by: 1) where uncovered >= lots {
            guard let price = grid.price(level, context) else { break }
            grid.orders[level] = .sell
            uncovered -= lots
            intents.append(record(order(level, .sell, lots, price, why: why)))
        }
        layout = grid
        rebuildPending = false
        return intents
    }

    /// Cancels every order of the strategy and places the grid again around `anchor`; the
    /// sells may then cover the whole position.
    private mutating func replace(around anchor: Int64, _ context: StrategyContext, why: String) -> [StrategyIntent] {
        [.cancel(symbol: 0, tag: nil)] + place(around: anchor, context, why: why, uncovered: context.holdings[0].position)
    }

    /// Why `close` (ticks) resets the grid, or nil when it is within the threshold.
    private func breach(of grid: Layout, close: Int64, _ context: StrategyContext) -> String? {
        let threshold = settings.resetPercent / 100
        let beyond = "by more than \(ReasonText.setting(settings.resetPercent))%"
        let closeText = ReasonText.price(ticks: close, spec)
        if let top = grid.price(settings.levels, context), Double(close) > Double(top) * (1 + threshold) {
            return "reset: close \(closeText) above top level \(ReasonText.price(ticks: top, spec)) \(beyond)"
        }
        if let bottom = grid.price(-settings.levels, context), Double(close) < Double(bottom) * (1 - threshold) {
            return "reset: close \(closeText) below bottom level \(ReasonText.price(ticks: bottom, spec)) \(beyond)"
        }
        return nil
    }

    /// After a restart: the orders the grid keeps that are not open, placed again (a sell only
    /// for lots of the position not already offered; one that cannot be placed is dropped).
    private mutating func resume(_ context: StrategyContext) -> [StrategyIntent] {
        guard var grid = layout else { return [] }
        let open = Set(context.holdings[0].openOrders.map(\.tag))
        var uncovered = context.unsoldLots(0)
        var intents: [StrategyIntent] = []
        for (level, side) in grid.orders.sorted(by: { $0.key < $1.key }) where !open.contains(level) {
            let lots = side == .buy ? grid.lots : min(grid.lots, uncovered)
            guard lots > 0, let price = grid.price(level, context) else {
                grid.orders[level] = nil
                continue
            }
            if side == .sell { uncovered -= lots }
            intents.append(record(order(level, side, lots, price, why: "resumed, level had no open order")))
        }
        layout = grid
        return intents
    }

    private mutating func record(_ signal: Signal) -> StrategyIntent {
        lastSignal = signal.reason
        return .order(signal)
    }

    private func order(_ level: Int, _ side: OrderSide, _ lots: Int64, _ price: Int64, why: String) -> Signal {
        Signal(symbol: 0, kind: side == .buy ? .entry : .exit, side: side, quantity: lots, limit: price, tag: level,
               reason: "\(why); level \(level) \(Self.name(side)) at \(ReasonText.price(ticks: price, spec))")
    }

    private static func name(_ side: OrderSide) -> String { side == .buy ? "buy" : "sell" }

    // MARK: State

    private static let stateKeys = ["built", "anchor", "spacing", "level_lots", "orders", "candles_seen", "last_candle", "rebuild", "last_signal"]

    /// `{"built", "anchor" and "spacing" (quote currency), "level_lots", "orders" ([{"level",
    /// "side"}] the grid keeps), "candles_seen", "last_candle" (epoch ms), "rebuild",
    /// "last_signal"}`; the grid's members are null when none is placed.
    public var state: JSONValue {
        .object([
            JSONMember("built", .bool(layout != nil)),
            JSONMember("anchor", layout.map { .number(String($0.anchor)) } ?? .null),
            JSONMember("spacing", layout.map { .number(String($0.spacing)) } ?? .null),
            JSONMember("level_lots", layout.map { .number(String($0.lots)) } ?? .null),
            JSONMember("orders", .array((layout?.orders ?? [:]).sorted(by: { $0.key < $1.key }).map { level, side in
                .object([JSONMember("level", .number(String(level))), JSONMember("side", .string(side.rawValue))])
            })),
            JSONMember("candles_seen", .number(String(candlesSeen))),
            JSONMember("last_candle", lastCandle.map { .number(String($0)) } ?? .null),
            JSONMember("rebuild", .bool(rebuildPending)),
            SavedState.lastSignal(lastSignal),
        ])
    }

    /// Takes back a saved state; the candles a warm-up replays after it are not counted twice.
    public mutating func restore(state: JSONValue) throws(StrategyError) {
        let type = Self.descriptor.type
        let reader = try SavedState(state, type: type, keys: Self.stateKeys)
        let seen = try reader.integer("candles_seen")
        guard seen >= 0 else { throw StrategyError("\(type) state: candles_seen must not be negative, got \(seen)") }
        let newest = try reader.optionalInteger("last_candle")
        var orders: [Int: OrderSide] = [:]
        for item in try reader.array("orders") {
            let order = try SavedState(item, type: "\(type) order", keys: ["level", "side"])
            let level = try order.integer("level"), sideName = try order.string("side")
            guard let side = OrderSide(rawValue: sideName) else { throw StrategyError("\(type) order: side must be Buy or Sell, got \(sideName)") }
            guard orders.updateValue(side, forKey: level) == nil else { throw StrategyError("\(type) state: two orders at level \(level)") }
        }
        var grid: Layout?
        if try reader.bool("built") {
            guard let anchor = try reader.optionalNumber("anchor"), let spacing = try reader.optionalNumber("spacing"),
                  let lots = try reader.optionalInteger("level_lots"), anchor > 0, spacing > 0, lots > 0 else {
                throw StrategyError("\(type) state: a built grid needs a positive anchor, spacing and level_lots")
            }
            grid = Layout(anchor: anchor, spacing: spacing, lots: Int64(lots), orders: orders)
        } else if !orders.isEmpty {
            throw StrategyError("\(type) state: orders without a built grid")
        }
        let rebuild = try reader.bool("rebuild"), reason = try reader.optionalString("last_signal")
        layout = grid
        rebuildPending = rebuild
        lastSignal = reason
        // Candles the warm-up already counted stay counted; those it will replay are not counted again.
        candlesSeen = max(candlesSeen, seen)
        if let newest, newest > lastCandle ?? .min { lastCandle = newest }
    }
}
