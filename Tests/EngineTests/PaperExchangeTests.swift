import Primitives
import XCTest
@testable import Engine

/// The matching engine: taking depth with a slippage cap, price-time priority of resting
/// orders, fees, triggers, time in force, refusals, and conservation of value.
final class PaperExchangeTests: XCTestCase {
    /// AAA-USDT: prices with 2 digits, quantities with 4, so USDT keeps 6 digits (factor 1).
    static let spec = SymbolSpec(key: SymbolKey("AAA-USDT")!, name: "AAA", market: .crypto, prices: UnitScale(digits: 2),
                                 quantities: UnitScale(digits: 4), source: .synthetic(seed: 1, startPrice: 10_000, sigma: 0.5))
    static let key = spec.key
    static let t0 = 1_796_000_000_000
    static let startUSDT: Int128 = 100_000_000_000  // 100,000.000000

    static let book = L2Book(bids: [BookLevel(price: 9_999, quantity: 10_000), BookLevel(price: 9_998, quantity: 20_000)],
                             asks: [BookLevel(price: 10_000, quantity: 10_000), BookLevel(price: 10_001, quantity: 20_000),
                                    BookLevel(price: 10_010, quantity: 50_000)])

    func exchange() -> PaperExchange { Self.makeExchange() }

    static func makeExchange() -> PaperExchange {
        let exchange = PaperExchange(settings: ExchangeSettings(startingBalances: ["USDT": ExactDecimal(100_000)]),
                                     symbols: [Self.spec], seed: 7)
        exchange.setBook(key, book, at: t0)
        return exchange
    }

    func request(_ side: OrderSide, _ kind: OrderKind, _ quantity: Int64, _ price: Int64? = nil, _ tif: TimeInForce = .gtc,
                 client: String? = nil) -> OrderRequest {
        OrderRequest(symbol: Self.key, side: side, kind: kind, quantity: quantity, price: price, timeInForce: tif, clientOrderID: client)
    }

    func testAMarketOrderWalksTheBookPayingTakerFees() throws {
        let exchange = exchange()
        let order = try exchange.place(request(.buy, .market, 25_000), at: Self.t0)
        XCTAssertEqual(order.status, .filled)
        XCTAssertEqual(order.filled, 25_000)
        XCTAssertEqual(order.filledNotional, 10_000 * 10_000 + 10_001 * 15_000)
        // Fees at 5 bp: 100,000,000 → 50,000; 150,015,000 → 75,007.5, half to even → 75,008.
        XCTAssertEqual(order.fee, 50_000 + 75_008)
        let changes = exchange.takeChanges()
        XCTAssertEqual(changes.fills.map(\.price), [10_000, 10_001])
        XCTAssertEqual(changes.fills.map(\.maker), [false, false])
        XCTAssertEqual(changes.orderEvents.map(\.status), [.open, .partiallyFilled, .filled], "every state it went through")
        XCTAssertEqual(exchange.balances["USDT"], AssetBalance(free: Self.startUSDT - 100_050_000 - 150_090_008, locked: 0))
        XCTAssertEqual(exchange.balances["AAA"], AssetBalance(free: 25_000, locked: 0))
        let position = try XCTUnwrap(exchange.positions[PositionKey(exchange: "paper", symbol: Self.key, strategyID: nil)])
        XCTAssertEqual(position.quantity, 25_000)
        XCTAssertEqual(position.lots.map(\.price), [10_000, 10_001])
        // What it took is gone from the book until the market makes a new one.
        XCTAssertEqual(exchange.depth(of: Self.key)?.asks.first, BookLevel(price: 10_001, quantity: 5_000))
        XCTAssertEqual(exchange.takeTrades().map(\.tick.quantity), [10_000, 15_000], "fills show as market trades")
    }

