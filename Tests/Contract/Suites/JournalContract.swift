import Foundation
import XCTest

/// The trade journal: the paper exchange's fills (manual orders, margin positions) and the
/// executions `trading-server import-executions` loads, listed newest first with filters and
/// pages, and replayed FIFO per venue and symbol into holdings and cost basis. Every test of a
/// class shares the server's one account, so each checks what its own trades did, and the
/// paper venue's cost basis against a replay of every execution listed.
extension ContractSuite {
    func journalReadsNeedATokenAndNameUnknownSymbols() throws {
        assertError(try api.call("listExecutions"), 401, "MISSING_TOKEN")
        assertError(try api.call("listJournalPositions"), 401, "MISSING_TOKEN")
        assertError(try api.call("getCostBasis", path: ["symbol": "BTC-USDT"]), 401, "MISSING_TOKEN")
        let viewer = try account("viewer").client
        assertError(try viewer.call("getCostBasis", path: ["symbol": "NOPE-USDT"]), 404, "MARKET_001")
        assertError(try viewer.call("listExecutions", query: ["symbol": "NOPE"]), 404, "MARKET_001")
        assertError(try viewer.call("getCostBasis", path: ["symbol": "GOOG"], query: ["exchange": "nowhere"]), 404, "NOT_FOUND")
    }

    /// Three manual market orders of ETH-USDT: their fills are executions of `paper` with their
    /// orders, and the venue's cost basis is their FIFO replay.
    func manualFillsAreExecutionsAndTheirFIFOCostBasis() throws {
        let trader = try account("trader").client
        var orders: [String: (side: String, quantity: Decimal, fee: Decimal)] = [:]
        for (side, quantity) in [("Buy", "0.5"), ("Buy", "0.3"), ("Sell", "0.6")] {
            let order = try trader.call("createOrder", body: [
                "symbol": "ETH-USDT", "side": .string(side), "order_type": "Market", "quantity": .string(quantity),
            ])
            XCTAssertEqual(order.status, 201, order.message.summary)
            XCTAssertEqual(order["status"], "Filled", order.message.summary)
            orders[try XCTUnwrap(order["id"].string)] = (side, Decimal(string: quantity)!, try Self.decimal(order["fee"]))
        }
        let executions = try allExecutions(trader, query: ["symbol": "ETH/USDT"])
        let times = executions.map(Self.executedAt)
        XCTAssertEqual(times, times.sorted(by: >), "newest first")
        for (id, order) in orders {
            let fills = executions.filter { $0["order_id"]?.string == id }
            XCTAssertFalse(fills.isEmpty, "the fills of \(id)")
            XCTAssertEqual(try fills.map { try Self.decimal($0["quantity"] ?? .null) }.reduce(0, +), order.quantity)
            XCTAssertEqual(try fills.map { try Self.decimal($0["fee"] ?? .null) }.reduce(0, +), order.fee)
            for fill in fills {
                XCTAssertEqual(fill["side"]?.string, order.side.lowercased())
                XCTAssertEqual(fill["exchange"], "paper", "a spot order's fills are on the spot venue")
                XCTAssertEqual(fill["symbol"], "ETH/USDT")
                XCTAssertEqual(try Self.decimal(fill["amount"] ?? .null),
                               try Self.decimal(fill["quantity"] ?? .null) * Self.decimal(fill["price"] ?? .null))
            }
        }
        let expected = Self.fifo(Self.replayOrder(executions.filter { $0["exchange"] == "paper" }))
        let basis = try trader.call("getCostBasis", path: ["symbol": "ETH-USDT"])
        XCTAssertEqual(basis.status, 200, basis.message.summary)
        XCTAssertEqual(basis["symbol"], "ETH/USDT")
        XCTAssertEqual(basis["exchange"], "paper", "the default venue")
        try assertCostBasis(basis, expected)
        let position = try XCTUnwrap(try journalPositions(trader).first { $0["symbol"] == "ETH/USDT" && $0["exchange"] == "paper" })
        XCTAssertEqual(try Self.decimal(position["quantity"] ?? .null), expected.quantity)
        XCTAssertEqual(position["total_cost"], basis["total_cost"])
        XCTAssertEqual(position["average_cost"], basis["average_cost"])
        XCTAssertEqual(position["realized_pnl"], basis["realized_pnl"])
        XCTAssertEqual(position["name"], "Ether / Tether")
        XCTAssertEqual(position["last_trade_at"], executions.first?["executed_at"])
        try assertValuation(position)
    }

