import XCTest
@testable import Security

final class ClientAddressTests: XCTestCase {
    private let proxies = [try! CIDR(parsing: "10.0.0.0/8"), try! CIDR(parsing: "::1"), try! CIDR(parsing: "fd00::/8")]

    private func resolve(_ peer: String, _ forwardedFor: String?) -> String {
        ClientAddress.resolve(peer: peer, forwardedFor: forwardedFor, trustedProxies: proxies)
    }

    func testWithoutHeaderThePeerIsTheClient() {
        XCTAssertEqual(resolve("203.0.113.9", nil), "203.0.113.9")
        XCTAssertEqual(resolve("10.0.0.1", nil), "10.0.0.1")
    }

    func testHeaderFromUntrustedPeerIsIgnored() {
        XCTAssertEqual(resolve("203.0.113.9", "198.51.100.1"), "203.0.113.9")
    }

    func testTrustedPeerForwardsTheRightMostUntrustedAddress() {
        XCTAssertEqual(resolve("10.0.0.1", "198.51.100.1"), "198.51.100.1")
    }

    func testClientWrittenLeftMostValueIsNotBelieved() {
        XCTAssertEqual(resolve("10.0.0.1", "6.6.6.6, 198.51.100.1"), "198.51.100.1")
    }

    func testTrustedHopsAreSkipped() {
        XCTAssertEqual(resolve("10.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.3,10.0.0.2"), "198.51.100.1")
    }

    func testAllTrustedChainGivesLeftMostHop() {
        XCTAssertEqual(resolve("10.0.0.1", "10.0.0.3, 10.0.0.2"), "10.0.0.3")
    }

    func testMalformedEntryStopsAtLastTrustedHop() {
        XCTAssertEqual(resolve("10.0.0.1", "198.51.100.1, garbage, 10.0.0.2"), "10.0.0.2")
        XCTAssertEqual(resolve("10.0.0.1", "198.51.100.1, unknown"), "10.0.0.1")
        XCTAssertEqual(resolve("10.0.0.1", ""), "10.0.0.1")
        XCTAssertEqual(resolve("10.0.0.1", "198.51.100.1,,10.0.0.2"), "10.0.0.2")
    }

    func testIPv6ProxyAndClient() {
        XCTAssertEqual(resolve("::1", "2001:db8::7"), "2001:db8::7")
        XCTAssertEqual(resolve("::1", "2001:db8::bad, [2001:db8::7]:4711, fd00::2"), "2001:db8::7")
        XCTAssertEqual(resolve("2001:db8::9", "198.51.100.1"), "2001:db8::9")
    }

    func testMixedFamiliesInOneChain() {
        XCTAssertEqual(resolve("::1", "198.51.100.1:5555, 10.0.0.2"), "198.51.100.1")
    }

    func testIPv4MappedPeerIsTrustedByIPv4RangeAndPrintedAsIPv4() {
        XCTAssertEqual(resolve("::ffff:10.0.0.1", "::ffff:198.51.100.1"), "198.51.100.1")
        XCTAssertEqual(resolve("::ffff:203.0.113.9", "198.51.100.1"), "203.0.113.9")
    }

    func testZoneInChainStopsTheWalk() {
        XCTAssertEqual(resolve("::1", "fe80::1%eth0"), "::1")
    }

    func testUnparseablePeerIsReturnedUnchanged() {
        XCTAssertEqual(resolve("unknown", "198.51.100.1"), "unknown")
    }

    func testNoTrustedProxiesMeansHeaderIsNeverUsed() {
        XCTAssertEqual(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: "198.51.100.1", trustedProxies: []), "10.0.0.1")
    }

    func testOverlongChainStopsAtTheHopLimit() {
        let chain = (["198.51.100.1"] + Array(repeating: "10.0.0.2", count: 40)).joined(separator: ", ")
        XCTAssertEqual(resolve("10.0.0.1", chain), "10.0.0.2")
    }
}
