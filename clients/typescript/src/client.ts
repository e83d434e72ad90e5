// Generated from openapi.yaml by trading-server codegen. Do not edit.
// The HTTP client of Trading API Server 1.0.0: one typed method per operation.

import type {
  AddWatchlistItemParams,
  AddWatchlistItemRequest,
  ApiKeyList,
  BalanceList,
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
  DeleteWatchlistParams,
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
  UpdateWatchlistParams,
  UpdateWatchlistRequest,
  User,
  UserList,
  ValidationIssue,
  WatchlistGroup,
  WatchlistItem,
  WatchlistList,
} from "./types.js";

/** The request budget an answer reported in `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`. */
export interface RateLimitInfo {
  /** Requests allowed in the window. */
  readonly limit: number;
  /** Requests left in the current window. */
  readonly remaining: number;
  /** When the current window ends, in seconds since the Unix epoch. */
  readonly reset: number;
}

/** What an `ApiError` carries besides its status, code and message. */
export interface ApiErrorOptions {
  details?: ValidationIssue[] | undefined;
  requestId?: string | undefined;
  headers?: Headers | undefined;
  body?: unknown;
}

/**
 * A call the server answered with an error status. `headers` and `body` are the answer's own; `retryAfter`
 * and `rateLimit` read the headers a client waits on.
 */
export class ApiError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The error code of the body, or `HTTP_<status>` when the body was not an API error. */
  readonly code: ErrorCode | (string & {});
  /** What exactly was wrong, for validation errors. */
  readonly details: ValidationIssue[] | undefined;
  /** The server's id of the request, to find it in the server's logs. */
  readonly requestId: string | undefined;
  /** The answer's headers (`Retry-After`, `X-RateLimit-*`, `X-Request-ID`). */
  readonly headers: Headers;
  /** The answer's body: parsed JSON (the error body), the text when it was not JSON, `undefined` when empty. */
  readonly body: unknown;

  constructor(status: number, code: ErrorCode | (string & {}), message: string, options: ApiErrorOptions = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.requestId = options.requestId;
    this.headers = options.headers ?? new Headers();
    this.body = options.body;
  }

  /** Seconds to wait before trying again, from `Retry-After` (seconds or an HTTP date); `undefined` without it. */
  get retryAfter(): number | undefined {
    const value = this.headers.get("Retry-After")?.trim();
    if (value === undefined || value === "") return undefined;
    if (/^[0-9]+$/.test(value)) return Number(value);
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }

  /** True when `code` is one of `codes`; only known codes compile, so a misspelt one is caught. */
  hasCode(...codes: ErrorCode[]): boolean {
    return (codes as readonly string[]).includes(this.code);
  }

  /** The rate-limit headers of the answer, when it carried all three. */
  get rateLimit(): RateLimitInfo | undefined {
    const read = (name: string) => {
      const value = this.headers.get(`X-RateLimit-${name}`)?.trim();
      return value !== undefined && /^[0-9]+$/.test(value) ? Number(value) : undefined;
    };
    const limit = read("Limit");
    const remaining = read("Remaining");
    const reset = read("Reset");
    if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
    return { limit, remaining, reset };
  }

  /** Reads a failed answer: its JSON error body, or its status text when the body is not an API error. */
  static async fromResponse(response: Response): Promise<ApiError> {
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      throw new NetworkError(`The ${response.status} answer could not be read`, cause);
    }
    let body: unknown = text === "" ? undefined : text;
    try {
      if (text !== "") body = JSON.parse(text);
    } catch {
      // Not JSON: `body` stays the text.
    }
    const headers = response.headers;
    const headerRequestId = headers.get("X-Request-ID") ?? undefined;
    if (typeof body === "object" && body !== null) {
      const { code, message, details, request_id: requestId } = body as Record<string, unknown>;
      if (typeof code === "string") {
        return new ApiError(response.status, code, typeof message === "string" ? message : response.statusText, {
          details: Array.isArray(details) ? (details as ValidationIssue[]) : undefined,
          requestId: typeof requestId === "string" ? requestId : headerRequestId,
          headers,
          body,
        });
      }
    }
    const message = response.statusText || `HTTP ${response.status}`;
    return new ApiError(response.status, `HTTP_${response.status}`, message, { requestId: headerRequestId, headers, body });
  }
}

/**
 * A call that got no answer: the server could not be reached, the connection broke, or the answer could not
 * be read. A call the caller aborted rejects with the abort's own error instead.
 */
export class NetworkError extends Error {
  constructor(message: string, cause: unknown) {
    super(message);
    this.name = "NetworkError";
    defineCause(this, cause);
  }
}

export interface NetworkError {
  /** What the fetch implementation threw. */
  readonly cause: unknown;
}

/**
 * Sets `error.cause` as ES2022's `Error` does (not enumerable), on every target. Declared through interfaces
 * rather than class fields so that the classes compile with the ES2020 and the ES2022 `lib` alike.
 */
function defineCause(error: Error, cause: unknown): void {
  Object.defineProperty(error, "cause", { value: cause, writable: true, configurable: true });
}

/**
 * The session ended: the access token expired and no new one could be had (the refresh token was refused,
 * already spent, missing, or its exchange got no answer). The client has forgotten both tokens and called
 * `onSessionExpired`; log in again.
 */
export class SessionExpiredError extends Error {
  constructor(cause: ApiError | NetworkError | undefined) {
    super(cause === undefined ? "The session expired" : `The session expired: ${cause.message}`);
    this.name = "SessionExpiredError";
    defineCause(this, cause);
  }
}

export interface SessionExpiredError {
  /** The refresh's failure: the server's refusal, or the network failure. */
  readonly cause: ApiError | NetworkError | undefined;
}

/** Where the server is and which credentials to send. */
export interface ClientOptions {
  /** The server's origin, e.g. `https://trading.example.com`; operation paths are appended to it. */
  baseUrl: string;
  /** A JWT access token, sent as `Authorization: Bearer <token>`. */
  accessToken?: string | undefined;
  /** The refresh token that gets a new pair when the access token expires. */
  refreshToken?: string | undefined;
  /** An API key, sent as `X-API-Key` when no access token is set. */
  apiKey?: string | undefined;
  /** The fetch implementation; the global `fetch` by default. */
  fetch?: typeof fetch | undefined;
  /** Called with every new token pair the client gets (logging in, refreshing), e.g. to store it. */
  onTokens?: ((tokens: TokenResponse) => void) | undefined;
  /** Called once when the session ends because no new token could be had; the call then rejects with the same error. */
  onSessionExpired?: ((error: SessionExpiredError) => void) | undefined;
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
  /** Error statuses whose documented JSON body is a result, not an error (e.g. readiness' 503). */
  accept?: readonly number[];
}