    /// Document B's short: a sell on `paper-margin` that opens a lot of negative quantity whose
    /// cost is its unit proceeds.
    func aMarginShortIsALotOfNegativeQuantityOnItsOwnVenue() throws {
        let trader = try account("trader").client
        let opened = try trader.call("openPortfolioPosition", body: ["symbol": "BTC-USDT", "type": "short", "size": "0.01", "leverage": "2"])
        XCTAssertEqual(opened.status, 201, opened.message.summary)
        let executions = try allExecutions(trader, query: ["symbol": "BTC-USDT", "side": "sell"])
        let margin = executions.filter { $0["exchange"] == "paper-margin" }
        XCTAssertFalse(margin.isEmpty, "the short's fills are on the margin venue: \(executions.map(\.text))")
        XCTAssertTrue(executions.allSatisfy { $0["side"] == "sell" })
        let expected = Self.fifo(Self.replayOrder(margin))
        XCTAssertEqual(expected.quantity, Decimal(string: "-0.01"))
        let basis = try trader.call("getCostBasis", path: ["symbol": "BTC/USDT"], query: ["exchange": "paper-margin"])
        XCTAssertEqual(basis.status, 200, basis.message.summary)
        XCTAssertEqual(basis["exchange"], "paper-margin")
        try assertCostBasis(basis, expected)
        XCTAssertLessThan(try Self.decimal(basis["total_cost"]), 0, "a short's total cost is the proceeds it keeps")
        XCTAssertTrue((basis["lots"].array ?? []).allSatisfy { (try? Self.decimal($0["quantity"] ?? .null)) ?? 0 < 0 })
        let position = try XCTUnwrap(try journalPositions(trader).first { $0["symbol"] == "BTC/USDT" && $0["exchange"] == "paper-margin" })
        XCTAssertEqual(position["quantity"], "-0.01")
        try assertValuation(position)
        assertError(try trader.call("getCostBasis", path: ["symbol": "BTC/USDT"], query: ["exchange": "kis"]), 404, "NOT_FOUND")
    }

    func executionFiltersAndPagesHoldAtTheirEdges() throws {
        let trader = try account("trader").client
        let bought = try trader.call("createOrder", body: ["symbol": "ETH/USDT", "side": "Buy", "order_type": "Market", "quantity": "0.01"])
        XCTAssertEqual(bought.status, 201, bought.message.summary)
        assertValidationError(try trader.call("listExecutions", query: ["from": "2026-02-02", "to": "2026-02-01"]), field: "query.from")
        assertValidationError(try trader.call("listExecutions", query: ["from": "2026-02-30"]), field: "query.from")
        let empty = try trader.call("listExecutions", query: ["from": "2000-01-01", "to": "2000-01-01"])
        XCTAssertEqual(empty.status, 200, empty.message.summary)
        XCTAssertEqual(empty["executions"].array?.count, 0)
        XCTAssertEqual(empty["total"], 0)
        let all = try trader.call("listExecutions", query: ["limit": "1000"])
        let total = try XCTUnwrap(all["total"].integer)
        XCTAssertGreaterThan(total, 0)
        XCTAssertEqual(all["executions"].array?.count, total)
        let today = String(try XCTUnwrap(all["executions"][0]?["executed_at"]?.string).prefix(10))
        let sameDay = try trader.call("listExecutions", query: ["from": today, "to": today, "limit": "1000"])
        XCTAssertEqual(sameDay["executions"].array?.first, all["executions"].array?.first, "from and to are inclusive UTC dates")
        let last = try trader.call("listExecutions", query: ["limit": "5", "offset": String(total - 1)])
        XCTAssertEqual(last["executions"].array, [all["executions"][total - 1]!], "the last page holds what is left")
        XCTAssertEqual(last["total"].integer, total, "total counts before pagination")
        XCTAssertEqual(last["limit"], 5)
        XCTAssertEqual(last["offset"].integer, total - 1)
        let beyond = try trader.call("listExecutions", query: ["offset": String(total)])
        XCTAssertEqual(beyond["executions"].array?.count, 0)
        // Pages of 1 walk the same list: the order is stable.
        var paged: [JSONInstance] = []
        for offset in 0..<min(total, 6) {
            paged += try trader.call("listExecutions", query: ["limit": "1", "offset": String(offset)])["executions"].array ?? []
        }
        XCTAssertEqual(paged, Array((all["executions"].array ?? []).prefix(6)))
        let buys = try trader.call("listExecutions", query: ["side": "buy", "symbol": "eth-usdt", "limit": "1000"])
        XCTAssertTrue((buys["executions"].array ?? []).allSatisfy { $0["side"] == "buy" && $0["symbol"] == "ETH/USDT" })
        XCTAssertTrue((buys["executions"].array ?? []).contains { $0["order_id"] == bought["id"] })
    }

