import XCTest
@testable import Security

final class CIDRTests: XCTestCase {
    private func range(_ text: String) throws -> CIDR { try CIDR(parsing: text) }

    func testIPv4RangeContainsItsAddresses() throws {
        let range = try range("10.0.0.0/8")
        XCTAssertTrue(range.contains("10.0.0.0"))
        XCTAssertTrue(range.contains("10.255.1.2"))
        XCTAssertFalse(range.contains("11.0.0.1"))
        XCTAssertFalse(range.contains("9.255.255.255"))
    }

    func testBareIPv4AddressIsARangeOfOne() throws {
        let range = try range("192.168.1.7")
        XCTAssertEqual(range.prefixLength, 32)
        XCTAssertTrue(range.contains("192.168.1.7"))
        XCTAssertFalse(range.contains("192.168.1.8"))
    }

    func testBareIPv6LoopbackIsARangeOfOne() throws {
        let range = try range("::1")
        XCTAssertEqual(range.prefixLength, 128)
        XCTAssertTrue(range.contains("::1"))
        XCTAssertTrue(range.contains("0:0:0:0:0:0:0:1"))
        XCTAssertFalse(range.contains("::2"))
    }

    func testIPv6RangeContainsItsAddresses() throws {
        let range = try range("2001:db8::/32")
        XCTAssertTrue(range.contains("2001:db8::1"))
        XCTAssertTrue(range.contains("2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff"))
        XCTAssertFalse(range.contains("2001:db9::1"))
    }

    func testPrefixNotOnAByteBoundary() throws {
        let range = try range("172.16.0.0/12")
        XCTAssertTrue(range.contains("172.31.255.255"))
        XCTAssertFalse(range.contains("172.32.0.0"))
        XCTAssertTrue(try self.range("fe80::/10").contains("febf::1"))
        XCTAssertFalse(try self.range("fe80::/10").contains("fec0::1"))
    }

    func testZeroPrefixMatchesWholeFamilyOnly() throws {
        XCTAssertTrue(try range("0.0.0.0/0").contains("203.0.113.9"))
        XCTAssertFalse(try range("0.0.0.0/0").contains("2001:db8::1"))
        XCTAssertTrue(try range("::/0").contains("2001:db8::1"))
        XCTAssertFalse(try range("::/0").contains("203.0.113.9"))
    }

    func testHostBitsAreCleared() throws {
        let range = try range("192.168.1.7/24")
        XCTAssertEqual(range.description, "192.168.1.0/24")
        XCTAssertTrue(range.contains("192.168.1.200"))
        XCTAssertEqual(try self.range("2001:db8::1/32").description, "2001:db8::/32")
    }

    func testIPv4MappedAddressMatchesIPv4Range() throws {
        XCTAssertTrue(try range("10.0.0.0/8").contains("::ffff:10.1.2.3"))
        XCTAssertFalse(try range("10.0.0.0/8").contains("::ffff:11.1.2.3"))
    }

    func testIPv4MappedRangeBecomesIPv4Range() throws {
        XCTAssertEqual(try range("::ffff:10.0.0.0/104"), try range("10.0.0.0/8"))
        XCTAssertThrowsError(try range("::ffff:10.0.0.0/64")) { error in
            XCTAssertEqual(error as? IPAddressError, .invalidPrefixLength("::ffff:10.0.0.0/64"))
        }
    }

    func testBracketedAndPortQualifiedAddressesAreMatched() throws {
        XCTAssertTrue(try range("::1").contains("[::1]"))
        XCTAssertTrue(try range("2001:db8::/32").contains("[2001:db8::7]:8443"))
        XCTAssertTrue(try range("10.0.0.0/8").contains("10.1.2.3:8080"))
    }

    func testMalformedBracketsAndPortsAreNotAddresses() throws {
        let range = try range("::/0")
        for text in ["[::1", "::1]", "[::1]x", "[::1]:", "[::1]:65536", "[::1]:-1", "[10.0.0.1]"] {
            XCTAssertThrowsError(try IPAddress(parsing: text), text)
            XCTAssertFalse(range.contains(text), text)
        }
        XCTAssertThrowsError(try IPAddress(parsing: "10.0.0.1:http"))
    }

    func testBadPrefixLengthsNameTheOffendingText() {
        for text in ["10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0.0/", "10.0.0.0/ 8", "10.0.0.0/8/8", "::/129", "::/+1"] {
            XCTAssertThrowsError(try range(text), text) { error in
                XCTAssertEqual(error as? IPAddressError, .invalidPrefixLength(text))
            }
        }
    }

    func testBadAddressesNameTheOffendingText() {
        for text in ["", "abc", "10.0.0.256/8", "1.2.3", "01.2.3.4", "1.2.3.4.5", "2001:db8:::1/32", " 10.0.0.0/8", "/8"] {
            XCTAssertThrowsError(try range(text), text) { error in
                XCTAssertEqual(error as? IPAddressError, .invalidAddress(text))
            }
        }
    }

    func testZonesAreRefusedExplicitly() throws {
        XCTAssertThrowsError(try range("fe80::1%eth0")) { error in
            XCTAssertEqual(error as? IPAddressError, .zoneNotSupported("fe80::1%eth0"))
        }
        XCTAssertThrowsError(try IPAddress(parsing: "[fe80::1%25eth0]:80")) { error in
            XCTAssertEqual(error as? IPAddressError, .zoneNotSupported("[fe80::1%25eth0]:80"))
        }
        XCTAssertFalse(try range("fe80::/10").contains("fe80::1%eth0"))
    }

    func testAddressesPrintInCanonicalForm() throws {
        XCTAssertEqual(try IPAddress(parsing: "2001:0DB8:0000:0000:0000:0000:0000:0001").description, "2001:db8::1")
        XCTAssertEqual(try IPAddress(parsing: "::ffff:192.0.2.1").description, "192.0.2.1")
        XCTAssertEqual(try IPAddress(parsing: "[::1]:80").description, "::1")
    }
}
