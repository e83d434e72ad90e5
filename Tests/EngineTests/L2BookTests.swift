import XCTest
@testable import Engine

/// Synthetic books: sides sorted, never crossed, around the price they were made for.
final class L2BookTests: XCTestCase {
    func testSyntheticBooksAreSortedUncrossedAndStraddleTheMid() {
        var random = SeededRandom(seed: 3)
        for mid in [Int64(3), 10, 999, 6_543_210] {
            for spread in [Int64(1), 2, 7] {
                let settings = DepthSettings(levels: 15, spreadTicks: spread, stepTicks: 3, meanLots: 50)
                let book = L2Book.synthetic(around: mid, settings, random: &random)
                XCTAssertTrue(book.isWellFormed, "\(mid) \(spread): \(book)")
                XCTAssertEqual(book.asks.count, 15)
                XCTAssertEqual(book.asks[0].price - (book.bids.first?.price ?? book.asks[0].price - spread), spread)
                XCTAssertLessThanOrEqual(book.bids.first?.price ?? 0, mid)
                XCTAssertGreaterThan(book.asks[0].price, mid - 1)
            }
        }
    }

    func testLevelsAtOrBelowZeroAreLeftOut() {
        var random = SeededRandom(seed: 4)
        let book = L2Book.synthetic(around: 5, DepthSettings(levels: 10, spreadTicks: 2, stepTicks: 1), random: &random)
        XCTAssertEqual(book.bids.map(\.price), [4, 3, 2, 1])
        XCTAssertTrue(book.isWellFormed)
    }

    func testTopKeepsTheBestLevels() {
        var random = SeededRandom(seed: 5)
        let book = L2Book.synthetic(around: 1_000, DepthSettings(levels: 20), random: &random)
        let top = book.top(5)
        XCTAssertEqual(top.bids, Array(book.bids.prefix(5)))
        XCTAssertEqual(top.asks, Array(book.asks.prefix(5)))
    }

    func testACrossedBookIsNotWellFormed() {
        let crossed = L2Book(bids: [BookLevel(price: 101, quantity: 1)], asks: [BookLevel(price: 100, quantity: 1)])
        XCTAssertFalse(crossed.isWellFormed)
        let unsorted = L2Book(bids: [BookLevel(price: 99, quantity: 1), BookLevel(price: 99, quantity: 1)], asks: [])
        XCTAssertFalse(unsorted.isWellFormed)
    }
}
