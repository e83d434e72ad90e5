// Generated from openapi.yaml by trading-server codegen. Do not edit.
// The HTTP client of Trading API Server 1.0.0: one typed method per operation.

import type {
  AddWatchlistItemParams,
  AddWatchlistItemRequest,
  ApiKeyList,
  CancelOrderParams,
  CancelOrderRequest,
  CancelOrderResponse,
  CostBasis,
  CreateApiKeyRequest,
  CreateOrderRequest,
  CreateStrategyRequest,
  CreateUserRequest,
  CreateWatchlistRequest,
  CreatedApiKey,
  DatasetCandles,
  DatasetDeleteResponse,
  DatasetFetchRequest,
  DatasetJob,
  DatasetList,
  DeleteApiKeyParams,
  DeleteDatasetCandlesParams,
  DeleteStrategyParams,
  DeleteSymbolCascadeParams,
  DeleteUserParams,
  EngineStats,
  ErrorCode,
  ErrorRecordList,
  ErrorStats,
  ExecutionList,
  FailedSymbolList,
  GetCostBasisParams,
  GetDatasetCandlesParams,
  GetMarketHistoryParams,
  GetMarketPriceParams,
  GetMultiTimeframeKlinesParams,
  GetOrderBookParams,
  GetOrderParams,
  GetPositionParams,
  GetPredictionParams,
  GetRankingParams,
  GetRealityCheckHistoryParams,
  GetRealityCheckStatsParams,
  GetRiskMetricsParams,
  GetSevenFactorScoreParams,
  GetStrategyParams,
  GetSymbolStatusStatsParams,
  HealthResponse,
  JournalPositionList,
  ListCriticalErrorsParams,
  ListDatasetFailedSymbolsParams,
  ListDatasetsParams,
  ListErrorsParams,
  ListExecutionsParams,
  ListFailedSymbolsParams,
  ListOrdersParams,
  ListPositionsParams,
  ListUsersParams,
  LoginRequest,
  MarketHistory,
  MarketPrice,
  MultiTimeframeKlines,
  OpenPortfolioPositionRequest,
  OpenPortfolioPositionResponse,
  Order,
  OrderBook,
  OrderDetail,
  OrderList,
  OrderStats,
  OrphanCleanupResponse,
  PortfolioPositionList,
  Position,
  PositionList,
  PositionSummary,
  Prediction,
  RankingList,
  ReactivateSymbolParams,
  ReactivateSymbolsRequest,
  ReactivateSymbolsResponse,
  ReadinessResponse,
  RealityCheckHistory,
  RealityCheckStats,
  RefreshRequest,
  RemoveWatchlistItemParams,
  RiskMetrics,
  ScreeningCacheRefreshResponse,
  ScreeningFilterRequest,
  ScreeningPresetList,
  ScreeningResultList,
  SearchSymbolsParams,
  SevenFactorBatchResponse,
  SevenFactorScore,
  StartStrategyParams,
  StopStrategyParams,
  StrategyActionResponse,
  StrategyConfigResponse,
  StrategyDetail,
  StrategyList,
  StrategyTypeList,
  SuccessResponse,
  SymbolBatchResponse,
  SymbolDeleteResponse,
  SymbolReactivateResponse,
  SymbolSearchResult,
  SymbolStatusStats,
  SymbolSyncResponse,
  SyncSymbolsParams,
  SystemSummary,
  TelegramTestRequest,
  TelegramTestResponse,
  TickerBatchRequest,
  TokenResponse,
  UpdateStrategyConfigParams,
  UpdateStrategyConfigRequest,
  UpdateUserParams,
  UpdateUserRequest,
  User,
  UserList,
  ValidationIssue,
  WatchlistGroup,
  WatchlistItem,
  WatchlistList,
} from "./types";

/** A failed call: the HTTP status and the `{code, message}` body the server answered with. */
export class ApiError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The error code of the body, or `HTTP_<status>` when the body was not an API error. */
  readonly code: ErrorCode | string;
  /** What exactly was wrong, for validation errors. */
  readonly details?: ValidationIssue[];
  /** The server's id of the request, to find it in the server's logs. */
  readonly requestId?: string;

  constructor(
    status: number,
    code: ErrorCode | string,
    message: string,
    details?: ValidationIssue[],
    requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** Reads the error body of a failed response; falls back to the status text when it is not JSON. */
  static async fromResponse(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => "");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (typeof body === "object" && body !== null) {
      const { code, message, details, request_id: requestId } = body as Record<string, unknown>;
      if (typeof code === "string") {
        return new ApiError(
          response.status,
          code,
          typeof message === "string" ? message : response.statusText,
          Array.isArray(details) ? (details as ValidationIssue[]) : undefined,
          typeof requestId === "string" ? requestId : undefined,
        );
      }
    }
    return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
  }
}

/** Where the server is and which credentials to send. */
export interface ClientOptions {
  /** The server's origin, e.g. `https://trading.example.com`; operation paths are appended to it. */
  baseUrl: string;
  /** A JWT access token, sent as `Authorization: Bearer <token>`. */
  accessToken?: string;
  /** The refresh token that gets a new pair when the access token expires. */
  refreshToken?: string;
  /** An API key, sent as `X-API-Key` when no access token is set. */
  apiKey?: string;
  /** The fetch implementation; the global `fetch` by default. */
  fetch?: typeof fetch;
  /** Called with every new token pair the client gets by refreshing, e.g. to store it. */
  onTokens?: (tokens: TokenResponse) => void;
}

/** One request as an operation method prepares it. */
interface PreparedRequest {
  method: string;
  /** The path with its parameters substituted. */
  path: string;
  query?: URLSearchParams;
  /** Header parameters. */
  headers?: Record<string, string>;
  /** The body: JSON-encoded when `contentType` is a JSON type, sent as it is otherwise. */
  body?: unknown;
  contentType?: string;
  /** False for public operations, which are sent without credentials. */
  authenticated: boolean;
}

/**
 * The client of Trading API Server 1.0.0. Each operation of the spec is one method; a failed call throws an `ApiError`.
 *
 * An access token that expired is refreshed once, shared by every request that met it, and the request is retried.
 */
