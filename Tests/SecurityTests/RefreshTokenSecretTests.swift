import XCTest
@testable import Security
import Primitives

final class RefreshTokenSecretTests: XCTestCase {
    func testGeneratedTokenIs32RandomBytesAsBase64URL() throws {
        let token = try RefreshTokenSecret.generate()
        XCTAssertEqual(token.count, 43)
        XCTAssertEqual(Base64URL.decode(token)?.count, 32)
        XCTAssertTrue(RefreshTokenSecret.isWellFormed(token))
    }

    func testGeneratedTokensDiffer() throws {
        XCTAssertNotEqual(try RefreshTokenSecret.generate(), try RefreshTokenSecret.generate())
    }

    func testHashIsSHA256Hex() {
        XCTAssertEqual(RefreshTokenSecret.hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testMalformedTokensAreRecognised() {
        XCTAssertFalse(RefreshTokenSecret.isWellFormed(""))
        XCTAssertFalse(RefreshTokenSecret.isWellFormed(String(repeating: "A", count: 42)))
        XCTAssertFalse(RefreshTokenSecret.isWellFormed(String(repeating: "A", count: 42) + "+"))
        XCTAssertFalse(RefreshTokenSecret.isWellFormed(String(repeating: "A", count: 42) + "B"))
    }
}