    func testAMarketOrderStopsAtTheSlippageCap() throws {
        var settings = ExchangeSettings(startingBalances: ["USDT": ExactDecimal(100_000)])
        settings.maxSlippageBasisPoints = 5  // 100.00 → at most 100.05: the 100.10 level is out of reach
        let exchange = PaperExchange(settings: settings, symbols: [Self.spec], seed: 7)
        exchange.setBook(Self.key, Self.book, at: Self.t0)
        let partial = try exchange.place(request(.buy, .market, 100_000), at: Self.t0)
        XCTAssertEqual(partial.status, .cancelled)
        XCTAssertEqual(partial.filled, 30_000)
        XCTAssertTrue(partial.reason?.contains("slippage cap") ?? false, partial.reason ?? "")
        XCTAssertEqual(exchange.balances["USDT"]?.locked, 0, "the unspent lock went back")
        exchange.setBook(Self.key, L2Book(bids: [], asks: []), at: Self.t0)
        let none = try exchange.place(request(.buy, .market, 1_000), at: Self.t0)
        XCTAssertEqual(none.status, .rejected)
        XCTAssertEqual(none.filled, 0)
    }

    func testRestingOrdersFillInPriceTimePriorityAtTheirOwnPrice() throws {
        let exchange = exchange()
        let first = try exchange.place(request(.buy, .limit, 10_000, 9_950), at: Self.t0)
        let second = try exchange.place(request(.buy, .limit, 10_000, 9_950), at: Self.t0 + 1)
        let better = try exchange.place(request(.buy, .limit, 5_000, 9_960), at: Self.t0 + 2)
        XCTAssertEqual([first.status, second.status, better.status], [.open, .open, .open])
        _ = exchange.takeChanges()
        // A market trade at 99.50 of 1.2: the better price first, then the older order.
        exchange.marketTrade(Self.key, Tick(time: Self.t0 + 10, price: 9_950, quantity: 12_000))
        let changes = exchange.takeChanges()
        XCTAssertEqual(changes.fills.map(\.orderID), [better.id, first.id])
        XCTAssertEqual(changes.fills.map(\.quantity), [5_000, 7_000])
        XCTAssertEqual(changes.fills.map(\.price), [9_960, 9_950], "a resting order fills at its own price")
        XCTAssertEqual(changes.fills.map(\.maker), [true, true])
        XCTAssertEqual(changes.fills[0].fee, PaperExchange.fee(Int128(9_960 * 5_000), basisPoints: 2))
        XCTAssertEqual(exchange.activeOrder(id: first.id)?.status, .partiallyFilled)
        XCTAssertEqual(exchange.activeOrder(id: second.id)?.filled, 0)
        XCTAssertNil(exchange.activeOrder(id: better.id), "filled, off the book")
        // A trade above every bid crosses nothing.
        exchange.marketTrade(Self.key, Tick(time: Self.t0 + 11, price: 9_970, quantity: 50_000))
        XCTAssertTrue(exchange.takeChanges().fills.isEmpty)
    }

    func testANewBookCrossingARestingOrderFillsItAgainstItsDepth() throws {
        let exchange = exchange()
        let order = try exchange.place(request(.buy, .limit, 10_000, 9_950), at: Self.t0)
        exchange.setBook(Self.key, L2Book(bids: [BookLevel(price: 9_930, quantity: 5_000)],
                                          asks: [BookLevel(price: 9_940, quantity: 3_000), BookLevel(price: 9_960, quantity: 9_000)]),
                         at: Self.t0 + 5)
        let changes = exchange.takeChanges()
        XCTAssertEqual(changes.fills.filter { $0.orderID == order.id }.map(\.quantity), [3_000], "only the levels at or below its price")
        XCTAssertEqual(changes.fills.last?.price, 9_950)
        XCTAssertEqual(exchange.activeOrder(id: order.id)?.remaining, 7_000)
    }

