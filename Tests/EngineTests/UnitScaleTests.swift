import XCTest
@testable import Engine
import Primitives

/// Decimals as a symbol's integer units: rounded to the scale, nil when they do not fit.
final class UnitScaleTests: XCTestCase {
    private let lots = UnitScale(digits: 8)

    func testDecimalsBecomeUnitsOfTheScale() {
        XCTAssertEqual(lots.units(ExactDecimal("0.01")!), 1_000_000)
        XCTAssertEqual(lots.units(ExactDecimal("3")!), 300_000_000)
        XCTAssertEqual(lots.units(ExactDecimal("0.000000015")!), 2, "rounded half to even")
        XCTAssertEqual(lots.decimal(1_000_000), ExactDecimal("0.01"))
    }

    func testAValueTooLargeForSixtyFourBitsHasNoUnits() {
        XCTAssertNil(lots.units(ExactDecimal("92233720368.54775808")!), "one unit past Int64.max")
        XCTAssertEqual(lots.units(ExactDecimal("92233720368.54775807")!), Int64.max)
    }

    func testAValueThatWouldOverflowWhenRescaledHasNoUnitsInsteadOfTrapping() {
        // 4.2e31 at scale 1 is 4.2e38 at scale 8: past Int128 too.
        XCTAssertNil(lots.units(ExactDecimal("4206704711356520038460730945280.5")!))
        XCTAssertNil(UnitScale(digits: 2).units(ExactDecimal("170141183460469231731687303715884105727")!))
    }
}
