import XCTest
@testable import Security

final class SecurityErrorTests: XCTestCase {
    func testPasswordTooLongNamesTheLimit() {
        XCTAssertEqual(SecurityError.passwordTooLong(byteCount: 2_000).description,
                       "password is 2000 bytes; at most 1024 are accepted")
    }

    func testCryptoFailureNamesTheOperation() {
        XCTAssertTrue(SecurityError.cryptoFailure(operation: "PKCS5_PBKDF2_HMAC", detail: "x").description
            .contains("PKCS5_PBKDF2_HMAC"))
    }
}