    func testStopLossWaitsForItsTriggerThenSells() throws {
        let exchange = exchange()
        _ = try exchange.place(request(.buy, .market, 10_000), at: Self.t0)
        let stop = try exchange.place(request(.sell, .stopLoss, 10_000, 9_800), at: Self.t0 + 1)
        XCTAssertEqual(stop.status, .pending)
        XCTAssertEqual(exchange.balances["AAA"], AssetBalance(free: 0, locked: 10_000), "the stop holds what it will sell")
        exchange.marketTrade(Self.key, Tick(time: Self.t0 + 2, price: 9_850, quantity: 1))
        XCTAssertEqual(exchange.activeOrder(id: stop.id)?.status, .pending)
        exchange.setBook(Self.key, L2Book(bids: [BookLevel(price: 9_780, quantity: 50_000)], asks: [BookLevel(price: 9_790, quantity: 50_000)]),
                         at: Self.t0 + 3)
        exchange.marketTrade(Self.key, Tick(time: Self.t0 + 4, price: 9_790, quantity: 1))
        let changes = exchange.takeChanges()
        let sold = changes.fills.filter { $0.orderID == stop.id }
        XCTAssertEqual(sold.map(\.price), [9_780])
        XCTAssertEqual(sold.map(\.maker), [false], "a triggered order takes liquidity")
        XCTAssertEqual(changes.orderEvents.filter { $0.id == stop.id }.last?.status, .filled)
        XCTAssertNil(exchange.positions[PositionKey(exchange: "paper", symbol: Self.key, strategyID: nil)], "flat: closed")
        XCTAssertEqual(changes.removedPositions.count, 1)
    }

    func testTimeInForce() throws {
        let exchange = exchange()
        let ioc = try exchange.place(request(.buy, .limit, 40_000, 10_001, .ioc), at: Self.t0)
        XCTAssertEqual(ioc.status, .expired)
        XCTAssertEqual(ioc.filled, 30_000, "what filled at once stays filled")
        exchange.setBook(Self.key, Self.book, at: Self.t0 + 1)
        let before = exchange.balances
        let fok = try exchange.place(request(.buy, .limit, 40_000, 10_001, .fok), at: Self.t0 + 2)
        XCTAssertEqual(fok.status, .expired)
        XCTAssertEqual(fok.filled, 0)
        XCTAssertEqual(exchange.balances, before, "fill or kill: nothing happened")
        let gtd = try exchange.place(request(.buy, .limit, 10_000, 9_000, .gtd(expiresAt: Self.t0 + 1_000)), at: Self.t0 + 3)
        exchange.expire(at: Self.t0 + 999)
        XCTAssertEqual(exchange.activeOrder(id: gtd.id)?.status, .open)
        exchange.expire(at: Self.t0 + 1_000)
        XCTAssertNil(exchange.activeOrder(id: gtd.id))
        XCTAssertEqual(exchange.takeChanges().orders.first { $0.id == gtd.id }?.status, .expired)
        XCTAssertEqual(exchange.balances["USDT"]?.locked, 0)
    }

    func testCancelUnlocksAndRefusesAnOrderNoLongerActive() throws {
        let exchange = exchange()
        let order = try exchange.place(request(.buy, .limit, 10_000, 9_000), at: Self.t0)
        XCTAssertGreaterThan(exchange.balances["USDT"]?.locked ?? 0, 90_000_000)
        let cancelled = try exchange.cancel(id: order.id, reason: "changed my mind", at: Self.t0 + 1)
        XCTAssertEqual(cancelled.status, .cancelled)
        XCTAssertEqual(cancelled.reason, "changed my mind")
        XCTAssertEqual(exchange.balances["USDT"], AssetBalance(free: Self.startUSDT, locked: 0))
        XCTAssertThrowsError(try exchange.cancel(id: order.id, reason: nil, at: Self.t0 + 2)) { error in
            XCTAssertEqual(error as? ExchangeRefusal, .notActive(id: order.id, status: .cancelled))
        }
        XCTAssertThrowsError(try exchange.cancel(id: "nope", reason: nil, at: Self.t0 + 2)) { error in
            XCTAssertEqual(error as? ExchangeRefusal, .orderNotFound("nope"))
        }
    }

