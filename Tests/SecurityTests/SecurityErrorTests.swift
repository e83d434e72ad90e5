import XCTest
@testable import Security

final class SecurityErrorTests: XCTestCase {
    func testErrorsCompareByValue() {
        XCTAssertEqual(SecurityError.crypto("x"), .crypto("x"))
    }
}
