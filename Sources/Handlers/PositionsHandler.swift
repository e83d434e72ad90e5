import APIRuntime
import Engine
import Generated
import Primitives

/// `/api/v1/positions*`: the paper account's open positions, read from the engine's published
/// snapshot and marked to each symbol's last trade, so reads never wait for the engine or the
/// database. `getPosition` answers the sum when several positions (strategies, manual orders,
/// margin) hold the symbol, as the spec states (`TradingService.position(symbol:)`).
public struct PositionsHandler: PositionsAPI {
    let trading: TradingService

    /// Positions of the account `trading` trades for.
    public init(trading: TradingService) {
        self.trading = trading
    }

    /// One page of the positions matching the filters (oldest first), with how many match and
    /// the summary of all that match.
    public func listPositions(_ input: ListPositionsInput, context: RequestContext) throws -> ListPositionsOutput {
        let views = trading.positions(symbol: input.symbol, strategyID: input.strategyId)
        let page = views.dropFirst(input.offset).prefix(input.limit)
        return .ok(PositionList(positions: page.map(Self.position), total: views.count, summary: Self.summary(views)))
    }

    public func getPositionSummary(_ input: GetPositionSummaryInput, context: RequestContext) throws -> GetPositionSummaryOutput {
        .ok(Self.summary(trading.positions()))
    }

    public func getPosition(_ input: GetPositionInput, context: RequestContext) throws -> GetPositionOutput {
        let view: PositionView?
        do {
            view = try trading.position(symbol: input.symbol)
        } catch {
            throw APIError(error)
        }
        guard let view else { throw APIError(.positionNotFound, message: "No open position in \(input.symbol)") }
        return .ok(Self.position(view))
    }

    /// The API's position of an engine view: decimals as their strings, times in ISO 8601.
    static func position(_ view: PositionView) -> Generated.Position {
        let record = view.record
        return Generated.Position(id: record.id, exchange: record.exchange, symbol: record.symbol, side: record.side == "Sell" ? .sell : .buy,
                        quantity: record.quantity.description, entryPrice: record.entryPrice.description,
                        currentPrice: view.currentPrice.description, unrealizedPnl: view.unrealizedPnl.description,
                        realizedPnl: record.realizedPnl.description, notionalValue: view.notionalValue.description,
                        returnPct: view.returnPct.description, strategyId: record.strategyID,
                        openedAt: MarketHandler.time(record.openedAt), updatedAt: MarketHandler.time(record.updatedAt))
    }

    /// Totals over `views`. PnL and notional add up across quote assets as plain numbers: the
    /// account holds no exchange rates to convert them with.
    static func summary(_ views: [PositionView]) -> PositionSummary {
        let shorts = views.filter { $0.record.side == "Sell" }.count
        return PositionSummary(totalPositions: views.count,
                               totalUnrealizedPnl: views.reduce(ExactDecimal.zero) { $0 + $1.unrealizedPnl }.description,
                               totalRealizedPnl: views.reduce(ExactDecimal.zero) { $0 + $1.record.realizedPnl }.description,
                               totalNotionalValue: views.reduce(ExactDecimal.zero) { $0 + $1.notionalValue }.description,
                               longCount: views.count - shorts, shortCount: shorts)
    }
}
