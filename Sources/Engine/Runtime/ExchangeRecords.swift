import Backends
import Primitives

/// The paper exchange's values as stored rows and back: decimals in each symbol's and asset's
/// scales, symbols of orders and positions in the slash form (`BTC/USDT`), average prices with
/// four digits more than the symbol's prices.
public struct ExchangeRecords: Sendable {
    public let scales: AssetScales
    private let specs: [SymbolKey: SymbolSpec]

    public init(scales: AssetScales, symbols: [SymbolSpec]) {
        self.scales = scales
        specs = Dictionary(symbols.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The symbol of a stored row.
    public func spec(_ symbol: String) -> SymbolSpec? { SymbolKey(symbol).flatMap { specs[$0] } }

    /// The quote asset of a symbol.
    private func quote(_ spec: SymbolSpec) -> String { TradingPair.assets(of: spec).quote }

    /// `numerator / denominator` ticks as a decimal with four digits more than the prices.
    public func price(_ fraction: (numerator: Int128, denominator: Int64), _ spec: SymbolSpec) -> ExactDecimal? {
        ExactDecimal(units: fraction.numerator, scale: spec.prices.digits)
            .divided(by: ExactDecimal(units: Int128(fraction.denominator), scale: 0), scale: min(ExactDecimal.maximumScale, spec.prices.digits + 4))
    }

    public func order(_ order: ExchangeOrder) -> OrderRecord? {
        guard let spec = specs[order.symbol] else { return nil }
        let rejected = order.status == .rejected
        return OrderRecord(
            id: order.id, exchangeOrderID: String(order.sequence), clientOrderID: order.clientOrderID, symbol: order.symbol.orderForm,
            side: order.side.rawValue, orderType: order.kind.rawValue, timeInForce: order.timeInForce.name,
            expiresAt: order.timeInForce.expiresAt, quantity: spec.quantities.decimal(order.quantity),
            filledQuantity: spec.quantities.decimal(order.filled), price: order.price.map(spec.prices.decimal),
            averageFillPrice: order.averagePrice.flatMap { price($0, spec) }, fee: scales.decimal(order.fee, of: quote(spec)),
            status: order.status.rawValue, strategyID: order.strategyID, cancelReason: rejected ? nil : order.reason,
            rejectReason: rejected ? order.reason : nil, createdAt: order.createdAt, updatedAt: order.updatedAt)
    }

    public func fill(_ fill: Fill) -> FillRecord? {
        guard let spec = specs[fill.symbol] else { return nil }
        return FillRecord(id: fill.id, orderID: fill.orderID, symbol: fill.symbol.orderForm, side: fill.side.rawValue,
                          quantity: spec.quantities.decimal(fill.quantity), price: spec.prices.decimal(fill.price),
                          fee: scales.decimal(fill.fee, of: quote(spec)), liquidity: fill.maker ? "maker" : "taker", exchange: fill.exchange,
                          executedAt: fill.time)
    }

    /// A position's row and `lots` (by default all it holds; none on a summary).
    public func position(_ position: Position, lots: [Lot]? = nil) -> PositionState? {
        guard let spec = specs[position.key.symbol] else { return nil }
        let quote = quote(spec)
        let quantity = position.quantity
        let entry = position.entryPrice.flatMap { price($0, spec) } ?? .zero
        let record = PositionRecord(
            id: position.id, exchange: position.key.exchange, symbol: position.key.symbol.orderForm, strategyID: position.key.strategyID,
            side: quantity >= 0 ? "Buy" : "Sell", quantity: spec.quantities.decimal(Int64(quantity.magnitude)), entryPrice: entry,
            realizedPnl: scales.decimal(position.realizedPnl, of: quote), leverage: ExactDecimal(units: Int128(position.leverageHundredths), scale: 2).normalized,
            openedAt: position.openedAt, updatedAt: position.updatedAt)
        let records = (lots ?? position.lots).map { lot in
            LotRecord(id: lot.id, positionID: position.id, quantity: spec.quantities.decimal(lot.quantity), price: spec.prices.decimal(lot.price),
                      fee: scales.decimal(lot.fee, of: quote), openedAt: lot.openedAt, order: lot.sequence)
        }
        return PositionState(record: record, lots: records)
    }

    public func balance(_ asset: String, _ balance: AssetBalance, at time: Int) -> BalanceRecord {
        BalanceRecord(asset: asset, free: scales.decimal(balance.free, of: asset), locked: scales.decimal(balance.locked, of: asset),
                      updatedAt: time)
    }

    /// Everything `changes` holds, as one batch.
    public func batch(_ changes: ExchangeChanges, at time: Int) -> ExchangeBatch {
        let lots = Dictionary(changes.lots.map { ($0.positionID, $0) }, uniquingKeysWith: { _, newer in newer })
        return ExchangeBatch(
            orders: changes.orders.compactMap(order), fills: changes.fills.compactMap(fill),
            positions: changes.positions.compactMap { position($0, lots: lots[$0.id]?.written ?? []) },
            removedLotIDs: changes.lots.flatMap { $0.closed.map(\.description) }, removedPositionIDs: changes.removedPositions,
            balances: changes.balances.map { balance($0.asset, $0.balance, at: time) }, strategies: changes.strategies,
            removedStrategyIDs: changes.removedStrategies, errors: changes.errors)
    }

    // MARK: Back

    /// A stored position; nil when its symbol or a value does not fit.
    public func position(_ state: PositionState) -> Position? {
        guard let spec = spec(state.record.symbol) else { return nil }
        let quote = quote(spec)
        var lots: [Lot] = []
        for lot in state.lots {
            guard let quantity = spec.quantities.units(lot.quantity), let price = spec.prices.units(lot.price),
                  let fee = scales.units(lot.fee, of: quote) else { return nil }
            lots.append(Lot(id: lot.id, quantity: quantity, price: price, fee: fee, openedAt: lot.openedAt, sequence: lot.order))
        }
        guard let realized = scales.units(state.record.realizedPnl, of: quote) else { return nil }
        let key = PositionKey(exchange: state.record.exchange, symbol: spec.key, strategyID: state.record.strategyID)
        let leverage = max(100, Int64(state.record.leverage.rescaled(to: 2).units))
        var position = Position(id: state.record.id, key: key, lots: lots, realizedPnl: realized, leverageHundredths: leverage,
                                openedAt: state.record.openedAt, updatedAt: state.record.updatedAt)
        if key.exchange == PositionKey.margin {
            // Margin is not stored: it is always the open notional over the leverage, rounded up.
            let factor = TradingPair(spec, scales: scales).notionalFactor
            position.margin = PaperExchange.margin(notional: position.openNotional * factor, leverageHundredths: leverage)
        }
        return position
    }

    /// A stored active order with its fills; nil when its symbol or a value does not fit.
    public func order(_ record: OrderRecord, fills: [FillRecord], sequence: UInt64) -> ExchangeOrder? {
        guard let spec = spec(record.symbol), let side = OrderSide(rawValue: record.side), let kind = OrderKind(rawValue: record.orderType),
              let status = OrderStatus(rawValue: record.status), let quantity = spec.quantities.units(record.quantity) else { return nil }
        let timeInForce: TimeInForce
        switch record.timeInForce {
        case "IOC": timeInForce = .ioc
        case "FOK": timeInForce = .fok
        case "GTD": timeInForce = .gtd(expiresAt: record.expiresAt ?? 0)
        default: timeInForce = .gtc
        }
        var filled: Int64 = 0, notional: Int128 = 0, fee: Int128 = 0
        for fill in fills {
            guard let lots = spec.quantities.units(fill.quantity), let price = spec.prices.units(fill.price),
                  let paid = scales.units(fill.fee, of: quote(spec)) else { return nil }
            filled += lots
            notional += Int128(lots) * Int128(price)
            fee += paid
        }
        return ExchangeOrder(
            id: record.id, clientOrderID: record.clientOrderID, symbol: spec.key, side: side, kind: kind, timeInForce: timeInForce,
            quantity: quantity, price: record.price.flatMap(spec.prices.units), strategyID: record.strategyID, status: status,
            filled: filled, filledNotional: notional, fee: fee, reason: record.cancelReason ?? record.rejectReason,
            createdAt: record.createdAt, updatedAt: record.updatedAt, sequence: sequence)
    }
}
