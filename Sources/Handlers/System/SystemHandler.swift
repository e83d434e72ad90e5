import Generated

/// The spec itself (`/openapi.yaml`, `/openapi.json`), Swagger UI (`/docs`) and `/metrics`.
public struct SystemHandler: SystemAPI {
    let swaggerUI: SwaggerUI
    let metrics: Metrics
    /// The JSON form of the spec, parsed once.
    private static let specJSON: JSONValue = (try? JSONParser.parse(OpenAPISpec.json)) ?? .null
    /// The spec's `info.version` ("0" when it has none), announced in WebSocket `welcome`.
    public static let specVersion: String = {
        if case .object(let members)? = specJSON["info"],
           case .string(let version)? = members.first(where: { $0.key == "version" })?.value {
            return version
        }
        return "0"
    }()

    public init(swaggerUI: SwaggerUI, metrics: Metrics) {
        self.swaggerUI = swaggerUI
        self.metrics = metrics
    }

    public func getOpenApiYaml(_ input: GetOpenApiYamlInput, context: RequestContext) async throws -> GetOpenApiYamlOutput {
        .ok(OpenAPISpec.yaml)
    }

    public func getOpenApiJson(_ input: GetOpenApiJsonInput, context: RequestContext) async throws -> GetOpenApiJsonOutput {
        .ok(Self.specJSON)
    }

    public func getDocs(_ input: GetDocsInput, context: RequestContext) async throws -> GetDocsOutput {
        .ok(swaggerUI.page(title: "Trading API Server"))
    }

    public func getMetrics(_ input: GetMetricsInput, context: RequestContext) async throws -> GetMetricsOutput {
        .ok(metrics.render())
    }
}
