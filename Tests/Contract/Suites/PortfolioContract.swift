import Foundation
import XCTest

/// Document B's portfolio: margin positions opened at the market (long or short, at a
/// leverage) and every open position in document B's shape. Each test trades its own symbol:
/// the server's one paper account is shared by the tests of a class.
extension ContractSuite {
    func portfolioNeedsATokenAndTheTraderRole() throws {
        assertError(try api.call("listPortfolioPositions"), 401, "MISSING_TOKEN")
        let body: JSONInstance = ["symbol": "005930", "size": "1", "type": "long"]
        assertError(try api.call("openPortfolioPosition", body: body), 401, "MISSING_TOKEN")
        assertError(try account("viewer").client.call("openPortfolioPosition", body: body), 403, "INSUFFICIENT_PERMISSION")
    }

    /// A long at 5x and a short are margin positions: listed by /positions (exchange
    /// paper-margin, a short with side Sell) and by /portfolio/positions (size signed); the
    /// margin they hold shows as locked in the quote asset.
    func marginPositionsOpenAtTheMarketAndHoldTheirMargin() throws {
        let trader = try account("trader").client
        let before = try lockedKRW(trader)
        let long = try trader.call("openPortfolioPosition", body: ["symbol": "005930", "size": "10", "type": "long", "leverage": "5"])
        XCTAssertEqual(long.status, 201, long.message.summary)
        XCTAssertEqual(long["status"], "success")
        let id = try XCTUnwrap(long["position_id"].string)
        XCTAssertTrue(id.hasPrefix("pos_"), id)
        let position = try trader.call("getPosition", path: ["symbol": "005930"])
        XCTAssertEqual(position.status, 200, position.message.summary)
        XCTAssertEqual(position["exchange"], "paper-margin")
        XCTAssertEqual(position["quantity"], "10")
        XCTAssertEqual("pos_" + (position["id"].string ?? "").filter { $0 != "-" }, id, "the same position")
        // 10 shares at about the price, a fifth of it locked as margin.
        let notional = try Self.decimal(position["entry_price"]) * 10
        let locked = try lockedKRW(trader) - before
        XCTAssertEqual(locked, (notional / 5).rounded(up: true), "margin = notional / leverage")

        let listed = try trader.call("listPortfolioPositions")
        XCTAssertEqual(listed.status, 200, listed.message.summary)
        let mine = try XCTUnwrap(listed["positions"].array?.first { $0["symbol"] == "005930" }, listed.message.summary)
        XCTAssertEqual(mine["size"], "10")
        XCTAssertEqual(try Self.decimal(mine["entry_price"] ?? .null), try Self.decimal(position["entry_price"]))

        let short = try trader.call("openPortfolioPosition", body: ["symbol": "000660", "size": "3", "type": "short", "leverage": "2.5"])
        XCTAssertEqual(short.status, 201, short.message.summary)
        let shortPosition = try trader.call("getPosition", path: ["symbol": "000660"])
        XCTAssertEqual(shortPosition["side"], "Sell")
        XCTAssertEqual(shortPosition["quantity"], "3", "a short has a positive quantity and side Sell")
        let shortListed = try trader.call("listPortfolioPositions")["positions"].array?.first { $0["symbol"] == "000660" }
        XCTAssertEqual(shortListed?["size"], "-3", "document B's size is signed")
        // Closing the short with a long of the same size leaves nothing open and frees its margin.
        let close = try trader.call("openPortfolioPosition", body: ["symbol": "000660", "size": "3", "type": "long", "leverage": "2.5"])
        XCTAssertEqual(close.status, 201, close.message.summary)
        assertError(try trader.call("getPosition", path: ["symbol": "000660"]), 404, "POSITION_NOT_FOUND")
    }

    func portfolioRefusals() throws {
        let trader = try account("trader").client
        for (body, field) in [
            (["symbol": "005930", "size": "0", "type": "long"] as JSONInstance, "body.size"),
            (["symbol": "005930", "size": "1.000000001", "type": "long"], "body.size"),
            (["symbol": "005930", "size": "1", "type": "long", "leverage": "0.5"], "body.leverage"),
            (["symbol": "005930", "size": "1", "type": "long", "leverage": "1.005"], "body.leverage"),
            (["symbol": "005930", "size": "1", "type": "sideways"], "body.type"),
        ] {
            assertValidationError(try trader.call("openPortfolioPosition", body: body), field: field)
        }
        // KR shares trade in whole lots: a valid size the symbol's rules refuse.
        assertUnfit(try trader.call("openPortfolioPosition", body: ["symbol": "005930", "size": "0.5", "type": "long"]), field: "body.size")
        assertError(try trader.call("openPortfolioPosition", body: ["symbol": "NOPE-USDT", "size": "1", "type": "long"]), 404, "MARKET_001")
        assertError(try trader.call("openPortfolioPosition", body: ["symbol": "035720", "size": "100000000", "type": "long"]), 422, "PORT_001")
    }

