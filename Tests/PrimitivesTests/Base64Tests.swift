import Primitives
import XCTest

/// Standard base64 as the WebSocket handshake uses it (RFC 4648 §4).
final class Base64Tests: XCTestCase {
    func testBase64MatchesRFC4648Vectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64.encode(Array(plain.utf8)), encoded)
            XCTAssertEqual(Base64.decode(encoded), Array(plain.utf8))
        }
        for malformed in ["Zg=", "Z===", "Zg=a", "Zg==Zg==", "Zm9v!A==", "=Zm9"] {
            XCTAssertNil(Base64.decode(malformed), malformed)
        }
    }
}
