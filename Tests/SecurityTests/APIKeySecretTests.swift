import XCTest
@testable import Security
import Primitives

final class APIKeySecretTests: XCTestCase {
    func testGeneratedKeyHasMarkerPrefixAndSecret() throws {
        let generated = try APIKeySecret.generate()
        XCTAssertEqual(generated.key.count, 56)
        XCTAssertTrue(generated.key.hasPrefix("tsk_" + generated.prefix + "_"))
        XCTAssertEqual(generated.prefix.count, 8)
        XCTAssertTrue(generated.prefix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        XCTAssertEqual(Base64URL.decode(String(generated.key.suffix(43)))?.count, 32)
    }

    func testGeneratedKeyParsesToItsPrefix() throws {
        for _ in 0..<200 {
            let generated = try APIKeySecret.generate()
            XCTAssertEqual(APIKeySecret.parse(generated.key), generated.prefix)
        }
    }

    func testGeneratedHashIsSHA256OfTheKey() throws {
        let generated = try APIKeySecret.generate()
        XCTAssertEqual(generated.hash, SHA256Digest.hexHash(generated.key))
        XCTAssertEqual(APIKeySecret.hash(generated.key), generated.hash)
    }

    func testPrefixesDiffer() throws {
        let prefixes = try (0..<100).map { _ in try APIKeySecret.generate().prefix }
        XCTAssertEqual(Set(prefixes).count, 100)
    }

    func testSecretContainingUnderscoreStillParses() {
        let key = "tsk_Ab3dEf9h_" + Base64URL.encode([UInt8](repeating: 0xFF, count: 32))
        XCTAssertTrue(key.dropFirst(13).contains("_"))
        XCTAssertEqual(APIKeySecret.parse(key), "Ab3dEf9h")
    }

    func testMalformedKeysParseToNil() {
        let secret = Base64URL.encode([UInt8](repeating: 1, count: 32))
        let malformed = [
            "", "tsk_", "tsk_Ab3dEf9h", "tsk_Ab3dEf9h_",
            "tsx_Ab3dEf9h_" + secret,
            "tsk_Ab3d-f9h_" + secret,
            "tsk_Ab3d_f9h_" + secret,
            "tsk_Ab3dEf9h-" + secret,
            "tsk_Ab3dEf9h_" + secret + "A",
            "tsk_Ab3dEf9h_" + secret.dropLast() + "+",
            "tsk_Ab3dEf9h_" + secret.dropLast() + "B",
            "TSK_Ab3dEf9h_" + secret,
        ]
        XCTAssertEqual(APIKeySecret.parse("tsk_Ab3dEf9h_" + secret), "Ab3dEf9h")
        for key in malformed {
            XCTAssertNil(APIKeySecret.parse(key), key)
        }
    }

    func testMatchesComparesAgainstStoredHash() throws {
        let generated = try APIKeySecret.generate()
        XCTAssertTrue(APIKeySecret.matches(generated.key, storedHash: generated.hash))
        XCTAssertFalse(APIKeySecret.matches(generated.key + "x", storedHash: generated.hash))
    }
}
