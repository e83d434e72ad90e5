import XCTest
@testable import Security

final class IPAllowlistTests: XCTestCase {
    func testEmptyListAllowsEveryAddress() {
        let allowlist = IPAllowlist([])
        XCTAssertTrue(allowlist.allowsAll)
        XCTAssertTrue(allowlist.allows("203.0.113.9"))
        XCTAssertTrue(allowlist.allows("2001:db8::1"))
    }

    func testListAllowsOnlyItsRanges() throws {
        let allowlist = try IPAllowlist(parsing: ["10.0.0.0/8", "2001:db8::/32", "192.0.2.1"])
        XCTAssertFalse(allowlist.allowsAll)
        XCTAssertTrue(allowlist.allows("10.20.30.40"))
        XCTAssertTrue(allowlist.allows("::ffff:10.20.30.40"))
        XCTAssertTrue(allowlist.allows("2001:db8:1::5"))
        XCTAssertTrue(allowlist.allows("192.0.2.1"))
        XCTAssertFalse(allowlist.allows("192.0.2.2"))
        XCTAssertFalse(allowlist.allows("2001:db9::1"))
    }

    func testUnparseableAddressIsRefusedByNonEmptyList() throws {
        let allowlist = try IPAllowlist(parsing: ["0.0.0.0/0", "::/0"])
        XCTAssertFalse(allowlist.allows("unknown"))
        XCTAssertFalse(allowlist.allows(""))
    }

    func testParsingReportsTheBadEntry() {
        XCTAssertThrowsError(try IPAllowlist(parsing: ["10.0.0.0/8", "10.0.0.0/40"])) { error in
            XCTAssertEqual(error as? IPAddressError, .invalidPrefixLength("10.0.0.0/40"))
        }
    }
}
