import XCTest
import Primitives

final class Base64URLTests: XCTestCase {
    func testRFC4648VectorsEncodeWithoutPadding() {
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64URL.encode(Array(plain.utf8)), encoded, plain)
            XCTAssertEqual(Base64URL.decode(encoded), Array(plain.utf8), encoded)
        }
    }

    func testUsesTheURLSafeAlphabet() {
        XCTAssertEqual(Base64URL.encode([0xFB, 0xFF, 0xBF]), "-_-_")
        XCTAssertEqual(Base64URL.decode("-_-_"), [0xFB, 0xFF, 0xBF])
    }

    func testEveryByteValueRoundTrips() {
        let bytes = (0...255).map { UInt8($0) }
        XCTAssertEqual(Base64URL.decode(Base64URL.encode(bytes)), bytes)
    }

    func testStandardAlphabetCharactersAreRefused() {
        XCTAssertNil(Base64URL.decode("+/+/"))
    }

    func testPaddingIsRefused() {
        XCTAssertNil(Base64URL.decode("Zg=="))
        XCTAssertNil(Base64URL.decode("Zm8="))
    }

    func testImpossibleLengthIsRefused() {
        XCTAssertNil(Base64URL.decode("Z"))
        XCTAssertNil(Base64URL.decode("Zm9vY"))
    }

    func testWhitespaceAndNonASCIIAreRefused() {
        XCTAssertNil(Base64URL.decode("Zm9v YmFy"))
        XCTAssertNil(Base64URL.decode("Zm9v\n"))
        XCTAssertNil(Base64URL.decode("Zm9vé"))
    }

    func testNonZeroTrailingBitsAreRefused() {
        // "Zg" is the only spelling of "f"; "Zh" carries the same byte plus stray bits.
        XCTAssertNil(Base64URL.decode("Zh"))
        XCTAssertNil(Base64URL.decode("Zm9"))
    }
}
