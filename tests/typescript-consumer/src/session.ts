// What a front-end team does with the packed client, against a live server started with
// `--access-token-ttl 2` (tests/external/test_typescript_client.py): log in, call, read typed
// errors with their headers, cross a real token expiry with parallel calls, meet a spent refresh
// token, and keep a WebSocket session alive across a reconnection. Prints one line per check and
// exits non-zero at the first mismatch.
import {
  ApiError,
  NetworkError,
  SessionExpiredError,
  TradingClient,
  TradingSocket,
  type Channel,
  type ReadinessResponse,
  type TokenResponse,
  type WsServerMessage,
} from "@trading/client";
import { baseUrl, check, fail, passed, password, sleep, waitFor } from "./program.js";

const webSocketUrl = baseUrl.replace(/^http/, "ws") + TradingSocket.path;

/** A fetch that records every request's method and URL. */
function recordingFetch(log: string[]): typeof fetch {
  return (input, init) => {
    log.push(`${init?.method ?? "GET"} ${String(input)}`);
    return fetch(input, init);
  };
}

const refreshes = (log: string[]) => log.filter((line) => line.endsWith("/api/v1/auth/refresh")).length;

/** Waits until `predicate` holds, or fails after `ms`. */
async function until(predicate: () => boolean, what: string, ms = 5000): Promise<void> {
  await waitFor(() => (predicate() ? true : undefined), what, ms);
}

/** The access tokens live 2 s: waiting this long makes the current one expire for sure. */
const TOKEN_EXPIRY_WAIT_MS = 3200;

async function loginAndCalls(): Promise<void> {
  const pairs: TokenResponse[] = [];
  const client = new TradingClient({ baseUrl, onTokens: (tokens) => pairs.push(tokens) });
  const tokens = await client.login({ username: "admin", password });
  check(client.accessToken === tokens.access_token, "login keeps the access token");
  check(pairs.length === 1 && tokens.expires_in === 2, "onTokens sees the pair; the server runs 2 s tokens");
  const me = await client.getCurrentUser();
  check(me.username === "admin" && me.role === "admin", `getCurrentUser: ${JSON.stringify(me)}`);
  const users = await client.listUsers({ limit: 10 });
  check(users.users.some((user) => user.username === "admin"), "listUsers lists the admin");
  const readiness: ReadinessResponse = await client.getReadiness();
  check(readiness.status === "healthy", `readiness: ${JSON.stringify(readiness)}`);
  passed("login stores the tokens; calls are typed");

  await client.logout();
  check(client.accessToken === undefined, "logout forgets the tokens");
  try {
    await client.getCurrentUser();
    fail("a call after logout succeeded");
  } catch (error) {
    check(error instanceof ApiError && error.status === 401 && error.hasCode("MISSING_TOKEN"),
      `after logout: ${String(error)}`);
  }
  passed("logout forgets the tokens");
}

