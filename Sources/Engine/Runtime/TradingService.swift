import Backends
import Primitives

/// What the API layers use to trade on the paper exchange: requests checked against each
/// symbol's tick and lot size, commands run on the engine thread and answered once durable,
/// the account read from the engine's snapshot, order history read from the database.
public final class TradingService: Sendable {
    private let market: MarketService
    private let backend: Backend
    public let records: ExchangeRecords
    private let clock: any EngineClock
    /// Where refused orders are recorded for monitoring (none in some tests).
    private let errors: ErrorRecorder?

    public init(market: MarketService, backend: Backend, records: ExchangeRecords, clock: any EngineClock, errors: ErrorRecorder? = nil) {
        self.market = market
        self.backend = backend
        self.records = records
        self.clock = clock
        self.errors = errors
    }

    // MARK: Requests

    /// An order request from the API's fields: the symbol in either form, decimals no finer
    /// than the symbol's lot and tick size, `expires_at` with GTD only and in the future.
    public func request(symbol: String, side: OrderSide, kind: OrderKind, quantity: String, price: String?, timeInForce: String?,
                        expiresAt: Int?, clientOrderID: String?, strategyID: String? = nil) throws(TradingError) -> OrderRequest {
        guard let spec = market.resolve(symbol) else { throw .refused(.unknownSymbol(symbol)) }
        let lots = try units(quantity, spec.quantities, field: "body.quantity", what: "lot size")
        guard lots > 0 else { throw .invalid(field: "body.quantity", reason: "must be greater than 0") }
        let ticks = try price.map { text throws(TradingError) in try units(text, spec.prices, field: "body.price", what: "tick size") }
        if let ticks, ticks <= 0 { throw .invalid(field: "body.price", reason: "must be greater than 0") }
        let tif: TimeInForce
        switch timeInForce ?? (kind == .market ? "IOC" : "GTC") {
        case "GTC": tif = .gtc
        case "IOC": tif = .ioc
        case "FOK": tif = .fok
        case "GTD":
            guard let expiresAt else { throw .invalid(field: "body.expires_at", reason: "required with time_in_force GTD") }
            guard expiresAt > clock.now() else { throw .unfit(field: "body.expires_at", reason: "is in the past") }
            tif = .gtd(expiresAt: expiresAt)
        case let other: throw .invalid(field: "body.time_in_force", reason: "unknown value \(other)")
        }
        if expiresAt != nil, tif.expiresAt == nil {
            throw .invalid(field: "body.expires_at", reason: "only with time_in_force GTD")
        }
        return OrderRequest(symbol: spec.key, side: side, kind: kind, quantity: lots, price: ticks, timeInForce: tif,
                            clientOrderID: clientOrderID, strategyID: strategyID)
    }

    private func units(_ text: String, _ scale: UnitScale, field: String, what: String) throws(TradingError) -> Int64 {
        guard let value = ExactDecimal(text) else { throw .invalid(field: field, reason: "is not a decimal number") }
        guard let units = scale.units(value) else { throw .invalid(field: field, reason: "is too large") }
        guard scale.decimal(units) == value else {
            throw .unfit(field: field, reason: "is finer than the symbol's \(what) (\(scale.decimal(1)))")
        }
        return units
    }

    // MARK: Commands

    /// Places an order; answered once it is stored. A `client_order_id` used before answers
    /// the order it made (`created` false), whatever the request says now.
    public func place(_ request: OrderRequest) async throws(TradingError) -> (order: OrderRecord, created: Bool) {
        do {
            let placed = try await placeOnce(request)
            if placed.created, placed.order.status == OrderStatus.rejected.rawValue {
                errors?.record(.warning, .exchange, "Order rejected by the exchange: \(placed.order.rejectReason ?? "no reason given")",
                               details: Self.details(placed.order))
            }
            return placed
        } catch {
            record(error, action: "Order", details: Self.details(request, market: market))
            throw error
        }
    }

