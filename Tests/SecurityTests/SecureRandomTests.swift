import XCTest
@testable import Security

final class SecureRandomTests: XCTestCase {
    func testReturnsTheRequestedNumberOfBytes() throws {
        XCTAssertEqual(try SecureRandom.bytes(0).count, 0)
        XCTAssertEqual(try SecureRandom.bytes(48).count, 48)
    }

    func testConsecutiveDrawsDiffer() throws {
        // Two equal 32-byte draws have probability 2^-256.
        XCTAssertNotEqual(try SecureRandom.bytes(32), try SecureRandom.bytes(32))
    }

    func testNegativeCountIsRefused() {
        XCTAssertThrowsError(try SecureRandom.bytes(-1))
    }
}
