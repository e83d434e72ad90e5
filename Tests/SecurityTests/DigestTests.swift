import XCTest
@testable import Security
import Primitives

/// SHA-256 (FIPS 180-2 examples) and HMAC-SHA256 (RFC 4231) known answers.
final class DigestTests: XCTestCase {
    func testSHA256OfABC() {
        XCTAssertEqual(SHA256Digest.hexHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testSHA256OfEmptyInput() {
        XCTAssertEqual(SHA256Digest.hexHash([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testSHA256ReturnsThirtyTwoBytes() {
        XCTAssertEqual(SHA256Digest.hash("abc"), Hex.decode("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    }

    func testHMACRFC4231TestCase1() {
        let code = HMACSHA256.authenticationCode(for: Array("Hi There".utf8), key: [UInt8](repeating: 0x0B, count: 20))
        XCTAssertEqual(Hex.encode(code), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    func testHMACRFC4231TestCase2() {
        let code = HMACSHA256.authenticationCode(for: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
        XCTAssertEqual(Hex.encode(code), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testHMACRFC4231TestCase3() {
        let code = HMACSHA256.authenticationCode(for: [UInt8](repeating: 0xDD, count: 50), key: [UInt8](repeating: 0xAA, count: 20))
        XCTAssertEqual(Hex.encode(code), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    func testHMACRFC4231TestCase6KeyLongerThanBlock() {
        let code = HMACSHA256.authenticationCode(for: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                                                 key: [UInt8](repeating: 0xAA, count: 131))
        XCTAssertEqual(Hex.encode(code), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testHMACRFC4231TestCase7KeyAndDataLongerThanBlock() {
        let message = "This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm."
        let code = HMACSHA256.authenticationCode(for: Array(message.utf8), key: [UInt8](repeating: 0xAA, count: 131))
        XCTAssertEqual(Hex.encode(code), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    func testHMACWithEmptyKeyEqualsZeroPaddedKey() {
        // An empty key is zero-padded to the block, so it equals a key of zero bytes of
        // any shorter length: the placeholder pointer must not change the result.
        let message = Array("m".utf8)
        XCTAssertEqual(HMACSHA256.authenticationCode(for: message, key: []),
                       HMACSHA256.authenticationCode(for: message, key: [0]))
        XCTAssertNotEqual(HMACSHA256.authenticationCode(for: message, key: []),
                          HMACSHA256.authenticationCode(for: message, key: [1]))
    }
}
