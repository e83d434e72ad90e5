import XCTest
@testable import Security
import Primitives

/// `nbf` (RFC 7519 §4.1.5): a token is refused before its not-before second, without leeway,
/// like `exp`; a present `nbf` must be an integer.
final class JWTNotBeforeTests: XCTestCase {
    private let signer = JWTSigner(secret: [UInt8](repeating: UInt8(ascii: "k"), count: 32))
    private let now = 1_700_000_100

    private func token(notBefore: Int?) -> String {
        signer.sign(JWTClaims(sub: "u-42", username: "alice", role: "trader", iat: now - 100, exp: now + 1_700, jti: "f.t",
                              nbf: notBefore))
    }

    /// A token whose payload is `payload`, correctly signed.
    private func signed(payload: String) -> String {
        let input = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(HMACSHA256.authenticationCode(for: Array(input.utf8),
                                                                          key: [UInt8](repeating: UInt8(ascii: "k"), count: 32)))
    }

    func testATokenIsRefusedBeforeItsNotBeforeSecond() {
        for notBefore in [now + 1, now + 60, now + 86_400, Int.max] {
            XCTAssertThrowsError(try signer.verify(token(notBefore: notBefore), now: now)) { error in
                XCTAssertEqual(error as? JWTError, .notYetValid(notBefore: notBefore))
                XCTAssertEqual((error as? JWTError)?.code, "INVALID_TOKEN")
            }
        }
    }

    func testATokenIsValidFromItsNotBeforeSecondOn() throws {
        XCTAssertEqual(try signer.verify(token(notBefore: now), now: now).nbf, now)
        XCTAssertEqual(try signer.verify(token(notBefore: now - 3_600), now: now).nbf, now - 3_600)
        XCTAssertNil(try signer.verify(token(notBefore: nil), now: now).nbf, "tokens without nbf are unaffected")
    }

    func testANotBeforeThatIsNotAnIntegerIsMalformed() {
        for value in [#""1700000000""#, "null", "1700000000.5", "[1]", "true"] {
            let payload = #"{"sub":"u","username":"a","role":"viewer","iat":1700000000,"exp":1700001800,"jti":"f.t","nbf":"#
                + value + "}"
            XCTAssertThrowsError(try signer.verify(signed(payload: payload), now: now), value) { error in
                guard case .malformed? = error as? JWTError else { return XCTFail("\(value): \(error)") }
            }
        }
    }

    func testSignedClaimsCarryNotBeforeOnlyWhenSet() {
        let payload = { (token: String) in String(decoding: Base64URL.decode(String(token.split(separator: ".")[1]))!, as: UTF8.self) }
        XCTAssertFalse(payload(token(notBefore: nil)).contains("nbf"))
        XCTAssertTrue(payload(token(notBefore: now)).hasSuffix(#","nbf":\#(now)}"#))
    }
}
