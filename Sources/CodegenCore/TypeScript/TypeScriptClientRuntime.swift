/// The fixed parts of `src/client.ts`: the error classes, the options, and the request
/// machinery of `TradingClient` (credentials, the session's tokens, the shared refresh, one retry).
enum TypeScriptClientRuntime {
    /// `RateLimitInfo`, `ApiErrorOptions`, `ApiError`, `NetworkError` and, with a refresh
    /// operation, `SessionExpiredError`.
    static func writeErrors(_ errors: TypeScriptErrorShape, session: Bool, into writer: inout TypeScriptWriter) {
        let details = errors.detailsIsArray
            ? "Array.isArray(details) ? (details as \(errors.detailsType)) : undefined"
            : errors.detailsType == "unknown" ? "details" : "details === undefined ? undefined : (details as \(errors.detailsType))"
        let optionalDetails = errors.detailsType == "unknown" ? "unknown" : errors.detailsType + " | undefined"
        writer.lines("""
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
              details?: \(optionalDetails);
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
              readonly code: \(errors.codeType);
              /** What exactly was wrong, for validation errors. */
              readonly details: \(optionalDetails);
              /** The server's id of the request, to find it in the server's logs. */
              readonly requestId: string | undefined;
              /** The answer's headers (`Retry-After`, `X-RateLimit-*`, `X-Request-ID`). */
              readonly headers: Headers;
              /** The answer's body: parsed JSON (the error body), the text when it was not JSON, `undefined` when empty. */
              readonly body: unknown;

              constructor(status: number, code: \(errors.codeType), message: string, options: ApiErrorOptions = {}) {
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
              hasCode(...codes: \(errors.knownCodeType ?? "string")[]): boolean {
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
                      details: \(details),
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
            """)
        guard session else { return }
        writer.lines("""

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
            """)
    }

    static func writeClientOptions(tokenType: String?, into writer: inout TypeScriptWriter) {
        writer.lines("""
            /** Where the server is and which credentials to send. */
            export interface ClientOptions {
              /** The server's origin, e.g. `https://trading.example.com`; operation paths are appended to it. */
              baseUrl: string;
              /** A JWT access token, sent as `Authorization: Bearer <token>`. */
              accessToken?: string | undefined;
            """)
        if tokenType != nil {
            writer.lines("""
                  /** The refresh token that gets a new pair when the access token expires. */
                  refreshToken?: string | undefined;
                """)
        }
        writer.lines("""
              /** An API key, sent as `X-API-Key` when no access token is set. */
              apiKey?: string | undefined;
              /** The fetch implementation; the global `fetch` by default. */
              fetch?: typeof fetch | undefined;
            """)
        if let tokenType {
            writer.lines("""
                  /** Called with every new token pair the client gets (logging in, refreshing), e.g. to store it. */
                  onTokens?: ((tokens: \(tokenType)) => void) | undefined;
                  /** Called once when the session ends because no new token could be had; the call then rejects with the same error. */
                  onSessionExpired?: ((error: SessionExpiredError) => void) | undefined;
                """)
        }
        writer.line("}")
    }

    static func writePreparedRequest(into writer: inout TypeScriptWriter) {
        writer.lines("""
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
            """)
    }

    /// The fields, constructor, credential accessors and private request methods of the class.
    static func writeMachinery(refresh: TypeScriptTokenRefresh?, into writer: inout TypeScriptWriter) {
        let refreshField = refresh == nil ? "" : " refreshToken: string | undefined;"
        writer.lines("""
            private readonly baseUrl: string;
            private readonly fetchFunction: typeof fetch;
            private readonly credentials: { accessToken: string | undefined;\(refreshField) apiKey: string | undefined };
            """)
        if let refresh {
            writer.lines("""
                private readonly tokenListener: ((tokens: \(refresh.tokenType)) => void) | undefined;
                private readonly sessionListener: ((error: SessionExpiredError) => void) | undefined;
                /** The refresh in flight, shared by every call that met the expired token. */
                private pendingRefresh: Promise<void> | undefined;
                /** Why the last session ended, until new tokens arrive. */
                private endedSession: SessionExpiredError | undefined;
                """)
        }
        writer.lines("""

            constructor(options: ClientOptions) {
              this.baseUrl = options.baseUrl.replace(/\\/+$/, "");
              this.fetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
            """)
        if refresh != nil {
            writer.lines("""
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
                """)
        } else {
            writer.lines("""
                  this.credentials = { accessToken: options.accessToken, apiKey: options.apiKey };
                }

                /** The access token sent with each call, if any. */
                get accessToken(): string | undefined {
                  return this.credentials.accessToken;
                }

                /** Replaces the access token, e.g. after logging in; without an argument, forgets it. */
                setTokens(accessToken?: string): void {
                  this.credentials.accessToken = accessToken;
                }
                """)
        }
        writer.lines("""

            /** Sets the API key sent when no access token is set; `undefined` forgets it. */
            setApiKey(apiKey: string | undefined): void {
              this.credentials.apiKey = apiKey;
            }

            """)
        if let refresh { writeSession(refresh, into: &writer) }
        writeExecute(refresh: refresh, into: &writer)
        writer.lines("""

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
            """)
    }

    /// `freshAccessToken`, and the private methods that keep the session: storing and
    /// forgetting tokens, the shared refresh, and ending the session.
    private static func writeSession(_ refresh: TypeScriptTokenRefresh, into writer: inout TypeScriptWriter) {
        writer.lines("""
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
            private storeTokens(tokens: \(refresh.tokenType)): void {
              this.setTokens(\(refresh.accessTokenMember), \(refresh.refreshTokenMember));
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
                await this.\(refresh.methodName)(\(refresh.callArguments));
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

            """)
    }

    private static func writeExecute(refresh: TypeScriptTokenRefresh?, into writer: inout TypeScriptWriter) {
        guard refresh != nil else {
            writer.lines("""
                /** Sends a request and returns its answer when it is a result, or throws an `ApiError` or a `NetworkError`. */
                private async execute(request: PreparedRequest, init: RequestInit | undefined): Promise<Response> {
                  const response = await this.attempt(request, init);
                  if (isResult(request, response)) return response;
                  throw await ApiError.fromResponse(response);
                }
                """)
            return
        }
        writer.lines("""
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
            """)
    }

    /// Module-level helpers after the class: `isResult` and, with a session, `tokenClaims`.
    static func writeHelpers(session: Bool, into writer: inout TypeScriptWriter) {
        writer.lines("""
            /** True for a 2xx answer, and for an accepted error status whose body is JSON. */
            function isResult(request: PreparedRequest, response: Response): boolean {
              if (response.ok) return true;
              if (request.accept === undefined || !request.accept.includes(response.status)) return false;
              return (response.headers.get("Content-Type") ?? "").includes("json");
            }
            """)
        guard session else { return }
        writer.lines("""

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
            """)
    }
}
