import XCTest
import Primitives

final class HexTests: XCTestCase {
    func testEncodesLowercase() {
        XCTAssertEqual(Hex.encode([0x00, 0x0F, 0xA5, 0xFF]), "000fa5ff")
    }

    func testDecodesEitherCase() {
        XCTAssertEqual(Hex.decode("000fA5Ff"), [0x00, 0x0F, 0xA5, 0xFF])
        XCTAssertEqual(Hex.decode(""), [])
    }

    func testOddLengthIsRefused() {
        XCTAssertNil(Hex.decode("abc"))
    }

    func testNonHexCharacterIsRefused() {
        XCTAssertNil(Hex.decode("0g"))
        XCTAssertNil(Hex.decode("0x"))
    }
}
