import Foundation
import XCTest
@testable import CodegenCore

final class TypeScriptEmitterTests: XCTestCase {
    // MARK: types.ts

    func testEnumIsLiteralUnionWithValuesArray() {
        let types = file("src/types.ts", of: Self.tradingModel())
        XCTAssertTrue(types.hasPrefix("// Generated from openapi.yaml by trading-server codegen. Do not edit.\n"))
        XCTAssertTrue(types.contains("""
            /** The side of an order. */
            export type OrderSide = "Buy" | "Sell";
            export const OrderSideValues = ["Buy", "Sell"] as const;
            """))
    }

    func testInterfaceMarksOptionalAndNullableFieldsAndDocumentsFormats() {
        let types = file("src/types.ts", of: Self.tradingModel())
        XCTAssertTrue(types.contains("""
            /** An order. */
            export interface Order {
              /** UUID */
              id: string;
              symbol: string;
              side: OrderSide;
              /**
               * Limit price; null for market orders.
               * exact decimal as string
               */
              price?: string | null;
              /** ISO 8601 date-time */
              created_at: string;
              tags?: string[];
              metadata?: Record<string, unknown>;
              extra?: unknown;
            }
            """), types)
    }

    func testAliasMapAndQuotedPropertyNames() {
        let types = file("src/types.ts", of: Self.tradingModel())
        XCTAssertTrue(types.contains("""
            /** exact decimal as string */
            export type Decimal = string;
            """))
        XCTAssertTrue(types.contains("  data: Record<string, Kline[]>;\n"))
        XCTAssertTrue(types.contains("  \"1m\"?: Kline[];\n"))
        XCTAssertTrue(types.contains("  levels: (Decimal | null)[];\n"))
    }

    func testDiscriminatedUnionAndLiteralTagsOfVariants() {
        let types = file("src/types.ts", of: Self.tradingModel())
        XCTAssertTrue(types.contains("""
            /** Discriminated by `type`. */
            export type WsClientMessage = WsAuth | WsSubscribe | WsUnsubscribe | WsPing;
            """), types)
        XCTAssertTrue(types.contains("""
            export interface WsSubscribe {
              type: "subscribe";
              channels: string[];
            }
            """))
        // The tag is required even where the spec left it optional, or Extract<> could not narrow.
        XCTAssertTrue(types.contains("""
            export interface WsPing {
              type: "ping";
            }
            """))
    }

    func testVariantNamedBySeveralValuesTakesTheirLiteralUnionAsItsTag() {
        let types = file("src/types.ts", of: Self.tradingModel())
        XCTAssertTrue(types.contains("""
            export interface PricedOrderRequest {
              order_type: "Limit" | "StopLoss";
              quantity: Decimal;
              price: Decimal;
            }
            """), types)
        XCTAssertTrue(types.contains("""
            export interface MarketOrderRequest {
              order_type: "Market";
              quantity: Decimal;
            }
            """), types)
        XCTAssertTrue(types.contains("export type CreateOrderRequest = MarketOrderRequest | PricedOrderRequest;\n"), types)
    }

    func testErrorStatusTableFollowsErrorCode() {
        let types = file("src/types.ts", of: Self.tradingModel())
        XCTAssertTrue(types.contains("""
            export type ErrorCode = "VALIDATION_ERROR" | "TOKEN_EXPIRED" | "ORDER_NOT_FOUND";
            export const ErrorCodeValues = ["VALIDATION_ERROR", "TOKEN_EXPIRED", "ORDER_NOT_FOUND"] as const;

            /** The HTTP status the server answers with for each error code. */
            export const ERROR_STATUS: Record<ErrorCode, number> = {
              VALIDATION_ERROR: 400,
              TOKEN_EXPIRED: 401,
              ORDER_NOT_FOUND: 404,
            };
            """), types)
    }

    func testParametersInterfaceMakesDefaultedParametersOptional() {
        let types = file("src/types.ts", of: Self.tradingModel())
        XCTAssertTrue(types.contains("""
            /** The parameters of `listOrders` (GET /api/v1/orders). */
            export interface ListOrdersParams {
              /** Only orders of this symbol. */
              symbol?: string;
              status?: OrderStatus[];
              /** @default 100 */
              limit?: number;
            }
            """), types)
        XCTAssertTrue(types.contains("""
            export interface GetMultiKlinesParams {
              symbol: string;
              timeframes: string[];
            }
            """), types)
    }

