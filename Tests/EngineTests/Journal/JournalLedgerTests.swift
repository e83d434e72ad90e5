import Primitives
import XCTest
@testable import Engine

/// The journal's FIFO ledger on sequences worked by hand (API.md "FIFO cost basis"): lots
/// consumed oldest first and in part, fees spread over a lot and taken in proportion, a sell
/// that closes everything, a spot oversell refused without a change, a short on the margin
/// venue opened and bought back.
final class JournalLedgerTests: XCTestCase {
    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)! }

    func trade(_ ledger: inout JournalLedger, _ side: OrderSide, _ quantity: String, at price: String, fee: String = "0",
               time: Int = 0) throws {
        try ledger.apply(side: side, quantity: Self.decimal(quantity), price: Self.decimal(price), fee: Self.decimal(fee), at: time)
    }

    func lots(_ ledger: JournalLedger) -> [String] {
        ledger.lots.map { "\($0.quantity)@\($0.cost)" }
    }

    func testASellConsumesTheOldestLotsFirstAndTakesPartOfALot() throws {
        var ledger = JournalLedger(exchange: "kis")
        // Unit costs: 100 + 5/10 = 100.5 and 110 + 10/10 = 111.
        try trade(&ledger, .buy, "10", at: "100", fee: "5", time: 1)
        try trade(&ledger, .buy, "10", at: "110", fee: "10", time: 2)
        XCTAssertEqual(lots(ledger), ["10@100.5", "10@111"])
        XCTAssertEqual(ledger.totalCost, Self.decimal("2115"))
        XCTAssertEqual(ledger.averageCost, Self.decimal("105.75"))
        // Sell 15 at 120, fee 6: (120 − 100.5) × 10 + (120 − 111) × 5 − 6 = 195 + 45 − 6.
        try trade(&ledger, .sell, "15", at: "120", fee: "6", time: 3)
        XCTAssertEqual(ledger.realizedPnl, Self.decimal("234"))
        XCTAssertEqual(lots(ledger), ["5@111"], "half of the second lot stays, at its unit cost")
        XCTAssertEqual(ledger.lots.map(\.openedAt), [2])
        XCTAssertEqual(ledger.quantity, Self.decimal("5"))
        XCTAssertEqual(ledger.totalCost, Self.decimal("555"))
        XCTAssertEqual(ledger.averageCost, Self.decimal("111"))
        XCTAssertEqual(ledger.lastTradeAt, 3)
        XCTAssertEqual(ledger.executions, 3)
    }

    func testSeveralSellsAndOneThatClosesEverything() throws {
        var ledger = JournalLedger(exchange: "kis")
        try trade(&ledger, .buy, "10", at: "100", fee: "5")
        try trade(&ledger, .buy, "10", at: "110", fee: "10")
        try trade(&ledger, .sell, "15", at: "120", fee: "6")
        // (105 − 111) × 3 = −18.
        try trade(&ledger, .sell, "3", at: "105")
        XCTAssertEqual(ledger.realizedPnl, Self.decimal("216"))
        XCTAssertEqual(lots(ledger), ["2@111"])
        XCTAssertEqual(ledger.totalCost, Self.decimal("222"))
        // (111 − 111) × 2 − 1 = −1: the last sell closes everything.
        try trade(&ledger, .sell, "2", at: "111", fee: "1")
        XCTAssertEqual(ledger.realizedPnl, Self.decimal("215"))
        XCTAssertTrue(ledger.isFlat)
        XCTAssertEqual(lots(ledger), [])
        XCTAssertEqual(ledger.quantity, .zero)
        XCTAssertEqual(ledger.totalCost, .zero)
        XCTAssertEqual(ledger.averageCost, .zero)
        // Buying again starts a new lot; the realized PnL stays.
        try trade(&ledger, .buy, "1", at: "90", fee: "0.1")
        XCTAssertEqual(lots(ledger), ["1@90.1"])
        XCTAssertEqual(ledger.realizedPnl, Self.decimal("215"))
    }

    func testASpotSellOfMoreThanIsHeldIsRefusedAndChangesNothing() throws {
        for exchange in ["paper", "kis"] {
            var ledger = JournalLedger(exchange: exchange)
            XCTAssertFalse(ledger.allowsShort)
            try trade(&ledger, .buy, "0.5", at: "50000", fee: "12.5", time: 1)
            XCTAssertThrowsError(try trade(&ledger, .sell, "0.50000001", at: "51000", time: 2)) { error in
                XCTAssertEqual(error as? JournalError, .oversold(holding: Self.decimal("0.5"), selling: Self.decimal("0.50000001")))
            }
            XCTAssertEqual(lots(ledger), ["0.5@50025"], exchange)
            XCTAssertEqual(ledger.realizedPnl, .zero)
            XCTAssertEqual(ledger.executions, 1)
            XCTAssertEqual(ledger.lastTradeAt, 1)
            var empty = JournalLedger(exchange: exchange)
            XCTAssertThrowsError(try trade(&empty, .sell, "1", at: "1")) { error in
                XCTAssertEqual(error as? JournalError, .oversold(holding: .zero, selling: Self.decimal("1")))
            }
        }
    }

    func testAShortOnTheMarginVenueIsOpenedAndBoughtBack() throws {
        var ledger = JournalLedger(exchange: "paper-margin")
        XCTAssertTrue(ledger.allowsShort)
        // Sell 2 at 100, fee 1: a short lot of −2 whose unit proceeds are 100 − 1/2.
        try trade(&ledger, .sell, "2", at: "100", fee: "1")
        XCTAssertEqual(lots(ledger), ["-2@99.5"])
        XCTAssertEqual(ledger.quantity, Self.decimal("-2"))
        XCTAssertEqual(ledger.totalCost, Self.decimal("-199"))
        XCTAssertEqual(ledger.averageCost, Self.decimal("99.5"))
        let valued = try XCTUnwrap(ledger.valued(at: Self.decimal("90")))
        XCTAssertEqual(valued.marketValue, Self.decimal("-180"))
        XCTAssertEqual(valued.unrealizedPnl, Self.decimal("19"), "(99.5 − 90) × 2: a short gains as the price falls")
        // Buy 3 at 90, fee 1.5: closes the short, (99.5 − 90) × 2 − 1.5 × 2/3 = 18, and opens 1
        // long with the rest of the fee: 90 + 0.5.
        try trade(&ledger, .buy, "3", at: "90", fee: "1.5")
        XCTAssertEqual(ledger.realizedPnl, Self.decimal("18"))
        XCTAssertEqual(lots(ledger), ["1@90.5"])
        XCTAssertEqual(ledger.quantity, Self.decimal("1"))
        // Bought back exactly: flat.
        try trade(&ledger, .sell, "3", at: "95", fee: "0.3")
        try trade(&ledger, .buy, "2", at: "96")
        // Sell 3 at 95: (95 − 90.5) × 1 − 0.1 = 4.4 and a short of 2 at 95 − 0.2/2; buy 2 at 96: (94.9 − 96) × 2 = −2.2.
        XCTAssertEqual(ledger.realizedPnl, Self.decimal("20.2"))
        XCTAssertTrue(ledger.isFlat)
    }

    func testASellBeyondTheLongsOpensAShortOnlyOnTheMarginVenue() throws {
        var ledger = JournalLedger(exchange: "paper-margin")
        try trade(&ledger, .buy, "1", at: "100")
        // Sell 3 at 110, fee 3: closes 1 (10, less a third of the fee) and opens −2 at 110 − 2/2.
        try trade(&ledger, .sell, "3", at: "110", fee: "3")
        XCTAssertEqual(ledger.realizedPnl, Self.decimal("9"))
        XCTAssertEqual(lots(ledger), ["-2@109"])
        XCTAssertEqual(ledger.totalCost, Self.decimal("-218"))
    }

    func testFeeSharesOfALotAlwaysAddUpToItsFee() throws {
        var ledger = JournalLedger(exchange: "kis")
        try trade(&ledger, .buy, "3", at: "100", fee: "1")
        XCTAssertEqual(lots(ledger), ["3@100.3333333333333333"], "unit costs round half to even at the 16th decimal place")
        try trade(&ledger, .sell, "1", at: "100")
        XCTAssertEqual(ledger.realizedPnl, Self.decimal("-0.3333333333333333"))
        XCTAssertEqual(ledger.totalCost, Self.decimal("200.6666666666666667"), "the open part keeps the rest of the fee")
        XCTAssertEqual(lots(ledger), ["2@100.3333333333333333"], "a lot keeps the unit cost it opened with")
        try trade(&ledger, .sell, "2", at: "100")
        XCTAssertEqual(ledger.realizedPnl, Self.decimal("-1"), "the three shares make the whole fee")
    }

    func testValuesTheLedgerCannotKeepExactlyAreRefused() throws {
        var ledger = JournalLedger(exchange: "kis")
        let refusals: [(String, String, String, JournalError)] = [
            ("0.000000001", "1", "0", .unsupported(field: "quantity", reason: "has more than 8 decimal places")),
            ("0", "1", "0", .unsupported(field: "quantity", reason: "must be greater than 0")),
            ("1", "-1", "0", .unsupported(field: "price", reason: "must be greater than 0")),
            ("1", "1", "-0.1", .unsupported(field: "fee", reason: "must not be negative")),
            ("1", "1000000000000", "0", .unsupported(field: "price", reason: "must be below 1000000000000")),
            ("100000000", "10000000", "0", .unsupported(field: "quantity", reason: "× price must be below 1000000000000000")),
            ("1", "1", "0.00000000000000001", .unsupported(field: "fee", reason: "has more than 16 decimal places")),
        ]
        for (quantity, price, fee, expected) in refusals {
            XCTAssertThrowsError(try trade(&ledger, .buy, quantity, at: price, fee: fee)) { error in
                XCTAssertEqual(error as? JournalError, expected, "\(quantity) at \(price), fee \(fee)")
            }
        }
        XCTAssertEqual(ledger.executions, 0)
        try trade(&ledger, .buy, "1.500000000", at: "74500", fee: "0.0000000000000001")
        XCTAssertEqual(lots(ledger), ["1.5@74500.0000000000000001"], "trailing zeros are no digits; a 16-digit fee is kept")
    }

    func testMultiplyDivideRoundsHalfToEvenThroughA256BitProduct() {
        XCTAssertEqual(JournalAmount.multiplyDivide(5, 1, 2), 2)
        XCTAssertEqual(JournalAmount.multiplyDivide(7, 1, 2), 4)
        XCTAssertEqual(JournalAmount.multiplyDivide(-7, 1, 2), -4)
        XCTAssertEqual(JournalAmount.multiplyDivide(2, 1, 3), 1)
        XCTAssertEqual(JournalAmount.multiplyDivide(7, -1, -2), 4)
        let big: Int128 = 10_000_000_000_000_000_000_000_000_000_000  // 10³⁴
        XCTAssertEqual(JournalAmount.multiplyDivide(big, big, big), big, "10⁶⁸ in the middle")
        XCTAssertNil(JournalAmount.multiplyDivide(big, big, 1))
        XCTAssertNil(JournalAmount.multiplyDivide(1, 1, 0))
    }
}