    func testRefusalsChangeNothing() throws {
        let exchange = exchange()
        let before = exchange.balances
        for (request, expected) in [
            (request(.buy, .limit, 20_000_000, 10_000), "PORT_001"),  // 2,000 AAA at 100: 200,000 USDT
            (request(.sell, .market, 1), "PORT_001"),                 // nothing held
            (request(.buy, .limit, 0, 10_000), "quantity"),
            (request(.buy, .limit, 1, nil), "price"),
            (request(.buy, .market, 1, 10_000), "price"),
            (request(.buy, .stopLoss, 1, 9_000, .ioc), "time_in_force"),
        ] {
            XCTAssertThrowsError(try exchange.place(request, at: Self.t0)) { error in
                switch error as? ExchangeRefusal {
                case .insufficientBalance: XCTAssertEqual(expected, "PORT_001")
                case .invalid(let field, _): XCTAssertEqual(field, "body." + expected)
                default: XCTFail("\(error)")
                }
            }
        }
        XCTAssertThrowsError(try exchange.place(OrderRequest(symbol: SymbolKey("ZZZ-USDT")!, side: .buy, kind: .market, quantity: 1),
                                                at: Self.t0))
        XCTAssertEqual(exchange.balances, before)
        XCTAssertTrue(exchange.takeChanges().orders.isEmpty)
    }

