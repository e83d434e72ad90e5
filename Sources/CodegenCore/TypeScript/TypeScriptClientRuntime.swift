/// The fixed parts of `src/client.ts`: the error class, the options, and the request
/// machinery of `TradingClient` (credentials, the shared token refresh, one retry).
enum TypeScriptClientRuntime {
    static func writeApiError(_ errors: TypeScriptErrorShape, into writer: inout TypeScriptWriter) {
        let details = errors.detailsIsArray
            ? "Array.isArray(details) ? (details as \(errors.detailsType)) : undefined"
            : errors.detailsType == "unknown" ? "details" : "details === undefined ? undefined : (details as \(errors.detailsType))"
        writer.lines("""
            /** A failed call: the HTTP status and the `{code, message}` body the server answered with. */
            export class ApiError extends Error {
              /** The HTTP status. */
              readonly status: number;
              /** The error code of the body, or `HTTP_<status>` when the body was not an API error. */
              readonly code: \(errors.codeType);
              /** What exactly was wrong, for validation errors. */
              readonly details?: \(errors.detailsType);
              /** The server's id of the request, to find it in the server's logs. */
              readonly requestId?: string;

              constructor(
                status: number,
                code: \(errors.codeType),
                message: string,
                details?: \(errors.detailsType),
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
                      \(details),
                      typeof requestId === "string" ? requestId : undefined,
                    );
                  }
                }
                return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
              }
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
              accessToken?: string;
            """)
        if tokenType != nil {
            writer.lines("""
                  /** The refresh token that gets a new pair when the access token expires. */
                  refreshToken?: string;
                """)
        }
        writer.lines("""
              /** An API key, sent as `X-API-Key` when no access token is set. */
              apiKey?: string;
              /** The fetch implementation; the global `fetch` by default. */
              fetch?: typeof fetch;
            """)
        if let tokenType {
            writer.lines("""
                  /** Called with every new token pair the client gets by refreshing, e.g. to store it. */
                  onTokens?: (tokens: \(tokenType)) => void;
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
            }
            """)
    }

    /// The fields, constructor, credential setters and private request methods of the class.
    static func writeMachinery(refresh: TypeScriptTokenRefresh?, into writer: inout TypeScriptWriter) {
        writer.lines("""
            private readonly baseUrl: string;
            private readonly fetchFunction: typeof fetch;
            """)
        if let refresh {
            writer.lines("""
                private readonly tokenListener: ((tokens: \(refresh.tokenType)) => void) | undefined;
                private readonly credentials: { accessToken?: string; refreshToken?: string; apiKey?: string };
                /** The refresh in flight, shared by every request that met an expired token. */
                private pendingRefresh: Promise<void> | undefined;
                """)
        } else {
            writer.line("private readonly credentials: { accessToken?: string; apiKey?: string };")
        }
        writer.lines("""

            constructor(options: ClientOptions) {
              this.baseUrl = options.baseUrl.replace(/\\/+$/, "");
              this.fetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
            """)
        if refresh != nil {
            writer.lines("""
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
                """)
        } else {
            writer.lines("""
                  this.credentials = { accessToken: options.accessToken, apiKey: options.apiKey };
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
        if let refresh {
            writer.lines("""
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
                  const tokens = await this.\(refresh.methodName)(\(refresh.callArguments));
                  this.setTokens(\(refresh.accessTokenMember), \(refresh.refreshTokenMember));
                  this.tokenListener?.(tokens);
                }

                """)
        } else {
            writer.lines("""
                /** Sends a request and returns its successful response, or throws an `ApiError`. */
                private async execute(request: PreparedRequest, init: RequestInit | undefined): Promise<Response> {
                  const response = await this.attempt(request, init);
                  if (!response.ok) throw await ApiError.fromResponse(response);
                  return response;
                }

                """)
        }
        writer.lines("""
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
            """)
    }
}