async function typedErrors(): Promise<void> {
  const client = new TradingClient({ baseUrl });
  let refused: ApiError | undefined;
  try {
    await client.login({ username: "nobody-here", password: "not the password" });
  } catch (error) {
    if (error instanceof ApiError) refused = error;
  }
  check(refused !== undefined && refused.status === 401 && refused.code === "INVALID_CREDENTIALS",
    `wrong password: ${String(refused)}`);
  check(refused.hasCode("INVALID_CREDENTIALS", "RATE_LIMITED") && !refused.hasCode("TOKEN_EXPIRED"), "hasCode");
  const budget = refused.rateLimit;
  check(budget !== undefined && budget.limit > 0 && budget.remaining < budget.limit && budget.reset > Date.now() / 1000,
    `X-RateLimit-* on a refused login: ${JSON.stringify(budget)}`);
  check(typeof refused.body === "object" && refused.body !== null && refused.requestId !== undefined,
    "the parsed body and the request id");
  check(refused.headers.get("Content-Type")?.includes("json") === true, "the answer's headers");

  // The login limit for one username from one address (10 a minute) answers 429 with Retry-After.
  let limited: ApiError | undefined;
  for (let attempt = 0; attempt < 12 && limited === undefined; attempt += 1) {
    try {
      await client.login({ username: "nobody-here", password: "not the password" });
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) limited = error;
    }
  }
  check(limited !== undefined && limited.code === "RATE_LIMITED", "the login limit answers 429 RATE_LIMITED");
  const wait = limited.retryAfter;
  check(wait !== undefined && wait > 0 && wait <= 60, `Retry-After: ${String(wait)}`);
  passed("typed errors with status, code, headers, Retry-After and X-RateLimit-*");

  try {
    await client.createUser({ username: "x", password: "long enough password", role: "viewer" });
    fail("createUser without credentials succeeded");
  } catch (error) {
    check(error instanceof ApiError && error.code === "MISSING_TOKEN", `no credentials: ${String(error)}`);
  }

  const unreachable = new TradingClient({ baseUrl: "http://127.0.0.1:9" });
  try {
    await unreachable.getHealth();
    fail("a call to a closed port succeeded");
  } catch (error) {
    check(error instanceof NetworkError && !(error instanceof ApiError) && error.cause !== undefined,
      `a closed port gives a NetworkError: ${String(error)}`);
  }
  passed("network failures are NetworkError");

  // A documented non-2xx body (readiness' 503) is a result, typed, not an error.
  const unhealthy: ReadinessResponse = {
    status: "unhealthy",
    components: {
      database: { status: "unhealthy", message: "connection refused" },
      redis: { status: "disabled" },
      exchange: { status: "healthy" },
    },
    timestamp: new Date().toISOString(),
  };
  const stub: typeof fetch = async () =>
    new Response(JSON.stringify(unhealthy), { status: 503, headers: { "Content-Type": "application/json" } });
  const readiness = await new TradingClient({ baseUrl, fetch: stub }).getReadiness();
  check(readiness.status === "unhealthy" && readiness.components.database.status === "unhealthy",
    `a 503 readiness answer is returned: ${JSON.stringify(readiness)}`);
  passed("a documented 503 body is returned typed");
}

async function parallelRefresh(): Promise<void> {
  const log: string[] = [];
  const pairs: TokenResponse[] = [];
  const client = new TradingClient({ baseUrl, fetch: recordingFetch(log), onTokens: (tokens) => pairs.push(tokens) });
  await client.login({ username: "admin", password });
  const first = client.accessToken;
  await sleep(TOKEN_EXPIRY_WAIT_MS);
  const users = await Promise.all([1, 2, 3, 4].map(() => client.getCurrentUser()));
  check(users.every((user) => user.username === "admin"), "all four calls succeed after the expiry");
  check(refreshes(log) === 1, `four parallel calls across an expiry refresh once (saw ${refreshes(log)})`);
  check(client.accessToken !== first && pairs.length === 2, "the new pair is kept and reported");
  const expiredCalls = log.filter((line) => line.endsWith("/api/v1/auth/me")).length;
  check(expiredCalls === 8, `each call is sent once and retried once (saw ${expiredCalls})`);
  passed("four parallel calls across a real expiry make exactly one refresh");
}

async function spentRefreshToken(): Promise<void> {
  const owner = new TradingClient({ baseUrl });
  const tokens = await owner.login({ username: "admin", password });
  // A second tab restored the same pair; the first tab refreshes, spending the refresh token.
  const log: string[] = [];
  const expired: SessionExpiredError[] = [];
  const copy = new TradingClient({
    baseUrl,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    fetch: recordingFetch(log),
    onSessionExpired: (error) => expired.push(error),
  });
  await sleep(TOKEN_EXPIRY_WAIT_MS);
  await owner.getCurrentUser();

  const outcomes = await Promise.allSettled([copy.getCurrentUser(), copy.listUsers()]);
  for (const outcome of outcomes) {
    check(outcome.status === "rejected" && outcome.reason instanceof SessionExpiredError,
      `a spent refresh token ends the session: ${JSON.stringify(outcome)}`);
  }
  const reason = (outcomes[0] as PromiseRejectedResult).reason as SessionExpiredError;
  check(reason.cause instanceof ApiError && reason.cause.code === "INVALID_TOKEN", `the refusal: ${String(reason.cause)}`);
  check(expired.length === 1, `onSessionExpired is called once (saw ${expired.length})`);
  check(copy.accessToken === undefined, "the ended session's tokens are forgotten");
  check(refreshes(log) === 1, "the spent refresh token is presented once");
  try {
    await copy.getCurrentUser();
    fail("a call after the session ended succeeded");
  } catch (error) {
    check(error instanceof ApiError && error.code === "MISSING_TOKEN", `after the end: ${String(error)}`);
  }
  check(refreshes(log) === 1, "and never again");
  passed("a spent refresh token: SessionExpiredError, onSessionExpired, never presented again");
}

