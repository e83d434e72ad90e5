import APIRuntime
import Generated
import Primitives

/// The spec itself (`/openapi.yaml`, `/openapi.json`), Swagger UI (`/docs`) and `/metrics`.
/// The page and the metrics text come from the gateway, which owns Swagger UI's assets and
/// counts the requests.
public struct SystemHandler: SystemAPI {
    /// The Swagger UI page.
    let docsPage: @Sendable () -> String
    /// The Prometheus exposition of the current metrics.
    let metricsText: @Sendable () -> String
    /// The JSON form of the spec, parsed once.
    private static let specJSON: JSONValue = (try? JSONParser.parse(OpenAPISpec.json)) ?? .null
    /// The spec's `info.version` ("0" when it has none), announced in WebSocket `welcome`.
    public static let specVersion: String = {
        if case .string(let version)? = specJSON["info"]?["version"] { return version }
        return "0"
    }()

    /// A handler serving `docsPage()` at `/docs` and `metricsText()` at `/metrics`.
    public init(docsPage: @escaping @Sendable () -> String, metricsText: @escaping @Sendable () -> String) {
        self.docsPage = docsPage
        self.metricsText = metricsText
    }

    public func getOpenApiYaml(_ input: GetOpenApiYamlInput, context: RequestContext) throws -> GetOpenApiYamlOutput {
        .ok(OpenAPISpec.yaml)
    }

    public func getOpenApiJson(_ input: GetOpenApiJsonInput, context: RequestContext) throws -> GetOpenApiJsonOutput {
        .ok(Self.specJSON)
    }

    public func getDocs(_ input: GetDocsInput, context: RequestContext) throws -> GetDocsOutput {
        .ok(docsPage())
    }

    public func getMetrics(_ input: GetMetricsInput, context: RequestContext) throws -> GetMetricsOutput {
        .ok(metricsText())
    }
}
