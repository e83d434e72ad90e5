import APIRuntime
import Engine
import Generated
import Primitives

/// `/api/v1/balances`: the balances of the server's one paper account, read from the
/// engine's published snapshot (free, locked by open orders and margin, and their total).
public struct AccountHandler: AccountAPI {
    let service: TradingService

    /// Balances read through `trading`, the service `serve` starts.
    public init(trading: TradingService) {
        service = trading
    }

    public func listBalances(_ input: ListBalancesInput, context: RequestContext) throws -> ListBalancesOutput {
        .ok(BalanceList(balances: service.balances().map { balance in
            Balance(asset: balance.asset, free: balance.free.description, locked: balance.locked.description,
                    total: (balance.free + balance.locked).description)
        }))
    }
}
