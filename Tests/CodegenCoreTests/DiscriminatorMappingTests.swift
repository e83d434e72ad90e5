import XCTest
@testable import CodegenCore

/// Discriminated unions whose values map to variants: one value a variant, or several values
/// naming one variant, as OpenAPI allows (`Limit`, `StopLoss` → a priced order).
final class DiscriminatorMappingTests: XCTestCase {
    private static let orders = """
    Market:
      type: object
      required: [order_type, quantity]
      properties:
        order_type: {type: string, const: Market}
        quantity: {type: string}
    PricedType: {type: string, enum: [Limit, StopLoss]}
    Priced:
      type: object
      required: [order_type, quantity, price]
      properties:
        order_type: {$ref: '#/components/schemas/PricedType'}
        quantity: {type: string}
        price: {type: string}
    """

    private func union(_ name: String, in model: OpenAPIModel) throws -> UnionDefinition {
        guard case .union(let union)? = model.schema(named: name)?.definition else {
            throw XCTSkip("\(name) is not a union")
        }
        return union
    }

    func testSeveralMappedValuesNameOneVariant() throws {
        let model = try Fixtures.model(Fixtures.spec(schemas: Self.orders + """

        Order:
          oneOf: [{$ref: '#/components/schemas/Market'}, {$ref: '#/components/schemas/Priced'}]
          discriminator:
            propertyName: order_type
            mapping:
              Market: '#/components/schemas/Market'
              Limit: '#/components/schemas/Priced'
              StopLoss: '#/components/schemas/Priced'
        """))
        let discriminator = try XCTUnwrap(union("Order", in: model).discriminator)
        XCTAssertEqual(discriminator.mapping.map(\.value), ["Market", "Limit", "StopLoss"])
        XCTAssertEqual(discriminator.values(of: "Priced"), ["Limit", "StopLoss"])
        XCTAssertFalse(discriminator.isOneValuePerVariant)
    }

    func testWithoutAMappingAVariantTakesEveryValueOfItsEnum() throws {
        let model = try Fixtures.model(Fixtures.spec(schemas: Self.orders + """

        Order:
          oneOf: [{$ref: '#/components/schemas/Market'}, {$ref: '#/components/schemas/Priced'}]
          discriminator: {propertyName: order_type}
        """))
        let discriminator = try XCTUnwrap(union("Order", in: model).discriminator)
        XCTAssertEqual(discriminator.mapping.map(\.value), ["Market", "Limit", "StopLoss"])
        XCTAssertEqual(discriminator.mapping.map(\.variant), ["Market", "Priced", "Priced"])
    }

    func testVariantsDeclaredAfterTheUnionStillGiveTheirValues() throws {
        let model = try Fixtures.model(Fixtures.spec(schemas: """
        Order:
          oneOf: [{$ref: '#/components/schemas/Market'}, {$ref: '#/components/schemas/Priced'}]
          discriminator: {propertyName: order_type}

        """ + Self.orders))
        XCTAssertEqual(try union("Order", in: model).discriminator?.mapping.map(\.value), ["Market", "Limit", "StopLoss"])
    }

    func testMappingAValueItsVariantForbidsIsAnError() {
        let error = Fixtures.buildError(Fixtures.spec(schemas: Self.orders + """

        Order:
          oneOf: [{$ref: '#/components/schemas/Market'}, {$ref: '#/components/schemas/Priced'}]
          discriminator:
            propertyName: order_type
            mapping:
              Market: '#/components/schemas/Market'
              TakeProfit: '#/components/schemas/Priced'
        """))
        XCTAssertEqual(error?.message, "discriminator mapping 'TakeProfit' names 'Priced', whose 'order_type' does not allow "
                       + "'TakeProfit' (it allows Limit, StopLoss)")
    }

    func testOneValueClaimedByTwoVariantsIsAnError() {
        let error = Fixtures.buildError(Fixtures.spec(schemas: """
        A:
          type: object
          properties: {kind: {type: string, enum: [x, y]}}
        B:
          type: object
          properties: {kind: {type: string, enum: [y, z]}}
        U:
          oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]
          discriminator: {propertyName: kind}
        """))
        XCTAssertEqual(error?.message, "discriminator value 'y' names two variants")
    }
}
