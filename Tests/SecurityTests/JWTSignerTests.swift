import XCTest
@testable import Security
import Primitives

final class JWTSignerTests: XCTestCase {
    private let secret = [UInt8](repeating: UInt8(ascii: "k"), count: 32)
    private var signer: JWTSigner { JWTSigner(secret: secret) }
    private let claims = JWTClaims(sub: "u-42", username: "alice", role: "trader", iat: 1_700_000_000, exp: 1_700_001_800,
                                   jti: "abc123")
    private let now = 1_700_000_100

    /// Computed independently (Python hmac/base64) for `claims` under `secret`.
    private let referenceToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJzdWIiOiJ1LTQyIiwidXNlcm5hbWUiOiJhbGljZSIsInJvbGUiOiJ0cmFkZXIiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMTgwMCwianRpIjoiYWJjMTIzIn0"
        + ".xrA_Y-6rTg6Ao7n4dli0m-9WvscAu7tVLQAMELyriH4"

    /// The example token of jwt.io, signed with "your-256-bit-secret".
    private let jwtIOToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
        + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

    /// A token with any header and payload text, correctly signed with `key`.
    private func forge(header: String, payload: String, key: [UInt8]? = nil) -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        let signature = HMACSHA256.authenticationCode(for: Array(input.utf8), key: key ?? secret)
        return input + "." + Base64URL.encode(signature)
    }

    private let hs256Header = #"{"alg":"HS256","typ":"JWT"}"#

    private func assertRefused(_ token: String, now: Int? = nil, file: StaticString = #filePath, line: UInt = #line,
                               _ check: (JWTError) -> Bool) {
        do {
            let claims = try signer.verify(token, now: now ?? self.now)
            XCTFail("accepted \(claims)", file: file, line: line)
        } catch {
            XCTAssertTrue(check(error), "unexpected \(error)", file: file, line: line)
        }
    }

    private func isMalformed(_ error: JWTError) -> Bool {
        if case .malformed = error { return true }
        return false
    }

    private func isUnsupportedAlgorithm(_ error: JWTError) -> Bool {
        if case .unsupportedAlgorithm = error { return true }
        return false
    }

    // MARK: signing

    func testSignWritesTheFixedHS256Header() {
        let header = signer.sign(claims).split(separator: ".")[0]
        XCTAssertEqual(Base64URL.decode(String(header)), Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
    }

    func testSignMatchesIndependentlyComputedToken() {
        XCTAssertEqual(signer.sign(claims), referenceToken)
    }

    func testIndependentlyComputedTokenVerifies() throws {
        XCTAssertEqual(try signer.verify(referenceToken, now: now), claims)
    }

    func testClaimsWithCharactersNeedingEscapesRoundTrip() throws {
        let tricky = JWTClaims(sub: "id\"1\\", username: "ünï\n\tcødé 😀\u{1}", role: "viewer", iat: now, exp: now + 60,
                               jti: "</script>")
        XCTAssertEqual(try signer.verify(signer.sign(tricky), now: now), tricky)
    }

    func testIssuedClaimsHaveLifetimeAndRandomTokenID() throws {
        let first = try JWTClaims.issued(subject: "1", username: "a", role: "admin", now: 100, lifetimeSeconds: 1_800)
        let second = try JWTClaims.issued(subject: "1", username: "a", role: "admin", now: 100, lifetimeSeconds: 1_800)
        XCTAssertEqual(first.iat, 100)
        XCTAssertEqual(first.exp, 1_900)
        XCTAssertEqual(Base64URL.decode(first.jti)?.count, 16)
        XCTAssertNotEqual(first.jti, second.jti)
    }

    // MARK: known answer

    func testJWTIOExampleSignatureVerifiesWithItsSecret() throws {
        let signer = JWTSigner(secret: Array("your-256-bit-secret".utf8))
        XCTAssertEqual(try signer.verifiedPayload(of: jwtIOToken),
                       Array(#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#.utf8))
    }

    func testJWTIOExampleLacksOurClaimsSoVerifyCallsItMalformed() {
        let signer = JWTSigner(secret: Array("your-256-bit-secret".utf8))
        XCTAssertThrowsError(try signer.verify(jwtIOToken, now: 1_516_239_100)) { error in
            XCTAssertEqual(error as? JWTError, .malformed(reason: "claim username missing or not a string"))
        }
    }

    func testJWTIOExampleWithAnotherSecretIsBadSignature() {
        assertRefused(jwtIOToken) { $0 == .badSignature }
    }

    // MARK: forgeries

    func testAlgNoneWithEmptySignatureIsRefused() {
        let token = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "."
            + Base64URL.encode(claims.jsonBytes) + "."
        assertRefused(token) { $0 == .unsupportedAlgorithm("none") }
    }

    func testHS512HeaderIsRefusedEvenWhenSignedWithTheKey() {
        assertRefused(forge(header: #"{"alg":"HS512","typ":"JWT"}"#, payload: String(decoding: claims.jsonBytes, as: UTF8.self))) {
            $0 == .unsupportedAlgorithm("HS512")
        }
    }

    func testRS256HeaderIsRefused() {
        assertRefused(forge(header: #"{"alg":"RS256"}"#, payload: "{}")) { $0 == .unsupportedAlgorithm("RS256") }
    }

    func testAlgorithmNameIsCaseSensitive() {
        assertRefused(forge(header: #"{"alg":"hs256"}"#, payload: "{}")) { $0 == .unsupportedAlgorithm("hs256") }
    }

    func testMissingAlgIsRefused() {
        assertRefused(forge(header: #"{"typ":"JWT"}"#, payload: "{}"), isUnsupportedAlgorithm)
    }

    func testNonStringAlgIsRefused() {
        assertRefused(forge(header: #"{"alg":["HS256"]}"#, payload: "{}"), isUnsupportedAlgorithm)
        assertRefused(forge(header: #"{"alg":null}"#, payload: "{}"), isUnsupportedAlgorithm)
    }

    func testCritHeaderIsRefused() {
        let payload = String(decoding: claims.jsonBytes, as: UTF8.self)
        assertRefused(forge(header: #"{"alg":"HS256","crit":["exp"],"exp":1}"#, payload: payload), isMalformed)
    }

    func testHeaderThatIsNotAnObjectIsRefused() {
        assertRefused(forge(header: #"["HS256"]"#, payload: "{}"), isMalformed)
    }

    func testDuplicateAlgInHeaderIsRefused() {
        assertRefused(forge(header: #"{"alg":"none","alg":"HS256"}"#, payload: "{}"), isMalformed)
    }

    func testWrongKeyIsBadSignature() {
        let other = JWTSigner(secret: [UInt8](repeating: UInt8(ascii: "x"), count: 32))
        assertRefused(other.sign(claims)) { $0 == .badSignature }
    }

    func testEditedPayloadWithOriginalSignatureIsBadSignature() {
        var edited = claims
        edited.role = "admin"
        let parts = signer.sign(claims).split(separator: ".")
        let forged = "\(parts[0]).\(Base64URL.encode(edited.jsonBytes)).\(parts[2])"
        assertRefused(forged) { $0 == .badSignature }
    }

    func testTruncatedSignatureIsBadSignature() {
        let token = signer.sign(claims)
        let parts = token.split(separator: ".")
        let short = Base64URL.encode(Array(Base64URL.decode(String(parts[2]))!.prefix(16)))
        assertRefused("\(parts[0]).\(parts[1]).\(short)") { $0 == .badSignature }
    }

    func testExtraSegmentIsMalformed() {
        assertRefused(signer.sign(claims) + ".e30", isMalformed)
        assertRefused(signer.sign(claims) + ".", isMalformed)
    }

    func testTwoSegmentsAreMalformed() {
        let parts = signer.sign(claims).split(separator: ".")
        assertRefused("\(parts[0]).\(parts[1])", isMalformed)
    }

    func testBadBase64InSignatureIsMalformed() {
        assertRefused(signer.sign(claims) + "*", isMalformed)
    }

    func testBadBase64InHeaderIsMalformed() {
        assertRefused("!" + signer.sign(claims), isMalformed)
    }

    func testNonCanonicalSignatureSpellingIsRefused() {
        let token = signer.sign(claims)
        let last = token.last!
        // The last character of a 32-byte signature carries 2 unused bits; setting one
        // spells the same bytes differently.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let respelled = alphabet[alphabet.firstIndex(of: last)! ^ 1]
        assertRefused(String(token.dropLast()) + String(respelled), isMalformed)
    }

    func testTokenOverEightKiBIsRefused() {
        var big = claims
        big.username = String(repeating: "a", count: 6_200)
        let token = signer.sign(big)
        XCTAssertGreaterThan(token.utf8.count, 8_192)
        assertRefused(token) { $0 == .malformed(reason: "token is \(token.utf8.count) bytes; at most 8192 are accepted") }
    }

    func testSignatureIsCheckedBeforePayloadIsDecoded() {
        let parts = signer.sign(claims).split(separator: ".")
        assertRefused("\(parts[0]).!!!!.\(parts[2])") { $0 == .badSignature }
    }

    // MARK: claims

    func testPayloadThatIsNotJSONIsMalformedOnceSigned() {
        assertRefused(forge(header: hs256Header, payload: "not json"), isMalformed)
        assertRefused(forge(header: hs256Header, payload: "[1]"), isMalformed)
    }

    func testFloatingPointExpIsMalformed() {
        let payload = #"{"sub":"1","username":"a","role":"viewer","iat":1700000000,"exp":1.7e9,"jti":"j"}"#
        assertRefused(forge(header: hs256Header, payload: payload)) { $0 == .malformed(reason: "claim exp missing or not an integer") }
    }

    func testStringExpIsMalformed() {
        let payload = #"{"sub":"1","username":"a","role":"viewer","iat":1700000000,"exp":"1700009999","jti":"j"}"#
        assertRefused(forge(header: hs256Header, payload: payload), isMalformed)
    }

    func testIatWithFractionIsMalformed() {
        let payload = #"{"sub":"1","username":"a","role":"viewer","iat":1700000000.0,"exp":1700009999,"jti":"j"}"#
        assertRefused(forge(header: hs256Header, payload: payload), isMalformed)
    }

    func testNumericSubjectIsMalformed() {
        let payload = #"{"sub":1,"username":"a","role":"viewer","iat":1700000000,"exp":1700009999,"jti":"j"}"#
        assertRefused(forge(header: hs256Header, payload: payload), isMalformed)
    }

    func testMissingTokenIDIsMalformed() {
        let payload = #"{"sub":"1","username":"a","role":"viewer","iat":1700000000,"exp":1700009999}"#
        assertRefused(forge(header: hs256Header, payload: payload)) { $0 == .malformed(reason: "claim jti missing or not a string") }
    }

    func testDuplicateClaimIsMalformed() {
        let payload = #"{"sub":"1","username":"a","role":"viewer","role":"admin","iat":1700000000,"exp":1700009999,"jti":"j"}"#
        assertRefused(forge(header: hs256Header, payload: payload), isMalformed)
    }

    func testUnknownClaimsAreIgnored() throws {
        let payload = #"{"sub":"1","username":"a","role":"viewer","iat":1700000000,"exp":1700009999,"jti":"j","x":[1]}"#
        XCTAssertEqual(try signer.verify(forge(header: #"{"alg":"HS256"}"#, payload: payload), now: now).sub, "1")
    }

    // MARK: time

    func testTokenIsValidUntilTheSecondBeforeExp() throws {
        XCTAssertNoThrow(try signer.verify(referenceToken, now: claims.exp - 1))
    }

    func testTokenIsExpiredAtExp() {
        assertRefused(referenceToken, now: claims.exp) { $0 == .expired(expiredAt: claims.exp) }
    }

    func testIatUpToSixtySecondsAheadIsTolerated() {
        XCTAssertNoThrow(try signer.verify(referenceToken, now: claims.iat - 60))
    }

    func testIatMoreThanSixtySecondsAheadIsRefused() {
        assertRefused(referenceToken, now: claims.iat - 61) { $0 == .issuedInFuture(issuedAt: claims.iat) }
    }

    // MARK: error codes

    func testErrorsMapToAPICodes() {
        XCTAssertEqual(JWTError.expired(expiredAt: 1).code, "TOKEN_EXPIRED")
        XCTAssertEqual(JWTError.malformed(reason: "x").code, "INVALID_TOKEN")
        XCTAssertEqual(JWTError.unsupportedAlgorithm("none").code, "INVALID_TOKEN")
        XCTAssertEqual(JWTError.badSignature.code, "INVALID_TOKEN")
        XCTAssertEqual(JWTError.issuedInFuture(issuedAt: 1).code, "INVALID_TOKEN")
    }
}
