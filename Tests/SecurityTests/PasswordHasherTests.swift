import XCTest
@testable import Security
import Primitives

final class PasswordHasherTests: XCTestCase {
    /// Fast hasher for behaviour tests; the default cost is tested once below.
    private let hasher = PasswordHasher(iterations: 1_000)

    /// A stored value built from parts, with a correct hash of `password`.
    private func stored(_ password: String, iterations: Int, salt: [UInt8] = Array(repeating: 7, count: 16)) throws -> String {
        let key = try PBKDF2.deriveKey(password: Array(password.utf8), salt: salt, iterations: iterations, keyLength: 32)
        return "pbkdf2-sha256$\(iterations)$\(Base64URL.encode(salt))$\(Base64URL.encode(key))"
    }

    func testDefaultHasherUses210000Iterations() throws {
        let defaultHasher = PasswordHasher()
        XCTAssertEqual(defaultHasher.iterations, 210_000)
        let hash = try defaultHasher.hash("correct horse")
        XCTAssertTrue(hash.hasPrefix("pbkdf2-sha256$210000$"))
        XCTAssertTrue(defaultHasher.verify("correct horse", against: hash))
    }

    func testStoredFormatHasSchemeIterationsSaltAndHash() throws {
        let parts = try hasher.hash("secret").split(separator: "$", omittingEmptySubsequences: false)
        XCTAssertEqual(parts.count, 4)
        XCTAssertEqual(parts[0], "pbkdf2-sha256")
        XCTAssertEqual(parts[1], "1000")
        XCTAssertEqual(Base64URL.decode(String(parts[2]))?.count, 16)
        XCTAssertEqual(Base64URL.decode(String(parts[3]))?.count, 32)
    }

    func testHashMatchesPBKDF2OfItsOwnSalt() throws {
        let parts = try hasher.hash("secret").split(separator: "$").map(String.init)
        let key = try PBKDF2.deriveKey(password: Array("secret".utf8), salt: Base64URL.decode(parts[2])!, iterations: 1_000,
                                       keyLength: 32)
        XCTAssertEqual(Base64URL.encode(key), parts[3])
    }

    func testCorrectPasswordVerifies() throws {
        XCTAssertTrue(hasher.verify("pässwörd 🔑", against: try hasher.hash("pässwörd 🔑")))
    }

    func testWrongPasswordIsRefused() throws {
        let hash = try hasher.hash("secret")
        XCTAssertFalse(hasher.verify("Secret", against: hash))
        XCTAssertFalse(hasher.verify("", against: hash))
    }

    func testSamePasswordGetsDifferentSalts() throws {
        XCTAssertNotEqual(try hasher.hash("secret"), try hasher.hash("secret"))
    }

    func testStoredIterationCountIsHonoured() throws {
        let hash = try stored("secret", iterations: 1_500)
        XCTAssertTrue(hasher.verify("secret", against: hash))
    }

    func testIterationCountBelowMinimumIsRefusedEvenWhenHashIsCorrect() throws {
        XCTAssertFalse(hasher.verify("secret", against: try stored("secret", iterations: 999)))
    }

    func testIterationCountAboveMaximumIsRefusedWithoutHashing() {
        let salt = Base64URL.encode(Array(repeating: 7, count: 16))
        let key = Base64URL.encode(Array(repeating: 1, count: 32))
        let start = Date()
        XCTAssertFalse(hasher.verify("secret", against: "pbkdf2-sha256$10000001$\(salt)$\(key)"))
        XCTAssertFalse(hasher.verify("secret", against: "pbkdf2-sha256$99999999$\(salt)$\(key)"))
        // Ten million rounds would take seconds; a refusal takes microseconds.
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.5)
    }

    func testMalformedStoredValuesAreRefused() throws {
        let good = try stored("secret", iterations: 1_000)
        let parts = good.split(separator: "$").map(String.init)
        let malformed = [
            "", "secret", "pbkdf2-sha256", good + "$", "$" + good,
            "pbkdf2-sha512$\(parts[1])$\(parts[2])$\(parts[3])",
            "pbkdf2-sha256$01000$\(parts[2])$\(parts[3])",
            "pbkdf2-sha256$+1000$\(parts[2])$\(parts[3])",
            "pbkdf2-sha256$1e3$\(parts[2])$\(parts[3])",
            "pbkdf2-sha256$1000$\(parts[2])=$\(parts[3])",
            "pbkdf2-sha256$1000$\(parts[2])$\(parts[3])=",
            "pbkdf2-sha256$1000$\(Base64URL.encode(Array(repeating: 7, count: 8)))$\(parts[3])",
            "pbkdf2-sha256$1000$\(parts[2])$\(Base64URL.encode(Array(repeating: 7, count: 31)))",
            "pbkdf2-sha256$1000$$\(parts[3])",
        ]
        XCTAssertTrue(hasher.verify("secret", against: good))
        for value in malformed {
            XCTAssertFalse(hasher.verify("secret", against: value), value)
        }
    }

    func testPasswordOverLimitCannotBeHashed() {
        XCTAssertThrowsError(try hasher.hash(String(repeating: "a", count: 1_025))) { error in
            XCTAssertEqual(error as? SecurityError, .passwordTooLong(byteCount: 1_025))
        }
    }

    func testPasswordAtLimitIsAccepted() throws {
        let password = String(repeating: "a", count: 1_024)
        XCTAssertTrue(hasher.verify(password, against: try hasher.hash(password)))
    }

    func testPasswordOverLimitNeverVerifies() throws {
        let password = String(repeating: "a", count: 1_025)
        XCTAssertFalse(hasher.verify(password, against: try stored(password, iterations: 1_000)))
    }

    func testLimitCountsUTF8BytesNotCharacters() {
        // 513 two-byte characters: 1,026 bytes.
        XCTAssertThrowsError(try hasher.hash(String(repeating: "é", count: 513)))
    }

    func testNeedsRehashWhenStoredIterationsAreBelowCurrentSetting() throws {
        let old = try hasher.hash("secret")
        XCTAssertTrue(PasswordHasher(iterations: 2_000).needsRehash(old))
        XCTAssertFalse(hasher.needsRehash(old))
        XCTAssertFalse(PasswordHasher(iterations: 1_000).needsRehash(try stored("secret", iterations: 5_000)))
    }

    func testNeedsRehashForMalformedValue() {
        XCTAssertTrue(hasher.needsRehash("plaintext"))
    }
}
