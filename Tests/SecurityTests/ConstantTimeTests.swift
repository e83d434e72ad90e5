import XCTest
@testable import Security

final class ConstantTimeTests: XCTestCase {
    func testEqualBytesCompareEqual() {
        XCTAssertTrue(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        XCTAssertTrue(ConstantTime.equals([UInt8](), []))
    }

    func testAnyDifferingByteMakesThemUnequal() {
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ConstantTime.equals([0, 2, 3], [1, 2, 3]))
    }

    func testDifferentLengthsAreUnequal() {
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2]))
        XCTAssertFalse(ConstantTime.equals([], [0]))
    }

    func testStringsCompareByUTF8Bytes() {
        XCTAssertTrue(ConstantTime.equals("héllo", "héllo"))
        XCTAssertFalse(ConstantTime.equals("hello", "hellO"))
    }
}
