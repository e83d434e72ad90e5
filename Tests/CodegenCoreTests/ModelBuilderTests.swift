import XCTest
@testable import CodegenCore

/// The model stage: references, allOf, unions, hoisting, and errors that point at the spec.
final class ModelBuilderTests: XCTestCase {
    private func model(_ yaml: String) throws(SpecError) -> OpenAPIModel {
        try ModelBuilder.build(YAMLParser.parse(yaml, file: "spec.yaml"))
    }

    private func buildError(_ yaml: String) -> SpecError? {
        do {
            _ = try model(yaml)
            return nil
        } catch {
            return error
        }
    }

    func testRefChainResolvesToTheFinalDefinition() throws {
        let result = try model(Fixtures.spec(schemas: """
        A: {$ref: '#/components/schemas/B'}
        B: {$ref: '#/components/schemas/C'}
        C: {type: string, format: decimal}
        """))
        XCTAssertEqual(result.schema(named: "A")?.definition, .alias(Schema(.named("B"))))
        let names = SwiftNames(model: result)
        XCTAssertEqual(names.resolved(Schema(.named("A"))).type, .string(.decimal))
    }

    func testRefCycleIsReportedWithItsPath() {
        let error = buildError(Fixtures.spec(schemas: """
        A: {$ref: '#/components/schemas/B'}
        B: {$ref: '#/components/schemas/A'}
        """))
        XCTAssertEqual(error?.message, "$ref cycle: A → B → A")
        XCTAssertEqual(error?.location.line, 6)
    }

    func testAllOfCycleIsReported() {
        let error = buildError(Fixtures.spec(schemas: """
        A:
          allOf: [{$ref: '#/components/schemas/B'}]
        B:
          allOf: [{$ref: '#/components/schemas/A'}]
        """))
        XCTAssertNotNil(error)
        XCTAssertTrue(error?.message.contains("allOf cycle") ?? false, "\(String(describing: error))")
    }

    func testUnresolvedRefNamesFileLineAndColumn() {
        let error = buildError(Fixtures.spec(schemas: """
        A:
          type: object
          properties:
            b: {$ref: '#/components/schemas/Missing'}
        """))
        XCTAssertEqual(error?.description, "spec.yaml:9:19: error: unresolved $ref '#/components/schemas/Missing'")
    }

    func testAllOfMergesPropertiesAndRequiredInOrder() throws {
        let result = try model(Fixtures.spec(schemas: """
        Base:
          type: object
          required: [id]
          properties:
            id: {type: string}
            name: {type: string}
        Extended:
          allOf:
            - $ref: '#/components/schemas/Base'
            - type: object
              required: [name, extra]
              properties:
                extra: {type: integer}
        """))
        guard case .object(let object)? = result.schema(named: "Extended")?.definition else {
            return XCTFail("Extended is not an object")
        }
        XCTAssertEqual(object.properties.map(\.name), ["id", "name", "extra"])
        XCTAssertEqual(object.properties.map(\.required), [true, true, true])
    }

    func testInlineObjectsAndEnumsAreHoistedWithDescriptiveNames() throws {
        let result = try model(Fixtures.spec(schemas: """
        Order:
          type: object
          properties:
            fills:
              type: array
              items:
                type: object
                properties:
                  price: {type: string}
            status: {type: string, enum: [open, closed]}
        """))
        XCTAssertEqual(result.schema(named: "OrderFillsItem")?.definition,
                       .object(ObjectDefinition(properties: [Property(name: "price", schema: Schema(.string(.plain)), required: false)], closed: false)))
        XCTAssertEqual(result.schema(named: "OrderStatus")?.definition, .enumeration(["open", "closed"]))
    }

    func testTypeArraysWithNullMakeNullableValues() throws {
        let result = try model(Fixtures.spec(schemas: """
        A:
          type: object
          properties:
            price: {type: [string, 'null'], format: decimal}
        """))
        guard case .object(let object)? = result.schema(named: "A")?.definition else { return XCTFail() }
        XCTAssertTrue(object.properties[0].schema.nullable)
        XCTAssertEqual(object.properties[0].schema.type, .string(.decimal))
    }

    func testTwoNonNullTypesAreRejected() {
        let error = buildError(Fixtures.spec(schemas: "A: {type: [string, integer]}"))
        XCTAssertTrue(error?.message.contains("one type") ?? false)
    }

    func testDiscriminatorValuesComeFromMappingOrConst() throws {
        let result = try model(Fixtures.spec(schemas: """
        Ping:
          type: object
          properties:
            type: {type: string}
        Pong:
          type: object
          properties:
            type: {type: string, const: pong}
        Message:
          oneOf: [{$ref: '#/components/schemas/Ping'}, {$ref: '#/components/schemas/Pong'}]
          discriminator:
            propertyName: type
            mapping: {PING: '#/components/schemas/Ping'}
        """))
        guard case .union(let union)? = result.schema(named: "Message")?.definition else { return XCTFail() }
        XCTAssertEqual(union.discriminator?.mapping.map(\.value), ["PING", "pong"])
    }

    func testMapsAndFreeFormObjects() throws {
        let result = try model(Fixtures.spec(schemas: """
        Counts: {type: object, additionalProperties: {type: integer}}
        Config: {type: object, additionalProperties: true}
        """))
        XCTAssertEqual(result.schema(named: "Counts")?.definition, .alias(Schema(.map(Schema(.integer(bits: 64))))))
        XCTAssertEqual(result.schema(named: "Config")?.definition, .alias(Schema(.anyObject)))
    }