    func testAClientOrderIDMakesOneOrder() throws {
        let exchange = exchange()
        let first = try exchange.place(request(.buy, .limit, 1_000, 9_000, client: "once"), at: Self.t0)
        XCTAssertEqual(exchange.orderID(clientOrderID: "once"), first.id)
        XCTAssertThrowsError(try exchange.place(request(.buy, .limit, 1_000, 9_000, client: "once"), at: Self.t0 + 1)) { error in
            guard case .invalid(let field, _) = error as? ExchangeRefusal else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "body.client_order_id")
        }
        XCTAssertEqual(exchange.activeOrders.count, 1)
    }

    func testASpotSellNeverExceedsItsOwnPosition() throws {
        let exchange = exchange()
        _ = try exchange.place(request(.buy, .market, 10_000), at: Self.t0)
        _ = try exchange.place(request(.sell, .limit, 6_000, 11_000), at: Self.t0 + 1)
        XCTAssertThrowsError(try exchange.place(request(.sell, .limit, 5_000, 11_000), at: Self.t0 + 2),
                             "6,000 of the 10,000 lots are held by the first sell") { error in
            guard case ExchangeRefusal.insufficientBalance(let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(message, "a spot sell of 0.5000 exceeds the 0.4000 the position of AAA/USDT (manual) holds free",
                           "in the symbol's quantities, not lots")
        }
        var other = request(.buy, .market, 1_000)
        other.strategyID = "grid_btc"
        _ = try exchange.place(other, at: Self.t0 + 3)
        var strategySell = request(.sell, .market, 2_000)
        strategySell.strategyID = "grid_btc"
        XCTAssertThrowsError(try exchange.place(strategySell, at: Self.t0 + 4), "the strategy holds 1,000 lots of its own")
    }

    /// A restored position closed by the first fill after the restart (as a resumed strategy's
    /// sell does) is removed like any other.
    func testARestoredPositionClosesOnItsFirstFill() throws {
        let first = exchange()
        _ = try first.place(request(.buy, .market, 5_000), at: Self.t0)
        let key = PositionKey(exchange: PositionKey.spot, symbol: Self.key, strategyID: nil)
        let held = try XCTUnwrap(first.position(key))
        let restored = PaperExchange(settings: first.settings, symbols: [Self.spec], seed: 8)
        restored.restore(balances: first.balances, positions: [held], orders: [], clientOrderIDs: [:])
        restored.setBook(Self.key, Self.book, at: Self.t0 + 1)
        let sell = try restored.place(request(.sell, .market, 5_000), at: Self.t0 + 2)
        XCTAssertEqual(sell.status, .filled)
        XCTAssertNil(restored.position(key))
        XCTAssertEqual(restored.takeChanges().removedPositions, [held.id])
    }

    /// Any sequence of orders, trades and books: quote balance + open cost − realized PnL never
    /// changes, the base balance equals the positions, locks equal what active orders hold.
    func testValueIsConservedByAnySequenceOfFills() throws {
        let exchange = exchange()
        var random = SeededRandom(seed: 42)
        var time = Self.t0
        for step in 0..<3_000 {
            time += 10
            let price = 9_900 + Int64(random.next() % 200)
            switch random.next() % 7 {
            case 6:
                let quantity = 1 + Int64(random.next() % 20_000)
                _ = try? exchange.placeMargin(symbol: Self.key, side: random.next() % 2 == 0 ? .buy : .sell, quantity: quantity,
                                              leverageHundredths: 100 + Int64(random.next() % 1_900), at: time)
            case 0:
                let quantity = 1 + Int64(random.next() % 20_000)
                _ = try? exchange.place(request(random.next() % 2 == 0 ? .buy : .sell, .market, quantity), at: time)
            case 1, 2:
                let quantity = 1 + Int64(random.next() % 20_000)
                let tif: TimeInForce = [.gtc, .ioc, .fok, .gtd(expiresAt: time + 500)][Int(random.next() % 4)]
                _ = try? exchange.place(request(random.next() % 2 == 0 ? .buy : .sell, .limit, quantity, price, tif), at: time)
            case 3:
                exchange.marketTrade(Self.key, Tick(time: time, price: price, quantity: 1 + Int64(random.next() % 30_000)))
            case 4:
                var bookRandom = SeededRandom(seed: random.next())
                exchange.setBook(Self.key, L2Book.synthetic(around: price, DepthSettings(levels: 5, meanLots: 5_000), random: &bookRandom),
                                 at: time)
            default:
                if let order = exchange.activeOrders.randomElement(using: &random) {
                    _ = try? exchange.cancel(id: order.id, reason: nil, at: time)
                }
                exchange.expire(at: time)
            }
            try assertConserved(exchange, step: step)
        }
        XCTAssertFalse(exchange.takeChanges().fills.isEmpty, "the sequence traded")
    }

    private func assertConserved(_ exchange: PaperExchange, step: Int) throws {
        let all = Array(exchange.positions.values)
        let positions = all.filter { $0.key.exchange == "paper" }
        let margin = all.filter { $0.key.exchange == "paper-margin" }
        // Spot positions hold their cost; margin positions only the fees of their open lots.
        let cost = positions.reduce(Int128(0)) { $0 + $1.openNotional + $1.openFees } + margin.reduce(Int128(0)) { $0 + $1.openFees }
        let realized = all.reduce(exchange.closedRealizedPnl) { $0 + $1.realizedPnl }
        let usdt = exchange.balances["USDT"] ?? AssetBalance()
        XCTAssertEqual(usdt.total + cost - realized, Self.startUSDT, "value at step \(step)")
        XCTAssertEqual(exchange.balances["AAA"]?.total ?? 0, Int128(positions.reduce(0) { $0 + $1.quantity }), "base at step \(step)")
        let active = exchange.activeOrders
        XCTAssertEqual(usdt.locked, active.filter { $0.side == .buy }.reduce(0) { $0 + $1.locked } + margin.reduce(0) { $0 + $1.margin },
                       "quote locks at step \(step)")
        XCTAssertEqual(exchange.balances["AAA"]?.locked ?? 0, active.filter { $0.side == .sell }.reduce(0) { $0 + $1.locked })
        XCTAssertGreaterThanOrEqual(usdt.free, 0)
        XCTAssertGreaterThanOrEqual(exchange.balances["AAA"]?.free ?? 0, 0)
        XCTAssertTrue(positions.allSatisfy { $0.quantity > 0 }, "spot positions are never short")
    }
}

