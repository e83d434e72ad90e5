import APIRuntime
import Backends
import Engine
import Generated
import Primitives

/// `/api/v1/journal/*`: the trade journal's executions, holdings and FIFO cost basis, as
/// `JournalService` reads and replays them. Decimals are written without trailing zeros, so
/// both databases answer alike.
public struct JournalHandler: JournalAPI {
    let journal: JournalService

    public init(journal: JournalService) {
        self.journal = journal
    }

    public func listExecutions(_ input: ListExecutionsInput, context: RequestContext) async throws -> ListExecutionsOutput {
        let side = input.side.map { $0 == ExecutionSide.buy ? Engine.OrderSide.buy : Engine.OrderSide.sell }
        let page = try await journaled(await journal.executions(from: input.from, to: input.to, symbol: input.symbol, side: side,
                                                                limit: input.limit, offset: input.offset))
        return .ok(ExecutionList(executions: page.records.map(Self.execution), total: page.total, limit: input.limit, offset: input.offset))
    }

    public func listJournalPositions(_ input: ListJournalPositionsInput, context: RequestContext) async throws -> ListJournalPositionsOutput {
        let views = try await journaled(await journal.positions())
        return .ok(JournalPositionList(positions: views.map(Self.position), total: views.count))
    }

    public func getCostBasis(_ input: GetCostBasisInput, context: RequestContext) async throws -> GetCostBasisOutput {
        let (key, ledger) = try await journaled(await journal.costBasis(symbol: input.symbol, exchange: input.exchange))
        return .ok(CostBasis(symbol: key.symbol, exchange: key.exchange, quantity: ledger.quantity.description,
                             averageCost: ledger.averageCost.description, totalCost: ledger.totalCost.description,
                             realizedPnl: ledger.realizedPnl.description,
                             lots: ledger.lots.map { CostBasisLot(quantity: $0.quantity.description, cost: $0.cost.description,
                                                                  date: String(Timestamp.iso8601(epochMilliseconds: $0.openedAt).prefix(10))) }))
    }

    /// The API's execution of a stored one.
    static func execution(_ record: ExecutionRecord) -> Execution {
        Execution(id: record.id, symbol: record.symbol, side: record.side == Engine.OrderSide.sell.rawValue ? ExecutionSide.sell : ExecutionSide.buy,
                  quantity: record.quantity.normalized.description, price: record.price.normalized.description,
                  fee: record.fee.normalized.description, amount: (record.quantity * record.price).normalized.description,
                  orderId: record.orderID, exchange: record.exchange, executedAt: MarketHandler.time(record.executedAt))
    }

    /// The API's holding of a replayed ledger.
    static func position(_ view: JournalPositionView) -> JournalPosition {
        let ledger = view.ledger
        return JournalPosition(symbol: view.key.symbol, exchange: view.key.exchange, name: view.name, quantity: ledger.quantity.description,
                               averageCost: ledger.averageCost.description, totalCost: ledger.totalCost.description,
                               currentPrice: view.currentPrice?.description, marketValue: view.marketValue?.description,
                               unrealizedPnl: view.unrealizedPnl?.description, realizedPnl: ledger.realizedPnl.description,
                               lastTradeAt: MarketHandler.time(ledger.lastTradeAt ?? 0))
    }
}

/// Runs a journal request for the handler, turning `JournalFailure` into the API's error.
private func journaled<Result: Sendable>(_ work: @autoclosure () async throws(JournalFailure) -> Result) async throws(APIError) -> Result {
    do {
        return try await work()
    } catch {
        throw APIError(error)
    }
}