/** The runtime's WebSocket, with every instance kept so that the test can break connections. */
function trackedWebSocket(instances: WebSocket[]): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      instances.push(this);
    }
  };
}

async function webSocketSession(): Promise<void> {
  const log: string[] = [];
  const client = new TradingClient({ baseUrl, fetch: recordingFetch(log) });
  await client.login({ username: "admin", password });
  const instances: WebSocket[] = [];
  const socket = new TradingSocket(webSocketUrl, {
    token: () => client.freshAccessToken(),
    WebSocket: trackedWebSocket(instances),
    minBackoffMs: 50,
    maxBackoffMs: 200,
  });
  const messages: WsServerMessage[] = [];
  socket.onMessage((message) => messages.push(message));
  const authResults: boolean[] = [];
  socket.on("auth_result", (message) => authResults.push(message.success));
  const subscribed: string[][] = [];
  socket.on("subscribed", (message) => subscribed.push(message.channels));
  socket.subscribe("orders", "market:BTC-USDT", "no-such-channel" as Channel);
  socket.connect();

  await until(() => authResults.length === 1 && subscribed.length === 1, "the first auth_result and subscribed");
  check(authResults[0] === true, "the socket authenticates with the token");
  check([...subscribed[0]!].sort().join(",") === "market:BTC-USDT,orders", `subscribed: ${subscribed[0]}`);
  await until(() => messages.some((message) => message.type === "error"), "the refusal of the unknown channel");
  const refusal = messages.find((message) => message.type === "error");
  check(refusal?.type === "error" && refusal.code === "INVALID_CHANNEL" && refusal.channel === "no-such-channel",
    `the refusal names the channel: ${JSON.stringify(refusal)}`);
  check(!socket.subscriptions.includes("no-such-channel" as Channel), "a refused channel is dropped");

  // The token expires, then the connection breaks: the reconnection authenticates with a fresh token.
  await sleep(TOKEN_EXPIRY_WAIT_MS);
  const before = messages.length;
  instances[0]!.close();
  await until(() => authResults.length === 2 && subscribed.length === 2, "the reconnection's auth_result and subscribed");
  check(instances.length === 2, `one reconnection (${instances.length} sockets)`);
  check(authResults[1] === true, "the reconnection authenticates");
  check(refreshes(log) === 1, `the getter refreshed the expired token once (saw ${refreshes(log)})`);
  check([...subscribed[1]!].sort().join(",") === "market:BTC-USDT,orders", `resubscribed: ${subscribed[1]}`);
  await sleep(200);
  const errorsAfter = messages.slice(before).filter((message) => message.type === "error");
  check(errorsAfter.length === 0, `the refused channel is not asked for again: ${JSON.stringify(errorsAfter)}`);
  socket.close();
  passed("the WebSocket reconnects, re-authenticates with a fresh token, and drops a refused channel");
}

async function encodedSymbol(): Promise<void> {
  const log: string[] = [];
  const client = new TradingClient({ baseUrl, fetch: recordingFetch(log) });
  await client.login({ username: "admin", password });
  try {
    await client.getMarketPrice({ symbol: "BTC/USDT" });
  } catch {
    // The market may not answer yet; the request's URL is what is checked.
  }
  const line = log.find((entry) => entry.includes("/api/v1/market/price/"));
  check(line !== undefined && line.endsWith("/api/v1/market/price/BTC%2FUSDT"), `the symbol is encoded once: ${line}`);
  passed("a raw symbol is encoded once");
}

await loginAndCalls();
await typedErrors();
await parallelRefresh();
await spentRefreshToken();
await webSocketSession();
await encodedSymbol();
console.log("all checks passed");
