#if canImport(Glibc)
import Glibc
#endif
import Generated
import Handlers
import Server
import Primitives
import APIRuntime
import Gateway

/// `GET /api/v1/positions` over 20 positions built once; the list is encoded per request.
struct CannedPositions: PositionsAPI {
    let all: PositionList

    init() {
        let symbols: [(symbol: String, price: Double, quantity: Double)] = [
            ("BTC/USDT", 67_412.35, 0.125), ("ETH/USDT", 3_521.18, 2.4), ("SOL/USDT", 171.42, 55),
            ("BNB/USDT", 598.7, 6.5), ("XRP/USDT", 0.5231, 12_000), ("ADA/USDT", 0.4518, 15_500),
            ("DOGE/USDT", 0.1623, 48_000), ("AVAX/USDT", 36.81, 120), ("DOT/USDT", 7.214, 800),
            ("LINK/USDT", 17.92, 310), ("MATIC/USDT", 0.7312, 9_000), ("LTC/USDT", 84.55, 40),
            ("ATOM/USDT", 8.933, 520), ("UNI/USDT", 10.27, 450), ("ARB/USDT", 1.0421, 4_800),
            ("OP/USDT", 2.318, 2_100), ("005930", 78_300, 35), ("AAPL", 189.84, 60),
            ("NVDA", 121.44, 80), ("TSLA", 177.29, 25),
        ]
        var positions: [Position] = []
        var unrealized = 0.0, realized = 0.0, notional = 0.0, longs = 0
        for (index, entry) in symbols.enumerated() {
            let long = index % 3 != 2
            let entryPrice = entry.price * (long ? 0.97 : 1.025)
            let pnl = (entry.price - entryPrice) * entry.quantity * (long ? 1 : -1)
            let realizedPnl = Double(index * 37 % 11) * 12.5 - 40
            let value = entry.price * entry.quantity
            unrealized += pnl
            realized += realizedPnl
            notional += value
            if long { longs += 1 }
            let day = 10 + index % 18
            positions.append(Position(
                id: "3f6c1a2e-8b4d-4c7a-9e1f-\(String(0x5d2a_0000_0000 + index * 7919, radix: 16))",
                exchange: index >= 16 ? "kis" : "binance",
                symbol: entry.symbol,
                side: long ? .buy : .sell,
                quantity: fixed(entry.quantity, 4),
                entryPrice: fixed(entryPrice, 4),
                currentPrice: fixed(entry.price, 4),
                unrealizedPnl: fixed(pnl, 2),
                realizedPnl: fixed(realizedPnl, 2),
                notionalValue: fixed(value, 2),
                returnPct: fixed((entry.price / entryPrice - 1) * 100 * (long ? 1 : -1), 2),
                strategyId: index % 4 == 3 ? nil : "momentum-\(index % 5)",
                openedAt: "2024-05-\(day)T08:\(10 + index):00Z",
                updatedAt: "2024-06-01T12:34:\(10 + index).250Z"))
        }
        all = PositionList(
            positions: positions, total: positions.count,
            summary: PositionSummary(
                totalPositions: positions.count, totalUnrealizedPnl: fixed(unrealized, 2),
                totalRealizedPnl: fixed(realized, 2), totalNotionalValue: fixed(notional, 2),
                longCount: longs, shortCount: positions.count - longs))
    }

    func listPositions(_ input: ListPositionsInput, context: RequestContext) async throws -> ListPositionsOutput {
        guard input.symbol != nil || input.strategyId != nil || input.offset > 0 || input.limit < all.positions.count else {
            return .ok(all)
        }
        let matching = all.positions.filter {
            (input.symbol == nil || $0.symbol == input.symbol) && (input.strategyId == nil || $0.strategyId == input.strategyId)
        }
        let page = Array(matching.dropFirst(input.offset).prefix(input.limit))
        return .ok(PositionList(positions: page, total: matching.count, summary: all.summary))
    }
}