    /// A broker's file through `trading-server import-executions`: stored once, shown without
    /// an order, replayed on its own venue into a cost basis worked by hand.
    func importedExecutionsJoinTheJournalOnTheirVenue() throws {
        let file = """
            executed_at,symbol,side,quantity,price,fee,exchange,execution_id
            2026-01-15 01:00:00,005930,buy,5,64000,150,kis,K-1
            2026-01-20T01:30:00Z,005930,buy,5,66000,,kis,K-2
            2026-01-21 00:00:00,005930,sell,3,70000,100,kis,

            """
        let first = try server.runCommand(["import-executions", "{kis.csv}"], files: ["kis.csv": file])
        XCTAssertEqual(first.status, 0, first.output)
        XCTAssertTrue(first.output.contains(": 3 new, 0 already there"), first.output)
        let again = try server.runCommand(["import-executions", "{kis.csv}"], files: ["kis.csv": file])
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertTrue(again.output.contains(": 0 new, 3 already there"), again.output)
        let bad = try server.runCommand(["import-executions", "{bad.csv}"], files: ["bad.csv": file + "2026-01-22 00:00:00,005930,hold,1,1,,kis,\n"])
        XCTAssertEqual(bad.status, 1, bad.output)
        XCTAssertTrue(bad.output.contains("line 5, column side: 'hold' is neither buy nor sell; nothing was imported"), bad.output)
        let oversold = try server.runCommand(["import-executions", "{over.csv}"], files: ["over.csv": """
            executed_at,symbol,side,quantity,price,exchange
            2026-01-22 00:00:00,005930,buy,1,70000,kis
            2026-01-23 00:00:00,005930,sell,9,70000,kis

            """])
        XCTAssertEqual(oversold.status, 1, oversold.output)
        XCTAssertTrue(oversold.output.contains("line 3: the sell of 005930 on kis at 2026-01-23T00:00:00Z sells 9 while the venue holds 8"),
                      oversold.output)

        let viewer = try account("viewer").client
        let listed = try viewer.call("listExecutions", query: ["symbol": "005930", "to": "2026-01-31"])
        XCTAssertEqual(listed.status, 200, listed.message.summary)
        XCTAssertEqual(listed["total"], 3, "the refused files stored nothing")
        let executions = listed["executions"].array ?? []
        XCTAssertEqual(executions.compactMap { $0["executed_at"]?.string },
                       ["2026-01-21T00:00:00Z", "2026-01-20T01:30:00Z", "2026-01-15T01:00:00Z"])
        XCTAssertTrue(executions.allSatisfy { $0["order_id"] == .null && $0["exchange"] == "kis" && $0["symbol"] == "005930" })
        XCTAssertEqual(executions.compactMap { $0["amount"]?.string }, ["210000", "330000", "320000"])
        XCTAssertEqual(executions.compactMap { $0["fee"]?.string }, ["100", "0", "150"])
        let window = try viewer.call("listExecutions", query: ["symbol": "005930", "from": "2026-01-16", "to": "2026-01-20"])
        XCTAssertEqual(window["executions"].array?.compactMap { $0["executed_at"]?.string }, ["2026-01-20T01:30:00Z"])

        let basis = try viewer.call("getCostBasis", path: ["symbol": "005930"], query: ["exchange": "kis"])
        XCTAssertEqual(basis.status, 200, basis.message.summary)
        // Lots 5 at 64000 + 150/5 and 5 at 66000; the sell of 3 takes 3 of the first:
        // (70000 − 64030) × 3 − 100 = 17810; 2 × 64030 + 5 × 66000 = 458060 over 7.
        XCTAssertEqual(basis.json, .object([
            "symbol": "005930", "exchange": "kis", "quantity": "7", "average_cost": "65437.1428571428571429", "total_cost": "458060",
            "realized_pnl": "17810", "lots": [["quantity": "2", "cost": "64030", "date": "2026-01-15"],
                                              ["quantity": "5", "cost": "66000", "date": "2026-01-20"]],
        ]))
        assertError(try viewer.call("getCostBasis", path: ["symbol": "005930"]), 404, "NOT_FOUND")
        let position = try XCTUnwrap(try journalPositions(viewer).first { $0["exchange"] == "kis" })
        XCTAssertEqual(position["symbol"], "005930")
        XCTAssertEqual(position["name"], "Samsung Electronics")
        XCTAssertEqual(position["quantity"], "7")
        XCTAssertEqual(position["last_trade_at"], "2026-01-21T00:00:00Z")
        try assertValuation(position)
    }