export class TradingClient {
  private readonly baseUrl: string;
  private readonly fetchFunction: typeof fetch;
  private readonly tokenListener: ((tokens: TokenResponse) => void) | undefined;
  private readonly credentials: { accessToken?: string; refreshToken?: string; apiKey?: string };
  /** The refresh in flight, shared by every request that met an expired token. */
  private pendingRefresh: Promise<void> | undefined;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.fetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
    this.tokenListener = options.onTokens;
    this.credentials = {
      accessToken: options.accessToken,
      refreshToken: options.refreshToken,
      apiKey: options.apiKey,
    };
  }

  /** Replaces the token pair, e.g. after logging in; without arguments, forgets it. */
  setTokens(accessToken?: string, refreshToken?: string): void {
    this.credentials.accessToken = accessToken;
    this.credentials.refreshToken = refreshToken;
  }

  /** Sets the API key sent when no access token is set; `undefined` forgets it. */
  setApiKey(apiKey: string | undefined): void {
    this.credentials.apiKey = apiKey;
  }

  /**
   * Sends a request and returns its successful response, or throws an `ApiError`. When the access
   * token has expired, refreshes the pair once (shared with concurrent requests) and retries once.
   */
  private async execute(request: PreparedRequest, init: RequestInit | undefined): Promise<Response> {
    const usedToken = this.credentials.accessToken;
    const response = await this.attempt(request, init);
    if (response.ok) return response;
    const error = await ApiError.fromResponse(response);
    if (error.status !== 401 || error.code !== "TOKEN_EXPIRED" || !request.authenticated) throw error;
    if (this.credentials.refreshToken === undefined) throw error;
    try {
      // Another request may have refreshed the pair while this one was in flight.
      if (this.credentials.accessToken === usedToken) await this.sharedRefresh();
    } catch {
      throw error;
    }
    const retried = await this.attempt(request, init);
    if (!retried.ok) throw await ApiError.fromResponse(retried);
    return retried;
  }

  /** Refreshes the token pair; concurrent callers share one refresh request. */
  private sharedRefresh(): Promise<void> {
    if (this.pendingRefresh === undefined) {
      this.pendingRefresh = this.renewTokens().finally(() => {
        this.pendingRefresh = undefined;
      });
    }
    return this.pendingRefresh;
  }

  private async renewTokens(): Promise<void> {
    const refreshToken = this.credentials.refreshToken;
    if (refreshToken === undefined) throw new Error("no refresh token");
    const tokens = await this.refreshToken({ refresh_token: refreshToken });
    this.setTokens(tokens.access_token, tokens.refresh_token);
    this.tokenListener?.(tokens);
  }

  /** One fetch of the request with the current credentials. */
  private attempt(request: PreparedRequest, init: RequestInit | undefined): Promise<Response> {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
    let body: BodyInit | undefined;
    if (request.body !== undefined) {
      const contentType = request.contentType ?? "application/json";
      // A multipart body sets its own content type, with the boundary.
      if (!contentType.startsWith("multipart/")) headers.set("Content-Type", contentType);
      body = contentType.includes("json") ? JSON.stringify(request.body) : (request.body as BodyInit);
    }
    if (request.authenticated) {
      if (this.credentials.accessToken !== undefined) {
        headers.set("Authorization", `Bearer ${this.credentials.accessToken}`);
      } else if (this.credentials.apiKey !== undefined) {
        headers.set("X-API-Key", this.credentials.apiKey);
      }
    }
    const query = request.query?.toString() ?? "";
    const url = this.baseUrl + request.path + (query === "" ? "" : `?${query}`);
    // Called unbound: a browser's fetch throws "Illegal invocation" when called as a method of another object.
    const fetchFunction = this.fetchFunction;
    return fetchFunction(url, { ...init, method: request.method, headers, body });
  }

  /**
   * Log in and obtain tokens
   *
   * Exchanges a username and password for an access token (30 minutes) and a refresh token.
   *
   * `POST /api/v1/auth/login`, role: public (sent without credentials)
   *
   * @throws {ApiError} INVALID_CREDENTIALS, VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, IP_NOT_ALLOWED,
   * INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async login(body: LoginRequest, init?: RequestInit): Promise<TokenResponse> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/auth/login",
      body,
      contentType: "application/json",
      authenticated: false,
    }, init);
    return (await response.json()) as TokenResponse;
  }

  /**
   * Refresh the token pair
   *
   * Rotates the refresh token: the presented token is spent and a new pair is returned. Presenting an already spent
   * refresh token revokes its whole family (answer INVALID_TOKEN).
   *
   * `POST /api/v1/auth/refresh`, role: public (sent without credentials)
   *
   * @throws {ApiError} INVALID_TOKEN, TOKEN_EXPIRED, VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, IP_NOT_ALLOWED,
   * INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async refreshToken(body: RefreshRequest, init?: RequestInit): Promise<TokenResponse> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/auth/refresh",
      body,
      contentType: "application/json",
      authenticated: false,
    }, init);
    return (await response.json()) as TokenResponse;
  }

  /**
   * Log out
   *
   * Ends the caller's session at once. Its refresh-token family is revoked and every access token of the session is
   * refused from the next request on (INVALID_TOKEN). A caller using an API key has no session; nothing changes.
   *
   * `POST /api/v1/auth/logout`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async logout(init?: RequestInit): Promise<SuccessResponse> {
    const response = await this.execute({ method: "POST", path: "/api/v1/auth/logout", authenticated: true }, init);
    return (await response.json()) as SuccessResponse;
  }

  /**
   * Get the current user
   *
   * The user behind the bearer token or API key.
   *
   * `GET /api/v1/auth/me`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getCurrentUser(init?: RequestInit): Promise<User> {
    const response = await this.execute({ method: "GET", path: "/api/v1/auth/me", authenticated: true }, init);
    return (await response.json()) as User;
  }

  /**
   * Liveness check
   *
   * `GET /health`, role: public (sent without credentials)
   *
   * @throws {ApiError} INTERNAL_ERROR
   */
  async getHealth(init?: RequestInit): Promise<HealthResponse> {
    const response = await this.execute({ method: "GET", path: "/health", authenticated: false }, init);
    return (await response.json()) as HealthResponse;
  }

  /**
   * Readiness check
   *
   * Checks every component. Answers 200 when ready and 503 (same body) when not. `redis` reports `disabled` when none
   * is configured.
   *
   * `GET /health/ready`, role: public (sent without credentials)
   *
   * @throws {ApiError} INTERNAL_ERROR
   */
  async getReadiness(init?: RequestInit): Promise<ReadinessResponse> {
    const response = await this.execute({ method: "GET", path: "/health/ready", authenticated: false }, init);
    return (await response.json()) as ReadinessResponse;
  }

  /**
   * List users
   *
   * `GET /api/v1/users`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listUsers(params: ListUsersParams = {}, init?: RequestInit): Promise<UserList> {
    const query = new URLSearchParams();
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({ method: "GET", path: "/api/v1/users", query, authenticated: true }, init);
    return (await response.json()) as UserList;
  }

  /**
   * Create a user
   *
   * `POST /api/v1/users`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async createUser(body: CreateUserRequest, init?: RequestInit): Promise<User> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/users",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as User;
  }

  /**
   * Delete a user
   *
   * Deletes the user with their API keys and tokens. An admin cannot delete itself, so an admin always remains; the
   * caller's own id answers 409 CONFLICT.
   *
   * `DELETE /api/v1/users/{id}`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, CONFLICT, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async deleteUser(params: DeleteUserParams, init?: RequestInit): Promise<SuccessResponse> {
    const response = await this.execute({
      method: "DELETE",
      path: `/api/v1/users/${encodeURIComponent(params.id)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as SuccessResponse;
  }

  /**
   * Update a user
   *
   * Changes the role, the password or the `disabled` flag. Disabling a user or changing the password revokes their
   * refresh tokens. An admin cannot disable or demote itself, so an enabled admin always remains; setting `disabled` to
   * true or `role` to anything but admin on the caller's own id answers 409 CONFLICT.
   *
   * `PATCH /api/v1/users/{id}`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async updateUser(params: UpdateUserParams, body: UpdateUserRequest, init?: RequestInit): Promise<User> {
    const response = await this.execute({
      method: "PATCH",
      path: `/api/v1/users/${encodeURIComponent(params.id)}`,
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as User;
  }

  /**
   * List API keys
   *
   * The caller's keys; an admin sees every key.
   *
   * `GET /api/v1/api-keys`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listApiKeys(init?: RequestInit): Promise<ApiKeyList> {
    const response = await this.execute({ method: "GET", path: "/api/v1/api-keys", authenticated: true }, init);
    return (await response.json()) as ApiKeyList;
  }

  /**
   * Create an API key
   *
   * The key's role must not exceed the caller's (INSUFFICIENT_PERMISSION). An `expires_at` that is not in the future
   * (by the server's clock) answers 409 CONFLICT; without one the key never expires. The secret `key` appears only in
   * this answer; send it as `X-API-Key`.
   *
   * `POST /api/v1/api-keys`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async createApiKey(body: CreateApiKeyRequest, init?: RequestInit): Promise<CreatedApiKey> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/api-keys",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as CreatedApiKey;
  }

  /**
   * Delete an API key
   *
   * Revokes one of the caller's keys (an admin: anyone's).
   *
   * `DELETE /api/v1/api-keys/{id}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async deleteApiKey(params: DeleteApiKeyParams, init?: RequestInit): Promise<SuccessResponse> {
    const response = await this.execute({
      method: "DELETE",
      path: `/api/v1/api-keys/${encodeURIComponent(params.id)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as SuccessResponse;
  }

  /**
   * List strategies
   *
   * `GET /api/v1/strategies`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listStrategies(init?: RequestInit): Promise<StrategyList> {
    const response = await this.execute({ method: "GET", path: "/api/v1/strategies", authenticated: true }, init);
    return (await response.json()) as StrategyList;
  }

  /**
   * Create a strategy instance
   *
   * Creates a stopped strategy instance; `config` is validated against the type's config schema. CONFLICT when the id
   * is taken.
   *
   * `POST /api/v1/strategies`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async createStrategy(body: CreateStrategyRequest, init?: RequestInit): Promise<StrategyDetail> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/strategies",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as StrategyDetail;
  }

  /**
   * Get engine statistics
   *
   * `GET /api/v1/strategies/stats`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getStrategyStats(init?: RequestInit): Promise<EngineStats> {
    const response = await this.execute({ method: "GET", path: "/api/v1/strategies/stats", authenticated: true }, init);
    return (await response.json()) as EngineStats;
  }

  /**
   * List strategy types
   *
   * Every strategy type with its config schema and defaults.
   *
   * `GET /api/v1/strategies/types`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listStrategyTypes(init?: RequestInit): Promise<StrategyTypeList> {
    const response = await this.execute({ method: "GET", path: "/api/v1/strategies/types", authenticated: true }, init);
    return (await response.json()) as StrategyTypeList;
  }

  /**
   * Get a strategy
   *
   * `GET /api/v1/strategies/{id}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * STRATEGY_NOT_FOUND, VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getStrategy(params: GetStrategyParams, init?: RequestInit): Promise<StrategyDetail> {
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/strategies/${encodeURIComponent(params.id)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as StrategyDetail;
  }

  /**
   * Delete a strategy instance
   *
   * Only a stopped strategy can be deleted (ALREADY_RUNNING otherwise).
   *
   * `DELETE /api/v1/strategies/{id}`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * STRATEGY_NOT_FOUND, ALREADY_RUNNING, VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async deleteStrategy(params: DeleteStrategyParams, init?: RequestInit): Promise<SuccessResponse> {
    const response = await this.execute({
      method: "DELETE",
      path: `/api/v1/strategies/${encodeURIComponent(params.id)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as SuccessResponse;
  }

  /**
   * Start a strategy
   *
   * `POST /api/v1/strategies/{id}/start`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * STRATEGY_NOT_FOUND, ALREADY_RUNNING, VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async startStrategy(params: StartStrategyParams, init?: RequestInit): Promise<StrategyActionResponse> {
    const response = await this.execute({
      method: "POST",
      path: `/api/v1/strategies/${encodeURIComponent(params.id)}/start`,
      authenticated: true,
    }, init);
    return (await response.json()) as StrategyActionResponse;
  }

  /**
   * Stop a strategy
   *
   * `POST /api/v1/strategies/{id}/stop`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * STRATEGY_NOT_FOUND, NOT_RUNNING, VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async stopStrategy(params: StopStrategyParams, init?: RequestInit): Promise<StrategyActionResponse> {
    const response = await this.execute({
      method: "POST",
      path: `/api/v1/strategies/${encodeURIComponent(params.id)}/stop`,
      authenticated: true,
    }, init);
    return (await response.json()) as StrategyActionResponse;
  }

  /**
   * Update a strategy configuration
   *
   * Validated against the strategy type's config schema (VALIDATION_ERROR with `details`). A running strategy picks the
   * new configuration up on its next cycle.
   *
   * `PUT /api/v1/strategies/{id}/config`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * STRATEGY_NOT_FOUND, VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async updateStrategyConfig(
    params: UpdateStrategyConfigParams,
    body: UpdateStrategyConfigRequest,
    init?: RequestInit,
  ): Promise<StrategyConfigResponse> {
    const response = await this.execute({
      method: "PUT",
      path: `/api/v1/strategies/${encodeURIComponent(params.id)}/config`,
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as StrategyConfigResponse;
  }

  /**
   * List active orders
   *
   * Orders in status Pending, Open or PartiallyFilled, newest first.
   *
   * `GET /api/v1/orders`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listOrders(params: ListOrdersParams = {}, init?: RequestInit): Promise<OrderList> {
    const query = new URLSearchParams();
    if (params.symbol !== undefined) query.set("symbol", params.symbol);
    if (params.strategy_id !== undefined) query.set("strategy_id", params.strategy_id);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({ method: "GET", path: "/api/v1/orders", query, authenticated: true }, init);
    return (await response.json()) as OrderList;
  }

  /**
   * Place a manual order
   *
   * `price` is required for Limit, StopLoss and TakeProfit orders, and a Market order has none: the body is a
   * `CreateOrderRequest`, told apart by `order_type`. A body breaking this is answered 400 `VALIDATION_ERROR` naming
   * the field.
   *
   * `POST /api/v1/orders`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001, MARKET_002,
   * PORT_001
   */
  async createOrder(body: CreateOrderRequest, init?: RequestInit): Promise<Order> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/orders",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as Order;
  }

  /**
   * Get active order statistics
   *
   * `GET /api/v1/orders/stats`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getOrderStats(init?: RequestInit): Promise<OrderStats> {
    const response = await this.execute({ method: "GET", path: "/api/v1/orders/stats", authenticated: true }, init);
    return (await response.json()) as OrderStats;
  }

  /**
   * Get an order
   *
   * `GET /api/v1/orders/{id}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * ORDER_NOT_FOUND, INVALID_ORDER_ID, VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getOrder(params: GetOrderParams, init?: RequestInit): Promise<OrderDetail> {
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/orders/${encodeURIComponent(params.id)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as OrderDetail;
  }

  /**
   * Cancel an order
   *
   * CONFLICT when the order is no longer active; CANCEL_FAILED when the exchange refuses the cancellation.
   *
   * `DELETE /api/v1/orders/{id}`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * ORDER_NOT_FOUND, INVALID_ORDER_ID, VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, CANCEL_FAILED,
   * INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async cancelOrder(
    params: CancelOrderParams,
    body?: CancelOrderRequest,
    init?: RequestInit,
  ): Promise<CancelOrderResponse> {
    const response = await this.execute({
      method: "DELETE",
      path: `/api/v1/orders/${encodeURIComponent(params.id)}`,
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as CancelOrderResponse;
  }

  /**
   * List open positions
   *
   * `GET /api/v1/positions`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listPositions(params: ListPositionsParams = {}, init?: RequestInit): Promise<PositionList> {
    const query = new URLSearchParams();
    if (params.symbol !== undefined) query.set("symbol", params.symbol);
    if (params.strategy_id !== undefined) query.set("strategy_id", params.strategy_id);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({ method: "GET", path: "/api/v1/positions", query, authenticated: true }, init);
    return (await response.json()) as PositionList;
  }

  /**
   * Get the position summary
   *
   * `GET /api/v1/positions/summary`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getPositionSummary(init?: RequestInit): Promise<PositionSummary> {
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/positions/summary",
      authenticated: true,
    }, init);
    return (await response.json()) as PositionSummary;
  }

  /**
   * Get the position of a symbol
   *
   * `GET /api/v1/positions/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * POSITION_NOT_FOUND, VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getPosition(params: GetPositionParams, init?: RequestInit): Promise<Position> {
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/positions/${encodeURIComponent(params.symbol)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as Position;
  }

  /**
   * Get candles for several timeframes
   *
   * `GET /api/v1/market/klines/multi`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001
   */
  async getMultiTimeframeKlines(
    params: GetMultiTimeframeKlinesParams,
    init?: RequestInit,
  ): Promise<MultiTimeframeKlines> {
    const query = new URLSearchParams();
    query.set("symbol", params.symbol);
    query.set("timeframes", params.timeframes.join(","));
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/market/klines/multi",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as MultiTimeframeKlines;
  }

  /**
   * Get the latest price
   *
   * `GET /api/v1/market/price/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001, MARKET_002
   */
  async getMarketPrice(params: GetMarketPriceParams, init?: RequestInit): Promise<MarketPrice> {
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/market/price/${encodeURIComponent(params.symbol)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as MarketPrice;
  }

  /**
   * Get historical candles
   *
   * `GET /api/v1/market/history/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001, MARKET_002
   */
  async getMarketHistory(params: GetMarketHistoryParams, init?: RequestInit): Promise<MarketHistory> {
    const query = new URLSearchParams();
    if (params.interval !== undefined) query.set("interval", params.interval);
    if (params.start !== undefined) query.set("start", params.start);
    if (params.end !== undefined) query.set("end", params.end);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/market/history/${encodeURIComponent(params.symbol)}`,
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as MarketHistory;
  }

  /**
   * Get the order book
   *
   * `GET /api/v1/market/orderbook/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001, MARKET_002
   */
  async getOrderBook(params: GetOrderBookParams, init?: RequestInit): Promise<OrderBook> {
    const query = new URLSearchParams();
    if (params.depth !== undefined) query.set("depth", String(params.depth));
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/market/orderbook/${encodeURIComponent(params.symbol)}`,
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as OrderBook;
  }

  /**
   * Get the GlobalScore ranking
   *
   * Symbols ranked by GlobalScore (needs at least 50 candles) with route state and grade.
   *
   * `GET /api/v1/ranking`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getRanking(params: GetRankingParams = {}, init?: RequestInit): Promise<RankingList> {
    const query = new URLSearchParams();
    if (params.market !== undefined) query.set("market", params.market);
    if (params.route_state !== undefined) query.set("route_state", params.route_state);
    if (params.grade !== undefined) query.set("grade", params.grade);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({ method: "GET", path: "/api/v1/ranking", query, authenticated: true }, init);
    return (await response.json()) as RankingList;
  }

  /**
   * Get the 7Factor score of a ticker
   *
   * `GET /api/v1/ranking/7factor/{ticker}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getSevenFactorScore(params: GetSevenFactorScoreParams, init?: RequestInit): Promise<SevenFactorScore> {
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/ranking/7factor/${encodeURIComponent(params.ticker)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as SevenFactorScore;
  }

  /**
   * Get 7Factor scores of several tickers
   *
   * Up to 100 tickers; unknown ones are listed in `not_found`.
   *
   * `POST /api/v1/ranking/7factor/batch`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getSevenFactorBatch(body: TickerBatchRequest, init?: RequestInit): Promise<SevenFactorBatchResponse> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/ranking/7factor/batch",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as SevenFactorBatchResponse;
  }

  /**
   * Screen symbols by conditions
   *
   * `POST /api/v1/screening/filter`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async filterScreening(body: ScreeningFilterRequest, init?: RequestInit): Promise<ScreeningResultList> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/screening/filter",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as ScreeningResultList;
  }

  /**
   * List screening presets
   *
   * `GET /api/v1/screening/presets`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listScreeningPresets(init?: RequestInit): Promise<ScreeningPresetList> {
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/screening/presets",
      authenticated: true,
    }, init);
    return (await response.json()) as ScreeningPresetList;
  }

  /**
   * Rebuild the screening cache
   *
   * Refreshes the screening materialized view (PostgreSQL) or cache table (SQLite).
   *
   * `POST /api/v1/screening/refresh-cache`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async refreshScreeningCache(init?: RequestInit): Promise<ScreeningCacheRefreshResponse> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/screening/refresh-cache",
      authenticated: true,
    }, init);
    return (await response.json()) as ScreeningCacheRefreshResponse;
  }

  /**
   * Get reality-check statistics
   *
   * Next-day real performance of the previous day's top-ranked picks.
   *
   * `GET /api/v1/reality-check/stats`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getRealityCheckStats(params: GetRealityCheckStatsParams = {}, init?: RequestInit): Promise<RealityCheckStats> {
    const query = new URLSearchParams();
    if (params.days !== undefined) query.set("days", String(params.days));
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/reality-check/stats",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as RealityCheckStats;
  }

  /**
   * Get reality-check history
   *
   * `GET /api/v1/reality-check/history`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getRealityCheckHistory(
    params: GetRealityCheckHistoryParams = {},
    init?: RequestInit,
  ): Promise<RealityCheckHistory> {
    const query = new URLSearchParams();
    if (params.days !== undefined) query.set("days", String(params.days));
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/reality-check/history",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as RealityCheckHistory;
  }

  /**
   * Get a price prediction
   *
   * `GET /api/v1/analysis/prediction/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001, AI_001, AI_002
   */
  async getPrediction(params: GetPredictionParams, init?: RequestInit): Promise<Prediction> {
    const query = new URLSearchParams();
    if (params.timeframe !== undefined) query.set("timeframe", params.timeframe);
    if (params.model !== undefined) query.set("model", params.model);
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/analysis/prediction/${encodeURIComponent(params.symbol)}`,
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as Prediction;
  }

  /**
   * Get risk metrics
   *
   * AI_002 when there is too little history.
   *
   * `GET /api/v1/analysis/risk/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001, AI_002
   */
  async getRiskMetrics(params: GetRiskMetricsParams, init?: RequestInit): Promise<RiskMetrics> {
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/analysis/risk/${encodeURIComponent(params.symbol)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as RiskMetrics;
  }

  /**
   * List portfolio positions
   *
   * `GET /api/v1/portfolio/positions`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listPortfolioPositions(init?: RequestInit): Promise<PortfolioPositionList> {
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/portfolio/positions",
      authenticated: true,
    }, init);
    return (await response.json()) as PortfolioPositionList;
  }

  /**
   * Open a portfolio position
   *
   * PORT_001 when the balance is insufficient, PORT_002 when the position limit is exceeded.
   *
   * `POST /api/v1/portfolio/positions`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001, MARKET_002,
   * PORT_001, PORT_002
   */
  async openPortfolioPosition(
    body: OpenPortfolioPositionRequest,
    init?: RequestInit,
  ): Promise<OpenPortfolioPositionResponse> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/portfolio/positions",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as OpenPortfolioPositionResponse;
  }

  /**
   * List the caller's watchlist groups
   *
   * `GET /api/v1/watchlist`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listWatchlists(init?: RequestInit): Promise<WatchlistList> {
    const response = await this.execute({ method: "GET", path: "/api/v1/watchlist", authenticated: true }, init);
    return (await response.json()) as WatchlistList;
  }

  /**
   * Create a watchlist group
   *
   * CONFLICT when the caller already has a group of that name.
   *
   * `POST /api/v1/watchlist`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async createWatchlist(body: CreateWatchlistRequest, init?: RequestInit): Promise<WatchlistGroup> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/watchlist",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as WatchlistGroup;
  }

  /**
   * Add a symbol to a group
   *
   * CONFLICT when the symbol is already in the group.
   *
   * `POST /api/v1/watchlist/{id}/items`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async addWatchlistItem(
    params: AddWatchlistItemParams,
    body: AddWatchlistItemRequest,
    init?: RequestInit,
  ): Promise<WatchlistItem> {
    const response = await this.execute({
      method: "POST",
      path: `/api/v1/watchlist/${encodeURIComponent(params.id)}/items`,
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as WatchlistItem;
  }

  /**
   * Remove a symbol from a group
   *
   * `DELETE /api/v1/watchlist/{id}/items/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async removeWatchlistItem(params: RemoveWatchlistItemParams, init?: RequestInit): Promise<SuccessResponse> {
    const response = await this.execute({
      method: "DELETE",
      path: `/api/v1/watchlist/${encodeURIComponent(params.id)}/items/${encodeURIComponent(params.symbol)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as SuccessResponse;
  }

  /**
   * List holdings from executions
   *
   * `GET /api/v1/journal/positions`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listJournalPositions(init?: RequestInit): Promise<JournalPositionList> {
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/journal/positions",
      authenticated: true,
    }, init);
    return (await response.json()) as JournalPositionList;
  }

  /**
   * List executions
   *
   * `GET /api/v1/journal/executions`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listExecutions(params: ListExecutionsParams = {}, init?: RequestInit): Promise<ExecutionList> {
    const query = new URLSearchParams();
    if (params.from !== undefined) query.set("from", params.from);
    if (params.to !== undefined) query.set("to", params.to);
    if (params.symbol !== undefined) query.set("symbol", params.symbol);
    if (params.side !== undefined) query.set("side", params.side);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/journal/executions",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as ExecutionList;
  }

  /**
   * Get the FIFO cost basis of a symbol
   *
   * NOT_FOUND when the symbol has no executions.
   *
   * `GET /api/v1/journal/cost-basis/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getCostBasis(params: GetCostBasisParams, init?: RequestInit): Promise<CostBasis> {
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/journal/cost-basis/${encodeURIComponent(params.symbol)}`,
      authenticated: true,
    }, init);
    return (await response.json()) as CostBasis;
  }

  /**
   * List recorded errors
   *
   * `GET /api/v1/monitoring/errors`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listErrors(params: ListErrorsParams = {}, init?: RequestInit): Promise<ErrorRecordList> {
    const query = new URLSearchParams();
    if (params.severity !== undefined) query.set("severity", params.severity);
    if (params.category !== undefined) query.set("category", params.category);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/monitoring/errors",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as ErrorRecordList;
  }

  /**
   * List critical errors
   *
   * `GET /api/v1/monitoring/errors/critical`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listCriticalErrors(params: ListCriticalErrorsParams = {}, init?: RequestInit): Promise<ErrorRecordList> {
    const query = new URLSearchParams();
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/monitoring/errors/critical",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as ErrorRecordList;
  }

  /**
   * Get error statistics
   *
   * Counts by severity and by category.
   *
   * `GET /api/v1/monitoring/stats`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getErrorStats(init?: RequestInit): Promise<ErrorStats> {
    const response = await this.execute({ method: "GET", path: "/api/v1/monitoring/stats", authenticated: true }, init);
    return (await response.json()) as ErrorStats;
  }

  /**
   * Get the system summary
   *
   * System overview for debugging.
   *
   * `GET /api/v1/monitoring/summary`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getSystemSummary(init?: RequestInit): Promise<SystemSummary> {
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/monitoring/summary",
      authenticated: true,
    }, init);
    return (await response.json()) as SystemSummary;
  }

  /**
   * List symbols whose collection failed
   *
   * Three consecutive failures deactivate a symbol.
   *
   * `GET /api/v1/symbols/failed`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listFailedSymbols(params: ListFailedSymbolsParams = {}, init?: RequestInit): Promise<FailedSymbolList> {
    const query = new URLSearchParams();
    if (params.market !== undefined) query.set("market", params.market);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/symbols/failed",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as FailedSymbolList;
  }

  /**
   * Reactivate a symbol
   *
   * Reactivates a deactivated symbol and resets its failure count.
   *
   * `POST /api/v1/symbols/{symbol}/reactivate`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async reactivateSymbol(params: ReactivateSymbolParams, init?: RequestInit): Promise<SymbolReactivateResponse> {
    const query = new URLSearchParams();
    if (params.market !== undefined) query.set("market", params.market);
    const response = await this.execute({
      method: "POST",
      path: `/api/v1/symbols/${encodeURIComponent(params.symbol)}/reactivate`,
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as SymbolReactivateResponse;
  }

  /**
   * Synchronise the symbol list
   *
   * Synchronises the symbol list from the configured provider. SERVICE_UNAVAILABLE when the provider cannot be reached
   * or none is configured.
   *
   * `POST /api/v1/symbols/sync`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async syncSymbols(params: SyncSymbolsParams = {}, init?: RequestInit): Promise<SymbolSyncResponse> {
    const query = new URLSearchParams();
    if (params.market !== undefined) query.set("market", params.market);
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/symbols/sync",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as SymbolSyncResponse;
  }

  /**
   * List cached datasets
   *
   * Cached candle datasets and the progress of recent downloads.
   *
   * `GET /api/v1/dataset`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listDatasets(params: ListDatasetsParams = {}, init?: RequestInit): Promise<DatasetList> {
    const query = new URLSearchParams();
    if (params.market !== undefined) query.set("market", params.market);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({ method: "GET", path: "/api/v1/dataset", query, authenticated: true }, init);
    return (await response.json()) as DatasetList;
  }

  /**
   * Request a dataset download
   *
   * Starts a background download and answers 202 with the job; its progress is reported by `GET /api/v1/dataset`
   * (`jobs`). CONFLICT when the same download is already running.
   *
   * `POST /api/v1/dataset/fetch`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001
   */
  async fetchDataset(body: DatasetFetchRequest, init?: RequestInit): Promise<DatasetJob> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/dataset/fetch",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as DatasetJob;
  }

  /**
   * Search symbols
   *
   * Matches the pattern against tickers and names.
   *
   * `GET /api/v1/dataset/search`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async searchSymbols(params: SearchSymbolsParams, init?: RequestInit): Promise<SymbolSearchResult> {
    const query = new URLSearchParams();
    query.set("q", params.q);
    if (params.market !== undefined) query.set("market", params.market);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/dataset/search",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as SymbolSearchResult;
  }

  /**
   * Get symbol information for several tickers
   *
   * `POST /api/v1/dataset/symbols/batch`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getSymbolsBatch(body: TickerBatchRequest, init?: RequestInit): Promise<SymbolBatchResponse> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/dataset/symbols/batch",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as SymbolBatchResponse;
  }

  /**
   * List symbols whose collection failed
   *
   * `GET /api/v1/dataset/symbols/failed`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listDatasetFailedSymbols(
    params: ListDatasetFailedSymbolsParams = {},
    init?: RequestInit,
  ): Promise<FailedSymbolList> {
    const query = new URLSearchParams();
    if (params.market !== undefined) query.set("market", params.market);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/dataset/symbols/failed",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as FailedSymbolList;
  }

  /**
   * Get symbol status statistics
   *
   * Deactivated, critical and warning counts.
   *
   * `GET /api/v1/dataset/symbols/stats`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getSymbolStatusStats(params: GetSymbolStatusStatsParams = {}, init?: RequestInit): Promise<SymbolStatusStats> {
    const query = new URLSearchParams();
    if (params.market !== undefined) query.set("market", params.market);
    const response = await this.execute({
      method: "GET",
      path: "/api/v1/dataset/symbols/stats",
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as SymbolStatusStats;
  }

  /**
   * Reactivate deactivated symbols
   *
   * Reactivates the listed tickers, or every deactivated symbol (of `market`) when the body is empty.
   *
   * `POST /api/v1/dataset/symbols/reactivate`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async reactivateDatasetSymbols(
    body?: ReactivateSymbolsRequest,
    init?: RequestInit,
  ): Promise<ReactivateSymbolsResponse> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/dataset/symbols/reactivate",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as ReactivateSymbolsResponse;
  }

  /**
   * Delete a symbol and its data
   *
   * Calls the `delete_symbol_cascade` database function: removes the symbol and cleans every related table.
   *
   * `DELETE /api/v1/dataset/symbols/{ticker}`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async deleteSymbolCascade(params: DeleteSymbolCascadeParams, init?: RequestInit): Promise<SymbolDeleteResponse> {
    const query = new URLSearchParams();
    query.set("market", params.market);
    const response = await this.execute({
      method: "DELETE",
      path: `/api/v1/dataset/symbols/${encodeURIComponent(params.ticker)}`,
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as SymbolDeleteResponse;
  }

  /**
   * Clean up orphan data
   *
   * Calls the `cleanup_orphan_symbol_data` database function: deletes data of symbols missing from symbol_info.
   *
   * `POST /api/v1/dataset/symbols/cleanup-orphans`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async cleanupOrphanData(init?: RequestInit): Promise<OrphanCleanupResponse> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/dataset/symbols/cleanup-orphans",
      authenticated: true,
    }, init);
    return (await response.json()) as OrphanCleanupResponse;
  }

  /**
   * Get cached candles of a symbol
   *
   * Sorted and paginated.
   *
   * `GET /api/v1/dataset/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getDatasetCandles(params: GetDatasetCandlesParams, init?: RequestInit): Promise<DatasetCandles> {
    const query = new URLSearchParams();
    if (params.timeframe !== undefined) query.set("timeframe", params.timeframe);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    if (params.order !== undefined) query.set("order", params.order);
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/dataset/${encodeURIComponent(params.symbol)}`,
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as DatasetCandles;
  }

  /**
   * Delete cached candles of a symbol
   *
   * Deletes the candles (ohlcv) and their metadata (ohlcv_metadata) of the symbol, for one timeframe or all.
   *
   * `DELETE /api/v1/dataset/{symbol}`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async deleteDatasetCandles(params: DeleteDatasetCandlesParams, init?: RequestInit): Promise<DatasetDeleteResponse> {
    const query = new URLSearchParams();
    if (params.timeframe !== undefined) query.set("timeframe", params.timeframe);
    const response = await this.execute({
      method: "DELETE",
      path: `/api/v1/dataset/${encodeURIComponent(params.symbol)}`,
      query,
      authenticated: true,
    }, init);
    return (await response.json()) as DatasetDeleteResponse;
  }

  /**
   * Send a Telegram test message
   *
   * Sends a test message through the configured bot. SERVICE_UNAVAILABLE when no bot is configured or Telegram cannot
   * be reached.
   *
   * `POST /api/v1/notifications/telegram/test`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async sendTelegramTest(body?: TelegramTestRequest, init?: RequestInit): Promise<TelegramTestResponse> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/notifications/telegram/test",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return (await response.json()) as TelegramTestResponse;
  }

  /**
   * Get this specification (YAML)
   *
   * `GET /openapi.yaml`, role: public (sent without credentials)
   *
   * @throws {ApiError} INTERNAL_ERROR
   */
  async getOpenApiYaml(init?: RequestInit): Promise<string> {
    const response = await this.execute({ method: "GET", path: "/openapi.yaml", authenticated: false }, init);
    return response.text();
  }

  /**
   * Get this specification (JSON)
   *
   * `GET /openapi.json`, role: public (sent without credentials)
   *
   * @throws {ApiError} INTERNAL_ERROR
   */
  async getOpenApiJson(init?: RequestInit): Promise<Record<string, unknown>> {
    const response = await this.execute({ method: "GET", path: "/openapi.json", authenticated: false }, init);
    return (await response.json()) as Record<string, unknown>;
  }

  /**
   * Swagger UI
   *
   * `GET /docs`, role: public (sent without credentials)
   *
   * @throws {ApiError} INTERNAL_ERROR
   */
  async getDocs(init?: RequestInit): Promise<string> {
    const response = await this.execute({ method: "GET", path: "/docs", authenticated: false }, init);
    return response.text();
  }

  /**
   * Prometheus metrics
   *
   * Metrics in the Prometheus text exposition format.
   *
   * `GET /metrics`, role: public (sent without credentials)
   *
   * @throws {ApiError} INTERNAL_ERROR
   */
  async getMetrics(init?: RequestInit): Promise<string> {
    const response = await this.execute({ method: "GET", path: "/metrics", authenticated: false }, init);
    return response.text();
  }
}

/** Every operation of the spec: method, path template, required role and tag. */
export const OPERATIONS = {
  login: { method: "POST", path: "/api/v1/auth/login", role: "public", tag: "Auth" },
  refreshToken: { method: "POST", path: "/api/v1/auth/refresh", role: "public", tag: "Auth" },
  logout: { method: "POST", path: "/api/v1/auth/logout", role: "viewer", tag: "Auth" },
  getCurrentUser: { method: "GET", path: "/api/v1/auth/me", role: "viewer", tag: "Auth" },
  getHealth: { method: "GET", path: "/health", role: "public", tag: "Health" },
  getReadiness: { method: "GET", path: "/health/ready", role: "public", tag: "Health" },
  listUsers: { method: "GET", path: "/api/v1/users", role: "admin", tag: "Users" },
  createUser: { method: "POST", path: "/api/v1/users", role: "admin", tag: "Users" },
  deleteUser: { method: "DELETE", path: "/api/v1/users/{id}", role: "admin", tag: "Users" },
  updateUser: { method: "PATCH", path: "/api/v1/users/{id}", role: "admin", tag: "Users" },
  listApiKeys: { method: "GET", path: "/api/v1/api-keys", role: "viewer", tag: "ApiKeys" },
  createApiKey: { method: "POST", path: "/api/v1/api-keys", role: "viewer", tag: "ApiKeys" },
  deleteApiKey: { method: "DELETE", path: "/api/v1/api-keys/{id}", role: "viewer", tag: "ApiKeys" },
  listStrategies: { method: "GET", path: "/api/v1/strategies", role: "viewer", tag: "Strategies" },
  createStrategy: { method: "POST", path: "/api/v1/strategies", role: "trader", tag: "Strategies" },
  getStrategyStats: { method: "GET", path: "/api/v1/strategies/stats", role: "viewer", tag: "Strategies" },
  listStrategyTypes: { method: "GET", path: "/api/v1/strategies/types", role: "viewer", tag: "Strategies" },
  getStrategy: { method: "GET", path: "/api/v1/strategies/{id}", role: "viewer", tag: "Strategies" },
  deleteStrategy: { method: "DELETE", path: "/api/v1/strategies/{id}", role: "trader", tag: "Strategies" },
  startStrategy: { method: "POST", path: "/api/v1/strategies/{id}/start", role: "trader", tag: "Strategies" },
  stopStrategy: { method: "POST", path: "/api/v1/strategies/{id}/stop", role: "trader", tag: "Strategies" },
  updateStrategyConfig: { method: "PUT", path: "/api/v1/strategies/{id}/config", role: "trader", tag: "Strategies" },
  listOrders: { method: "GET", path: "/api/v1/orders", role: "viewer", tag: "Orders" },
  createOrder: { method: "POST", path: "/api/v1/orders", role: "trader", tag: "Orders" },
  getOrderStats: { method: "GET", path: "/api/v1/orders/stats", role: "viewer", tag: "Orders" },
  getOrder: { method: "GET", path: "/api/v1/orders/{id}", role: "viewer", tag: "Orders" },
  cancelOrder: { method: "DELETE", path: "/api/v1/orders/{id}", role: "trader", tag: "Orders" },
  listPositions: { method: "GET", path: "/api/v1/positions", role: "viewer", tag: "Positions" },
  getPositionSummary: { method: "GET", path: "/api/v1/positions/summary", role: "viewer", tag: "Positions" },
  getPosition: { method: "GET", path: "/api/v1/positions/{symbol}", role: "viewer", tag: "Positions" },
  getMultiTimeframeKlines: { method: "GET", path: "/api/v1/market/klines/multi", role: "viewer", tag: "Market" },
  getMarketPrice: { method: "GET", path: "/api/v1/market/price/{symbol}", role: "viewer", tag: "Market" },
  getMarketHistory: { method: "GET", path: "/api/v1/market/history/{symbol}", role: "viewer", tag: "Market" },
  getOrderBook: { method: "GET", path: "/api/v1/market/orderbook/{symbol}", role: "viewer", tag: "Market" },
  getRanking: { method: "GET", path: "/api/v1/ranking", role: "viewer", tag: "Ranking" },
  getSevenFactorScore: { method: "GET", path: "/api/v1/ranking/7factor/{ticker}", role: "viewer", tag: "Ranking" },
  getSevenFactorBatch: { method: "POST", path: "/api/v1/ranking/7factor/batch", role: "viewer", tag: "Ranking" },
  filterScreening: { method: "POST", path: "/api/v1/screening/filter", role: "viewer", tag: "Screening" },
  listScreeningPresets: { method: "GET", path: "/api/v1/screening/presets", role: "viewer", tag: "Screening" },
  refreshScreeningCache: { method: "POST", path: "/api/v1/screening/refresh-cache", role: "admin", tag: "Screening" },
  getRealityCheckStats: { method: "GET", path: "/api/v1/reality-check/stats", role: "viewer", tag: "RealityCheck" },
  getRealityCheckHistory: { method: "GET", path: "/api/v1/reality-check/history", role: "viewer", tag: "RealityCheck" },
  getPrediction: { method: "GET", path: "/api/v1/analysis/prediction/{symbol}", role: "viewer", tag: "Analysis" },
  getRiskMetrics: { method: "GET", path: "/api/v1/analysis/risk/{symbol}", role: "viewer", tag: "Analysis" },
  listPortfolioPositions: { method: "GET", path: "/api/v1/portfolio/positions", role: "viewer", tag: "Portfolio" },
  openPortfolioPosition: { method: "POST", path: "/api/v1/portfolio/positions", role: "trader", tag: "Portfolio" },
  listWatchlists: { method: "GET", path: "/api/v1/watchlist", role: "viewer", tag: "Watchlist" },
  createWatchlist: { method: "POST", path: "/api/v1/watchlist", role: "viewer", tag: "Watchlist" },
  addWatchlistItem: { method: "POST", path: "/api/v1/watchlist/{id}/items", role: "viewer", tag: "Watchlist" },
  removeWatchlistItem: {
    method: "DELETE",
    path: "/api/v1/watchlist/{id}/items/{symbol}",
    role: "viewer",
    tag: "Watchlist",
  },
  listJournalPositions: { method: "GET", path: "/api/v1/journal/positions", role: "viewer", tag: "Journal" },
  listExecutions: { method: "GET", path: "/api/v1/journal/executions", role: "viewer", tag: "Journal" },
  getCostBasis: { method: "GET", path: "/api/v1/journal/cost-basis/{symbol}", role: "viewer", tag: "Journal" },
  listErrors: { method: "GET", path: "/api/v1/monitoring/errors", role: "admin", tag: "Monitoring" },
  listCriticalErrors: { method: "GET", path: "/api/v1/monitoring/errors/critical", role: "admin", tag: "Monitoring" },
  getErrorStats: { method: "GET", path: "/api/v1/monitoring/stats", role: "admin", tag: "Monitoring" },
  getSystemSummary: { method: "GET", path: "/api/v1/monitoring/summary", role: "admin", tag: "Monitoring" },
  listFailedSymbols: { method: "GET", path: "/api/v1/symbols/failed", role: "viewer", tag: "Symbols" },
  reactivateSymbol: { method: "POST", path: "/api/v1/symbols/{symbol}/reactivate", role: "admin", tag: "Symbols" },
  syncSymbols: { method: "POST", path: "/api/v1/symbols/sync", role: "admin", tag: "Symbols" },
  listDatasets: { method: "GET", path: "/api/v1/dataset", role: "viewer", tag: "Dataset" },
  fetchDataset: { method: "POST", path: "/api/v1/dataset/fetch", role: "admin", tag: "Dataset" },
  searchSymbols: { method: "GET", path: "/api/v1/dataset/search", role: "viewer", tag: "Dataset" },
  getSymbolsBatch: { method: "POST", path: "/api/v1/dataset/symbols/batch", role: "viewer", tag: "Dataset" },
  listDatasetFailedSymbols: { method: "GET", path: "/api/v1/dataset/symbols/failed", role: "viewer", tag: "Dataset" },
  getSymbolStatusStats: { method: "GET", path: "/api/v1/dataset/symbols/stats", role: "viewer", tag: "Dataset" },
  reactivateDatasetSymbols: {
    method: "POST",
    path: "/api/v1/dataset/symbols/reactivate",
    role: "admin",
    tag: "Dataset",
  },
  deleteSymbolCascade: { method: "DELETE", path: "/api/v1/dataset/symbols/{ticker}", role: "admin", tag: "Dataset" },
  cleanupOrphanData: { method: "POST", path: "/api/v1/dataset/symbols/cleanup-orphans", role: "admin", tag: "Dataset" },
  getDatasetCandles: { method: "GET", path: "/api/v1/dataset/{symbol}", role: "viewer", tag: "Dataset" },
  deleteDatasetCandles: { method: "DELETE", path: "/api/v1/dataset/{symbol}", role: "admin", tag: "Dataset" },
  sendTelegramTest: {
    method: "POST",
    path: "/api/v1/notifications/telegram/test",
    role: "admin",
    tag: "Notifications",
  },
  getOpenApiYaml: { method: "GET", path: "/openapi.yaml", role: "public", tag: "System" },
  getOpenApiJson: { method: "GET", path: "/openapi.json", role: "public", tag: "System" },
  getDocs: { method: "GET", path: "/docs", role: "public", tag: "System" },
  getMetrics: { method: "GET", path: "/metrics", role: "public", tag: "System" },
} as const;