/// Document B's margin positions: long and short at a leverage, margin locked, PnL and margin
/// back on close, a flip opening the other way.
final class MarginPositionTests: XCTestCase {
    func testALongClosedAndFlippedShortWorkedByHand() throws {
        let exchange = PaperExchangeTests.makeExchange()
        let start = PaperExchangeTests.startUSDT
        let key = PositionKey(exchange: "paper-margin", symbol: PaperExchangeTests.key, strategyID: nil)
        // Long 1.0 at 10x: 100.00 USDT of notional, 10.00 of margin, a 0.05 fee.
        let long = try exchange.placeMargin(symbol: PaperExchangeTests.key, side: .buy, quantity: 10_000, leverageHundredths: 1_000,
                                            at: PaperExchangeTests.t0)
        XCTAssertEqual(long.status, .filled)
        XCTAssertEqual(exchange.balances["USDT"], AssetBalance(free: start - 10_000_000 - 50_000, locked: 10_000_000))
        XCTAssertNil(exchange.balances["AAA"].flatMap { $0.total == 0 ? nil : $0 }, "no base asset moves")
        XCTAssertEqual(exchange.position(key)?.margin, 10_000_000)
        // Short 1.5: closes the long at 99.99 (−0.01 and both fees) and opens 0.5 short at 99.98.
        let short = try exchange.placeMargin(symbol: PaperExchangeTests.key, side: .sell, quantity: 15_000, leverageHundredths: 1_000,
                                             at: PaperExchangeTests.t0 + 1)
        XCTAssertEqual(short.status, .filled)
        let position = try XCTUnwrap(exchange.position(key))
        XCTAssertEqual(position.quantity, -5_000)
        XCTAssertEqual(position.lots.map(\.price), [9_998])
        XCTAssertEqual(position.margin, 4_999_000, "49.99 of notional at 10x")
        // Fees 0.05 + 0.049995 + 0.024995, a 0.01 loss, 4.999 locked.
        XCTAssertEqual(exchange.balances["USDT"], AssetBalance(free: start - 134_990 - 4_999_000, locked: 4_999_000))
        XCTAssertEqual(position.realizedPnl, 0, "the closed long's PnL went with it")
        XCTAssertEqual(exchange.closedRealizedPnl, -10_000 - 50_000 - 49_995)
    }

    func testMarginFillsAreStoredOnTheMarginVenueAndSpotFillsOnTheSpotVenue() throws {
        let exchange = PaperExchangeTests.makeExchange()
        _ = exchange.takeChanges()
        _ = try exchange.place(OrderRequest(symbol: PaperExchangeTests.key, side: .buy, kind: .market, quantity: 1_000), at: PaperExchangeTests.t0)
        _ = try exchange.placeMargin(symbol: PaperExchangeTests.key, side: .sell, quantity: 2_000, leverageHundredths: 200,
                                     at: PaperExchangeTests.t0 + 1)
        let fills = exchange.takeChanges().fills
        XCTAssertEqual(fills.map(\.margin), [false, true])
        XCTAssertEqual(fills.map(\.exchange), ["paper", "paper-margin"])
        let records = ExchangeRecords(scales: AssetScales(symbols: [PaperExchangeTests.spec]), symbols: [PaperExchangeTests.spec])
        XCTAssertEqual(fills.compactMap(records.fill).map(\.exchange), ["paper", "paper-margin"], "the journal tells the venues apart")
    }

    func testMarginRefusals() throws {
        let poor = PaperExchange(settings: ExchangeSettings(startingBalances: ["USDT": ExactDecimal(10)]), symbols: [PaperExchangeTests.spec], seed: 1)
        poor.setBook(PaperExchangeTests.key, PaperExchangeTests.book, at: PaperExchangeTests.t0)
        XCTAssertThrowsError(try poor.placeMargin(symbol: PaperExchangeTests.key, side: .buy, quantity: 10_000, leverageHundredths: 100,
                                                  at: PaperExchangeTests.t0)) { error in
            guard case .insufficientBalance = error as? ExchangeRefusal else { return XCTFail("\(error)") }
        }
        XCTAssertNoThrow(try poor.placeMargin(symbol: PaperExchangeTests.key, side: .buy, quantity: 10_000, leverageHundredths: 2_000,
                                              at: PaperExchangeTests.t0), "at 20x the margin is 5 USDT")
        XCTAssertThrowsError(try poor.placeMargin(symbol: PaperExchangeTests.key, side: .buy, quantity: 1, leverageHundredths: 20_000,
                                                  at: PaperExchangeTests.t0))
        var limited = ExchangeSettings(startingBalances: ["USDT": ExactDecimal(100_000)])
        limited.maxPositions = 1
        let one = PaperExchange(settings: limited, symbols: [PaperExchangeTests.spec], seed: 1)
        one.setBook(PaperExchangeTests.key, PaperExchangeTests.book, at: PaperExchangeTests.t0)
        _ = try one.place(OrderRequest(symbol: PaperExchangeTests.key, side: .buy, kind: .market, quantity: 1_000), at: PaperExchangeTests.t0)
        XCTAssertThrowsError(try one.placeMargin(symbol: PaperExchangeTests.key, side: .sell, quantity: 1_000, leverageHundredths: 100,
                                                 at: PaperExchangeTests.t0)) { error in
            XCTAssertEqual(error as? ExchangeRefusal, .positionLimit(1))
        }
    }
}

