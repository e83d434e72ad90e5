import APIRuntime
import Backends
import Engine
import Generated
import Primitives

/// Document B's `/api/v1/portfolio/positions`: every open position of the paper account in
/// document B's shape (symbol in the dash form, `size` signed: negative for a short, `pnl` the
/// unrealized PnL at the last price), and opening a margin position at the market.
public struct PortfolioHandler: PortfolioAPI {
    let trading: TradingService

    /// Portfolio positions of the account `trading` trades for.
    public init(trading: TradingService) {
        self.trading = trading
    }

    public func listPortfolioPositions(_ input: ListPortfolioPositionsInput, context: RequestContext) async throws
        -> ListPortfolioPositionsOutput {
        .ok(PortfolioPositionList(positions: trading.positions().map(Self.position)))
    }

    public func openPortfolioPosition(_ input: OpenPortfolioPositionInput, context: RequestContext) async throws
        -> OpenPortfolioPositionOutput {
        let body = input.body
        let opened = try await Handlers.trading(await self.trading.openMargin(symbol: body.symbol, long: body.type == .long, size: body.size,
                                                                     leverage: body.leverage))
        return .created(OpenPortfolioPositionResponse(positionId: Self.documentID(opened.positionID), status: .success,
                                                      timestamp: MarketHandler.time(opened.order.updatedAt)))
    }

    /// A position in document B's shape.
    static func position(_ view: PositionView) -> PortfolioPosition {
        let record = view.record
        let size = record.side == "Sell" ? -record.quantity : record.quantity
        return PortfolioPosition(symbol: SymbolKey(record.symbol)?.marketForm ?? record.symbol, size: size.description,
                                 entryPrice: record.entryPrice.description, currentPrice: view.currentPrice.description,
                                 pnl: view.unrealizedPnl.description, timestamp: MarketHandler.time(record.updatedAt))
    }

    /// Document B's position id (`pos_` and letters or digits): the position's UUID without dashes.
    static func documentID(_ id: String) -> String {
        "pos_" + id.filter { $0 != "-" }
    }
}