    func testOperationWithoutOperationIdIsAnErrorAtItsLocation() {
        let error = buildError(Fixtures.spec(schemas: "A: {type: string}", paths: """

          /a:
            get:
              tags: [X]
              responses: {'200': {description: ok}}
        """))
        XCTAssertEqual(error?.message, "GET /a has no operationId")
        XCTAssertEqual(error?.location.line, 6)
    }

    func testUndeclaredPathParameterIsAnError() {
        let error = buildError(Fixtures.spec(schemas: "A: {type: string}", paths: """

          /a/{id}:
            get:
              operationId: getA
              tags: [X]
              x-required-role: public
              responses: {'200': {description: ok}}
        """))
        XCTAssertEqual(error?.message, "path parameter '{id}' of GET /a/{id} is not declared")
    }

    func testSessionRoleComesFromXSession() throws {
        let result = try model(Fixtures.spec(schemas: "A: {type: string}", paths: """

          /login:
            post:
              operationId: login
              x-session: login
              tags: [X]
              x-required-role: public
              responses: {'200': {description: ok}}
          /other:
            get:
              operationId: other
              tags: [X]
              x-required-role: public
              responses: {'200': {description: ok}}
        """))
        XCTAssertEqual(result.operations.map(\.session), [.login, nil])
        let error = buildError(Fixtures.spec(schemas: "A: {type: string}", paths: """

          /login:
            post:
              operationId: login
              x-session: signin
              tags: [X]
              x-required-role: public
              responses: {'200': {description: ok}}
        """))
        XCTAssertEqual(error?.message, "x-session must be one of login, refresh, logout")
        XCTAssertEqual(error?.location.line, 7)
    }

    func testSnapshotCachingIsForLoopReadsOnly() throws {
        func spec(_ method: String, _ runsOn: String, _ cache: String) -> String {
            Fixtures.spec(schemas: "A: {type: string}", paths: """

              /a:
                \(method):
                  operationId: a
                  tags: [X]
                  x-required-role: public
                  x-runs-on: \(runsOn)
                  x-cache: \(cache)
                  responses: {'200': {description: ok}}
            """)
        }
        let result = try model(spec("get", "loop", "snapshot"))
        XCTAssertEqual(result.operations.map(\.cachedPerSnapshot), [true])
        XCTAssertEqual(buildError(spec("get", "pool", "snapshot"))?.message, "x-cache: snapshot needs x-runs-on: loop")
        XCTAssertEqual(buildError(spec("post", "loop", "snapshot"))?.message, "x-cache: snapshot is for GET operations")
        let unknown = buildError(spec("get", "loop", "forever"))
        XCTAssertEqual(unknown?.message, "x-cache must be snapshot")
        XCTAssertEqual(unknown?.location.line, 10, "the x-cache line")
    }

    func testNotOpenAPI31IsRejected() {
        let error = buildError("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n")
        XCTAssertEqual(error?.message, "expected 'openapi: 3.1.x'")
    }

    func testFixtureSpecTranslates() throws {
        let result = try ModelBuilder.build(contentsOf: Fixtures.path("mini.yaml"))
        XCTAssertEqual(result.operations.map(\.id), ["listOrders", "createOrder", "getOrderStats", "getOrder", "getDocs"])
        XCTAssertEqual(result.operations.first?.parameters.map(\.name), ["limit", "order", "sides"])
        XCTAssertEqual(result.operations.first?.parameters.last?.commaSeparated, true)
        XCTAssertEqual(result.operations[3].parameters.map(\.location), [.path])
        XCTAssertEqual(result.errorCodes.map(\.status), [401, 404, 400])
        XCTAssertEqual(result.webSockets.first?.channels.map(\.requiredRole), [.public, .public, .viewer])
        XCTAssertEqual(result.tags.first?.description, "주문 (orders)")
    }

    func testRolesComeFromTheRoleSchemaLowestFirst() throws {
        let result = try model(Fixtures.spec(schemas: """
        Role: {type: string, enum: [admin, viewer], x-role-levels: {viewer: 10, admin: 100}}
        """))
        XCTAssertEqual(result.roles, [RoleLevel(name: "viewer", level: 10), RoleLevel(name: "admin", level: 100)])
    }

    func testRoleWithoutALevelIsAnError() {
        let error = buildError(Fixtures.spec(schemas: """
        Role: {type: string, enum: [viewer, admin], x-role-levels: {viewer: 10}}
        """))
        XCTAssertEqual(error?.message, "role 'admin' needs a level above 0 in x-role-levels")
    }

    func testRequiredRoleOutsideTheRoleSchemaIsAnErrorAtItsLocation() {
        let error = buildError(Fixtures.spec(schemas: """
        Role: {type: string, enum: [viewer], x-role-levels: {viewer: 10}}
        """, paths: """

          /a:
            get:
              operationId: getA
              tags: [A]
              x-required-role: trader
              responses: {'200': {description: ok}}
        """))
        XCTAssertEqual(error?.message, "x-required-role must be one of public, viewer, not 'trader'")
        XCTAssertEqual(error?.location.line, 8)
    }
}