    // MARK: Support

    /// Every execution `query` selects, newest first, through pages of 1,000.
    func allExecutions(_ client: ContractClient, query: [String: String]) throws -> [JSONInstance] {
        var executions: [JSONInstance] = []
        while true {
            var page = query
            page["limit"] = "1000"
            page["offset"] = String(executions.count)
            let response = try client.call("listExecutions", query: page)
            XCTAssertEqual(response.status, 200, response.message.summary)
            let items = response["executions"].array ?? []
            executions += items
            if items.isEmpty || executions.count >= response["total"].integer ?? 0 { return executions }
        }
    }

    func journalPositions(_ client: ContractClient) throws -> [JSONInstance] {
        let response = try client.call("listJournalPositions")
        XCTAssertEqual(response.status, 200, response.message.summary)
        let positions = response["positions"].array ?? []
        XCTAssertEqual(response["total"].integer, positions.count)
        let keys = positions.map { ($0["exchange"]?.string ?? "") + " " + ($0["symbol"]?.string ?? "") }
        XCTAssertEqual(keys, keys.sorted(), "by venue, then symbol")
        return positions
    }

    /// An execution's time, epoch milliseconds (the API writes a fraction only when there is one).
    static func executedAt(_ execution: JSONInstance) -> Int {
        let text = execution["executed_at"]?.string ?? ""
        let formatter = ISO8601DateFormatter()
        if text.contains(".") { formatter.formatOptions.insert(.withFractionalSeconds) }
        return Int(((formatter.date(from: text)?.timeIntervalSince1970 ?? 0) * 1000).rounded())
    }

    /// A venue's executions listed newest first (ties by id descending), in the order the
    /// journal replays them: oldest first, within a millisecond buys first, then by id.
    static func replayOrder(_ newestFirst: [JSONInstance]) -> [JSONInstance] {
        newestFirst.reversed().enumerated().sorted { a, b in
            let (left, right) = (executedAt(a.element), executedAt(b.element))
            if left != right { return left < right }
            let (buyA, buyB) = (a.element["side"] == "buy", b.element["side"] == "buy")
            return buyA != buyB ? buyA : a.offset < b.offset
        }.map(\.element)
    }

    /// What a FIFO replay of `executions` (oldest first) leaves, in `Decimal`: a reference that
    /// shares no code with the server's.
    struct ExpectedBasis {
        var lots: [(quantity: Decimal, price: Decimal, fee: Decimal)] = []
        var realized: Decimal = 0
        var quantity: Decimal { lots.map(\.quantity).reduce(0, +) }
        var totalCost: Decimal { lots.map { $0.quantity * $0.price + $0.fee }.reduce(0, +) }
    }

    static func fifo(_ executions: [JSONInstance]) -> ExpectedBasis {
        var basis = ExpectedBasis()
        for execution in executions {
            let number = { (key: String) in execution[key]?.string.flatMap { Decimal(string: $0) } ?? 0 }
            let price = number("price"), fee = number("fee"), size = number("quantity")
            var remaining = execution["side"] == "buy" ? size : -size
            while remaining != 0, let first = basis.lots.first, (first.quantity > 0) != (remaining > 0) {
                let closing = min(abs(first.quantity), abs(remaining)) * (first.quantity > 0 ? 1 : -1)
                let share = first.fee * closing / first.quantity
                basis.realized += (price - first.price) * closing - share
                if closing == first.quantity {
                    basis.lots.removeFirst()
                } else {
                    basis.lots[0] = (first.quantity - closing, first.price, first.fee - share)
                }
                remaining += closing
            }
            let closingFee = fee * (size - abs(remaining)) / size
            basis.realized -= closingFee
            if remaining != 0 { basis.lots.append((remaining, price, fee - closingFee)) }
        }
        return basis
    }

