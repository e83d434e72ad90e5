import XCTest
@testable import CodegenCore

/// Schemas for the `{parameters}` of WebSocket channel names (`kline:{symbol}:{timeframe}`),
/// declared under a channel's `parameters` in `x-websocket`.
final class ChannelParameterTests: XCTestCase {
    private static func spec(parameters: String) -> String {
        """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths: {}
        x-websocket:
          - path: /ws
            clientMessage: {$ref: '#/components/schemas/ClientMessage'}
            serverMessage: {$ref: '#/components/schemas/Push'}
            channels:
              - name: 'kline:{symbol}:{timeframe}'
                messages: [kline]
        \(parameters.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n"))
        components:
          schemas:
            Timeframe: {type: string, enum: ['1m', '1h']}
            ClientMessage: {type: object, properties: {channel: {type: string}}}
            Push: {type: object, properties: {price: {type: string}}}
        """
    }

    func testDeclaredParametersCarryTheirSchemas() throws {
        let model = try Fixtures.model(Self.spec(parameters: """
        parameters:
          timeframe: {$ref: '#/components/schemas/Timeframe'}
        """))
        let channel = try XCTUnwrap(model.webSockets.first?.channels.first)
        XCTAssertEqual(channel.parameterNames, ["symbol", "timeframe"])
        XCTAssertEqual(channel.parameterSchemas, ["timeframe": Schema(.named("Timeframe"))])
    }

    func testAChannelWithoutParameterSchemasHasNone() throws {
        let model = try Fixtures.model(Self.spec(parameters: ""))
        XCTAssertEqual(model.webSockets.first?.channels.first?.parameterSchemas, [:])
    }

    func testASchemaForAParameterTheNameLacksIsAnError() {
        let error = Fixtures.buildError(Self.spec(parameters: """
        parameters:
          interval: {$ref: '#/components/schemas/Timeframe'}
        """))
        XCTAssertEqual(error?.message, "channel 'kline:{symbol}:{timeframe}' has no parameter '{interval}'")
        XCTAssertEqual(error?.location.line, 12)
    }

    func testAParameterSchemaMustBeAScalar() {
        let error = Fixtures.buildError(Self.spec(parameters: """
        parameters:
          symbol: {type: array, items: {type: string}}
        """))
        XCTAssertEqual(error?.message, "parameter 'symbol' of channel 'kline:{symbol}:{timeframe}' must be a string, "
                       + "number, boolean or string enum schema")
    }
}