    /// The KRW the account holds locked.
    private func lockedKRW(_ client: ContractClient) throws -> Decimal {
        let balances = try client.call("listBalances")
        XCTAssertEqual(balances.status, 200, balances.message.summary)
        let krw = try XCTUnwrap(balances["balances"].array?.first { $0["asset"] == "KRW" }, balances.message.summary)
        return try Self.decimal(krw["locked"] ?? .null)
    }
}

private extension Decimal {
    /// Rounded up to a whole number.
    func rounded(up: Bool) -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, 0, up ? .up : .down)
        return result
    }
}

/// The portfolio on SQLite.
final class SQLitePortfolioContractTests: SQLiteContractTestCase {
    func testPortfolioNeedsATokenAndTheTraderRole() throws { try suite.portfolioNeedsATokenAndTheTraderRole() }
    func testMarginPositionsOpenAtTheMarketAndHoldTheirMargin() throws { try suite.marginPositionsOpenAtTheMarketAndHoldTheirMargin() }
    func testPortfolioRefusals() throws { try suite.portfolioRefusals() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// The portfolio on PostgreSQL.
final class PostgresPortfolioContractTests: PostgresContractTestCase {
    func testPortfolioNeedsATokenAndTheTraderRole() throws { try suite.portfolioNeedsATokenAndTheTraderRole() }
    func testMarginPositionsOpenAtTheMarketAndHoldTheirMargin() throws { try suite.marginPositionsOpenAtTheMarketAndHoldTheirMargin() }
    func testPortfolioRefusals() throws { try suite.portfolioRefusals() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// A market that stands still (one trade a minute, one publish a minute) with books a
/// thousandth of the usual depth, so that one order can take every level within the slippage
/// cap and leave nothing for the next until the market trades again.
class ThinBookContractTestCase: ContractTestCase {
    override class var serverArguments: [String] {
        ["--login-rate-limit", "1000", "--feed-tick-ms", "60000", "--market-publish-ms", "60000", "--book-size-factor", "0.001"]
    }
}

extension ContractSuite {
    /// Document B's position opens at the market: once a market order has taken every level
    /// within the slippage cap, it finds no depth and is a 409 `CONFLICT` that changes nothing.
    func aPositionFindingNoDepthIsAConflictAndChangesNothing() throws {
        let trader = try account("trader").client
        let sweep = try trader.call("createOrder", body: ["symbol": "005930", "side": "Buy", "order_type": "Market", "quantity": "1000"])
        XCTAssertEqual(sweep.status, 201, sweep.message.summary)
        XCTAssertEqual(sweep["status"], "Cancelled", "the book held less than 1000 shares within the cap: \(sweep.message.summary)")
        let before = try balances(trader)
        assertError(try trader.call("openPortfolioPosition", body: ["symbol": "005930", "size": "1", "type": "long", "leverage": "5"]),
                    409, "CONFLICT")
        XCTAssertEqual(try balances(trader), before, "nothing was locked or spent")
        let positions = try trader.call("listPositions")["positions"].array ?? []
        XCTAssertFalse(positions.contains { $0["exchange"] == "paper-margin" }, "no margin position was opened")
    }
}

/// A thin book on SQLite.
final class SQLiteThinBookContractTests: ThinBookContractTestCase {
    override class var backend: ContractBackend { .sqlite }
    func testAPositionFindingNoDepthIsAConflictAndChangesNothing() throws { try suite.aPositionFindingNoDepthIsAConflictAndChangesNothing() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// A thin book on PostgreSQL.
final class PostgresThinBookContractTests: ThinBookContractTestCase {
    override class var backend: ContractBackend { .postgres }
    func testAPositionFindingNoDepthIsAConflictAndChangesNothing() throws { try suite.aPositionFindingNoDepthIsAConflictAndChangesNothing() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