    private func placeOnce(_ request: OrderRequest) async throws(TradingError) -> (order: OrderRecord, created: Bool) {
        let engine = try runningEngine()
        if let clientOrderID = request.clientOrderID,
           let existing = try await read({ r throws(StorageError) in try r.exchange.order(clientOrderID: clientOrderID) }) {
            return (existing, false)
        }
        let time = clock.now()
        do {
            let placed = try await engine.performAcknowledged { core throws(ExchangeRefusal) -> ExchangeOrder? in
                // Checked again on the engine thread: a retry may race the first attempt, whose
                // order may even have finished already (a market order); nil places nothing.
                if let clientOrderID = request.clientOrderID, core.exchange?.orderID(clientOrderID: clientOrderID) != nil {
                    return nil
                }
                return try core.place(request, at: time)
            }
            guard let placed else {
                // Acknowledged after the batches before it: the first attempt's order is stored.
                guard let clientOrderID = request.clientOrderID,
                      let stored = try await read({ r throws(StorageError) in try r.exchange.order(clientOrderID: clientOrderID) }) else {
                    throw TradingError.unavailable("the order of this client_order_id is not stored yet: retry")
                }
                return (stored, false)
            }
            guard let record = records.order(placed) else { throw TradingError.unavailable("the order's symbol left the market") }
            return (record, true)
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Opens document B's margin position: `long` buys and `short` sells `size` at the market,
    /// at `leverage` (1 to 100, at most two decimals; default 1). Answered once stored, with the
    /// position's id; an order that found no liquidity within the slippage cap is refused (a conflict with the book's state).
    public func openMargin(symbol: String, long: Bool, size: String, leverage: String?) async throws(TradingError)
        -> (positionID: String, order: OrderRecord) {
        do {
            return try await openMarginOnce(symbol: symbol, long: long, size: size, leverage: leverage)
        } catch {
            record(error, action: "Margin position", details: .object([
                JSONMember("symbol", .string(symbol)), JSONMember("side", .string(long ? "long" : "short")), JSONMember("size", .string(size)),
            ]))
            throw error
        }
    }

    private func openMarginOnce(symbol: String, long: Bool, size: String, leverage: String?) async throws(TradingError)
        -> (positionID: String, order: OrderRecord) {
        guard let spec = market.resolve(symbol) else { throw .refused(.unknownSymbol(symbol)) }
        let lots = try units(size, spec.quantities, field: "body.size", what: "lot size")
        guard lots > 0 else { throw .invalid(field: "body.size", reason: "must be greater than 0") }
        let leverageHundredths: Int64
        if let leverage {
            guard let value = ExactDecimal(leverage), let hundredths = UnitScale(digits: 2).units(value),
                  UnitScale(digits: 2).decimal(hundredths) == value, (100...10_000).contains(hundredths) else {
                throw .invalid(field: "body.leverage", reason: "must be from 1 to 100 with at most two decimals")
            }
            leverageHundredths = hundredths
        } else {
            leverageHundredths = 100
        }
        let engine = try runningEngine()
        let time = clock.now()
        let outcome: (order: ExchangeOrder, positionID: String?)
        do {
            outcome = try await engine.performAcknowledged { core throws(ExchangeRefusal) in
                try core.placeMargin(symbol: spec.key, side: long ? .buy : .sell, quantity: lots, leverageHundredths: leverageHundredths,
                                     at: time)
            }
        } catch {
            throw Self.mapped(error)
        }
        guard outcome.order.filled > 0, let id = outcome.positionID, let record = records.order(outcome.order) else {
            throw .noLiquidity(outcome.order.reason ?? "the book had no depth within the slippage cap")
        }
        return (id, record)
    }

    /// Cancels an active order; answered once stored.
    public func cancel(id: String, reason: String?) async throws(TradingError) -> OrderRecord {
        try Self.checkOrderID(id)
        let engine = try runningEngine()
        let time = clock.now()
        do {
            let order = try await engine.performAcknowledged { core throws(ExchangeRefusal) in try core.cancel(id: id, reason: reason, at: time) }
            guard let record = records.order(order) else { throw TradingError.unavailable("the order's symbol left the market") }
            return record
        } catch ExchangeRefusal.orderNotFound(let missing) {
            // Not active in the engine: finished (CONFLICT) or unknown.
            if let stored = try await read({ r throws(StorageError) in try r.orders.find(id: missing) }),
               let status = OrderStatus(rawValue: stored.status) {
                throw .refused(.notActive(id: missing, status: status))
            }
            throw .refused(.orderNotFound(missing))
        } catch {
            throw Self.mapped(error)
        }
    }

    // MARK: Reads

    /// An order by id: active ones from the engine, others from the database.
    public func order(id: String) async throws(TradingError) -> OrderRecord {
        try Self.checkOrderID(id)
        if let active = market.snapshot.activeOrders.first(where: { $0.id == id }), let record = records.order(active) { return record }
        guard let stored = try await read({ r throws(StorageError) in try r.orders.find(id: id) }) else {
            throw .refused(.orderNotFound(id))
        }
        return stored
    }

    /// Orders as stored, newest first, with the number matching the filters.
    public func orders(statuses: [String], symbol: String?, side: String?, strategyID: String?, limit: Int, offset: Int)
        async throws(TradingError) -> (orders: [OrderRecord], total: Int) {
        let stored = symbol.map { text -> String in market.resolve(text)?.key.orderForm ?? text }
        return try await read { r throws(StorageError) in
            (try r.orders.list(statuses: statuses, symbol: stored, side: side, strategyID: strategyID, limit: limit, offset: offset),
             try r.orders.count(statuses: statuses, symbol: stored, side: side, strategyID: strategyID))
        }
    }

    /// The active orders counted by status and by side, as stored.
    public func activeOrderCounts() async throws(TradingError) -> OrderCounts {
        try await read { r throws(StorageError) in try r.orders.activeCounts() }
    }

    /// The account's balances, sorted by asset.
    public func balances() -> [BalanceRecord] {
        let snapshot = market.snapshot
        return snapshot.balances.sorted { $0.key < $1.key }.map { records.balance($0.key, $0.value, at: snapshot.time) }
    }

    /// The open positions, oldest first, valued at the current price: all, or those of the
    /// symbol `symbol` names (either form; none for a symbol the market does not have) and of
    /// the strategy `strategyID`.
    public func positions(symbol: String? = nil, strategyID: String? = nil) -> [PositionView] {
        let snapshot = market.snapshot
        var positions = snapshot.positions
        if let symbol {
            let key = market.resolve(symbol)?.key
            positions = positions.filter { $0.key.symbol == key }
        }
        if let strategyID { positions = positions.filter { $0.key.strategyID == strategyID } }
        return positions.compactMap { position in view(position, price: snapshot.symbols[position.key.symbol]?.price) }
    }

    /// The open position of the symbol `symbol` names (either form), valued at its current
    /// price: the sum of the positions holding it when there are several (`ExchangeRecords.view`);
    /// nil when none is open.
    public func position(symbol: String) throws(TradingError) -> PositionView? {
        guard let spec = market.resolve(symbol) else { throw .refused(.unknownSymbol(symbol)) }
        let snapshot = market.snapshot
        return records.view(snapshot.positions.filter { $0.key.symbol == spec.key }, price: snapshot.symbols[spec.key]?.price)
    }

    /// `position` valued at `price` ticks (its entry price when there is none).
    public func view(_ position: Position, price: Int64?) -> PositionView? {
        records.view([position], price: price)
    }

    // MARK: Support

    private func runningEngine() throws(TradingError) -> MarketEngine {
        guard let engine = market.engine else {
            throw .unavailable("this instance does not run the engine (another instance on the database does): trade there")
        }
        return engine
    }

    private func read<Result: Sendable>(_ body: @escaping @Sendable (Repositories) throws(StorageError) -> Result) async throws(TradingError) -> Result {
        do {
            return try await backend.read(body)
        } catch {
            throw .storage(error)
        }
    }

    /// Order ids are UUIDs (`Identifier`'s reading of them, any case).
    static func checkOrderID(_ id: String) throws(TradingError) {
        guard Identifier.uuid(id) != nil else { throw .invalidOrderID(id) }
    }

    // MARK: Monitoring

    /// Records what the exchange refused (balance, position limit, a price or quantity it does
    /// not take, no liquidity) as an `exchange` warning. Mistakes the API already names (an
    /// unknown symbol or order, an order no longer active, a malformed request) are the
    /// caller's and not recorded; a failing database is recorded by the backend's observer.
    private func record(_ error: TradingError, action: String, details: JSONValue) {
        guard let errors else { return }
        switch error {
        case .refused(.insufficientBalance), .refused(.positionLimit), .refused(.invalid), .noLiquidity:
            errors.record(.warning, .exchange, "\(action) refused by the exchange: \(error)", details: details)
        default:
            break
        }
    }

    private static func details(_ request: OrderRequest, market: MarketService) -> JSONValue {
        var members = [JSONMember("symbol", .string(request.symbol.marketForm)), JSONMember("side", .string(request.side.rawValue)),
                       JSONMember("type", .string(request.kind.rawValue))]
        if let spec = market.resolve(request.symbol.marketForm) {
            members.append(JSONMember("quantity", .string(spec.quantities.decimal(request.quantity).normalized.description)))
            if let price = request.price { members.append(JSONMember("price", .string(spec.prices.decimal(price).normalized.description))) }
        }
        if let strategyID = request.strategyID { members.append(JSONMember("strategy_id", .string(strategyID))) }
        return .object(members)
    }

    private static func details(_ order: OrderRecord) -> JSONValue {
        .object([JSONMember("order_id", .string(order.id)), JSONMember("symbol", .string(order.symbol)),
                 JSONMember("side", .string(order.side)), JSONMember("type", .string(order.orderType)),
                 JSONMember("quantity", .string(order.quantity.description))])
    }

    private static func mapped(_ error: any Error) -> TradingError {
        switch error {
        case let error as TradingError: return error
        case let refusal as ExchangeRefusal: return .refused(refusal)
        case let acknowledgement as AcknowledgementError: return .unavailable(acknowledgement.description)
        case let storage as StorageError: return .storage(storage)
        default: return .unavailable("\(error)")
        }
    }
}
