import Foundation
import XCTest

/// The paper account's balances (`listBalances`): one entry per asset, sorted, `total` the sum
/// of `free` and `locked`, the configured starting balances on a fresh database.
extension ContractSuite {
    /// One asset's balance as numbers.
    struct AssetBalance: Equatable {
        let free: Decimal
        let locked: Decimal
        let total: Decimal
    }

    func balancesAreSortedByAssetAndTotalIsFreePlusLocked() throws {
        let viewer = try account("viewer").client
        let response = try viewer.call("listBalances")
        XCTAssertEqual(response.status, 200, response.message.summary)
        let assets = response["balances"].array?.compactMap { $0["asset"]?.string } ?? []
        XCTAssertEqual(assets, assets.sorted(), "sorted by asset")
        XCTAssertEqual(Set(assets).count, assets.count, "one entry an asset")
        XCTAssertTrue(Set(["USDT", "USD", "KRW"]).isSubset(of: assets), "the starting assets are always listed: \(assets)")
        XCTAssertTrue(Set(["BTC", "ETH", "GOOG", "005930"]).isSubset(of: assets), "every traded asset, held or not: \(assets)")
        for (asset, balance) in try balances(viewer) {
            XCTAssertEqual(balance.total, balance.free + balance.locked, asset)
            XCTAssertGreaterThanOrEqual(balance.free, 0, asset)
            XCTAssertGreaterThanOrEqual(balance.locked, 0, asset)
        }
    }

    func theAccountStartsWithTheConfiguredBalances() throws {
        // No contract test trades KR or US symbols, so these stay at their starting amounts.
        let balances = try balances(try account("viewer").client)
        XCTAssertEqual(balances["KRW"]?.total, 100_000_000)
        XCTAssertEqual(balances["USD"]?.total, 100_000)
        XCTAssertEqual(balances["USD"]?.locked, 0)
    }

    /// The account's balances by asset.
    func balances(_ client: ContractClient) throws -> [String: AssetBalance] {
        let response = try client.call("listBalances")
        XCTAssertEqual(response.status, 200, response.message.summary)
        var balances: [String: AssetBalance] = [:]
        for entry in response["balances"].array ?? [] {
            let asset = try XCTUnwrap(entry["asset"]?.string)
            balances[asset] = AssetBalance(free: try Self.decimal(entry["free"] ?? .null), locked: try Self.decimal(entry["locked"] ?? .null),
                                           total: try Self.decimal(entry["total"] ?? .null))
        }
        return balances
    }
}

/// Balances on SQLite.
final class SQLiteAccountContractTests: SQLiteContractTestCase {
    func testBalancesAreSortedByAssetAndTotalIsFreePlusLocked() throws { try suite.balancesAreSortedByAssetAndTotalIsFreePlusLocked() }
    func testTheAccountStartsWithTheConfiguredBalances() throws { try suite.theAccountStartsWithTheConfiguredBalances() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Balances on PostgreSQL.
final class PostgresAccountContractTests: PostgresContractTestCase {
    func testBalancesAreSortedByAssetAndTotalIsFreePlusLocked() throws { try suite.balancesAreSortedByAssetAndTotalIsFreePlusLocked() }
    func testTheAccountStartsWithTheConfiguredBalances() throws { try suite.theAccountStartsWithTheConfiguredBalances() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