    // MARK: client.ts

    func testOneMethodPerOperationWithItsSignature() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertTrue(client.contains("  async listOrders(params: ListOrdersParams = {}, init?: RequestInit): Promise<OrderList> {\n"))
        XCTAssertTrue(client.contains("  async getOrder(params: GetOrderParams, init?: RequestInit): Promise<Order> {\n"))
        XCTAssertTrue(client.contains(
            "  async cancelOrder(params: CancelOrderParams, body?: CancelOrderRequest, init?: RequestInit): Promise<Order> {\n"))
        XCTAssertTrue(client.contains("  async login(body: LoginRequest, init?: RequestInit): Promise<TokenPair> {\n"))
        XCTAssertTrue(client.contains("  async logout(init?: RequestInit): Promise<void> {\n"))
        XCTAssertTrue(client.contains("  async getSpec(init?: RequestInit): Promise<string> {\n    "
            + "const response = await this.execute({ method: \"GET\", path: \"/openapi.yaml\", authenticated: false }, init);\n"
            + "    return this.read(response, (answer) => answer.text());\n"))
        XCTAssertTrue(client.contains("path: `/api/v1/orders/${encodeURIComponent(params.id)}`"))
    }

    func testMethodDocumentsRouteRoleAndErrors() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertTrue(client.contains("""
              /**
               * Get one order
               *
               * `GET /api/v1/orders/{id}`, role: viewer
               *
               * @throws {ApiError} ORDER_NOT_FOUND
               */
            """), client)
    }

    func testQueryArraysAreCommaJoinedOrRepeated() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertTrue(client.contains("""
                const query = new URLSearchParams();
                query.set("symbol", params.symbol);
                query.set("timeframes", params.timeframes.join(","));
            """), client)
        XCTAssertTrue(client.contains("""
                if (params.symbol !== undefined) query.set("symbol", params.symbol);
                for (const item of params.status ?? []) query.append("status", item);
                if (params.limit !== undefined) query.set("limit", String(params.limit));
            """), client)
    }

    func testExpiredTokenTriggersOneSharedRefreshAndOneRetry() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertTrue(client.contains("  onTokens?: ((tokens: TokenPair) => void) | undefined;\n"))
        XCTAssertTrue(client.contains("  onSessionExpired?: ((error: SessionExpiredError) => void) | undefined;\n"))
        XCTAssertTrue(client.contains("""
                if (usedToken === undefined || error.status !== 401 || error.code !== "TOKEN_EXPIRED") throw error;
                await this.renewSession(usedToken);
                if (this.credentials.accessToken === undefined) throw this.endedSession ?? error;
                const retried = await this.attempt(request, init);
                if (isResult(request, retried)) return retried;
                throw await ApiError.fromResponse(retried);
            """), client)
        XCTAssertTrue(client.contains("""
              private async renewSession(expiredToken: string): Promise<void> {
                if (this.credentials.accessToken !== expiredToken) return;
                if (this.pendingRefresh === undefined) {
                  this.pendingRefresh = this.exchangeRefreshToken().finally(() => {
                    this.pendingRefresh = undefined;
                  });
                }
                await this.pendingRefresh;
              }
            """), client)
    }

    /// Rotation spends a refresh token on sight: it is forgotten before it is sent, and a
    /// refused refresh ends the session once, with its own error.
    func testRefreshTokenIsPresentedOnceAndAFailedRefreshEndsTheSession() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertTrue(client.contains("""
                const refreshToken = this.credentials.refreshToken;
                this.credentials.refreshToken = undefined;
                if (refreshToken === undefined) throw this.endSession(undefined);
                try {
                  await this.refreshToken({ refresh_token: refreshToken });
                } catch (error) {
                  throw this.endSession(error instanceof ApiError || error instanceof NetworkError ? error : undefined);
                }
            """), client)
        XCTAssertTrue(client.contains("""
                const error = new SessionExpiredError(cause);
                this.forgetTokens();
                this.endedSession = error;
                this.sessionListener?.(error);
            """), client)
        XCTAssertTrue(client.contains("export class SessionExpiredError extends Error {\n"))
        XCTAssertTrue(client.contains("  async freshAccessToken(minValiditySeconds = 5): Promise<string | undefined> {\n"))
    }

    /// `x-session`: logging in and refreshing keep the pair (and tell `onTokens`); logging out
    /// forgets it whatever the answer.
    func testSessionOperationsKeepAndForgetTokens() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertEqual(client.components(separatedBy: "    this.storeTokens(tokens);\n").count - 1, 2, client)
        XCTAssertTrue(client.contains("""
                const tokens = await this.read(response, (answer) => answer.json() as Promise<TokenPair>);
                this.storeTokens(tokens);
                return tokens;
            """), client)
        XCTAssertTrue(client.contains("""
              async logout(init?: RequestInit): Promise<void> {
                try {
                  await this.execute({ method: "POST", path: "/api/v1/auth/logout", authenticated: true }, init);
                } finally {
                  this.forgetTokens();
                }
              }
            """), client)
        var model = Self.tradingModel()
        for index in model.operations.indices where model.operations[index].session != .refresh {
            model.operations[index].session = nil
        }
        let plain = file("src/client.ts", of: model)
        XCTAssertEqual(plain.components(separatedBy: "this.storeTokens(tokens);").count - 1, 1, "only the refresh keeps tokens")
        XCTAssertFalse(plain.contains("} finally {"))
    }

    /// A documented error status whose body is not the error schema (readiness' 503) is a
    /// result: accepted, and part of the return type.
    func testDocumentedErrorStatusBodiesAreResults() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertTrue(client.contains("async getReadiness(init?: RequestInit): Promise<Readiness> {"), client)
        XCTAssertTrue(client.contains("accept: [503]"), client)
        XCTAssertTrue(client.contains("Answers with status 503 are returned, not thrown"), client)
        XCTAssertEqual(client.components(separatedBy: "accept: [").count - 1, 1, "no other operation accepts an error status")
    }

    /// A fetch that throws becomes a `NetworkError`, unless the caller aborted it.
    func testNetworkFailuresAreTypedErrors() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertTrue(client.contains("""
                } catch (cause) {
                  if (init?.signal?.aborted === true) throw cause;
                  const reason = cause instanceof Error ? cause.message : String(cause);
                  throw new NetworkError(`${request.method} ${request.path} got no answer: ${reason}`, cause);
                }
            """), client)
        XCTAssertTrue(client.contains("export class NetworkError extends Error {\n"))
    }

    func testClientWithoutRefreshOperationDoesNotRefresh() {
        var model = Self.tradingModel()
        model.operations.removeAll { $0.id == "refreshToken" }
        let client = file("src/client.ts", of: model)
        XCTAssertFalse(client.contains("refresh"), client)
        XCTAssertFalse(client.contains("onTokens"))
        XCTAssertFalse(client.contains("SessionExpiredError"))
        XCTAssertTrue(client.contains("  setTokens(accessToken?: string): void {\n"))
    }

    func testPublicOperationsAreSentWithoutCredentials() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertTrue(client.contains("""
                const response = await this.execute({ method: "POST", path: "/api/v1/auth/login", body, contentType: "application/json", authenticated: false }, init);
            """) || client.contains("""
                const response = await this.execute({
                  method: "POST",
                  path: "/api/v1/auth/login",
                  body,
                  contentType: "application/json",
                  authenticated: false,
                }, init);
            """), client)
        XCTAssertTrue(client.contains("if (request.authenticated) {"))
    }

    func testApiErrorUsesDetailsTypeOfErrorResponse() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertTrue(client.contains("  readonly code: ErrorCode | (string & {});\n"))
        XCTAssertTrue(client.contains("  readonly details: ValidationIssue[] | undefined;\n"))
        XCTAssertTrue(client.contains("details: Array.isArray(details) ? (details as ValidationIssue[]) : undefined,"))
        XCTAssertTrue(client.contains("  hasCode(...codes: ErrorCode[]): boolean {\n"))
        XCTAssertTrue(client.contains("  readonly headers: Headers;\n"))
        XCTAssertTrue(client.contains("  get retryAfter(): number | undefined {\n"))
        XCTAssertTrue(client.contains("  get rateLimit(): RateLimitInfo | undefined {\n"))
    }

    func testOperationTable() {
        let client = file("src/client.ts", of: Self.tradingModel())
        XCTAssertTrue(client.contains("""
            export const OPERATIONS = {
              login: { method: "POST", path: "/api/v1/auth/login", role: "public", tag: "Auth" },
            """), client)
        XCTAssertTrue(client.contains(
            "  listOrders: { method: \"GET\", path: \"/api/v1/orders\", role: \"viewer\", tag: \"Orders\" },\n"))
    }

    // MARK: ws.ts

    func testChannelSocketHasTemplateChannelsAndTypedHandlers() {
        let socket = file("src/ws.ts", of: Self.tradingModel())
        XCTAssertTrue(socket.contains(
            "export type Channel = `market:${string}` | `kline:${string}:${Timeframe}` | \"orders\";\n"), socket)
        XCTAssertTrue(socket.contains("import type {\n  Timeframe,\n"), socket)
        XCTAssertTrue(socket.contains(
            "export class TradingSocket extends ReconnectingSocket<WsClientMessage, WsServerMessage> {\n"))
        XCTAssertTrue(socket.contains("  constructor(url: string, options: TradingSocketOptions = {}) {\n"))
        XCTAssertTrue(socket.contains("  subscribe(...channels: Channel[]): void {\n"))
        XCTAssertTrue(socket.contains("""
              on<T extends WsServerMessage["type"]>(
                type: T,
                handler: (message: Extract<WsServerMessage, { type: T }>) => void,
              ): () => void {
                return this.onMessage((message) => {
                  if (message.type === type) handler(message as Extract<WsServerMessage, { type: T }>);
                });
              }
            """), socket)
        XCTAssertTrue(socket.contains("""
              protected async handshake(): Promise<WsClientMessage[]> {
                const messages: WsClientMessage[] = [];
                let token: string | undefined;
                try {
                  token = await this.currentToken();
                } catch (error) {
                  this.fail(error);
                }
                if (token !== undefined) messages.push({ type: "auth", token });
                if (this.channels.size > 0) messages.push({ type: "subscribe", channels: [...this.channels] });
                return messages;
              }
            """), socket)
        XCTAssertTrue(socket.contains("export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);"))
        XCTAssertTrue(socket.contains("  token?: TokenSource | undefined;\n"))
        XCTAssertTrue(socket.contains(
            "  { endpoint: \"/ws\", name: \"orders\", requiredRole: \"viewer\", messages: [\"order_update\"] },\n"))
    }

    /// A channel the server refuses (its `error` names the channel) is not asked for again on
    /// reconnection; without a `channel` in the error message there is nothing to drop.
    func testRefusedChannelsAreDropped() {
        let socket = file("src/ws.ts", of: Self.tradingModel())
        XCTAssertTrue(socket.contains("""
                this.onMessage((message) => {
                  if (message.type === "error" && message.channel !== undefined) {
                    this.channels.delete(message.channel as Channel);
                  }
                });
            """), socket)
        var model = Self.tradingModel()
        let index = model.schemas.firstIndex { $0.name == "WsError" }!
        guard case .object(var error) = model.schemas[index].definition else { return XCTFail("WsError is an object") }
        error.properties.removeAll { $0.name == "channel" }
        model.schemas[index].definition = .object(error)
        XCTAssertFalse(file("src/ws.ts", of: model).contains("this.channels.delete(message"))
    }

    func testRequestSocketReplaysSubscriptions() {
        let socket = file("src/ws.ts", of: Self.tradingModel())
        XCTAssertTrue(socket.contains("export type MarketSocketRequest = Omit<WsMarketClientMessage, \"action\">;\n"))
        XCTAssertTrue(socket.contains(
            "export class MarketSocket extends ReconnectingSocket<WsMarketClientMessage, WsMarketServerMessage> {\n"))
        XCTAssertTrue(socket.contains("""
              subscribe(request: MarketSocketRequest): void {
                this.record({ ...request, action: "subscribe" });
              }
            """), socket)
        XCTAssertTrue(socket.contains("const backoff = Math.min(max, min * 2 ** this.failedAttempts);"))
    }

    func testRequestSocketOfAUnionOmitsTheActionOfEachVariant() {
        var model = Self.tradingModel()
        let index = model.schemas.firstIndex { $0.name == "WsMarketClientMessage" }!
        model.schemas[index] = NamedSchema(name: "WsMarketClientMessage", definition: .union(UnionDefinition(
            variants: ["WsMarketPricesRequest", "WsMarketBookRequest"],
            discriminator: Discriminator(propertyName: "channel", mapping: [
                ("market", "WsMarketPricesRequest"), ("orderbook", "WsMarketBookRequest"),
            ]))))
        model.schemas += [
            Self.object("WsMarketPricesRequest", [
                Self.property("action", .named("WsMarketAction")), Self.property("channel", .string(.plain), constant: "market"),
                Self.property("symbols", .array(Schema(.string(.plain)))),
            ]),
            Self.object("WsMarketBookRequest", [
                Self.property("action", .named("WsMarketAction")), Self.property("channel", .string(.plain), constant: "orderbook"),
                Self.property("symbol", .string(.plain)),
            ]),
        ]
        let socket = file("src/ws.ts", of: model)
        XCTAssertTrue(socket.contains("""
            export type MarketSocketRequest =
              | Omit<WsMarketPricesRequest, "action">
              | Omit<WsMarketBookRequest, "action">;
            """), socket)
        XCTAssertTrue(socket.contains("  subscribe(request: MarketSocketRequest): void {\n"), socket)
        XCTAssertTrue(socket.contains("  WsMarketBookRequest,\n"), "the variants are imported")
    }

    func testModelWithoutSocketsHasNoSocketModule() {
        var model = Self.tradingModel()
        model.webSockets = []
        let files = TypeScriptEmitter.emit(model)
        XCTAssertFalse(files.contains { $0.path == "src/ws.ts" })
        XCTAssertEqual(files.first { $0.path == "src/index.ts" }?.contents, """
            // Generated from openapi.yaml by trading-server codegen. Do not edit.

            export * from "./types.js";
            export * from "./client.js";

            """)
    }

    // MARK: Package

    func testPackageFiles() throws {
        let model = Self.tradingModel()
        let files = TypeScriptEmitter.emit(model)
        XCTAssertEqual(files.map(\.path), [
            "src/types.ts", "src/client.ts", "src/ws.ts", "src/index.ts", "package.json", "tsconfig.json",
            "tsconfig.build.json", ".gitignore", "README.md",
        ])
        XCTAssertTrue(file("README.md", of: model).contains("npm install path/to/trading-client-1.2.3.tgz"))
        let package = file("package.json", of: model)
        XCTAssertFalse(package.contains("ependencies"))
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(package.utf8)) as? [String: Any])
        XCTAssertEqual(manifest["name"] as? String, "@trading/client")
        XCTAssertEqual(manifest["version"] as? String, "1.2.3")
        XCTAssertEqual(manifest["type"] as? String, "module")
        XCTAssertEqual(manifest["sideEffects"] as? Bool, false)
        XCTAssertEqual(manifest["files"] as? [String], ["dist", "src"])
        let exports = try XCTUnwrap((manifest["exports"] as? [String: Any])?["."] as? [String: String])
        XCTAssertEqual(exports, ["types": "./dist/index.d.ts", "import": "./dist/index.js"])
        let scripts = try XCTUnwrap(manifest["scripts"] as? [String: String])
        XCTAssertEqual(scripts["build"], "tsc -p tsconfig.build.json")
        XCTAssertEqual(scripts["prepack"], "npm run build")
        let tsconfig = file("tsconfig.json", of: model)
        XCTAssertTrue(tsconfig.contains("\"noUncheckedIndexedAccess\": true"))
        XCTAssertTrue(tsconfig.contains("\"exactOptionalPropertyTypes\": true"))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(tsconfig.utf8)))
        let build = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(file("tsconfig.build.json", of: model).utf8))
            as? [String: Any])
        let options = try XCTUnwrap(build["compilerOptions"] as? [String: Any])
        XCTAssertEqual(options["outDir"] as? String, "dist")
        XCTAssertEqual(options["declaration"] as? Bool, true)
        XCTAssertEqual(options["sourceMap"] as? Bool, true)
    }

    /// Node loads ES modules only through relative specifiers with their extension.
    func testRelativeImportsNameTheirJavaScriptFiles() {
        for file in TypeScriptEmitter.emit(Self.tradingModel()) where file.path.hasSuffix(".ts") {
            for line in file.contents.split(separator: "\n") where line.contains("from \"./") {
                XCTAssertTrue(line.hasSuffix(".js\";"), "\(file.path): \(line)")
            }
        }
    }

    func testOutputIsDeterministic() {
        let first = TypeScriptEmitter.emit(Self.tradingModel())
        let second = TypeScriptEmitter.emit(Self.tradingModel())
        XCTAssertEqual(first.map(\.path), second.map(\.path))
        XCTAssertEqual(first.map(\.contents), second.map(\.contents))
    }

    // MARK: End to end

    /// Writes the client of the test model to a folder and type-checks it with `tsc`.
    func testEmittedClientTypeChecks() throws {
        let tsc = "/usr/bin/tsc"
        guard FileManager.default.isExecutableFile(atPath: tsc) else {
            throw XCTSkip("tsc is not installed (apt-get install node-typescript)")
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("typescript-client-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in TypeScriptEmitter.emit(Self.tradingModel()) {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tsc)
        process.arguments = ["--noEmit", "-p", directory.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "tsc reported:\n\(text)")
    }

    // MARK: The test model

    private func file(_ path: String, of model: OpenAPIModel) -> String {
        TypeScriptEmitter.emit(model).first { $0.path == path }?.contents ?? ""
    }

    private static func property(
        _ name: String, _ type: SchemaType, required: Bool = true, nullable: Bool = false, description: String? = nil,
        constant: String? = nil
    ) -> Property {
        var constraints = Constraints()
        constraints.constant = constant
        return Property(
            name: name, schema: Schema(type, nullable: nullable, constraints: constraints, description: description),
            required: required)
    }

    private static func object(_ name: String, _ properties: [Property], description: String? = nil) -> NamedSchema {
        NamedSchema(name: name, definition: .object(ObjectDefinition(properties: properties, closed: false)),
                    description: description)
    }

    private static func parameter(
        _ name: String, _ location: ParameterLocation, _ schema: Schema, required: Bool = false,
        commaSeparated: Bool = false, description: String? = nil
    ) -> Parameter {
        Parameter(name: name, location: location, required: required, schema: schema,
                  commaSeparated: commaSeparated, description: description)
    }

    private static func operation(
        _ id: String, _ method: String, _ path: String, tag: String, role: RequiredRole, summary: String? = nil,
        errors: [String] = [], parameters: [Parameter] = [], body: RequestBody? = nil,
        success: (status: Int, contentType: String?, schema: Schema?), session: SessionRole? = nil,
        extra: [Response] = []
    ) -> CodegenCore.Operation {
        Operation(
            id: id, method: method, path: path, tag: tag, summary: summary, description: nil, requiredRole: role,
            rateClass: "standard", errorCodes: errors, parameters: parameters, requestBody: body,
            responses: [
                Response(status: success.status, description: "OK", contentType: success.contentType,
                         schema: success.schema, isError: false, headers: []),
                Response(status: 400, description: "Bad request", contentType: "application/json",
                         schema: Schema(.named("ErrorResponse")), isError: true, headers: []),
            ] + extra,
            session: session)
    }

    /// A small trading API: orders, auth with refresh, klines, the spec as YAML, and both sockets.
    static func tradingModel() -> OpenAPIModel {
        let json = "application/json"
        let decimal = SchemaType.named("Decimal")
        let schemas: [NamedSchema] = [
            NamedSchema(name: "Decimal", definition: .alias(Schema(.string(.decimal)))),
            NamedSchema(name: "OrderSide", definition: .enumeration(["Buy", "Sell"]), description: "The side of an order."),
            NamedSchema(name: "OrderStatus", definition: .enumeration(["Pending", "Open", "Filled", "Cancelled"])),
            NamedSchema(name: "Timeframe", definition: .enumeration(["1m", "1h"])),
            NamedSchema(name: "PricedOrderType", definition: .enumeration(["Limit", "StopLoss"])),
            object("MarketOrderRequest", [
                property("order_type", .string(.plain), constant: "Market"), property("quantity", decimal),
            ]),
            object("PricedOrderRequest", [
                property("order_type", .named("PricedOrderType")), property("quantity", decimal), property("price", decimal),
            ]),
            NamedSchema(name: "CreateOrderRequest", definition: .union(UnionDefinition(
                variants: ["MarketOrderRequest", "PricedOrderRequest"],
                discriminator: Discriminator(propertyName: "order_type", mapping: [
                    ("Market", "MarketOrderRequest"), ("Limit", "PricedOrderRequest"), ("StopLoss", "PricedOrderRequest"),
                ])))),
            NamedSchema(name: "ErrorCode", definition: .enumeration(["VALIDATION_ERROR", "TOKEN_EXPIRED", "ORDER_NOT_FOUND"])),
            object("ValidationIssue", [property("field", .string(.plain)), property("message", .string(.plain))]),
            object("ErrorResponse", [
                property("code", .named("ErrorCode")), property("message", .string(.plain)),
                property("details", .array(Schema(.named("ValidationIssue"))), required: false),
                property("request_id", .string(.plain), required: false),
            ]),
            object("Order", [
                property("id", .string(.uuid)), property("symbol", .string(.plain)), property("side", .named("OrderSide")),
                Property(name: "price", schema: Schema(.string(.decimal), nullable: true,
                                                       description: "Limit price; null for market orders."), required: false),
                property("created_at", .string(.dateTime)),
                property("tags", .array(Schema(.string(.plain))), required: false),
                property("metadata", .anyObject, required: false),
                property("extra", .any, required: false),
            ], description: "An order."),
            object("OrderList", [property("orders", .array(Schema(.named("Order")))), property("total", .integer(bits: 64))]),
            object("CancelOrderRequest", [property("reason", .string(.plain), required: false)]),
            object("LoginRequest", [property("username", .string(.plain)), property("password", .string(.plain))]),
            object("RefreshRequest", [property("refresh_token", .string(.plain))]),
            object("TokenPair", [
                property("access_token", .string(.plain)), property("refresh_token", .string(.plain)),
                property("expires_in", .integer(bits: 32)), property("token_type", .string(.plain), constant: "Bearer"),
            ]),
            object("Kline", [
                property("timestamp", .integer(bits: 64)), property("open", decimal), property("close", decimal),
            ]),
            object("KlineMulti", [
                property("symbol", .string(.plain)), property("data", .map(Schema(.array(Schema(.named("Kline")))))),
                property("1m", .array(Schema(.named("Kline"))), required: false),
                property("levels", .array(Schema(decimal, nullable: true))),
            ]),
            object("WsAuth", [property("type", .string(.plain), constant: "auth"), property("token", .string(.plain))]),
            object("WsSubscribe", [
                property("type", .string(.plain), constant: "subscribe"), property("channels", .array(Schema(.string(.plain)))),
            ]),
            object("WsUnsubscribe", [
                property("type", .string(.plain), constant: "unsubscribe"), property("channels", .array(Schema(.string(.plain)))),
            ]),
            object("WsPing", [property("type", .string(.plain), required: false, constant: "ping")]),
            NamedSchema(name: "WsClientMessage", definition: .union(UnionDefinition(
                variants: ["WsAuth", "WsSubscribe", "WsUnsubscribe", "WsPing"],
                discriminator: Discriminator(propertyName: "type", mapping: [
                    ("auth", "WsAuth"), ("subscribe", "WsSubscribe"), ("unsubscribe", "WsUnsubscribe"), ("ping", "WsPing"),
                ])))),
            object("WsTicker", [
                property("type", .string(.plain), constant: "ticker"), property("symbol", .string(.plain)),
                property("price", decimal), property("timestamp", .integer(bits: 64)),
            ]),
            object("WsError", [
                property("type", .string(.plain), constant: "error"), property("code", .string(.plain)),
                property("message", .string(.plain)), property("channel", .string(.plain), required: false),
            ]),
            object("Readiness", [property("status", .string(.plain))]),
            NamedSchema(name: "WsServerMessage", definition: .union(UnionDefinition(
                variants: ["WsTicker", "WsError"],
                discriminator: Discriminator(propertyName: "type", mapping: [("ticker", "WsTicker"), ("error", "WsError")])))),
            NamedSchema(name: "WsMarketAction", definition: .enumeration(["subscribe", "unsubscribe"])),
            NamedSchema(name: "WsMarketChannel", definition: .enumeration(["market", "orderbook"])),
            object("WsMarketClientMessage", [
                property("action", .named("WsMarketAction")), property("channel", .named("WsMarketChannel")),
                property("symbols", .array(Schema(.string(.plain))), required: false),
                property("symbol", .string(.plain), required: false), property("depth", .integer(bits: 32), required: false),
            ]),
            object("WsMarketServerMessage", [
                property("symbol", .string(.plain)), property("price", decimal, required: false),
                property("bids", .array(Schema(.array(Schema(decimal)))), required: false),
                property("timestamp", .string(.dateTime)),
            ]),
        ]
        let operations: [CodegenCore.Operation] = [
            operation("login", "POST", "/api/v1/auth/login", tag: "Auth", role: .public, summary: "Log in",
                      body: RequestBody(required: true, contentType: json, schema: Schema(.named("LoginRequest"))),
                      success: (200, json, Schema(.named("TokenPair"))), session: .login),
            operation("refreshToken", "POST", "/api/v1/auth/refresh", tag: "Auth", role: .public,
                      body: RequestBody(required: true, contentType: json, schema: Schema(.named("RefreshRequest"))),
                      success: (200, json, Schema(.named("TokenPair"))), session: .refresh),
            operation("logout", "POST", "/api/v1/auth/logout", tag: "Auth", role: .viewer, success: (204, nil, nil),
                      session: .logout),
            operation("getReadiness", "GET", "/health/ready", tag: "Meta", role: .public,
                      success: (200, json, Schema(.named("Readiness"))),
                      extra: [Response(status: 503, description: "Not ready", contentType: json,
                                       schema: Schema(.named("Readiness")), isError: false, headers: [])]),
            operation("listOrders", "GET", "/api/v1/orders", tag: "Orders", role: .viewer, summary: "List active orders",
                      parameters: [
                          parameter("symbol", .query, Schema(.string(.plain)), description: "Only orders of this symbol."),
                          parameter("status", .query, Schema(.array(Schema(.named("OrderStatus"))))),
                          parameter("limit", .query, Schema(.integer(bits: 32), defaultValue: .int(100))),
                      ],
                      success: (200, json, Schema(.named("OrderList")))),
            operation("getOrder", "GET", "/api/v1/orders/{id}", tag: "Orders", role: .viewer, summary: "Get one order",
                      errors: ["ORDER_NOT_FOUND"], parameters: [parameter("id", .path, Schema(.string(.uuid)), required: true)],
                      success: (200, json, Schema(.named("Order")))),
            operation("cancelOrder", "DELETE", "/api/v1/orders/{id}", tag: "Orders", role: .trader,
                      errors: ["ORDER_NOT_FOUND"],
                      parameters: [
                          parameter("id", .path, Schema(.string(.uuid)), required: true),
                          parameter("Idempotency-Key", .header, Schema(.string(.plain))),
                      ],
                      body: RequestBody(required: false, contentType: json, schema: Schema(.named("CancelOrderRequest"))),
                      success: (200, json, Schema(.named("Order")))),
            operation("getMultiKlines", "GET", "/api/v1/market/klines/multi", tag: "Market", role: .viewer,
                      parameters: [
                          parameter("symbol", .query, Schema(.string(.plain)), required: true),
                          parameter("timeframes", .query, Schema(.array(Schema(.string(.plain)))), required: true,
                                    commaSeparated: true),
                      ],
                      success: (200, json, Schema(.named("KlineMulti")))),
            operation("getSpec", "GET", "/openapi.yaml", tag: "Meta", role: .public,
                      success: (200, "application/yaml", Schema(.string(.plain)))),
        ]
        return OpenAPIModel(
            title: "Trading API", version: "1.2.3",
            tags: [Tag(name: "Auth", description: nil), Tag(name: "Orders", description: nil),
                   Tag(name: "Market", description: nil), Tag(name: "Meta", description: nil)],
            schemas: schemas, operations: operations,
            errorCodes: [
                ErrorCodeInfo(code: "VALIDATION_ERROR", status: 400, message: "Invalid request"),
                ErrorCodeInfo(code: "TOKEN_EXPIRED", status: 401, message: "Token expired"),
                ErrorCodeInfo(code: "ORDER_NOT_FOUND", status: 404, message: "Order not found"),
            ],
            webSockets: [
                WebSocketEndpoint(
                    path: "/ws", summary: "Market data and account updates", requiredRole: .public,
                    clientMessage: "WsClientMessage", serverMessage: "WsServerMessage",
                    channels: [
                        WebSocketChannel(name: "market:{symbol}", description: "Ticker and trades of one symbol",
                                         messages: ["ticker", "trade"], requiredRole: .public),
                        WebSocketChannel(name: "kline:{symbol}:{timeframe}", description: nil, messages: ["kline"],
                                         requiredRole: .public, parameterSchemas: ["timeframe": Schema(.named("Timeframe"))]),
                        WebSocketChannel(name: "orders", description: nil, messages: ["order_update"], requiredRole: .viewer),
                    ]),
                WebSocketEndpoint(
                    path: "/ws/market", summary: nil, requiredRole: .public,
                    clientMessage: "WsMarketClientMessage", serverMessage: "WsMarketServerMessage", channels: []),
            ])
    }
}
