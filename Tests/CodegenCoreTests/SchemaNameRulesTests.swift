import XCTest
@testable import CodegenCore

/// Rules that keep the generated names honest: no schema shadows a global or a declaration
/// of the client, no inline enum repeats a named one, and a `$ref` keeps the default beside it.
final class SchemaNameRulesTests: XCTestCase {
    // MARK: Shadowed globals

    func testSchemaNamedAfterAJavaScriptGlobalIsRefusedAtItsName() {
        let error = Fixtures.buildError(Fixtures.spec(schemas: """
        Decimal: {type: string}
        Symbol: {type: string, pattern: '^[A-Z]+$'}
        """))
        XCTAssertEqual(error?.message, "schema name 'Symbol' would shadow the JavaScript global 'Symbol' in the generated "
                       + "code; rename the schema (e.g. 'TradingSymbol')")
        XCTAssertEqual(error?.location.line, 7)
        XCTAssertEqual(error?.location.column, 5)
    }

    func testGlobalsUtilityTypesAndWebTypesAreRefused() {
        let expected = [
            "Promise": "the JavaScript global 'Promise'", "Date": "the JavaScript global 'Date'",
            "Record": "the TypeScript type 'Record'", "Partial": "the TypeScript type 'Partial'",
            "Response": "the web global 'Response'", "WebSocket": "the web global 'WebSocket'",
            "MessageEvent": "the web global 'MessageEvent'", "URL": "the web global 'URL'",
        ]
        for (name, conflict) in expected {
            let error = Fixtures.buildError(Fixtures.spec(schemas: "\(name): {type: string}"))
            XCTAssertTrue(error?.message.contains("would shadow \(conflict)") ?? false, "\(name): \(String(describing: error))")
        }
    }

    func testNameSpelledIntoAGlobalIsRefused() {
        let error = Fixtures.buildError(Fixtures.spec(schemas: "form_data: {type: object}"))
        XCTAssertTrue(error?.message.contains("the web global 'FormData'") ?? false, String(describing: error))
    }

    func testNamesTheClientDeclaresAreRefused() {
        for name in ["ApiError", "TradingClient", "ClientOptions", "Channel", "ReconnectingSocket"] {
            let error = Fixtures.buildError(Fixtures.spec(schemas: "\(name): {type: object}"))
            XCTAssertEqual(error?.message, "schema name '\(name)' would shadow '\(name)', which the TypeScript client "
                           + "declares in the generated code; rename the schema (e.g. 'Trading\(name)')")
        }
    }

    func testNamesOfASocketEndpointsClientAreRefused() {
        let error = Fixtures.buildError("""
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths: {}
        x-websocket:
          - path: /ws/market
            clientMessage: {$ref: '#/components/schemas/MarketSocketRequest'}
            serverMessage: {$ref: '#/components/schemas/Push'}
        components:
          schemas:
            MarketSocketRequest: {type: object, properties: {symbol: {type: string}}}
            Push: {type: object, properties: {price: {type: string}}}
        """)
        XCTAssertEqual(error?.message, "schema name 'MarketSocketRequest' would shadow 'MarketSocketRequest', which the "
                       + "TypeScript client declares for /ws/market in the generated code; rename the schema "
                       + "(e.g. 'TradingMarketSocketRequest')")
    }

    func testNameOfAnOperationsParametersTypeIsRefused() {
        let error = Fixtures.buildError(Fixtures.spec(schemas: "GetOrderParams: {type: object}", paths: """

          /orders/{id}:
            get:
              operationId: getOrder
              tags: [Orders]
              x-required-role: public
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses: {'200': {description: ok}}
        """))
        XCTAssertEqual(error?.message, "schema name 'GetOrderParams' is the name of the parameters type of operation "
                       + "'getOrder'; rename the schema")
    }

    func testHoistedNameThatWouldShadowAGlobalIsSuffixed() throws {
        let model = try Fixtures.model(Fixtures.spec(schemas: "A: {type: string}", paths: """

          /sockets:
            get:
              operationId: web
              tags: [X]
              x-required-role: public
              parameters: [{name: socket, in: query, schema: {type: string, enum: [open, closed]}}]
              responses: {'200': {description: ok}}
        """))
        XCTAssertEqual(model.operations.first?.parameters.first?.schema.type, .named("WebSocketSchema"))
        XCTAssertEqual(model.schema(named: "WebSocketSchema")?.definition, .enumeration(["open", "closed"]))
    }

    // MARK: Enumerations

    func testInlineEnumRepeatingANamedEnumIsRefused() {
        let error = Fixtures.buildError(Fixtures.spec(schemas: """
        SortOrder: {type: string, enum: [asc, desc]}
        Page:
          type: object
          properties:
            order: {type: string, enum: [desc, asc], default: desc}
        """))
        XCTAssertEqual(error?.message, "this inline enum repeats the values of 'SortOrder'; use "
                       + "$ref: '#/components/schemas/SortOrder' (a default may stand next to the $ref)")
        XCTAssertEqual(error?.location.line, 10)
    }

    func testInlineParameterEnumRepeatingANamedEnumIsRefused() {
        let error = Fixtures.buildError(Fixtures.spec(schemas: "Timeframe: {type: string, enum: ['1m', '1h']}", paths: """

          /candles:
            get:
              operationId: getCandles
              tags: [X]
              x-required-role: public
              parameters: [{name: timeframe, in: query, schema: {type: string, enum: ['1h', '1m']}}]
              responses: {'200': {description: ok}}
        """))
        XCTAssertTrue(error?.message.hasPrefix("this inline enum repeats the values of 'Timeframe'") ?? false,
                      String(describing: error))
    }

    func testInlineEnumWithOtherValuesOrANullStaysInline() throws {
        let model = try Fixtures.model(Fixtures.spec(schemas: """
        SortOrder: {type: string, enum: [asc, desc]}
        Page:
          type: object
          properties:
            order: {type: string, enum: [asc, desc, random]}
            previous: {type: [string, 'null'], enum: [asc, desc, null]}
        """))
        XCTAssertEqual(model.schema(named: "PageOrder")?.definition, .enumeration(["asc", "desc", "random"]))
        XCTAssertEqual(model.schema(named: "PagePrevious")?.definition, .enumeration(["asc", "desc"]))
    }

    // MARK: Defaults beside a $ref

    private static let candles = """

      /candles:
        get:
          operationId: getCandles
          tags: [X]
          x-required-role: public
          parameters:
            - name: timeframe
              in: query
              schema: {$ref: '#/components/schemas/Timeframe', default: DEFAULT}
          responses: {'200': {description: ok}}
    """

    func testDefaultBesideARefIsKept() throws {
        let model = try Fixtures.model(Fixtures.spec(
            schemas: "Timeframe: {type: string, enum: ['1m', '1h']}",
            paths: Self.candles.replacingOccurrences(of: "DEFAULT", with: "'1h'")))
        let schema = try XCTUnwrap(model.operations.first?.parameters.first?.schema)
        XCTAssertEqual(schema, Schema(.named("Timeframe"), defaultValue: .string("1h")))
        XCTAssertEqual(SwiftNames(model: model).literal(.string("1h"), for: schema), "._1h")
    }

    func testDefaultBesideARefMustBeAValueOfTheEnum() {
        let error = Fixtures.buildError(Fixtures.spec(
            schemas: "Timeframe: {type: string, enum: ['1m', '1h']}",
            paths: Self.candles.replacingOccurrences(of: "DEFAULT", with: "'2h'")))
        XCTAssertEqual(error?.message, "default '2h' is not a value of 'Timeframe'")
    }
}