/**
 * The client of Trading API Server 1.0.0. Each operation of the spec is one method; a call the server refuses throws an
 * `ApiError`, one that gets no answer a `NetworkError`.
 *
 * Logging in keeps the token pair and logging out forgets it. An access token that expired is refreshed once, shared by
 * every call that met it, and the calls are retried; when the session cannot be renewed they throw
 * `SessionExpiredError`.
 */
export class TradingClient {
  private readonly baseUrl: string;
  private readonly fetchFunction: typeof fetch;
  private readonly credentials: { accessToken: string | undefined; refreshToken: string | undefined; apiKey: string | undefined };
  private readonly tokenListener: ((tokens: TokenResponse) => void) | undefined;
  private readonly sessionListener: ((error: SessionExpiredError) => void) | undefined;
  /** The refresh in flight, shared by every call that met the expired token. */
  private pendingRefresh: Promise<void> | undefined;
  /** Why the last session ended, until new tokens arrive. */
  private endedSession: SessionExpiredError | undefined;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.fetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
    this.credentials = {
      accessToken: options.accessToken,
      refreshToken: options.refreshToken,
      apiKey: options.apiKey,
    };
    this.tokenListener = options.onTokens;
    this.sessionListener = options.onSessionExpired;
  }

  /** The access token sent with each call, if any. */
  get accessToken(): string | undefined {
    return this.credentials.accessToken;
  }

  /** Replaces the token pair, e.g. with tokens kept from an earlier visit; without arguments, forgets it. */
  setTokens(accessToken?: string, refreshToken?: string): void {
    this.credentials.accessToken = accessToken;
    this.credentials.refreshToken = refreshToken;
    this.endedSession = undefined;
  }

  /** Sets the API key sent when no access token is set; `undefined` forgets it. */
  setApiKey(apiKey: string | undefined): void {
    this.credentials.apiKey = apiKey;
  }

  /**
   * The access token, refreshed first when its `exp` claim says it has expired or expires within
   * `minValiditySeconds` (at most half its lifetime). For the token getter of a socket:
   * `new TradingSocket(url, { token: () => client.freshAccessToken() })`. Rejects with `SessionExpiredError`
   * when the session cannot be renewed.
   */
  async freshAccessToken(minValiditySeconds = 5): Promise<string | undefined> {
    const token = this.credentials.accessToken;
    if (token === undefined) return undefined;
    const claims = tokenClaims(token);
    if (claims?.exp === undefined) return token;
    const lifetime = claims.iat === undefined ? Infinity : claims.exp - claims.iat;
    if (claims.exp - Date.now() / 1000 > Math.min(minValiditySeconds, lifetime / 2)) return token;
    await this.renewSession(token);
    if (this.credentials.accessToken === undefined) throw this.endedSession ?? new SessionExpiredError(undefined);
    return this.credentials.accessToken;
  }

  /** Keeps a new pair (logging in, refreshing) and tells `onTokens`. */
  private storeTokens(tokens: TokenResponse): void {
    this.setTokens(tokens.access_token, tokens.refresh_token);
    this.tokenListener?.(tokens);
  }

  /** Forgets the pair (logging out). */
  private forgetTokens(): void {
    this.credentials.accessToken = undefined;
    this.credentials.refreshToken = undefined;
  }

  /**
   * Renews the session whose access token `expiredToken` expired. Every call that met the same expired token
   * shares one refresh; a call that arrives after the pair changed does nothing.
   */
  private async renewSession(expiredToken: string): Promise<void> {
    if (this.credentials.accessToken !== expiredToken) return;
    if (this.pendingRefresh === undefined) {
      this.pendingRefresh = this.exchangeRefreshToken().finally(() => {
        this.pendingRefresh = undefined;
      });
    }
    await this.pendingRefresh;
  }

  /**
   * Presents the refresh token once. The server spends it on sight (rotation; presenting it again would end
   * the whole session), so it is forgotten before the request, whatever the answer.
   */
  private async exchangeRefreshToken(): Promise<void> {
    const refreshToken = this.credentials.refreshToken;
    this.credentials.refreshToken = undefined;
    if (refreshToken === undefined) throw this.endSession(undefined);
    try {
      await this.refreshToken({ refresh_token: refreshToken });
    } catch (error) {
      throw this.endSession(error instanceof ApiError || error instanceof NetworkError ? error : undefined);
    }
  }

  /** Forgets both tokens, tells `onSessionExpired` once, and returns the error the waiting calls reject with. */
  private endSession(cause: ApiError | NetworkError | undefined): SessionExpiredError {
    const error = new SessionExpiredError(cause);
    this.forgetTokens();
    this.endedSession = error;
    this.sessionListener?.(error);
    return error;
  }

  /**
   * Sends a request and returns its answer when it is a result, or throws an `ApiError` or a `NetworkError`.
   * When the access token has expired, renews the session once (shared with concurrent calls) and retries
   * once; when it cannot be renewed, throws `SessionExpiredError`.
   */
  private async execute(request: PreparedRequest, init: RequestInit | undefined): Promise<Response> {
    const usedToken = request.authenticated ? this.credentials.accessToken : undefined;
    const response = await this.attempt(request, init);
    if (isResult(request, response)) return response;
    const error = await ApiError.fromResponse(response);
    if (usedToken === undefined || error.status !== 401 || error.code !== "TOKEN_EXPIRED") throw error;
    await this.renewSession(usedToken);
    if (this.credentials.accessToken === undefined) throw this.endedSession ?? error;
    const retried = await this.attempt(request, init);
    if (isResult(request, retried)) return retried;
    throw await ApiError.fromResponse(retried);
  }

  /** One fetch of the request with the current credentials; a fetch that throws becomes a `NetworkError`. */
  private async attempt(request: PreparedRequest, init: RequestInit | undefined): Promise<Response> {
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
    try {
      return await fetchFunction(url, { ...init, method: request.method, headers, body: body ?? null });
    } catch (cause) {
      if (init?.signal?.aborted === true) throw cause;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new NetworkError(`${request.method} ${request.path} got no answer: ${reason}`, cause);
    }
  }

  /** The answer's body, read as `read` says; a body that breaks off or does not parse becomes a `NetworkError`. */
  private async read<T>(response: Response, read: (response: Response) => Promise<T>): Promise<T> {
    try {
      return await read(response);
    } catch (cause) {
      throw new NetworkError(`The answer (${response.status}) could not be read`, cause);
    }
  }

  /**
   * Log in and obtain tokens
   *
   * Exchanges a username and password for an access token (30 minutes) and a refresh token. The username is matched
   * exactly, case included (`Trader1` does not log in as `trader1`); usernames are unique whatever their case, so no
   * two accounts differ only by it. RATE_LIMITED (429, with Retry-After) after 10 attempts in a minute for one username
   * from one client address, right or wrong (`--login-rate-limit`), or after 30 login and refresh requests in a minute
   * from one address (`--auth-rate-limit`). Failures from many addresses never refuse the right password: once a
   * username has more than 10 recent failures from anywhere (`--login-backoff-after`, forgotten at 10 a minute), each
   * attempt for it is answered after a delay that doubles with the failures from 50 ms up to 1 s
   * (`--login-backoff-max`). A check of a user's current password when they change it (`updateUser`) counts as a login
   * attempt: it spends the same budget, and a wrong one counts as a failure.
   *
   * `POST /api/v1/auth/login`, role: public (sent without credentials)
   *
   * The client keeps the new token pair for the calls that follow.
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
    const tokens = await this.read(response, (answer) => answer.json() as Promise<TokenResponse>);
    this.storeTokens(tokens);
    return tokens;
  }

  /**
   * Refresh the token pair
   *
   * Rotates the refresh token: the presented token is spent and a new pair is returned. Presenting an already spent
   * refresh token revokes its whole family (answer INVALID_TOKEN).
   *
   * `POST /api/v1/auth/refresh`, role: public (sent without credentials)
   *
   * The client keeps the new token pair for the calls that follow.
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
    const tokens = await this.read(response, (answer) => answer.json() as Promise<TokenResponse>);
    this.storeTokens(tokens);
    return tokens;
  }

  /**
   * Log out
   *
   * Ends the caller's session at once. Its refresh-token family is revoked and every access token of the session is
   * refused from the next request on (INVALID_TOKEN). A caller using an API key has no session; nothing changes.
   *
   * `POST /api/v1/auth/logout`, role: viewer
   *
   * The client forgets its token pair, whatever the answer.
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async logout(init?: RequestInit): Promise<SuccessResponse> {
    try {
      const response = await this.execute({ method: "POST", path: "/api/v1/auth/logout", authenticated: true }, init);
      return this.read(response, (answer) => answer.json() as Promise<SuccessResponse>);
    } finally {
      this.forgetTokens();
    }
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
    return this.read(response, (answer) => answer.json() as Promise<User>);
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
    return this.read(response, (answer) => answer.json() as Promise<HealthResponse>);
  }

  /**
   * Readiness check
   *
   * Checks every component. Answers 200 when ready and 503 (same body) when not. `redis` reports `disabled` when none
   * is configured.
   *
   * `GET /health/ready`, role: public (sent without credentials)
   *
   * Answers with status 503 are returned, not thrown: their body is documented as a result.
   *
   * @throws {ApiError} INTERNAL_ERROR
   */
  async getReadiness(init?: RequestInit): Promise<ReadinessResponse> {
    const response = await this.execute({
      method: "GET",
      path: "/health/ready",
      authenticated: false,
      accept: [503],
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<ReadinessResponse>);
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
    return this.read(response, (answer) => answer.json() as Promise<UserList>);
  }

  /**
   * Create a user
   *
   * A username already taken, whatever the case of its letters (`Trader1` beside `trader1`), answers 409 CONFLICT.
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
    return this.read(response, (answer) => answer.json() as Promise<User>);
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
    return this.read(response, (answer) => answer.json() as Promise<SuccessResponse>);
  }

  /**
   * Update a user
   *
   * Changes the role, the password or the `disabled` flag. Disabling a user ends all their sessions (refresh tokens
   * revoked, access tokens refused from the next request on). A new password set by an admin for another user ends all
   * that user's sessions too. Changing one's own password needs `current_password`, the caller's password now: without
   * it, or with a wrong one, the answer is 401 INVALID_CREDENTIALS naming `current_password` and nothing changes (each
   * such change counts as a login attempt of the caller's username, so too many answer 429 RATE_LIMITED); it ends the
   * caller's other sessions and keeps the one the request was made with (a caller using an API key keeps no session).
   * API keys are not sessions and stay valid. An admin cannot disable or demote itself, so an enabled admin always
   * remains; setting `disabled` to true or `role` to anything but admin on the caller's own id answers 409 CONFLICT.
   *
   * `PATCH /api/v1/users/{id}`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INVALID_CREDENTIALS, INSUFFICIENT_PERMISSION,
   * IP_NOT_ALLOWED, NOT_FOUND, VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR,
   * SERVICE_UNAVAILABLE
   */
  async updateUser(params: UpdateUserParams, body: UpdateUserRequest, init?: RequestInit): Promise<User> {
    const response = await this.execute({
      method: "PATCH",
      path: `/api/v1/users/${encodeURIComponent(params.id)}`,
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<User>);
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
    return this.read(response, (answer) => answer.json() as Promise<ApiKeyList>);
  }

  /**
   * Create an API key
   *
   * Only a session creates keys; a request authenticated by an API key answers 403 INSUFFICIENT_PERMISSION (a key
   * minting keys would let its holder keep access after it is revoked). The key's role must not exceed the caller's
   * (INSUFFICIENT_PERMISSION). An `expires_at` that is not in the future (by the server's clock) answers 409 CONFLICT;
   * without one the key never expires. The secret `key` appears only in this answer; send it as `X-API-Key`.
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
    return this.read(response, (answer) => answer.json() as Promise<CreatedApiKey>);
  }

  /**
   * Delete an API key
   *
   * Revokes one of the caller's keys (an admin: anyone's). The key is refused from the next request on, on every server
   * instance. Deleting a user deletes their keys the same way.
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
    return this.read(response, (answer) => answer.json() as Promise<SuccessResponse>);
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
    return this.read(response, (answer) => answer.json() as Promise<StrategyList>);
  }

  /**
   * Create a strategy instance
   *
   * Creates a stopped strategy instance. `config` (optional; missing settings take the type's defaults, document A's
   * names such as `grid_spacing_pct` are accepted) is validated against the type's config schema: 400
   * `VALIDATION_ERROR` naming the field and the rule. `symbols` must be as many as the type trades (one for most, 2 to
   * 20 for `dual_momentum`, `all_weather`, `haa`) and priced in one currency (400 naming `body.symbols`); 404
   * `MARKET_001` for a symbol the market does not have; 409 `CONFLICT` when the id is taken.
   *
   * `POST /api/v1/strategies`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, MARKET_001, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async createStrategy(body: CreateStrategyRequest, init?: RequestInit): Promise<StrategyDetail> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/strategies",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<StrategyDetail>);
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
    return this.read(response, (answer) => answer.json() as Promise<EngineStats>);
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
    return this.read(response, (answer) => answer.json() as Promise<StrategyTypeList>);
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
    return this.read(response, (answer) => answer.json() as Promise<StrategyDetail>);
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
    return this.read(response, (answer) => answer.json() as Promise<SuccessResponse>);
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
    return this.read(response, (answer) => answer.json() as Promise<StrategyActionResponse>);
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
    return this.read(response, (answer) => answer.json() as Promise<StrategyActionResponse>);
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
    return this.read(response, (answer) => answer.json() as Promise<StrategyConfigResponse>);
  }

  /**
   * List orders
   *
   * The orders of the paper account (strategies' and manual ones alike), newest first (by `created_at`). Without
   * `status`, the active ones (Pending, Open, PartiallyFilled), as document A lists them; `status` lists any statuses
   * instead. Filters combine; `total` counts every match, `limit` and `offset` page through them.
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
    if (params.status !== undefined) query.set("status", params.status.join(","));
    if (params.side !== undefined) query.set("side", params.side);
    if (params.limit !== undefined) query.set("limit", String(params.limit));
    if (params.offset !== undefined) query.set("offset", String(params.offset));
    const response = await this.execute({ method: "GET", path: "/api/v1/orders", query, authenticated: true }, init);
    return this.read(response, (answer) => answer.json() as Promise<OrderList>);
  }

  /**
   * Place a manual order
   *
   * Places an order of the paper account (strategy_id null). `price` is required for Limit, StopLoss and TakeProfit
   * orders, and a Market order has none: the body is a `CreateOrderRequest`, told apart by `order_type`; a body
   * breaking this is answered 400 `VALIDATION_ERROR` naming the field. Refused synchronously, creating no order: 400
   * `VALIDATION_ERROR` for what the schema states (`quantity` and `price` positive decimals of at most 10 whole digits
   * and 8 decimal places, `expires_at` without GTD or GTD without it naming `body.expires_at`, IOC or FOK on a StopLoss
   * or TakeProfit order naming `body.time_in_force`); 422 `ORDER_001` naming the field when `quantity` or `price` is
   * finer than the symbol's lot or tick size or `expires_at` is already past; 404 `MARKET_001` for a symbol the market
   * does not have; 422 `PORT_001` when the free balance is short of what the order locks (a buy locks its quote amount
   * with fees, a sell its base quantity) or a sell is larger than the position of its own (symbol, strategy), here the
   * manual one. A symbol with a quote (`BTC-USDT`, `EUR-USD`) trades its base against that quote; a ticker trades
   * against its market's currency (US: USD, KR: KRW, CRYPTO: USDT, FX: USD). Orders of the account never match each
   * other (self-trade prevention): they trade against the market's synthetic book only. A marketable order takes
   * liquidity on arrival (taker fee); a resting Limit order fills when market trades cross its price, in price-time
   * priority, at its own price (maker fee). A Market order walks the book no further than the slippage cap
   * (`--max-slippage-bps`, default 500, from the best opposite price at submission); the rest is Cancelled with a
   * `cancel_reason` saying so; with no depth at all within the cap the order ends Rejected. `Rejected` is otherwise for
   * accepted orders that could not execute later (a triggered StopLoss or TakeProfit without liquidity or balance). The
   * answer comes once the order and its first fills are stored: 201 with the new order as it then stands (Open,
   * PartiallyFilled, Filled; Cancelled or Rejected for a Market order as above; Expired for an IOC or FOK rest); 200
   * with the order first created under the same `client_order_id`, unchanged and not placed again. `order_update` (and,
   * on a fill, `position_update`) messages follow on `/ws`.
   *
   * `POST /api/v1/orders`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001, MARKET_002,
   * PORT_001, ORDER_001
   */
  async createOrder(body: CreateOrderRequest, init?: RequestInit): Promise<Order> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/orders",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<Order>);
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
    return this.read(response, (answer) => answer.json() as Promise<OrderStats>);
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
    return this.read(response, (answer) => answer.json() as Promise<OrderDetail>);
  }

  /**
   * Cancel an order
   *
   * Cancels an active order (Pending, Open or PartiallyFilled): what is unfilled is taken off the book and its locked
   * balance freed; fills so far stay. The order ends Cancelled with `cancel_reason` the given `reason` (or "Cancelled
   * by user" without one), and the answer comes once that is stored; an `order_update` follows on `/ws`. 409 `CONFLICT`
   * when the order is no longer active (Filled, Cancelled, Rejected or Expired), its status unchanged; 500
   * `CANCEL_FAILED` only when the exchange fails a cancellation it should accept.
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
    return this.read(response, (answer) => answer.json() as Promise<CancelOrderResponse>);
  }

  /**
   * List open positions
   *
   * The open positions of the paper account one by one: a spot position per (symbol, strategy) (manual orders:
   * strategy_id null), exchange `paper`, and each margin position opened with `openPortfolioPosition`, exchange
   * `paper-margin`. Prices and PnL are marked to the last trade.
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
    return this.read(response, (answer) => answer.json() as Promise<PositionList>);
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
    return this.read(response, (answer) => answer.json() as Promise<PositionSummary>);
  }

  /**
   * Get the position of a symbol
   *
   * The open position of one symbol (either form: `BTC/USDT`, `BTC-USDT`). When several strategies (or manual orders,
   * or margin positions) hold the symbol, the answer is their sum: `quantity` the net quantity (its size; `side` Buy
   * when long or flat, Sell when short), `entry_price` the average of their entry prices weighted by their sizes
   * (quantities without sign), `unrealized_pnl` and `realized_pnl` summed, `notional_value` and `return_pct` of the
   * sum, `strategy_id` null, and `id`, `exchange` and `opened_at` those of the oldest, `updated_at` that of the newest.
   * 404 `POSITION_NOT_FOUND` when none is open, 404 `MARKET_001` when the market has no such symbol.
   *
   * `GET /api/v1/positions/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * POSITION_NOT_FOUND, MARKET_001, VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getPosition(params: GetPositionParams, init?: RequestInit): Promise<Position> {
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/positions/${encodeURIComponent(params.symbol)}`,
      authenticated: true,
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<Position>);
  }

  /**
   * List the balances of the paper account
   *
   * The server's one paper account (every user sees the same), one entry per asset the market trades (each quote
   * currency, each pair's base, each ticker's shares), zero where none is held, sorted by asset. `locked` is held by
   * open orders (a buy's quote amount with fees, a sell's base quantity) and by the margin of open margin positions;
   * `free` is what new orders may use; `total` = `free` + `locked`. The account starts, on a database's first start,
   * with 100,000 USDT, 100,000 USD and 100,000,000 KRW (configurable); those assets are always listed. A symbol with a
   * quote (`BTC-USDT`) trades its base against that quote; a ticker trades against its market's currency (US: USD, KR:
   * KRW, CRYPTO: USDT, FX: USD), its shares held as the asset named by the ticker.
   *
   * `GET /api/v1/balances`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listBalances(init?: RequestInit): Promise<BalanceList> {
    const response = await this.execute({ method: "GET", path: "/api/v1/balances", authenticated: true }, init);
    return this.read(response, (answer) => answer.json() as Promise<BalanceList>);
  }

  /**
   * Get candles for several timeframes
   *
   * For each requested timeframe, the newest `limit` candles of the symbol, oldest first, the candle still forming
   * last; `data` has exactly one key per requested timeframe (an empty list where there are no candles yet). Candles
   * are the stored history merged with the live feed's (see `getMarketHistory` for how their times relate). The symbol
   * may be given in either form (`BTC/USDT`, `BTC-USDT`, any case); the answer names it in the market form
   * (`BTC-USDT`). MARKET_001 (404) for a symbol the market does not have.
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
    return this.read(response, (answer) => answer.json() as Promise<MultiTimeframeKlines>);
  }

  /**
   * Get the latest price
   *
   * The last trade of the symbol on the server's built-in paper exchange (`exchange` is always `paper`): its price and
   * time, with the traded volume of the last 24 hours. Prices are not live exchange data: `source` says where they come
   * from (`replay`: real historical candles replayed time-compressed; `synthetic`: a seeded random walk), as
   * `getMarketHistory` describes. The symbol may be given in either form (`BTC/USDT`, `BTC-USDT`, any case); the answer
   * names it in the market form (`BTC-USDT`). MARKET_001 (404) for a symbol the market does not have.
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
    return this.read(response, (answer) => answer.json() as Promise<MarketPrice>);
  }

  /**
   * Get historical candles
   *
   * Candles of one interval whose open time lies in [`start`, `end`], oldest first, the candle still forming last when
   * the range reaches it. A range is never cut silently: with `start`, the answer holds the oldest `limit` candles from
   * `start` on and, when the range holds more, `next_start`: pass it as `start` (same `end`, `interval` and `limit`)
   * for the next page, until an answer has no `next_start`; the pages together hold every candle of the range once, in
   * order. Without `start`, the answer holds the newest `limit` candles up to `end` (default: now); give `start` to
   * read further back.
   *
   * How historical and live time relate: stored history keeps its real dates (sample candles, imported or synthesised
   * ones). The live feed runs on the wall clock from each series' last close: a symbol with real history replays its
   * candles time-compressed (`--feed-speed`, default 1440: a day of history a minute), each one rebased onto the live
   * price, with trades synthesised inside it; a symbol without history follows a seeded geometric Brownian motion
   * (`getMarketPrice`'s `source` says which). Live candles of every interval start at the server's first start, so
   * there is a gap between the end of the sample history and the first live candle. Every series is free of overlapping
   * or out-of-order candles: each candle opens on its interval's UTC boundary and there is at most one candle per open
   * time.
   *
   * The symbol may be given in either form (`BTC/USDT`, `BTC-USDT`, any case); the answer names it in the market form
   * (`BTC-USDT`). MARKET_001 (404) for a symbol the market does not have; VALIDATION_ERROR naming `query.start` when
   * `start` is after `end`.
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
    return this.read(response, (answer) => answer.json() as Promise<MarketHistory>);
  }

  /**
   * Get the order book
   *
   * The paper exchange's book of the symbol: synthetic depth around the last price (levels, size and spread set by
   * `--book-*`), at most `depth` levels a side, best first; the sides never cross. `timestamp` is the time of the last
   * trade the book was made around. The symbol may be given in either form (`BTC/USDT`, `BTC-USDT`, any case); the
   * answer names it in the market form (`BTC-USDT`). MARKET_001 (404) for a symbol the market does not have.
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
    return this.read(response, (answer) => answer.json() as Promise<OrderBook>);
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
    return this.read(response, (answer) => answer.json() as Promise<RankingList>);
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
    return this.read(response, (answer) => answer.json() as Promise<SevenFactorScore>);
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
    return this.read(response, (answer) => answer.json() as Promise<SevenFactorBatchResponse>);
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
    return this.read(response, (answer) => answer.json() as Promise<ScreeningResultList>);
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
    return this.read(response, (answer) => answer.json() as Promise<ScreeningPresetList>);
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
    return this.read(response, (answer) => answer.json() as Promise<ScreeningCacheRefreshResponse>);
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
    return this.read(response, (answer) => answer.json() as Promise<RealityCheckStats>);
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
    return this.read(response, (answer) => answer.json() as Promise<RealityCheckHistory>);
  }

  /**
   * Get a price prediction
   *
   * The price one `timeframe` from now: the last price times the exponential of the next period's log return as
   * forecast from the symbol's closed candles of that timeframe (at most the newest 1,000). `lstm` is a one-layer LSTM
   * trained on the normalised log returns; `ensemble` combines a random walk, the drift, an AR(3) autoregression,
   * exponential smoothing and the LSTM, weighted by the inverse of their out-of-sample squared error. Every model is
   * fitted on the oldest 70% of the returns and measured on the newest 30% it never saw; `confidence` is the
   * probability, at that measured error (taken as normal), that the price ends within 1% of the prediction. Models are
   * trained once per symbol and timeframe (concurrent requests wait for the same training) and again when a new candle
   * closes; they are kept in memory and in the database. Fewer than 120 closed candles of the timeframe: 422 `AI_002`
   * (the message says how many there are). A model that cannot be trained (its loss diverges) or whose stored copy is
   * unreadable: 503 `AI_001`, and the next request trains again.
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
    return this.read(response, (answer) => answer.json() as Promise<Prediction>);
  }

  /**
   * Get risk metrics
   *
   * Historical one-day risk of holding one unit of the symbol, from its last `window` daily returns (closed daily
   * candles, r = close / previous close − 1). `var_95` is the loss not exceeded on 95% of those days: the current price
   * times minus the 5th percentile of the returns (linear interpolation between order statistics, as numpy's default);
   * `expected_shortfall` is the current price times minus the mean of the returns at or below that percentile, so it is
   * never below `var_95`. Both are in the price currency and negative only when even the worst days were gains.
   * `volatility` is the sample standard deviation of the daily log returns, annualised by the square root of the number
   * of daily returns per year the window spans (about 365 for crypto, 252 for shares). Fewer than `window` + 1 closed
   * daily candles: 422 `AI_002` (the message says how many there are).
   *
   * `GET /api/v1/analysis/risk/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001, AI_002
   */
  async getRiskMetrics(params: GetRiskMetricsParams, init?: RequestInit): Promise<RiskMetrics> {
    const query = new URLSearchParams();
    if (params.window !== undefined) query.set("window", String(params.window));
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/analysis/risk/${encodeURIComponent(params.symbol)}`,
      query,
      authenticated: true,
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<RiskMetrics>);
  }

  /**
   * List portfolio positions
   *
   * Every open position of the paper account (spot and margin), oldest first, in document B's shape: `symbol` in the
   * dash form (`BTC-USDT`), `size` signed (negative for a short), `entry_price` the average open price, `current_price`
   * the last trade, `pnl` the unrealized profit or loss at that price (quote asset), `timestamp` when the position last
   * changed.
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
    return this.read(response, (answer) => answer.json() as Promise<PortfolioPositionList>);
  }

  /**
   * Open a portfolio position
   *
   * Opens a margin position in the paper account (document B): `long` or `short` `size` of the symbol at the market
   * price (it walks the synthetic book like a Market order, taker fee), with margin = notional / `leverage` locked in
   * the quote asset and the position marked to market. It is listed by `listPositions` with exchange `paper-margin` (a
   * short with side Sell and a positive quantity; its FIFO lots have negative quantities, sold to open and bought to
   * close) and by `listPortfolioPositions`. Answered 201 once stored. 400 `VALIDATION_ERROR` for a `size` or `leverage`
   * outside its pattern; 422 `ORDER_001` naming `body.size` for a size finer than the symbol's lot size; 404
   * `MARKET_001` for a symbol the market does not have; 422 `PORT_001` when the free balance of the quote asset is
   * short of the margin and fee; 422 `PORT_002` when opening it would exceed the open-position limit
   * (`--max-positions`, default 100); 409 `CONFLICT` when the book has, at this moment, no depth within the slippage
   * cap to fill any of it (orders taken before the market makes its book again used it up; nothing changes: retry).
   * `position_id` is the position's id (`GET /positions`) without its dashes, after `pos_`.
   *
   * `POST /api/v1/portfolio/positions`, role: trader
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_001, MARKET_002,
   * PORT_001, ORDER_001, PORT_002, CONFLICT
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
    return this.read(response, (answer) => answer.json() as Promise<OpenPortfolioPositionResponse>);
  }

  /**
   * List the caller's watchlist groups
   *
   * The caller's watchlist groups, oldest first, each with its items in the order they were added. Groups are per user:
   * nobody else sees them, admins included. An item's `symbol` is stored in one form (the slash form of document A for
   * pairs, `BTC/USDT`; the ticker otherwise, `005930`), its `name` comes from the market's symbol list.
   *
   * `GET /api/v1/watchlist`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async listWatchlists(init?: RequestInit): Promise<WatchlistList> {
    const response = await this.execute({ method: "GET", path: "/api/v1/watchlist", authenticated: true }, init);
    return this.read(response, (answer) => answer.json() as Promise<WatchlistList>);
  }

  /**
   * Create a watchlist group
   *
   * Creates an empty group of the caller. `name` (1 to 100 characters of any script, such as `반도체 관련주`) is stored and
   * answered exactly as sent, and is unique among the caller's groups: 409 CONFLICT when the caller already has a group
   * of that name (compared exactly: case and Unicode normalisation count; other users' groups do not). A user holds at
   * most 50 groups (the server setting `--watchlist-limit`): one more answers 409 CONFLICT naming the limit.
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
    return this.read(response, (answer) => answer.json() as Promise<WatchlistGroup>);
  }

  /**
   * Delete a group
   *
   * Deletes the caller's group with its items: document A's "관심종목 삭제" (delete a watchlist entry) for a whole group;
   * `DELETE /api/v1/watchlist/{id}/items/{symbol}` serves it for one symbol. 404 NOT_FOUND when the caller has no group
   * of that id, which is also the answer for another user's group (never 403, so that ids are not confirmed).
   *
   * `DELETE /api/v1/watchlist/{id}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async deleteWatchlist(params: DeleteWatchlistParams, init?: RequestInit): Promise<SuccessResponse> {
    const response = await this.execute({
      method: "DELETE",
      path: `/api/v1/watchlist/${encodeURIComponent(params.id)}`,
      authenticated: true,
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<SuccessResponse>);
  }

  /**
   * Rename a group or change its description
   *
   * Renames the caller's group and/or changes its description: `name` (1 to 100 characters) renames it, `description`
   * (at most 500 characters) replaces the description and `null` clears it; a member left out stays as it is, and at
   * least one member is required (400 VALIDATION_ERROR otherwise). `updated_at` moves when the name or the description
   * changes. 409 CONFLICT when another group of the caller has that name. 404 NOT_FOUND when the caller has no group of
   * that id, which is also the answer for another user's group (never 403, so that ids are not confirmed).
   *
   * `PATCH /api/v1/watchlist/{id}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async updateWatchlist(
    params: UpdateWatchlistParams,
    body: UpdateWatchlistRequest,
    init?: RequestInit,
  ): Promise<WatchlistGroup> {
    const response = await this.execute({
      method: "PATCH",
      path: `/api/v1/watchlist/${encodeURIComponent(params.id)}`,
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<WatchlistGroup>);
  }

  /**
   * Add a symbol to a group
   *
   * Adds a symbol after the last item of the caller's group and moves the group's `updated_at`. The symbol may be
   * written in either form (`BTC/USDT`, `BTC-USDT`, `005930`) and is resolved through the market: 404 MARKET_001 naming
   * it when the market does not have it. It is stored in one form (the slash form for pairs, the ticker otherwise:
   * `BTC-USDT` is stored and answered as `BTC/USDT`), so both forms name the same item: 409 CONFLICT when the group
   * holds it already. A group holds at most 200 symbols (the server setting `--watchlist-item-limit`): one more answers
   * 409 CONFLICT naming the limit. 404 NOT_FOUND when the caller has no group of that id, which is also the answer for
   * another user's group (never 403, so that ids are not confirmed).
   *
   * `POST /api/v1/watchlist/{id}/items`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * MARKET_001, VALIDATION_ERROR, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
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
    return this.read(response, (answer) => answer.json() as Promise<WatchlistItem>);
  }

  /**
   * Remove a symbol from a group
   *
   * Removes a symbol from the caller's group and moves the group's `updated_at`: document A's "관심종목 삭제" (delete a
   * watchlist entry) for one symbol; `DELETE /api/v1/watchlist/{id}` serves it for a whole group. The symbol may be
   * written in either form (`BTC/USDT`, `BTC-USDT`). 404 NOT_FOUND when the symbol is not in the group, or when the
   * caller has no group of that id, which is also the answer for another user's group (never 403, so that ids are not
   * confirmed).
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
    return this.read(response, (answer) => answer.json() as Promise<SuccessResponse>);
  }

  /**
   * List holdings from executions
   *
   * The holdings the journal's executions leave: every venue's FIFO ledger of each symbol (each venue is an account of
   * its own: `paper` for the paper exchange's spot orders, `paper-margin` for its margin positions, a broker's name for
   * executions loaded with `trading-server import-executions`), replayed as `getCostBasis` describes. Only ledgers with
   * open lots are listed, by `exchange` then `symbol`. `quantity` is negative for a short (`paper-margin` only).
   * `current_price` is the market's last trade price, `market_value` = quantity × current_price and `unrealized_pnl` =
   * market_value − total_cost; the three are null when the market has no price for the symbol. `name` is the symbol's
   * name in the market (null when the market does not have it); `last_trade_at` the time of the ledger's newest
   * execution.
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
    return this.read(response, (answer) => answer.json() as Promise<JournalPositionList>);
  }

  /**
   * List executions
   *
   * The trade journal's executions: the paper exchange's fills of manual and strategy orders (`exchange` `paper` for
   * spot orders, `paper-margin` for margin positions; `order_id` the order) and the executions loaded from brokers with
   * `trading-server import-executions` (`exchange` the broker's name, `order_id` null). Newest first by `executed_at`,
   * ties by `id` descending, so offsets page without overlap. `from` and `to` are UTC dates, both inclusive
   * (VALIDATION_ERROR naming `query.from` when `from` is after `to`); `symbol` in either form (`BTC/USDT`, `BTC-USDT`,
   * any case), MARKET_001 (404) for a symbol the market does not have; `side` buy or sell. `total` counts the matches
   * before pagination. `symbol` is answered in the orders' form (`BTC/USDT`, `005930`), `amount` is quantity × price,
   * `fee` is in the price's currency.
   *
   * `GET /api/v1/journal/executions`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, MARKET_001, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
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
    return this.read(response, (answer) => answer.json() as Promise<ExecutionList>);
  }

  /**
   * Get the FIFO cost basis of a symbol
   *
   * The FIFO cost basis of one symbol on one venue (`exchange`: `paper`, the default, for the paper exchange's spot
   * orders; `paper-margin` for its margin positions; a broker's name for executions loaded with `trading-server
   * import-executions`), from its executions replayed oldest first (those of one millisecond buys first, then by id). A
   * buy adds a lot: its quantity, its unit cost `cost` = price + fee / quantity, and its UTC `date`. A sell consumes
   * the oldest lots first and realizes (sell price − lot unit cost) × quantity, less the sell's fee; a lot closed in
   * part keeps its unit cost and the rest of its fee. On `paper-margin` a sell beyond the long lots opens a short: a
   * lot of negative quantity whose `cost` is its unit proceeds, price − fee / quantity; a buy closes shorts oldest
   * first, realizing (unit proceeds − buy price) × quantity less the buy's fee, and opens a long with the rest; an
   * execution that closes lots and opens one splits its fee in proportion of the quantities. `quantity` = Σ lot
   * quantities (negative for a short), `total_cost` = Σ over the open lots of quantity × price + the part of the lot's
   * fee on that quantity (Σ quantity × unit cost, negative for a short: the proceeds kept), `average_cost` = total_cost
   * / quantity (0 when flat), `realized_pnl` everything closed so far, fees included. Values are exact decimals written
   * without trailing zeros; the only roundings, half to even at the 16th decimal place, are of unit costs, of
   * `average_cost`, and of a lot's fee share when part of the lot closes (the shares of a fee always add up to it).
   * NOT_FOUND (404) when the venue has no executions of the symbol; MARKET_001 (404) for a symbol the market does not
   * have. `symbol` is answered in the orders' form (`BTC/USDT`, `005930`).
   *
   * `GET /api/v1/journal/cost-basis/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * MARKET_001, VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getCostBasis(params: GetCostBasisParams, init?: RequestInit): Promise<CostBasis> {
    const query = new URLSearchParams();
    if (params.exchange !== undefined) query.set("exchange", params.exchange);
    const response = await this.execute({
      method: "GET",
      path: `/api/v1/journal/cost-basis/${encodeURIComponent(params.symbol)}`,
      query,
      authenticated: true,
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<CostBasis>);
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
    return this.read(response, (answer) => answer.json() as Promise<ErrorRecordList>);
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
    return this.read(response, (answer) => answer.json() as Promise<ErrorRecordList>);
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
    return this.read(response, (answer) => answer.json() as Promise<ErrorStats>);
  }

  /**
   * Get the system summary
   *
   * System overview for debugging: version, uptime, the database backend with a measured round trip, the engine's
   * strategy counters, active orders and open positions, WebSocket connections and subscriptions of this instance,
   * recorded errors and the process memory.
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
    return this.read(response, (answer) => answer.json() as Promise<SystemSummary>);
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
    return this.read(response, (answer) => answer.json() as Promise<FailedSymbolList>);
  }

  /**
   * Reactivate a symbol
   *
   * Reactivates a deactivated symbol and resets its failure count (a symbol with no failures is left as it is).
   * `market` picks the entry when the ticker is listed in several markets; without it such a ticker is a
   * VALIDATION_ERROR naming them. NOT_FOUND when no market lists the ticker.
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
    return this.read(response, (answer) => answer.json() as Promise<SymbolReactivateResponse>);
  }

  /**
   * Synchronise the symbol list
   *
   * Loads the configured provider's symbol list (of `market` when given) into the symbol list: new symbols are added,
   * known ones get the provider's name, exchange and sector (their collection health is kept), and active symbols of
   * the markets the provider listed that it no longer lists are deactivated (their last error says so). MARKET_002 when
   * the provider cannot be reached, times out or answers something unusable (docs/providers.md describes the providers
   * and their formats).
   *
   * `POST /api/v1/symbols/sync`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE, MARKET_002
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
    return this.read(response, (answer) => answer.json() as Promise<SymbolSyncResponse>);
  }

  /**
   * List cached datasets
   *
   * Cached candle series (of `market` when given), by symbol, market and timeframe, paged; and the status and progress
   * of the most recent downloads.
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
    return this.read(response, (answer) => answer.json() as Promise<DatasetList>);
  }

  /**
   * Request a dataset download
   *
   * Starts a background download of one series from the configured provider and answers 202 with the job, queued; its
   * status and progress are reported by `GET /api/v1/dataset` (`jobs`). The candles are stored as real data. A download
   * that fails marks the job failed with its reason and counts a collection failure of the symbol (three in a row
   * deactivate it). MARKET_001 when the symbol list has no such symbol (in `market`, when given); VALIDATION_ERROR when
   * `market` is omitted and several markets list the ticker, or when `start` is after `end`; CONFLICT when a download
   * of the same series (ticker, market, timeframe) is already queued or running, on any instance sharing the database,
   * or when the symbol is deactivated (reactivate it first).
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
    return this.read(response, (answer) => answer.json() as Promise<DatasetJob>);
  }

  /**
   * Search symbols
   *
   * Symbols whose ticker or name contains `q`, ignoring ASCII case (`%` and `_` match themselves, they are not
   * wildcards): the exact ticker first, then tickers starting with `q`, then the rest by ticker.
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
    return this.read(response, (answer) => answer.json() as Promise<SymbolSearchResult>);
  }

  /**
   * Get symbol information for several tickers
   *
   * Every market's entry of each ticker, in the order asked (`BTC/USDT` finds `BTC-USDT`); `not_found` lists the
   * tickers, as sent, that no market lists.
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
    return this.read(response, (answer) => answer.json() as Promise<SymbolBatchResponse>);
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
    return this.read(response, (answer) => answer.json() as Promise<FailedSymbolList>);
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
    return this.read(response, (answer) => answer.json() as Promise<SymbolStatusStats>);
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
    return this.read(response, (answer) => answer.json() as Promise<ReactivateSymbolsResponse>);
  }

  /**
   * Delete a symbol and its data
   *
   * Calls the `delete_symbol_cascade` database function: removes the symbol and cleans every related table (one count a
   * table that lost rows, `symbol_info` last). NOT_FOUND when the symbol list has no such symbol in `market`. CONFLICT
   * for a symbol the running market serves (its live feed would keep writing candles of a symbol that no longer
   * exists): a symbol leaves the market at the next start once it is deactivated, and the demo symbols always stay.
   *
   * `DELETE /api/v1/dataset/symbols/{ticker}`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * CONFLICT, VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
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
    return this.read(response, (answer) => answer.json() as Promise<SymbolDeleteResponse>);
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
    return this.read(response, (answer) => answer.json() as Promise<OrphanCleanupResponse>);
  }

  /**
   * Get cached candles of a symbol
   *
   * One timeframe's cached candles, sorted by time and paginated; `total` counts the whole series. `market` picks the
   * market when the ticker has data or a listing in several; without it such a ticker is a VALIDATION_ERROR naming
   * them. NOT_FOUND when the symbol has no candles of that timeframe (or no market knows it).
   *
   * `GET /api/v1/dataset/{symbol}`, role: viewer
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async getDatasetCandles(params: GetDatasetCandlesParams, init?: RequestInit): Promise<DatasetCandles> {
    const query = new URLSearchParams();
    if (params.market !== undefined) query.set("market", params.market);
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
    return this.read(response, (answer) => answer.json() as Promise<DatasetCandles>);
  }

  /**
   * Delete cached candles of a symbol
   *
   * Deletes the candles (ohlcv) and their series summaries (ohlcv_metadata) of one symbol in one market, for one
   * timeframe or all; nothing else of the symbol or of other markets is touched. `market` as in `getDatasetCandles`.
   * NOT_FOUND when there is nothing to delete. A symbol the running market serves keeps trading: its feed runs on what
   * it holds in memory, and its live candles start the series again.
   *
   * `DELETE /api/v1/dataset/{symbol}`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED, NOT_FOUND,
   * VALIDATION_ERROR, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async deleteDatasetCandles(params: DeleteDatasetCandlesParams, init?: RequestInit): Promise<DatasetDeleteResponse> {
    const query = new URLSearchParams();
    if (params.market !== undefined) query.set("market", params.market);
    if (params.timeframe !== undefined) query.set("timeframe", params.timeframe);
    const response = await this.execute({
      method: "DELETE",
      path: `/api/v1/dataset/${encodeURIComponent(params.symbol)}`,
      query,
      authenticated: true,
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<DatasetDeleteResponse>);
  }

  /**
   * Send a Telegram test message
   *
   * Sends a test message (the body's `message`, or a default text) through the configured bot and reports Telegram's
   * answer (the chat, the message id and when Telegram sent it). NOT_CONFIGURED (409) when no bot token and chat id are
   * configured; SERVICE_UNAVAILABLE when Telegram cannot be reached or refuses the message (its description is in the
   * error's message).
   *
   * `POST /api/v1/notifications/telegram/test`, role: admin
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED, INSUFFICIENT_PERMISSION, IP_NOT_ALLOWED,
   * VALIDATION_ERROR, NOT_CONFIGURED, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
   */
  async sendTelegramTest(body?: TelegramTestRequest, init?: RequestInit): Promise<TelegramTestResponse> {
    const response = await this.execute({
      method: "POST",
      path: "/api/v1/notifications/telegram/test",
      body,
      contentType: "application/json",
      authenticated: true,
    }, init);
    return this.read(response, (answer) => answer.json() as Promise<TelegramTestResponse>);
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
    return this.read(response, (answer) => answer.text());
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
    return this.read(response, (answer) => answer.json() as Promise<Record<string, unknown>>);
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
    return this.read(response, (answer) => answer.text());
  }

  /**
   * Prometheus metrics
   *
   * Metrics in the Prometheus text exposition format. Open by default, as Prometheus scrapers expect. Started with
   * `--metrics-token` (`TRADING_METRICS_TOKEN`), the server asks for `Authorization: Bearer <metrics token>`
   * (`metricsToken`; 401 `MISSING_TOKEN` without it, `INVALID_TOKEN` with another value); that token opens nothing
   * else, and no user token or API key opens `/metrics`. Started with `--metrics-allowlist`
   * (`TRADING_METRICS_ALLOWLIST`), only client addresses in those CIDRs may read it (403 `IP_NOT_ALLOWED`;
   * `X-Forwarded-For` counts only from trusted proxies), and like every metered operation it also keeps to
   * `--ip-allowlist`. Metered like other requests of the `standard` class: per client address when anonymous (429
   * `RATE_LIMITED`), before the token is checked.
   *
   * `GET /metrics`, role: public (sent without credentials)
   *
   * @throws {ApiError} MISSING_TOKEN, INVALID_TOKEN, IP_NOT_ALLOWED, RATE_LIMITED, INTERNAL_ERROR
   */
  async getMetrics(init?: RequestInit): Promise<string> {
    const response = await this.execute({ method: "GET", path: "/metrics", authenticated: false }, init);
    return this.read(response, (answer) => answer.text());
  }
}

/** True for a 2xx answer, and for an accepted error status whose body is JSON. */
function isResult(request: PreparedRequest, response: Response): boolean {
  if (response.ok) return true;
  if (request.accept === undefined || !request.accept.includes(response.status)) return false;
  return (response.headers.get("Content-Type") ?? "").includes("json");
}

/** The `exp` and `iat` claims of a JWT, read without verifying it (the server does that); `undefined` when unreadable. */
function tokenClaims(token: string): { exp?: number; iat?: number } | undefined {
  const payload = token.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "=");
    const claims: unknown = JSON.parse(atob(base64));
    if (typeof claims !== "object" || claims === null) return undefined;
    const { exp, iat } = claims as Record<string, unknown>;
    return {
      ...(typeof exp === "number" ? { exp } : {}),
      ...(typeof iat === "number" ? { iat } : {}),
    };
  } catch {
    return undefined;
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
  listBalances: { method: "GET", path: "/api/v1/balances", role: "viewer", tag: "Account" },
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
  deleteWatchlist: { method: "DELETE", path: "/api/v1/watchlist/{id}", role: "viewer", tag: "Watchlist" },
  updateWatchlist: { method: "PATCH", path: "/api/v1/watchlist/{id}", role: "viewer", tag: "Watchlist" },
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