/// A position's lot changes, replayed onto a copy of its lots as a store would, give its lots
/// after any sequence of fills.
final class PositionLotChangesTests: XCTestCase {
    func testLotChangesReplayedGiveTheLots() {
        var position = Position(id: "p", key: PositionKey(exchange: PositionKey.spot, symbol: SymbolKey("BTC-USDT")!, strategyID: nil),
                                openedAt: 0, updatedAt: 0)
        var stored: [String: Lot] = [:]
        var random = SeededRandom(seed: 11)
        var lotNumber = 0
        for step in 1...3_000 {
            let buy = position.quantity <= 0 || random.next() % 5 < 3
            let size = Int64(1 + random.next() % 40)
            let quantity = buy ? size : -min(position.quantity, size * Int64(1 + random.next() % 6))
            position.apply(quantity: quantity, price: 100 + Int64(random.next() % 20), fee: Int128(random.next() % 50), factor: 1,
                           at: step) {
                lotNumber += 1
                return Identifier("lot-\(lotNumber)")
            }
            if random.next() % 7 == 0 || step == 3_000 {
                let (written, closed) = position.takeLotChanges()
                for id in closed { XCTAssertNotNil(stored.removeValue(forKey: id.description), "\(id) closed once, after it was written") }
                for lot in written { stored[lot.id] = lot }
                let replayed = stored.values.sorted { ($0.openedAt, $0.sequence) < ($1.openedAt, $1.sequence) }
                XCTAssertEqual(replayed, position.lots, "step \(step)")
            }
        }
        XCTAssertEqual(position.summary.lots, [])
        XCTAssertEqual(position.summary.quantity, position.quantity)
        XCTAssertEqual(position.summary.isFlat, position.isFlat)
    }
}

/// Ids are UUIDs held as two words and written out only when asked; other text stays text.
final class IdentifierTests: XCTestCase {
    func testIdsRoundTripThroughTheirText() {
        var source = IdentifierSource(seed: 5)
        for _ in 0..<1_000 {
            let id = source.next()
            let text = id.description
            XCTAssertEqual(text.count, 36)
            XCTAssertEqual(Array(text)[14], "4", "version 4")
            XCTAssertTrue("89ab".contains(Array(text)[19]), "variant 10")
            XCTAssertEqual(Identifier(text), id)
            XCTAssertEqual(Identifier(text.uppercased()), id, "a UUID in capitals is the same id")
            XCTAssertNotNil(id.key)
        }
        for text in ["a", "order-1", "", "0123456789abcdef0123456789abcdef", "01234567-89ab-cdef-0123-456789abcdefa",
                     "01234567-89ab-cdef-0123+456789abcdef", "0123456g-89ab-cdef-0123-456789abcdef"] {
            XCTAssertEqual(Identifier(text).description, text, "not a UUID: kept as written")
            XCTAssertNil(Identifier(text).key)
        }
        XCTAssertEqual(Identifier("01234567-89AB-cdef-0123-456789abcdef").description, "01234567-89ab-cdef-0123-456789abcdef")
    }
}
