import Backends
import Primitives

/// What the strategy host starts from: the stored instances, and for each running one the
/// closed candles of its timeframe it warms up on again; on a database's first start, the
/// demo instances.
public struct StrategyRestore: Sendable {
    public var records: [StrategyRecord]
    /// Per running instance id, per symbol, the newest closed candles, oldest first.
    public var history: [String: [[Bar]]]

    /// Reads the stored instances and the candles the running ones warm up on.
    public static func read(backend: Backend, universe: SymbolUniverse, at time: Int) async throws(StorageError) -> StrategyRestore {
        let records = try await backend.read { r throws(StorageError) in try r.strategies.list() }
        var history: [String: [[Bar]]] = [:]
        for record in records where record.running {
            let interval = Self.interval(of: record)
            var bars: [[Bar]] = []
            for text in record.symbols {
                guard let spec = universe.resolve(text) else { bars.append([]); continue }
                let before = interval.bucketStart(of: time) - 1
                let stored = try await backend.read { r throws(StorageError) in
                    try r.candles.candles(ticker: spec.key.marketForm, market: spec.market.rawValue, timeframe: interval.rawValue,
                                          to: before, limit: StrategyService.warmUpCandles, newest: true)
                }
                bars.append(stored.compactMap { Bar($0, prices: spec.prices, quantities: spec.quantities) })
            }
            history[record.id] = bars
        }
        return StrategyRestore(records: records, history: history)
    }

    /// The timeframe a stored instance decides on (`1m` when its settings do not say).
    static func interval(of record: StrategyRecord) -> CandleInterval {
        if case .string(let text) = (try? JSONParser.parse(record.config))?["timeframe"] ?? .null,
           let interval = CandleInterval(rawValue: text) {
            return interval
        }
        return .minute1
    }

    /// Takes the instances back into `host` (resuming the running ones); on a database's
    /// first start (no instance stored, `firstStart`), creates the demo instances, stopped.
    public func apply(to host: StrategyHost, firstStart: Bool, at time: Int) {
        host.restore(records, history: { history[$0.id] ?? [] }, at: time)
        guard firstStart, records.isEmpty else { return }
        for demo in Self.demos {
            _ = try? host.create(id: demo.id, type: demo.type, name: demo.name, symbols: demo.symbols.compactMap(SymbolKey.init),
                                 config: demo.config, at: time)
        }
    }

    /// The demo instances: document A's `grid_btc` and one instance on a symbol of each
    /// other market. The grid needs no warm-up, so it trades as soon as it starts; the
    /// indicator strategies decide on one-minute candles and wait for their indicators.
    static let demos: [(id: String, type: String, name: String, symbols: [String], config: JSONValue)] = [
        ("grid_btc", "grid", "BTC Grid Trading", ["BTC/USDT"],
         .object([JSONMember("spacing_pct", .number("0.5")), JSONMember("levels", .number("10")), JSONMember("warmup_candles", .number("0"))])),
        ("sma_eurusd", "sma", "EUR/USD SMA Crossover", ["EUR/USD"],
         .object([JSONMember("fast", .number("5")), JSONMember("slow", .number("20"))])),
        ("rsi_goog", "rsi", "GOOG RSI Mean Reversion", ["GOOG"], .object([])),
        ("dual_momentum_kr", "dual_momentum", "KR Dual Momentum", ["005930", "000660", "035720"],
         .object([JSONMember("lookback", .number("10"))])),
    ]
}
