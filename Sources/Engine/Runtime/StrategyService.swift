import Backends
import Primitives

/// What the API layers use to manage strategies: reads from the engine's snapshot (or, on
/// an instance without the engine, from the database), commands run on the engine thread
/// and answered once the batch holding them is committed.
public final class StrategyService: Sendable {
    private let market: MarketService
    private let backend: Backend
    private let clock: any EngineClock
    /// Closed candles a strategy is warmed up on when it starts, per symbol.
    public static let warmUpCandles = 300

    public init(market: MarketService, backend: Backend, clock: any EngineClock) {
        self.market = market
        self.backend = backend
        self.clock = clock
    }

    /// Why a strategy request failed.
    public enum Failure: Error, Sendable {
        case refused(StrategyCommandError)
        /// This instance does not run the engine, or the engine did not answer.
        case unavailable(String)
        case storage(StorageError)
    }

    // MARK: Reads

    /// Every instance, by id.
    public func strategies() async throws(Failure) -> [StrategyView] {
        if market.engine != nil { return market.snapshot.strategies }
        do {
            return try await backend.read { r throws(StorageError) in try r.strategies.list() }.map(Self.view)
        } catch {
            throw .storage(error)
        }
    }

    /// One instance.
    public func strategy(id: String) async throws(Failure) -> StrategyView {
        guard let view = try await strategies().first(where: { $0.id == id }) else { throw .refused(.notFound(id)) }
        return view
    }

    /// The registered types.
    public var types: [StrategyDescriptor] { StrategyRegistry.descriptors }

    /// A stored row as a view (an instance without the engine).
    static func view(_ record: StrategyRecord) -> StrategyView {
        StrategyView(id: record.id, type: record.type, name: record.name, version: record.version, running: record.running,
                     symbols: record.symbols, config: (try? JSONParser.parse(record.config)) ?? .object([]),
                     signalsGenerated: record.signalsGenerated, ordersSubmitted: record.ordersSubmitted, ordersFilled: record.ordersFilled,
                     marketDataProcessed: record.marketDataProcessed,
                     state: (try? JSONParser.parse(record.state))?["strategy"].flatMap { $0 == .null ? nil : $0 })
    }

    // MARK: Commands

    public func create(id: String, type: String, name: String, symbols: [String], config: JSONValue?) async throws(Failure) -> StrategyView {
        var keys: [SymbolKey] = []
        for text in symbols {
            guard let spec = market.resolve(text) else { throw .refused(.unknownSymbol(text)) }
            keys.append(spec.key)
        }
        let time = clock.now()
        let keysCopy = keys
        return try await command { host throws(StrategyCommandError) in
            try host.create(id: id, type: type, name: name, symbols: keysCopy, config: config, at: time)
        }
    }

    public func delete(id: String) async throws(Failure) {
        let time = clock.now()
        try await command { host throws(StrategyCommandError) in try host.delete(id: id, at: time) }
    }

    /// Starts a strategy, warmed up on the last closed candles of its timeframe.
    public func start(id: String) async throws(Failure) {
        let current = try await strategy(id: id)
        guard !current.running else { throw .refused(.alreadyRunning(id)) }
        let interval: CandleInterval
        if case .string(let text) = current.config["timeframe"] ?? .null, let parsed = CandleInterval(rawValue: text) {
            interval = parsed
        } else {
            interval = .minute1
        }
        let history = try await self.history(symbols: current.symbols, interval: interval)
        let time = clock.now()
        try await command { host throws(StrategyCommandError) in try host.start(id: id, history: history, at: time) }
    }

    public func stop(id: String) async throws(Failure) {
        let time = clock.now()
        try await command { host throws(StrategyCommandError) in try host.stop(id: id, at: time) }
    }

    /// A new configuration; answers the configuration now in effect.
    public func reconfigure(id: String, config: JSONValue) async throws(Failure) -> JSONValue {
        let time = clock.now()
        return try await command { host throws(StrategyCommandError) in try host.reconfigure(id: id, config: config, at: time) }
    }

    /// The closed candles of `interval` of each symbol, oldest first, the newest
    /// `warmUpCandles` of them.
    func history(symbols: [String], interval: CandleInterval) async throws(Failure) -> [[Bar]] {
        let forming = interval.bucketStart(of: clock.now())
        var history: [[Bar]] = []
        for text in symbols {
            guard let spec = market.resolve(text) else { history.append([]); continue }
            do {
                let bars = try await market.candles(spec, interval: interval, to: forming - 1, limit: Self.warmUpCandles, newest: true).bars
                history.append(bars)
            } catch {
                throw .storage(error)
            }
        }
        return history
    }

    /// Runs `body` on the engine thread's strategy host; answered once its batch commits.
    private func command<Result: Sendable>(_ body: @escaping @Sendable (StrategyHost) throws(StrategyCommandError) -> Result)
        async throws(Failure) -> Result {
        guard let engine = market.engine else {
            throw .unavailable("this instance does not run the engine (another instance on the database does): manage strategies there")
        }
        let outcome: Swift.Result<Result, StrategyCommandError>
        do {
            outcome = try await engine.performAcknowledged { core throws(ExchangeRefusal) -> Swift.Result<Result, StrategyCommandError> in
                guard let host = core.strategies else { return .failure(.notFound("the engine runs no exchange")) }
                do throws(StrategyCommandError) {
                    return .success(try body(host))
                } catch {
                    return .failure(error)
                }
            }
        } catch let error as AcknowledgementError {
            throw .unavailable(error.description)
        } catch {
            throw .unavailable("\(error)")
        }
        switch outcome {
        case .success(let result): return result
        case .failure(let error): throw .refused(error)
        }
    }
}