    /// Asserts a cost basis against the reference, to 10⁻¹² (the server rounds at 10⁻¹⁶).
    func assertCostBasis(_ basis: ContractResponse, _ expected: ExpectedBasis, file: StaticString = #filePath, line: UInt = #line) throws {
        func near(_ value: JSONInstance, _ reference: Decimal, _ what: String) throws {
            XCTAssertLessThan(abs(try Self.decimal(value) - reference), Decimal(string: "0.000000000001")!,
                              "\(what): \(value.excerpt()) ≠ \(reference)", file: file, line: line)
        }
        XCTAssertEqual(try Self.decimal(basis["quantity"]), expected.quantity, file: file, line: line)
        try near(basis["total_cost"], expected.totalCost, "total_cost")
        try near(basis["realized_pnl"], expected.realized, "realized_pnl")
        if expected.quantity != 0 { try near(basis["average_cost"], expected.totalCost / expected.quantity, "average_cost") }
        let lots = basis["lots"].array ?? []
        XCTAssertEqual(lots.count, expected.lots.count, basis.message.summary, file: file, line: line)
        for (lot, reference) in zip(lots, expected.lots) {
            XCTAssertEqual(try Self.decimal(lot["quantity"] ?? .null), reference.quantity, file: file, line: line)
            try near(lot["cost"] ?? .null, reference.price + reference.fee / reference.quantity, "a lot's unit cost")
        }
    }

    /// Asserts a holding's valuation: market value = quantity × current price and unrealized
    /// PnL = market value − total cost, the current price being the market's (not null here).
    func assertValuation(_ position: JSONInstance, file: StaticString = #filePath, line: UInt = #line) throws {
        let price = try Self.decimal(position["current_price"] ?? .null)
        let value = try Self.decimal(position["market_value"] ?? .null)
        XCTAssertGreaterThan(price, 0, file: file, line: line)
        XCTAssertEqual(value, try Self.decimal(position["quantity"] ?? .null) * price, position.text, file: file, line: line)
        XCTAssertEqual(try Self.decimal(position["unrealized_pnl"] ?? .null), value - (try Self.decimal(position["total_cost"] ?? .null)),
                       position.text, file: file, line: line)
    }
}

/// The trade journal on SQLite.
final class SQLiteJournalContractTests: SQLiteContractTestCase {
    func testJournalReadsNeedATokenAndNameUnknownSymbols() throws { try suite.journalReadsNeedATokenAndNameUnknownSymbols() }
    func testManualFillsAreExecutionsAndTheirFIFOCostBasis() throws { try suite.manualFillsAreExecutionsAndTheirFIFOCostBasis() }
    func testAMarginShortIsALotOfNegativeQuantityOnItsOwnVenue() throws { try suite.aMarginShortIsALotOfNegativeQuantityOnItsOwnVenue() }
    func testExecutionFiltersAndPagesHoldAtTheirEdges() throws { try suite.executionFiltersAndPagesHoldAtTheirEdges() }
    func testImportedExecutionsJoinTheJournalOnTheirVenue() throws { try suite.importedExecutionsJoinTheJournalOnTheirVenue() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The trade journal on PostgreSQL.
final class PostgresJournalContractTests: PostgresContractTestCase {
    func testJournalReadsNeedATokenAndNameUnknownSymbols() throws { try suite.journalReadsNeedATokenAndNameUnknownSymbols() }
    func testManualFillsAreExecutionsAndTheirFIFOCostBasis() throws { try suite.manualFillsAreExecutionsAndTheirFIFOCostBasis() }
    func testAMarginShortIsALotOfNegativeQuantityOnItsOwnVenue() throws { try suite.aMarginShortIsALotOfNegativeQuantityOnItsOwnVenue() }
    func testExecutionFiltersAndPagesHoldAtTheirEdges() throws { try suite.executionFiltersAndPagesHoldAtTheirEdges() }
    func testImportedExecutionsJoinTheJournalOnTheirVenue() throws { try suite.importedExecutionsJoinTheJournalOnTheirVenue() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
