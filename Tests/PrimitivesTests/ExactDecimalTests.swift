import XCTest
import Primitives

/// Money arithmetic: exact, scale-preserving, half-even rounding only where it must.
final class ExactDecimalTests: XCTestCase {
    private func d(_ text: String) -> ExactDecimal { ExactDecimal(text)! }

    func testPointOnePlusPointTwoIsExactlyPointThree() {
        XCTAssertEqual((d("0.1") + d("0.2")).description, "0.3")
        XCTAssertEqual(d("0.1") + d("0.2"), d("0.3"))
    }

    func testParsingAndRenderingKeepTheScale() {
        for text in ["50000.00", "0.05", "-0.5", "0", "12345678901234.5678", "0.000000000000000001", "-123"] {
            XCTAssertEqual(d(text).description, text)
        }
        XCTAssertEqual(d("+1.5").description, "1.5")
    }

    func testInvalidTextIsRejected() {
        for text in ["", "-", ".5", "5.", "1e5", "1.2.3", "abc", " 1", "1,5", "0.0000000000000000001",
                     "999999999999999999999999999999999999999999"] {
            XCTAssertNil(ExactDecimal(text), text)
        }
    }

    func testEighteenSignificantDigitsSurviveArithmetic() {
        XCTAssertEqual((d("12345678901234.5678") + d("0.0001")).description, "12345678901234.5679")
        XCTAssertEqual((d("123456789.123456789") * d("2")).description, "246913578.246913578")
    }

    func testMultiplicationIsExactAndDivisionRoundsHalfToEven() {
        XCTAssertEqual((d("0.5") * d("50000")).description, "25000.0")
        XCTAssertEqual(d("1").divided(by: d("3"), scale: 4)?.description, "0.3333")
        XCTAssertEqual(d("0.125").rescaled(to: 2).description, "0.12")
        XCTAssertEqual(d("0.135").rescaled(to: 2).description, "0.14")
        XCTAssertEqual(d("-0.125").rescaled(to: 2).description, "-0.12")
        XCTAssertNil(d("1").divided(by: d("0")))
    }

    func testComparisonIgnoresScale() {
        XCTAssertEqual(d("1.0"), d("1.00"))
        XCTAssertEqual(Set([d("1.0"), d("1.00")]).count, 1)
        XCTAssertLessThan(d("-0.01"), d("0"))
        XCTAssertLessThan(d("49999.99"), d("50000"))
        XCTAssertEqual(d("1.500").normalized.description, "1.5")
    }
}
