import XCTest
@testable import Security
import Primitives

/// RFC 7914 §11 PBKDF2-HMAC-SHA256 test vectors.
final class PBKDF2Tests: XCTestCase {
    func testRFC7914VectorPasswdSaltOneIteration() throws {
        let key = try PBKDF2.deriveKey(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, keyLength: 64)
        XCTAssertEqual(Hex.encode(key), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    func testRFC7914VectorPasswordNaCl80000Iterations() throws {
        let key = try PBKDF2.deriveKey(password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 80_000, keyLength: 64)
        XCTAssertEqual(Hex.encode(key), "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
            + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")
    }

    func testZeroIterationsIsRefused() {
        XCTAssertThrowsError(try PBKDF2.deriveKey(password: [1], salt: [2], iterations: 0, keyLength: 32)) { error in
            guard case SecurityError.cryptoFailure(let operation, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "PKCS5_PBKDF2_HMAC")
        }
    }
}
