// Generated from openapi.yaml by trading-server codegen. Do not edit.
// The types of every schema and operation parameter of Trading API Server 1.0.0.

/**
 * An exact decimal number encoded as a string (prices, quantities, PnL, money). Never a JSON number, so no precision is
 * lost.
 * exact decimal as string
 */
export type Decimal = string;

/**
 * A positive exact decimal string of an order (a quantity or a price): at most 10 whole digits and 8 significant
 * decimal places, the finest unit the exchange keeps. Whether it is a multiple of the symbol's lot or tick size is the
 * market's rule, answered 422 `ORDER_001`.
 * exact decimal as string
 */
export type OrderDecimal = string;

/**
 * An exact decimal string, or null when the value is not known (e.g. the price of a market order).
 * exact decimal as string
 */
export type NullableDecimal = string | null;

/**
 * A trading symbol or stock ticker. Both the slash form of document A (`BTC/USDT`) and the dash form of document B
 * (`BTC-USDT`) are accepted, as are exchange tickers such as `005930` or `AAPL`. In a path segment the slash must be
 * percent-encoded (`BTC%2FUSDT`).
 */
export type TradingSymbol = string;

/** Identifier of a strategy instance: lower-case letters, digits, `_` and `-`. */
export type StrategyId = string;

/**
 * Access role. Levels: viewer 10 (read), trader 50 (also trades and manages strategies), admin 100 (also manages data,
 * users and the system). A role includes every lower level.
 */
export type Role = "viewer" | "trader" | "admin";
export const RoleValues = ["viewer", "trader", "admin"] as const;

/** Order or position side. */
export type OrderSide = "Buy" | "Sell";
export const OrderSideValues = ["Buy", "Sell"] as const;

/** Order type. */
export type OrderType = "Market" | "Limit" | "StopLoss" | "TakeProfit";
export const OrderTypeValues = ["Market", "Limit", "StopLoss", "TakeProfit"] as const;

/** The order types that carry a price (every `OrderType` but Market). */
export type PricedOrderType = "Limit" | "StopLoss" | "TakeProfit";
export const PricedOrderTypeValues = ["Limit", "StopLoss", "TakeProfit"] as const;

/** Order lifecycle status. `Pending`, `Open` and `PartiallyFilled` are active. */
export type OrderStatus =
  | "Pending"
  | "Open"
  | "PartiallyFilled"
  | "Filled"
  | "Cancelled"
  | "Rejected"
  | "Expired";
export const OrderStatusValues = [
  "Pending",
  "Open",
  "PartiallyFilled",
  "Filled",
  "Cancelled",
  "Rejected",
  "Expired",
] as const;

/**
 * How long an order stays active. `GTC` (good till cancelled, the default): until filled or cancelled. `IOC` (immediate
 * or cancel): fills what it can on arrival; the unfilled rest ends `Expired`. `FOK` (fill or kill): fills its whole
 * quantity on arrival or nothing, and then ends `Expired`. `GTD` (good till date): as GTC until `expires_at`, then the
 * unfilled rest ends `Expired`. A Market order takes none (it fills on arrival up to the slippage cap and its rest is
 * Cancelled) and is shown as `IOC`; a StopLoss or TakeProfit order takes `GTC` or `GTD`, which bound how long it waits
 * for its trigger (`IOC` or `FOK` on one is answered 400 `VALIDATION_ERROR` naming `body.time_in_force`).
 */
export type TimeInForce = "GTC" | "IOC" | "FOK" | "GTD";
export const TimeInForceValues = ["GTC", "IOC", "FOK", "GTD"] as const;

/** Market code. `FX` holds currency pairs such as the EUR-USD sample data. */
export type Market = "KR" | "US" | "CRYPTO" | "FX";
export const MarketValues = ["KR", "US", "CRYPTO", "FX"] as const;

/**
 * Trading route state of a symbol (first match wins): OVERHEAT if ret5d > 20% or RSI >= 75; ATTACK if 45 <= RSI <= 65,
 * range_pos >= 0.8, low_trend > 0 and vol_quality > 0; ARMED if vol_quality >= 0.2 or dist_ma20 > -2%; WAIT if
 * low_trend > 0 and dist_ma20 > -5%; NEUTRAL otherwise. Needs at least 40 candles.
 */
export type RouteState = "OVERHEAT" | "ATTACK" | "ARMED" | "WAIT" | "NEUTRAL";
export const RouteStateValues = ["OVERHEAT", "ATTACK", "ARMED", "WAIT", "NEUTRAL"] as const;

/** GlobalScore grade: >= 70 BUY, >= 50 WATCH, otherwise HOLD. */
export type Grade = "BUY" | "WATCH" | "HOLD";
export const GradeValues = ["BUY", "WATCH", "HOLD"] as const;

/** Candle timeframe (`1M` is one month). */
export type Timeframe = "1m" | "5m" | "15m" | "30m" | "1h" | "4h" | "1d" | "1w" | "1M";
export const TimeframeValues = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w", "1M"] as const;

/** Strategy type (document A StrategyType enum). `sma` is an SMA crossover. */
export type StrategyType =
  | "grid"
  | "rsi"
  | "bollinger"
  | "sma"
  | "volatility_breakout"
  | "magic_split"
  | "infinity_bot"
  | "range_trading"
  | "dual_momentum"
  | "all_weather"
  | "haa";
export const StrategyTypeValues = [
  "grid",
  "rsi",
  "bollinger",
  "sma",
  "volatility_breakout",
  "magic_split",
  "infinity_bot",
  "range_trading",
  "dual_momentum",
  "all_weather",
  "haa",
] as const;

/** Action applied to a strategy. */
export type StrategyAction = "start" | "stop";
export const StrategyActionValues = ["start", "stop"] as const;

/** Kind of strategy event pushed on the `strategies` WebSocket channel. */
export type StrategyEvent =
  | "started"
  | "stopped"
  | "signal_generated"
  | "order_submitted"
  | "order_filled"
  | "config_updated"
  | "error";
export const StrategyEventValues = [
  "started",
  "stopped",
  "signal_generated",
  "order_submitted",
  "order_filled",
  "config_updated",
  "error",
] as const;

/** Severity of a recorded error. */
export type Severity = "critical" | "error" | "warning";
export const SeverityValues = ["critical", "error", "warning"] as const;

/**
 * Category of a recorded error. `provider` is a market data provider that failed (unreachable, timed out, a bad
 * answer); `system` covers everything that is not database, exchange, strategy or provider related.
 */
export type ErrorCategory = "database" | "exchange" | "strategy" | "provider" | "system";
export const ErrorCategoryValues = [
  "database",
  "exchange",
  "strategy",
  "provider",
  "system",
] as const;

/** Overall health. */
export type HealthStatus = "healthy" | "degraded" | "unhealthy";
export const HealthStatusValues = ["healthy", "degraded", "unhealthy"] as const;

/** Health of one dependency. `disabled` means the component is not configured (e.g. no Redis). */
export type ComponentStatus = "healthy" | "unhealthy" | "disabled";
export const ComponentStatusValues = ["healthy", "unhealthy", "disabled"] as const;

/** Direction of a portfolio position (document B). */
export type PortfolioPositionType = "long" | "short";
export const PortfolioPositionTypeValues = ["long", "short"] as const;

/** Side of an execution (fill) in the trade journal, lower case as in the document. */
export type ExecutionSide = "buy" | "sell";
export const ExecutionSideValues = ["buy", "sell"] as const;

/**
 * Where executions were made, each venue an account (a FIFO ledger) of its own: `paper` (the paper exchange's spot
 * orders), `paper-margin` (its margin positions), or the lower-case name of a broker given to `trading-server
 * import-executions`.
 */
export type ExecutionVenue = string;

/** Prediction horizon. */
export type PredictionTimeframe = "1h" | "4h" | "1d";
export const PredictionTimeframeValues = ["1h", "4h", "1d"] as const;

/** Prediction model. */
export type PredictionModel = "lstm" | "ensemble";
export const PredictionModelValues = ["lstm", "ensemble"] as const;

/** Sort direction. */
export type SortOrder = "asc" | "desc";
export const SortOrderValues = ["asc", "desc"] as const;

/** Built-in screening preset. */
export type ScreeningPresetId =
  | "basic"
  | "value"
  | "dividend"
  | "growth"
  | "snowball"
  | "large_cap"
  | "near_52w_low";
export const ScreeningPresetIdValues = [
  "basic",
  "value",
  "dividend",
  "growth",
  "snowball",
  "large_cap",
  "near_52w_low",
] as const;

/** Field to sort screening results by. */
export type ScreeningSortField =
  | "market_cap"
  | "per"
  | "pbr"
  | "roe"
  | "dividend_yield"
  | "price_change_1d"
  | "price_change_5d"
  | "price_change_20d"
  | "ticker"
  | "name";
export const ScreeningSortFieldValues = [
  "market_cap",
  "per",
  "pbr",
  "roe",
  "dividend_yield",
  "price_change_1d",
  "price_change_5d",
  "price_change_20d",
  "ticker",
  "name",
] as const;

/** State of a background dataset download. */
export type DatasetJobStatus = "queued" | "running" | "completed" | "failed";
export const DatasetJobStatusValues = ["queued", "running", "completed", "failed"] as const;

/** Storage backend in use. */
export type DatabaseBackend = "sqlite" | "postgres";
export const DatabaseBackendValues = ["sqlite", "postgres"] as const;

/**
 * Machine-readable error code. `x-error-status` gives the HTTP status of each code and `x-error-messages` its default
 * English message. `INVALID_CHANNEL`, `INVALID_MESSAGE` and `UNAUTHORIZED` are sent only in WebSocket `error` messages
 * (their status is nominal).
 */
export type ErrorCode =
  | "MISSING_TOKEN"
  | "INVALID_TOKEN"
  | "TOKEN_EXPIRED"
  | "INVALID_CREDENTIALS"
  | "INSUFFICIENT_PERMISSION"
  | "IP_NOT_ALLOWED"
  | "STRATEGY_NOT_FOUND"
  | "ORDER_NOT_FOUND"
  | "POSITION_NOT_FOUND"
  | "NOT_FOUND"
  | "INVALID_ORDER_ID"
  | "ALREADY_RUNNING"
  | "NOT_RUNNING"
  | "VALIDATION_ERROR"
  | "CONFLICT"
  | "NOT_CONFIGURED"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "CANCEL_FAILED"
  | "INTERNAL_ERROR"
  | "METHOD_NOT_ALLOWED"
  | "NOT_IMPLEMENTED"
  | "SERVICE_UNAVAILABLE"
  | "REQUEST_TIMEOUT"
  | "HEADERS_TOO_LARGE"
  | "HTTP_VERSION_NOT_SUPPORTED"
  | "MARKET_001"
  | "MARKET_002"
  | "PORT_001"
  | "PORT_002"
  | "ORDER_001"
  | "AI_001"
  | "AI_002"
  | "INVALID_CHANNEL"
  | "INVALID_MESSAGE"
  | "UNAUTHORIZED";
export const ErrorCodeValues = [
  "MISSING_TOKEN",
  "INVALID_TOKEN",
  "TOKEN_EXPIRED",
  "INVALID_CREDENTIALS",
  "INSUFFICIENT_PERMISSION",
  "IP_NOT_ALLOWED",
  "STRATEGY_NOT_FOUND",
  "ORDER_NOT_FOUND",
  "POSITION_NOT_FOUND",
  "NOT_FOUND",
  "INVALID_ORDER_ID",
  "ALREADY_RUNNING",
  "NOT_RUNNING",
  "VALIDATION_ERROR",
  "CONFLICT",
  "NOT_CONFIGURED",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "CANCEL_FAILED",
  "INTERNAL_ERROR",
  "METHOD_NOT_ALLOWED",
  "NOT_IMPLEMENTED",
  "SERVICE_UNAVAILABLE",
  "REQUEST_TIMEOUT",
  "HEADERS_TOO_LARGE",
  "HTTP_VERSION_NOT_SUPPORTED",
  "MARKET_001",
  "MARKET_002",
  "PORT_001",
  "PORT_002",
  "ORDER_001",
  "AI_001",
  "AI_002",
  "INVALID_CHANNEL",
  "INVALID_MESSAGE",
  "UNAUTHORIZED",
] as const;

/** The HTTP status the server answers with for each error code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  MISSING_TOKEN: 401,
  INVALID_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  INSUFFICIENT_PERMISSION: 403,
  IP_NOT_ALLOWED: 403,
  STRATEGY_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  POSITION_NOT_FOUND: 404,
  NOT_FOUND: 404,
  INVALID_ORDER_ID: 400,
  ALREADY_RUNNING: 400,
  NOT_RUNNING: 400,
  VALIDATION_ERROR: 400,
  CONFLICT: 409,
  NOT_CONFIGURED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  CANCEL_FAILED: 500,
  INTERNAL_ERROR: 500,
  METHOD_NOT_ALLOWED: 405,
  NOT_IMPLEMENTED: 501,
  SERVICE_UNAVAILABLE: 503,
  REQUEST_TIMEOUT: 408,
  HEADERS_TOO_LARGE: 431,
  HTTP_VERSION_NOT_SUPPORTED: 505,
  MARKET_001: 404,
  MARKET_002: 503,
  PORT_001: 422,
  PORT_002: 422,
  ORDER_001: 422,
  AI_001: 503,
  AI_002: 422,
  INVALID_CHANNEL: 400,
  INVALID_MESSAGE: 400,
  UNAUTHORIZED: 401,
};

/** One failed validation rule. */
export interface ValidationIssue {
  /** Path of the offending field (dot notation for nested fields, `query.limit` style for parameters). */
  field: string;
  message: string;
}

/** The body of every error answer. */
export interface ErrorResponse {
  code: ErrorCode;
  /** Human readable error message. */
  message: string;
  /** Per-field problems (validation errors only). */
  details?: ValidationIssue[];
  /** Identifier of the request, for log correlation (also sent as the `X-Request-Id` header). */
  request_id?: string;
}

/** Generic acknowledgement. */
export interface SuccessResponse {
  success: boolean;
  message: string;
}

/** Credentials for login. */
export interface LoginRequest {
  /** The username exactly as it was created, case included. */
  username: string;
  /** format: password */
  password: string;
}

/**
 * A refresh token to exchange for a new token pair. The refresh token is single-use (rotation); presenting a spent one
 * revokes its whole family.
 */
export interface RefreshRequest {
  refresh_token: string;
}

export type TokenResponseTokenType = "Bearer";
export const TokenResponseTokenTypeValues = ["Bearer"] as const;

/** A JWT access token (HS256, claims `sub`, `username`, `role`, `iat`, `exp`, `jti`) with its refresh token. */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  /** Access token lifetime in seconds. */
  expires_in: number;
  token_type: TokenResponseTokenType;
}

/** A user account. */
export interface User {
  /** UUID */
  id: string;
  username: string;
  role: Role;
  /** A disabled user cannot log in or refresh tokens. */
  disabled: boolean;
  /** ISO 8601 date-time */
  created_at: string;
}

/** All user accounts. */
export interface UserList {
  users: User[];
  total: number;
}

/** A new user account. */
export interface CreateUserRequest {
  /**
   * Unique whatever the case of its letters (`Trader1` and `trader1` cannot both exist); kept as given, and logins must
   * give it exactly so.
   */
  username: string;
  /** format: password */
  password: string;
  role: Role;
}

/** Changes to a user account; at least one field. */
export interface UpdateUserRequest {
  role?: Role;
  /** format: password */
  password?: string;
  disabled?: boolean;
  /**
   * The caller's password now. Required when `password` changes the caller's own account (401 INVALID_CREDENTIALS
   * without it or when wrong); ignored otherwise.
   * format: password
   */
  current_password?: string;
}

/** An API key (the secret itself is never shown again after creation). */
export interface ApiKey {
  /** UUID */
  id: string;
  name: string;
  /** Role granted to requests made with this key; never higher than the owner's role. */
  role: Role;
  /** First characters of the key, to recognise it. */
  prefix: string;
  /**
   * Owner of the key.
   * UUID
   */
  user_id: string;
  /** ISO 8601 date-time */
  created_at: string;
  /**
   * Expiry; null for a key that never expires.
   * ISO 8601 date-time
   */
  expires_at: string | null;
  /**
   * Last time the key authenticated a request.
   * ISO 8601 date-time
   */
  last_used_at: string | null;
}

/** The caller's API keys (an admin sees everyone's). */
export interface ApiKeyList {
  api_keys: ApiKey[];
  total: number;
}

/** A new API key for the caller. */
export interface CreateApiKeyRequest {
  name: string;
  /** Must not be higher than the caller's role. */
  role: Role;
  /**
   * Optional expiry; one that is not in the future answers 409 CONFLICT.
   * ISO 8601 date-time
   */
  expires_at?: string;
}

/** A newly created API key. `key` is shown only in this answer; send it as the `X-API-Key` header. */
export interface CreatedApiKey {
  /** UUID */
  id: string;
  name: string;
  /** Role granted to requests made with this key; never higher than the owner's role. */
  role: Role;
  /** First characters of the key, to recognise it. */
  prefix: string;
  /**
   * Owner of the key.
   * UUID
   */
  user_id: string;
  /** ISO 8601 date-time */
  created_at: string;
  /**
   * Expiry; null for a key that never expires.
   * ISO 8601 date-time
   */
  expires_at: string | null;
  /**
   * Last time the key authenticated a request.
   * ISO 8601 date-time
   */
  last_used_at: string | null;
  /** The full secret key. */
  key: string;
}

/** Liveness answer. */
export interface HealthResponse {
  status: HealthStatus;
  /** ISO 8601 date-time */
  timestamp: string;
}

/** Health of one dependency. */
export interface ComponentHealth {
  status: ComponentStatus;
  /** Round-trip time of the check in milliseconds (absent when not measured). */
  latency_ms?: number;
  /** Reason when unhealthy. */
  message?: string;
}

/** Health of every dependency. */
export interface ReadinessComponents {
  database: ComponentHealth;
  /** `disabled` when no Redis is configured. */
  redis: ComponentHealth;
  exchange: ComponentHealth;
}

/** Readiness answer (HTTP 200 when ready, 503 otherwise). */
export interface ReadinessResponse {
  status: HealthStatus;
  components: ReadinessComponents;
  /** ISO 8601 date-time */
  timestamp: string;
}

/**
 * Strategy configuration; validated against the strategy type's config schema (see `GET /api/v1/strategies/types`).
 * Grid: `spacing_pct` (default 0.2, 0.1-10; `grid_spacing_pct` accepted), `levels` (default 15, 1-20; `grid_levels`
 * accepted), `use_atr`, `reset_threshold_pct`, `warmup_candles` (default 5).
 */
export type StrategyConfig = Record<string, unknown>;

/** A strategy in the list. */
export interface StrategySummary {
  id: StrategyId;
  name: string;
  version: string;
  running: boolean;
  signals_generated: number;
}

/** All strategy instances. */
export interface StrategyList {
  strategies: StrategySummary[];
  /** Number of strategies. */
  total: number;
  /** Number of running strategies. */
  running: number;
}

/** Counters of one strategy. */
export interface StrategyStats {
  signals_generated: number;
  orders_submitted: number;
  /**
   * Orders of the strategy filled in full (one `order_filled` event with `order_done` each); an order partly filled and
   * then cancelled is submitted but not counted here.
   */
  orders_filled: number;
}

/** One strategy instance with its counters and configuration. */
export interface StrategyDetail {
  id: StrategyId;
  name: string;
  version: string;
  running: boolean;
  stats: StrategyStats;
  type: StrategyType;
  /** Symbols the strategy trades. */
  symbols: TradingSymbol[];
  config: StrategyConfig;
  /**
   * What the strategy keeps between events, as it is stored for a restart: its decision state (a grid's anchor, spacing
   * and levels; warm-up progress; an allocation's targets) and `last_signal`, the reason of its last signal. Absent
   * before it first starts.
   */
  state?: Record<string, unknown>;
}

/** Result of starting or stopping a strategy. */
export interface StrategyActionResponse {
  success: boolean;
  strategy_id: StrategyId;
  action: StrategyAction;
  message: string;
}

/** New configuration for a strategy (merged over the current one). */
export interface UpdateStrategyConfigRequest {
  config: StrategyConfig;
}

/** The configuration now in effect. */
export interface StrategyConfigResponse {
  success: boolean;
  strategy_id: StrategyId;
  /** Normalised configuration (aliases such as `grid_spacing_pct` resolved, defaults filled in). */
  config: StrategyConfig;
  message: string;
}

/** Strategy engine counters. */
export interface EngineStats {
  total_strategies: number;
  running_strategies: number;
  total_signals_generated: number;
  total_orders_filled: number;
  total_market_data_processed: number;
}

/** A strategy type with its configuration schema and defaults. */
export interface StrategyTypeInfo {
  type: StrategyType;
  name: string;
  description: string;
  /** JSON Schema of the configuration. */
  config_schema: Record<string, unknown>;
  /** Default configuration. */
  defaults: Record<string, unknown>;
}

/** Every strategy type. */
export interface StrategyTypeList {
  types: StrategyTypeInfo[];
}

/** A new strategy instance (created stopped). */
export interface CreateStrategyRequest {
  id: StrategyId;
  type: StrategyType;
  name: string;
  symbols: TradingSymbol[];
  /** Optional; missing keys take the type defaults. */
  config?: StrategyConfig;
}

/**
 * An order of the paper account. Lifecycle: Pending (received, not yet live on the exchange) → Open → PartiallyFilled →
 * Filled, or Cancelled (by a user, or the unfilled rest of a Market order), Rejected (accepted but could not execute
 * later, e.g. a triggered StopLoss with no liquidity or balance) or Expired (time in force ran out).
 */
export interface Order {
  /** UUID */
  id: string;
  /** The exchange's id; null until the exchange accepted the order. */
  exchange_order_id: string | null;
  symbol: TradingSymbol;
  side: OrderSide;
  order_type: OrderType;
  quantity: Decimal;
  filled_quantity: Decimal;
  /** Limit or trigger price; null for market orders. */
  price: NullableDecimal;
  /** Null until something is filled. */
  average_fill_price: NullableDecimal;
  status: OrderStatus;
  /** Strategy that placed the order; null for manual orders. */
  strategy_id: string | null;
  /** ISO 8601 date-time */
  created_at: string;
  /** ISO 8601 date-time */
  updated_at: string;
  time_in_force: TimeInForce;
  /**
   * When a GTD order expires; null for every other time in force.
   * ISO 8601 date-time
   */
  expires_at: string | null;
  /** The caller's id given at creation (`client_order_id` of `CreateOrderRequest`); null when none was given. */
  client_order_id: string | null;
  /**
   * Fees paid so far, in the quote asset: each fill pays its notional times the maker rate (`--maker-fee-bps`, default
   * 2) when the order rested on the book, or the taker rate (`--taker-fee-bps`, default 5) when it took liquidity,
   * rounded half to even to the asset's scale. "0" until something is filled.
   */
  fee: Decimal;
  /**
   * Why the order ended Cancelled, Rejected or Expired, in words: the reason given to `cancelOrder` (or "Cancelled by
   * user" without one), the slippage cap or missing depth that cut a Market order short, what a triggered order lacked,
   * or the time in force that ran out. Null while the order is active or when it was Filled.
   */
  cancel_reason: string | null;
}

/** One order with the exchange it was routed to (`cancel_reason` is part of every `Order`). */
export interface OrderDetail {
  /** UUID */
  id: string;
  /** The exchange's id; null until the exchange accepted the order. */
  exchange_order_id: string | null;
  symbol: TradingSymbol;
  side: OrderSide;
  order_type: OrderType;
  quantity: Decimal;
  filled_quantity: Decimal;
  /** Limit or trigger price; null for market orders. */
  price: NullableDecimal;
  /** Null until something is filled. */
  average_fill_price: NullableDecimal;
  status: OrderStatus;
  /** Strategy that placed the order; null for manual orders. */
  strategy_id: string | null;
  /** ISO 8601 date-time */
  created_at: string;
  /** ISO 8601 date-time */
  updated_at: string;
  time_in_force: TimeInForce;
  /**
   * When a GTD order expires; null for every other time in force.
   * ISO 8601 date-time
   */
  expires_at: string | null;
  /** The caller's id given at creation (`client_order_id` of `CreateOrderRequest`); null when none was given. */
  client_order_id: string | null;
  /**
   * Fees paid so far, in the quote asset: each fill pays its notional times the maker rate (`--maker-fee-bps`, default
   * 2) when the order rested on the book, or the taker rate (`--taker-fee-bps`, default 5) when it took liquidity,
   * rounded half to even to the asset's scale. "0" until something is filled.
   */
  fee: Decimal;
  /**
   * Why the order ended Cancelled, Rejected or Expired, in words: the reason given to `cancelOrder` (or "Cancelled by
   * user" without one), the slippage cap or missing depth that cut a Market order short, what a triggered order lacked,
   * or the time in force that ran out. Null while the order is active or when it was Filled.
   */
  cancel_reason: string | null;
  /** Exchange the order was routed to: `paper`, the server's paper exchange. */
  exchange: string;
}

/**
 * Orders matching the filters of `listOrders`, newest first: by default the active ones (Pending, Open,
 * PartiallyFilled).
 */
export interface OrderList {
  orders: Order[];
  /** Number of matching orders (before pagination). */
  total: number;
}

/**
 * A Market order (`CreateOrderRequest` with `order_type` Market). It fills at the market price, so it has no `price`,
 * and on arrival, so it has no `time_in_force` or `expires_at`: it walks the book up to the slippage cap and the rest
 * is Cancelled (the order is shown with `time_in_force` IOC).
 */
export interface MarketOrderRequest {
  symbol: TradingSymbol;
  side: OrderSide;
  /** Order type. */
  order_type: "Market";
  /** Positive quantity, a multiple of the symbol's lot size (422 `ORDER_001` otherwise). */
  quantity: OrderDecimal;
  client_order_id?: ClientOrderId;
}

/**
 * A Limit, StopLoss or TakeProfit order (`CreateOrderRequest` with one of those `order_type`s), with its limit price
 * (Limit) or trigger price (StopLoss, TakeProfit).
 */
export interface PricedOrderRequest {
  symbol: TradingSymbol;
  side: OrderSide;
  order_type: "Limit" | "StopLoss" | "TakeProfit";
  /** Positive quantity, a multiple of the symbol's lot size (422 `ORDER_001` otherwise). */
  quantity: OrderDecimal;
  /**
   * Positive, a multiple of the symbol's tick size (422 `ORDER_001` otherwise). For a Limit order the limit price; for
   * a StopLoss or TakeProfit order the trigger price: the order waits (Open) until the last trade reaches it (StopLoss
   * sell: at or below it, StopLoss buy: at or above, TakeProfit sell: at or above, TakeProfit buy: at or below) and
   * then executes as a Market order.
   */
  price: OrderDecimal;
  time_in_force?: TimeInForce;
  /**
   * When a GTD order expires. Required with `time_in_force` GTD and refused with any other (400 `VALIDATION_ERROR`
   * naming `body.expires_at`); one already past is 422 `ORDER_001` naming it.
   * ISO 8601 date-time
   */
  expires_at?: string;
  client_order_id?: ClientOrderId;
}

/**
 * A manual order, told apart by `order_type`: a Limit, StopLoss or TakeProfit order needs `price`
 * (`PricedOrderRequest`); a Market order has none (`MarketOrderRequest`). Either may carry a `client_order_id` that
 * makes a retried create answer the original order.
 *
 * Discriminated by `order_type`.
 */
export type CreateOrderRequest = MarketOrderRequest | PricedOrderRequest;

/**
 * The caller's own id for an order, unique in the paper account. A create naming one that is already used is not
 * executed again: it is answered 200 with the order first created with it (whatever its body), so a retry after a lost
 * answer places nothing twice.
 */
export type ClientOrderId = string;

/** Optional cancellation details. */
export interface CancelOrderRequest {
  reason?: string;
}

/** Result of a cancellation. */
export interface CancelOrderResponse {
  success: boolean;
  /** UUID */
  order_id: string;
  message: string;
}

/** Active orders per status. */
export interface OrderStatsByStatus {
  pending: number;
  open: number;
  partially_filled: number;
}

/** Active orders per side. */
export interface OrderStatsBySide {
  buy: number;
  sell: number;
}

/** Counts of active orders. */
export interface OrderStats {
  total: number;
  by_status: OrderStatsByStatus;
  by_side: OrderStatsBySide;
}

/**
 * An open position of the paper account, from its FIFO lots: `entry_price` is the average cost of the lots still held,
 * `realized_pnl` what the consumed lots realized, `unrealized_pnl` and `current_price` marked to the last trade.
 */
export interface Position {
  /** UUID */
  id: string;
  /**
   * `paper` for a spot position (built from fills of orders), `paper-margin` for a margin position
   * (`openPortfolioPosition`).
   */
  exchange: string;
  symbol: TradingSymbol;
  /** `Buy` is long, `Sell` is short. */
  side: OrderSide;
  quantity: Decimal;
  entry_price: Decimal;
  current_price: Decimal;
  unrealized_pnl: Decimal;
  realized_pnl: Decimal;
  /** quantity x current_price. */
  notional_value: Decimal;
  /** Unrealised return in percent. */
  return_pct: Decimal;
  /** Null for manual positions. */
  strategy_id: string | null;
  /** ISO 8601 date-time */
  opened_at: string;
  /** ISO 8601 date-time */
  updated_at: string;
}

/** Totals over all open positions. */
export interface PositionSummary {
  total_positions: number;
  total_unrealized_pnl: Decimal;
  total_realized_pnl: Decimal;
  total_notional_value: Decimal;
  long_count: number;
  short_count: number;
}

/** Open positions with their summary. */
export interface PositionList {
  positions: Position[];
  total: number;
  summary: PositionSummary;
}

/** The balance of one asset in the paper account. */
export interface Balance {
  /** Asset: a currency (`USDT`, `USD`, `KRW`), the base of a pair (`BTC`) or a stock ticker (`005930`, `AAPL`). */
  asset: string;
  /** Available to new orders and margin. */
  free: Decimal;
  /** Held by open orders and the margin of open margin positions. */
  locked: Decimal;
  /** free + locked. */
  total: Decimal;
}

/** The balances of the paper account, sorted by asset. */
export interface BalanceList {
  balances: Balance[];
}

/** One OHLCV candle; `timestamp` is the candle open time. */
export interface Candle {
  /** ISO 8601 date-time */
  timestamp: string;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: Decimal;
}

/** Candles in ascending time order. */
export type CandleSeries = Candle[];

/** Candles of one symbol for several timeframes. */
export interface MultiTimeframeKlines {
  symbol: TradingSymbol;
  /** Candles keyed by timeframe (`1m`, `5m`, `1h`, ...); one key per requested timeframe. */
  data: Record<string, CandleSeries>;
}

/** Latest price of a symbol (document B). */
export interface MarketPrice {
  symbol: TradingSymbol;
  /** The price of the last trade. */
  price: Decimal;
  /**
   * The time of the last trade.
   * ISO 8601 date-time
   */
  timestamp: string;
  /** 24-hour traded volume. */
  volume: Decimal;
  /**
   * The exchange the price is quoted on: `paper`, the server's built-in paper exchange, which trades on the live feed.
   */
  exchange: string;
  /**
   * Where the price comes from (`replay` or `synthetic`). Not required by the schema, since document B's answer has no
   * such field, but always sent by this server.
   */
  source?: FeedSource;
}

/**
 * Where the live prices of a symbol come from; never live exchange data. `replay`: the symbol's real historical candles
 * replayed time-compressed, each rebased onto the live price, with trades synthesised inside them. `synthetic`: a
 * seeded geometric Brownian motion, for symbols without history.
 */
export type FeedSource = "replay" | "synthetic";
export const FeedSourceValues = ["replay", "synthetic"] as const;

/** Historical candles of a symbol (document B). */
export interface MarketHistory {
  symbol: TradingSymbol;
  data: CandleSeries;
  /**
   * Only when the request gave `start` and the range holds more candles than `limit`: the open time of the first candle
   * not returned. Pass it as `start` (with the same `end`, `interval` and `limit`) for the next page.
   * ISO 8601 date-time
   */
  next_start?: string;
}

/** One price level: `[price, quantity]`, both decimal strings. */
export type OrderBookLevel = Decimal[];

/** Order book snapshot. */
export interface OrderBook {
  symbol: TradingSymbol;
  /** Best (highest) bid first. */
  bids: OrderBookLevel[];
  /** Best (lowest) ask first. */
  asks: OrderBookLevel[];
  /** ISO 8601 date-time */
  timestamp: string;
}

/** One symbol in the GlobalScore ranking. */
export interface RankingItem {
  /** 1-based position in the ranking. */
  rank: number;
  ticker: TradingSymbol;
  name: string;
  market: Market;
  /** GlobalScore, 0-100 (needs at least 50 candles). */
  global_score: number;
  grade: Grade;
  route_state: RouteState;
  /** Last close. */
  price: Decimal;
  /** 5-day return in percent. */
  ret5d: number;
  /** 20-day return in percent. */
  ret20d: number;
  /** RSI(14). */
  rsi: number;
  /** Suggested entry price. */
  entry_price: Decimal;
  /** Suggested target price. */
  target_price: Decimal;
  /** Suggested stop price. */
  stop_price: Decimal;
  /**
   * When the score was computed.
   * ISO 8601 date-time
   */
  updated_at: string;
}

/** GlobalScore ranking, best first. */
export interface RankingList {
  items: RankingItem[];
  /** Number of ranked symbols matching the filters (before the limit). */
  total: number;
}

/** The seven factor scores, each 0-100 (50 when its inputs are missing). */
export interface SevenFactors {
  momentum: number;
  value: number;
  quality: number;
  volatility: number;
  liquidity: number;
  growth: number;
  sentiment: number;
}

/**
 * 7Factor score of one ticker. total_score = .20 momentum + .15 value + .20 quality + .10 volatility + .10 liquidity +
 * .15 growth + .10 sentiment.
 */
export interface SevenFactorScore {
  ticker: TradingSymbol;
  factors: SevenFactors;
  total_score: number;
}

/** Several tickers to look up at once. */
export interface TickerBatchRequest {
  tickers: TradingSymbol[];
}

/** 7Factor scores of several tickers. */
export interface SevenFactorBatchResponse {
  results: SevenFactorScore[];
  /** Requested tickers without data. */
  not_found: TradingSymbol[];
}

/**
 * Screening conditions; every field is optional. When `preset` is given its conditions apply first and explicit fields
 * override them. Ratios and changes are in percent.
 */
export interface ScreeningFilterRequest {
  preset?: ScreeningPresetId;
  market?: Market;
  sector?: string;
  /** Minimum market capitalisation (local currency). */
  min_market_cap?: number;
  /** Maximum market capitalisation. */
  max_market_cap?: number;
  /** Minimum price/earnings ratio. */
  min_per?: number;
  /** Maximum price/earnings ratio. */
  max_per?: number;
  /** Minimum price/book ratio. */
  min_pbr?: number;
  /** Maximum price/book ratio. */
  max_pbr?: number;
  /** Minimum return on equity (%). */
  min_roe?: number;
  /** Maximum return on equity (%). */
  max_roe?: number;
  /** Minimum dividend yield (%). */
  min_dividend_yield?: number;
  /** Maximum dividend yield (%). */
  max_dividend_yield?: number;
  /** Minimum 1-day price change (%). */
  min_price_change_1d?: number;
  /** Maximum 1-day price change (%). */
  max_price_change_1d?: number;
  /** Minimum 5-day price change (%). */
  min_price_change_5d?: number;
  /** Maximum 5-day price change (%). */
  max_price_change_5d?: number;
  /** Minimum 20-day price change (%). */
  min_price_change_20d?: number;
  /** Maximum 20-day price change (%). */
  max_price_change_20d?: number;
  /** Minimum revenue growth YoY (%) (growth preset). */
  min_revenue_growth?: number;
  /** Minimum earnings growth YoY (%) (growth preset). */
  min_earnings_growth?: number;
  /** Maximum debt ratio (%) (dividend, snowball presets). */
  max_debt_ratio?: number;
  /** Maximum distance below the 52-week high (%) (near_52w_low preset). */
  max_dist_from_52w_high?: number;
  route_state?: RouteState;
  /** Default `market_cap`. */
  sort_by?: ScreeningSortField;
  /** Default `desc`. */
  sort_order?: SortOrder;
  /**
   * Page size.
   * @default 100
   */
  limit?: number;
  /** @default 0 */
  offset?: number;
}

/** A symbol matching the screening conditions. Fundamental values are null when unknown. */
export interface ScreeningResult {
  ticker: TradingSymbol;
  name: string;
  market: Market;
  sector: string | null;
  price: Decimal;
  market_cap: NullableDecimal;
  per: number | null;
  pbr: number | null;
  roe: number | null;
  dividend_yield: number | null;
  price_change_1d: number | null;
  price_change_5d: number | null;
  price_change_20d: number | null;
  /** `NEUTRAL` when there are fewer than 40 candles. */
  route_state: RouteState;
}

/** Screening results, sorted and paginated. */
export interface ScreeningResultList {
  items: ScreeningResult[];
  /** Matches before pagination. */
  total: number;
  limit: number;
  offset: number;
}

/** A built-in screening preset. */
export interface ScreeningPreset {
  id: ScreeningPresetId;
  name: string;
  description: string;
  /** The conditions the preset applies. */
  filters: ScreeningFilterRequest;
}

/** Every screening preset: basic, value, dividend, growth, snowball, large_cap, near_52w_low. */
export interface ScreeningPresetList {
  presets: ScreeningPreset[];
}

/** Result of rebuilding the screening cache. */
export interface ScreeningCacheRefreshResponse {
  success: boolean;
  message: string;
  /** Rows in the rebuilt cache. */
  row_count: number;
  duration_ms: number;
  /** ISO 8601 date-time */
  refreshed_at: string;
}

/** Reality-check results of one grade. */
export interface RealityCheckGradeStats {
  grade: Grade;
  total_picks: number;
  win_count: number;
  /** Percent of picks that closed higher the next day. */
  win_rate: number;
  /** Mean next-day return in percent. */
  avg_return_pct: number;
}

/** Reality-check results of the picks that had one route state when picked. */
export interface RealityCheckRouteStats {
  route_state: RouteState;
  total_picks: number;
  win_count: number;
  /** Percent of picks that closed higher the next day. */
  win_rate: number;
  /** Mean next-day return in percent. */
  avg_return_pct: number;
}

/** Next-day real performance of the previous day's top-ranked picks over the period. */
export interface RealityCheckStats {
  /** Length of the period in days. */
  days: number;
  total_picks: number;
  win_count: number;
  /** Percent of picks with a positive next-day return. */
  win_rate: number;
  /** Mean next-day return in percent. */
  avg_return_pct: number;
  best_return_pct: number | null;
  worst_return_pct: number | null;
  /**
   * The market's mean next-day return on the picks' days (each pick's market: the mean next-day return of every scored
   * symbol of that market that day), what the picks are measured against; null when no pick has one.
   */
  avg_market_return_pct: number | null;
  /** `avg_return_pct` − `avg_market_return_pct`: how much better than their markets the picks did; null with it. */
  avg_excess_return_pct: number | null;
  by_grade: RealityCheckGradeStats[];
  /** The same by the route state the picks had when picked. */
  by_route_state: RealityCheckRouteStats[];
  /**
   * Most recent validated trading day; null when nothing was validated yet.
   * ISO 8601 date (YYYY-MM-DD)
   */
  last_checked_date: string | null;
}

/** Validation result of one trading day. */
export interface RealityCheckDay {
  /**
   * Day the picks were validated against.
   * ISO 8601 date (YYYY-MM-DD)
   */
  date: string;
  total_picks: number;
  win_count: number;
  win_rate: number;
  avg_return_pct: number;
  /** The mean next-day return of the picks' markets that day; null when unknown. */
  avg_market_return_pct: number | null;
  best_ticker: string | null;
  best_return_pct: number | null;
}

/** Validation history, newest day first. */
export interface RealityCheckHistory {
  days: number;
  history: RealityCheckDay[];
}

/** AI price prediction (document B). */
export interface Prediction {
  symbol: TradingSymbol;
  /** Predicted price at the end of the horizon. */
  prediction: Decimal;
  /** Probability, at the model's measured out-of-sample error, that the price ends within 1% of the prediction. */
  confidence: number;
  timeframe: PredictionTimeframe;
  model: PredictionModel;
  /**
   * When the prediction was made; the horizon ends one timeframe later.
   * ISO 8601 date-time
   */
  timestamp: string;
  /** The last price, which the prediction starts from. */
  current_price: Decimal;
  /** Closed candles of the timeframe the model was fitted on. */
  candles: number;
}

/** Risk metrics of a symbol (document B). */
export interface RiskMetrics {
  symbol: TradingSymbol;
  /** One-day 95% value at risk (per unit, price currency). */
  var_95: Decimal;
  /** Expected loss beyond the VaR. */
  expected_shortfall: Decimal;
  /** Annualised volatility as a fraction. */
  volatility: Decimal;
  /** ISO 8601 date-time */
  timestamp: string;
  /** The last price, which the value at risk and the expected shortfall are scaled by. */
  current_price: Decimal;
  /** Daily returns the measures used. */
  window: number;
}

/** A portfolio position (document B). */
export interface PortfolioPosition {
  symbol: TradingSymbol;
  size: Decimal;
  entry_price: Decimal;
  current_price: Decimal;
  pnl: Decimal;
  /** ISO 8601 date-time */
  timestamp: string;
}

/** Portfolio positions (document B). */
export interface PortfolioPositionList {
  positions: PortfolioPosition[];
}

/** Opens a portfolio position (document B; `size` and `leverage` are decimal strings). */
export interface OpenPortfolioPositionRequest {
  symbol: TradingSymbol;
  /** The size, no finer than the symbol's lot size (422 `ORDER_001` naming `body.size` otherwise). */
  size: OrderDecimal;
  type: PortfolioPositionType;
  /**
   * Leverage multiplier, from 1 to 100 (a decimal string); default "1". The margin locked is notional / leverage.
   * exact decimal as string
   */
  leverage?: string;
}

export type OpenPortfolioPositionResponseStatus = "success";
export const OpenPortfolioPositionResponseStatusValues = ["success"] as const;

/** The opened position (document B). */
export interface OpenPortfolioPositionResponse {
  position_id: string;
  status: OpenPortfolioPositionResponseStatus;
  /** ISO 8601 date-time */
  timestamp: string;
}

/** A symbol in a watchlist group. */
export interface WatchlistItem {
  /**
   * The symbol as stored, in one form whichever was sent: the slash form for pairs (`BTC/USDT`), the ticker otherwise
   * (`005930`).
   */
  symbol: TradingSymbol;
  /** Name from the symbol list; null when unknown. */
  name: string | null;
  /** ISO 8601 date-time */
  added_at: string;
}

/** A watchlist group with its items. */
export interface WatchlistGroup {
  /** UUID */
  id: string;
  name: string;
  description: string | null;
  items: WatchlistItem[];
  /** ISO 8601 date-time */
  created_at: string;
  /**
   * The last change of the group's name, description or items.
   * ISO 8601 date-time
   */
  updated_at: string;
}

/** The caller's watchlist groups. */
export interface WatchlistList {
  watchlists: WatchlistGroup[];
  total: number;
}

/** A new watchlist group. */
export interface CreateWatchlistRequest {
  name: WatchlistName;
  description?: string;
}

/**
 * Changes to a watchlist group, at least one: a new name, a new description, or `null` to clear the description. A
 * member left out stays as it is.
 */
export interface UpdateWatchlistRequest {
  name?: WatchlistName;
  /** The new description; null clears it. */
  description?: string | null;
}

/** A watchlist group's name, unique among its owner's groups, stored exactly as sent (any script). */
export type WatchlistName = string;

/** A symbol to add to a group. */
export interface AddWatchlistItemRequest {
  symbol: TradingSymbol;
}

/** A holding reconstructed from executions (FIFO), of one symbol on one venue. */
export interface JournalPosition {
  symbol: TradingSymbol;
  exchange: ExecutionVenue;
  name: string | null;
  quantity: Decimal;
  average_cost: Decimal;
  total_cost: Decimal;
  /** Null when no price is available. */
  current_price: NullableDecimal;
  market_value: NullableDecimal;
  unrealized_pnl: NullableDecimal;
  realized_pnl: Decimal;
  /** ISO 8601 date-time */
  last_trade_at: string;
}

/** Holdings computed from executions. */
export interface JournalPositionList {
  positions: JournalPosition[];
  total: number;
}

/** One fill. */
export interface Execution {
  /** UUID */
  id: string;
  symbol: TradingSymbol;
  side: ExecutionSide;
  quantity: Decimal;
  price: Decimal;
  fee: Decimal;
  /** quantity x price. */
  amount: Decimal;
  /**
   * Order that produced the fill, if known.
   * UUID
   */
  order_id: string | null;
  exchange: ExecutionVenue;
  /** ISO 8601 date-time */
  executed_at: string;
}

/** Fills, newest first. */
export interface ExecutionList {
  executions: Execution[];
  /** Matches before pagination. */
  total: number;
  limit: number;
  offset: number;
}

/** An open FIFO lot. */
export interface CostBasisLot {
  /** Remaining quantity of the lot (negative for a short). */
  quantity: Decimal;
  /**
   * Unit cost including the spread fee: price + fee / quantity as the lot opened (a short: its unit proceeds, price −
   * fee / quantity).
   */
  cost: Decimal;
  /**
   * The UTC date of the execution that opened it.
   * ISO 8601 date (YYYY-MM-DD)
   */
  date: string;
}

/**
 * FIFO cost basis of one symbol on one venue: buys add lots (qty, price, fee); a sell consumes the oldest lots first; a
 * lot's fee is spread over its quantity; average_cost = sum(qty*price + fee) / sum(qty) over open lots (`getCostBasis`
 * states the rules and roundings).
 */
export interface CostBasis {
  symbol: TradingSymbol;
  exchange: ExecutionVenue;
  /** What the open lots hold (negative for a short). */
  quantity: Decimal;
  average_cost: Decimal;
  total_cost: Decimal;
  realized_pnl: Decimal;
  /** Open lots, oldest first. */
  lots: CostBasisLot[];
}

/** A recorded server-side error. */
export interface ErrorRecord {
  /** UUID */
  id: string;
  severity: Severity;
  category: ErrorCategory;
  message: string;
  /** Structured context; null when none. */
  details: Record<string, unknown> | null;
  /** ISO 8601 date-time */
  created_at: string;
}

/** Recorded errors, newest first. */
export interface ErrorRecordList {
  errors: ErrorRecord[];
  /** Matches before pagination. */
  total: number;
}

/** Recorded errors per severity. */
export interface ErrorSeverityCounts {
  critical: number;
  error: number;
  warning: number;
}

/** Recorded errors per category (keys are ErrorCategory values). */
export type ErrorCategoryCounts = Record<string, number>;

/** Counts of recorded errors. */
export interface ErrorStats {
  total: number;
  by_severity: ErrorSeverityCounts;
  by_category: ErrorCategoryCounts;
}

/** Storage backend state. */
export interface DatabaseSummary {
  backend: DatabaseBackend;
  status: ComponentStatus;
  latency_ms: number;
}

/** Memory of the server process, as the kernel counts it (`VmRSS` and `VmHWM` of /proc/self/status). */
export interface MemorySummary {
  /** Resident set size now. */
  resident_bytes: number;
  /** Largest resident set size since the process started. */
  peak_resident_bytes: number;
}

/** WebSocket connection counters. */
export interface WebSocketSummary {
  connections: number;
  authenticated_connections: number;
  subscriptions: number;
}

/** System overview for debugging. */
export interface SystemSummary {
  version: string;
  uptime_seconds: number;
  /** ISO 8601 date-time */
  started_at: string;
  database: DatabaseSummary;
  engine: EngineStats;
  active_orders: number;
  open_positions: number;
  websocket: WebSocketSummary;
  errors: ErrorStats;
  memory: MemorySummary;
  /** ISO 8601 date-time */
  timestamp: string;
}

/** A symbol whose data collection failed. Three consecutive failures deactivate it. */
export interface FailedSymbol {
  ticker: TradingSymbol;
  name: string | null;
  market: Market;
  /** Consecutive failures. */
  failure_count: number;
  last_error: string | null;
  /** ISO 8601 date-time */
  last_failed_at: string | null;
  is_active: boolean;
}

/** Symbols whose collection failed. */
export interface FailedSymbolList {
  symbols: FailedSymbol[];
  total: number;
}

/** Result of reactivating one symbol. */
export interface SymbolReactivateResponse {
  success: boolean;
  ticker: TradingSymbol;
  message: string;
}

/** Result of synchronising the symbol list. */
export interface SymbolSyncResponse {
  success: boolean;
  /** Provider the list came from (`csv` or `http`). */
  provider: string;
  added: number;
  updated: number;
  deactivated: number;
  /** Symbols known after the sync, in the markets it covered. */
  total: number;
  message: string;
}

/** A cached candle dataset. */
export interface DatasetInfo {
  symbol: TradingSymbol;
  market: Market;
  timeframe: Timeframe;
  /**
   * Open time of the oldest candle.
   * ISO 8601 date-time
   */
  first_candle: string;
  /**
   * Open time of the newest candle.
   * ISO 8601 date-time
   */
  last_candle: string;
  count: number;
}

/** A background dataset download. */
export interface DatasetJob {
  /** UUID */
  id: string;
  symbol: TradingSymbol;
  market: Market;
  timeframe: Timeframe;
  status: DatasetJobStatus;
  /** Percent done. */
  progress: number;
  /** Candles stored so far. */
  fetched: number;
  /**
   * Why the job failed (the provider's error, or `interrupted by a restart` for a job whose server stopped while it was
   * queued or running); null otherwise.
   */
  message: string | null;
  /** ISO 8601 date-time */
  created_at: string;
  /** ISO 8601 date-time */
  updated_at: string;
}

/** Cached datasets and recent download jobs (the jobs report the progress of `POST /api/v1/dataset/fetch`). */
export interface DatasetList {
  datasets: DatasetInfo[];
  total: number;
  /** The 20 most recent downloads, newest first, whatever their market. */
  jobs: DatasetJob[];
}

/** A dataset download request. */
export interface DatasetFetchRequest {
  symbol: TradingSymbol;
  /** Optional; inferred from the symbol list when omitted. */
  market?: Market;
  /** Default `1d`. */
  timeframe?: Timeframe;
  /**
   * Oldest candle wanted; default: as far as the provider goes.
   * ISO 8601 date-time
   */
  start?: string;
  /**
   * Newest candle wanted; default: now.
   * ISO 8601 date-time
   */
  end?: string;
}

/** An entry of the symbol list. */
export interface SymbolInfo {
  ticker: TradingSymbol;
  name: string;
  market: Market;
  exchange: string | null;
  sector: string | null;
  /** False once collection failed three times in a row. */
  is_active: boolean;
}

/** Symbols matching a ticker or name pattern. */
export interface SymbolSearchResult {
  results: SymbolInfo[];
  total: number;
}

/** Symbol information of several tickers. */
export interface SymbolBatchResponse {
  symbols: SymbolInfo[];
  not_found: TradingSymbol[];
}

/** Symbol collection health counts. */
export interface SymbolStatusStats {
  total: number;
  active: number;
  /** Symbols with 3 or more consecutive failures. */
  deactivated: number;
  /** Active symbols with 2 consecutive failures. */
  critical: number;
  /** Active symbols with 1 failure. */
  warning: number;
}

/** Symbols to reactivate; omit `tickers` to reactivate every deactivated symbol (of `market`, when given). */
export interface ReactivateSymbolsRequest {
  tickers?: TradingSymbol[];
  market?: Market;
}

/** Result of a bulk reactivation. */
export interface ReactivateSymbolsResponse {
  success: boolean;
  reactivated: number;
  tickers: TradingSymbol[];
  message: string;
}

/** Rows deleted from one table (camelCase, as in the document). */
export interface TableDeleteCount {
  tableName: string;
  deletedCount: number;
}

/** Result of the cascade delete (`delete_symbol_cascade`). */
export interface SymbolDeleteResponse {
  success: boolean;
  ticker: TradingSymbol;
  market: Market;
  deletedTables: TableDeleteCount[];
  message: string;
}

/** Result of `cleanup_orphan_symbol_data`: data of symbols missing from symbol_info. */
export interface OrphanCleanupResponse {
  success: boolean;
  cleanedTables: TableDeleteCount[];
  totalDeleted: number;
  message: string;
}

/** A page of cached candles. */
export interface DatasetCandles {
  symbol: TradingSymbol;
  timeframe: Timeframe;
  /** In the requested `order`. */
  candles: CandleSeries;
  /** Candles in the dataset. */
  total: number;
  limit: number;
  offset: number;
  order: SortOrder;
}

/** Result of deleting cached candles (ohlcv + ohlcv_metadata). */
export interface DatasetDeleteResponse {
  success: boolean;
  symbol: TradingSymbol;
  market: Market;
  /** Present only when a single timeframe was deleted. */
  timeframe?: Timeframe;
  deleted_candles: number;
  deleted_metadata: number;
  message: string;
}

/** Optional text of the test message. */
export interface TelegramTestRequest {
  message?: string;
}

/** Telegram's answer to the test message (`sendMessage`). */
export interface TelegramTestResponse {
  success: boolean;
  message: string;
  /** The chat the message went to, as Telegram reports it. */
  chat_id: string;
  /** Telegram's id of the message in that chat (`result.message_id`). */
  message_id: number;
  /**
   * When Telegram says it sent the message (`result.date`).
   * ISO 8601 date-time
   */
  sent_at: string;
}

/**
 * Subscribe to channels. Unknown channels get an `error` (`INVALID_CHANNEL`) and are not subscribed; private channels
 * need an authenticated connection (`UNAUTHORIZED`).
 */
export interface WsSubscribe {
  type: "subscribe";
  channels: string[];
}

/** Unsubscribe from channels. */
export interface WsUnsubscribe {
  type: "unsubscribe";
  channels: string[];
}

/** Keep-alive; answered by `pong`. */
export interface WsPing {
  type: "ping";
}

/** Authenticate the connection with a JWT access token; answered by `auth_result`. */
export interface WsAuth {
  type: "auth";
  token: string;
}

/**
 * Any message a client sends on `/ws` (JSON text frame).
 *
 * Discriminated by `type`.
 */
export type WsClientMessage = WsSubscribe | WsUnsubscribe | WsPing | WsAuth;

/** Sent once right after the connection opens. */
export interface WsWelcome {
  type: "welcome";
  /** WebSocket protocol version. */
  version: string;
  /** Epoch milliseconds. */
  timestamp: number;
}

/** Answer to `auth`. */
export interface WsAuthResult {
  type: "auth_result";
  success: boolean;
  message: string;
  /**
   * Authenticated user; null when authentication failed.
   * UUID
   */
  user_id: string | null;
}

/** Channels now subscribed (only the accepted ones). */
export interface WsSubscribed {
  type: "subscribed";
  channels: string[];
}

/** Channels no longer subscribed. */
export interface WsUnsubscribed {
  type: "unsubscribed";
  channels: string[];
}

/** Answer to `ping`. */
export interface WsPong {
  type: "pong";
  /** Epoch milliseconds. */
  timestamp: number;
}

/** Ticker update (channels `market:{symbol}` and `all_markets`). */
export interface WsTicker {
  type: "ticker";
  symbol: TradingSymbol;
  price: Decimal;
  /** 24-hour change in percent. */
  change_24h: Decimal;
  volume_24h: Decimal;
  high_24h: Decimal;
  low_24h: Decimal;
  /** Epoch milliseconds. */
  timestamp: number;
}

/** A public trade (channel `market:{symbol}`). */
export interface WsTrade {
  type: "trade";
  symbol: TradingSymbol;
  trade_id: string;
  price: Decimal;
  quantity: Decimal;
  /** Taker side. */
  side: OrderSide;
  /** Epoch milliseconds. */
  timestamp: number;
}

/**
 * An order changed (channel `orders`): sent for every state change of every order of the paper account (created, each
 * fill, cancelled, rejected, expired), once the change is stored, in the order the changes happened; the fields are the
 * order's at that moment (`average_price` is its `average_fill_price`). Never dropped or conflated: a reader that falls
 * behind gets every one, in order, when it reads again, unless a message would take the connection's unsent data past 8
 * MiB, in which case the server closes the connection with code 1008 (reason `send queue overflow: reader too slow`). A
 * client that reconnects catches up over REST (`listOrders` with `status`, `getOrder`).
 */
export interface WsOrderUpdate {
  type: "order_update";
  /** UUID */
  order_id: string;
  symbol: TradingSymbol;
  status: OrderStatus;
  side: OrderSide;
  order_type: OrderType;
  quantity: Decimal;
  filled_quantity: Decimal;
  /** Null for market orders. */
  price: NullableDecimal;
  /** Null until something is filled. */
  average_price: NullableDecimal;
  /** Strategy that placed the order (its `order_submitted` event names the same `order_id`); null for manual orders. */
  strategy_id: string | null;
  /** Epoch milliseconds. */
  timestamp: number;
}

/**
 * A position changed (channel `positions`): the symbol's position as `getPosition` answers it (the sum when several
 * strategies hold the symbol). Sent after every fill that changes it, once the fill is stored (when a fill closes the
 * last position holding the symbol, the update says quantity "0"), and while the price moves, at most once per symbol
 * and publish interval (`--market-publish-ms`). Never dropped or conflated, like `order_update`: a reader that falls
 * behind gets every one in order, or past 8 MiB of unsent data the connection is closed with code 1008; a client that
 * reconnects catches up with `listPositions`.
 */
export interface WsPositionUpdate {
  type: "position_update";
  symbol: TradingSymbol;
  side: OrderSide;
  quantity: Decimal;
  entry_price: Decimal;
  current_price: Decimal;
  unrealized_pnl: Decimal;
  return_pct: Decimal;
  /** Epoch milliseconds. */
  timestamp: number;
}

/** A strategy event (channel `strategies`). */
export interface WsStrategyUpdate {
  type: "strategy_update";
  strategy_id: StrategyId;
  name: string;
  running: boolean;
  event: StrategyEvent;
  /**
   * Event payload; its shape depends on `event`. `started`: `timeframe`. `stopped`: nothing. `config_updated`:
   * `config`, the whole configuration now in force. `signal_generated`: `signal_type`, `side`, `symbol`, `quantity`,
   * `price` (a limit) or `stop` (a trigger) when the signal has one, `reason`, and `accepted` with `refusal` saying why
   * when it is false (a risk limit or the exchange refused it). `order_submitted`: `order_id`, `symbol`, `side`,
   * `order_type`, `quantity`, `price` (null for a Market order) and `status`; `order_update` messages of that
   * `order_id` follow on the `orders` channel, which does not name the strategy. `order_filled`, once per fill of the
   * strategy's orders: `order_id`, `symbol`, `side`, `quantity` and `price` of the fill, and `order_done` (true on the
   * fill that completes the order). `error`: `message` (the strategy was stopped). Decimals are strings, as everywhere.
   */
  data: Record<string, unknown>;
  /** Epoch milliseconds. */
  timestamp: number;
}

/** One candle in a `kline` message. */
export interface WsKlineData {
  /** Candle open time, epoch milliseconds. */
  timestamp: number;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: Decimal;
}

/** A candle update (channel `kline:{symbol}:{timeframe}`); sent for the forming candle and when it closes. */
export interface WsKline {
  type: "kline";
  symbol: TradingSymbol;
  timeframe: Timeframe;
  data: WsKlineData;
}

/** Order book snapshot (channel `orderbook:{symbol}`). */
export interface WsOrderBook {
  type: "order_book";
  symbol: TradingSymbol;
  /** Best bid first. */
  bids: OrderBookLevel[];
  /** Best ask first. */
  asks: OrderBookLevel[];
  /** Epoch milliseconds. */
  timestamp: number;
}

/**
 * An error on the connection (`INVALID_CHANNEL`, `INVALID_MESSAGE`, `UNAUTHORIZED`, `RATE_LIMITED`). Persistent
 * rate-limit violations close the connection with code 1008.
 */
export interface WsError {
  type: "error";
  code: ErrorCode;
  message: string;
  /**
   * The channel a refused subscription named (an unknown channel, or a private one the connection may not have).
   * Clients drop such a channel instead of asking for it again on reconnection.
   */
  channel?: string;
}

/**
 * Any message the server sends on `/ws` (JSON text frame).
 *
 * Discriminated by `type`.
 */
export type WsServerMessage =
  | WsWelcome
  | WsAuthResult
  | WsSubscribed
  | WsUnsubscribed
  | WsPong
  | WsTicker
  | WsTrade
  | WsOrderUpdate
  | WsPositionUpdate
  | WsStrategyUpdate
  | WsKline
  | WsOrderBook
  | WsError;

/** Whether a `/ws/market` request subscribes or unsubscribes. */
export type WsMarketAction = "subscribe" | "unsubscribe";
export const WsMarketActionValues = ["subscribe", "unsubscribe"] as const;

/** A `/ws/market` request for the `market` channel (price pushes of the listed symbols). */
export interface WsMarketPricesRequest {
  action: WsMarketAction;
  channel: "market";
  /** Symbols. */
  symbols: TradingSymbol[];
}

/** A `/ws/market` request for the `orderbook` channel (order book pushes of one symbol). */
export interface WsMarketOrderBookRequest {
  action: WsMarketAction;
  channel: "orderbook";
  /** Symbol. */
  symbol: TradingSymbol;
  /**
   * Order book levels per side.
   * @default 10
   */
  depth?: number;
}

/**
 * A `/ws/market` request (document B dialect), told apart by `channel`: `channel: market` needs `symbols`; `channel:
 * orderbook` needs `symbol` and takes `depth`.
 *
 * Discriminated by `channel`.
 */
export type WsMarketRequest = WsMarketPricesRequest | WsMarketOrderBookRequest;

/** Price push of the `market` channel (ISO 8601 timestamp, as in document B). */
export interface WsMarketPrice {
  symbol: TradingSymbol;
  price: Decimal;
  /** ISO 8601 date-time */
  timestamp: string;
  volume: Decimal;
}

/** Order book push of the `orderbook` channel (ISO 8601 timestamp, as in document B). */
export interface WsMarketOrderBook {
  symbol: TradingSymbol;
  bids: OrderBookLevel[];
  asks: OrderBookLevel[];
  /** ISO 8601 date-time */
  timestamp: string;
}

/**
 * Any message the server pushes on `/ws/market`. The shapes are told apart by their fields (`price` versus
 * `bids`/`asks` versus `code`); a request the server cannot take is answered with an `ErrorResponse`
 * (`INVALID_MESSAGE`, `INVALID_CHANNEL`).
 */
export type WsMarketMessage = WsMarketPrice | WsMarketOrderBook | ErrorResponse;

export type GetMarketHistoryInterval = "1m" | "5m" | "1h" | "1d";
export const GetMarketHistoryIntervalValues = ["1m", "5m", "1h", "1d"] as const;

/** The parameters of `listUsers` (GET /api/v1/users). */
export interface ListUsersParams {
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
}

/** The parameters of `deleteUser` (DELETE /api/v1/users/{id}). */
export interface DeleteUserParams {
  /**
   * User id.
   * UUID
   */
  id: string;
}

/** The parameters of `updateUser` (PATCH /api/v1/users/{id}). */
export interface UpdateUserParams {
  /**
   * User id.
   * UUID
   */
  id: string;
}

/** The parameters of `deleteApiKey` (DELETE /api/v1/api-keys/{id}). */
export interface DeleteApiKeyParams {
  /**
   * API key id.
   * UUID
   */
  id: string;
}

/** The parameters of `getStrategy` (GET /api/v1/strategies/{id}). */
export interface GetStrategyParams {
  /** Strategy id. */
  id: StrategyId;
}

/** The parameters of `deleteStrategy` (DELETE /api/v1/strategies/{id}). */
export interface DeleteStrategyParams {
  /** Strategy id. */
  id: StrategyId;
}

/** The parameters of `startStrategy` (POST /api/v1/strategies/{id}/start). */
export interface StartStrategyParams {
  /** Strategy id. */
  id: StrategyId;
}

/** The parameters of `stopStrategy` (POST /api/v1/strategies/{id}/stop). */
export interface StopStrategyParams {
  /** Strategy id. */
  id: StrategyId;
}

/** The parameters of `updateStrategyConfig` (PUT /api/v1/strategies/{id}/config). */
export interface UpdateStrategyConfigParams {
  /** Strategy id. */
  id: StrategyId;
}

/** The parameters of `listOrders` (GET /api/v1/orders). */
export interface ListOrdersParams {
  /** Symbol filter. Pass the symbol as it is (e.g. `BTC/USDT`); the client encodes it. */
  symbol?: TradingSymbol;
  /** Strategy filter. */
  strategy_id?: StrategyId;
  /**
   * Comma-separated statuses to list, e.g. `Filled,Cancelled`; without it, the active statuses (Pending, Open,
   * PartiallyFilled).
   */
  status?: OrderStatus[];
  /** Side filter. */
  side?: OrderSide;
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
}

/** The parameters of `getOrder` (GET /api/v1/orders/{id}). */
export interface GetOrderParams {
  /**
   * Order id, a UUID. A value that is not one is answered 400 `INVALID_ORDER_ID` (document A's code for it, named by
   * `x-error-code`), not `VALIDATION_ERROR`.
   * UUID
   */
  id: string;
}

/** The parameters of `cancelOrder` (DELETE /api/v1/orders/{id}). */
export interface CancelOrderParams {
  /**
   * Order id, a UUID. A value that is not one is answered 400 `INVALID_ORDER_ID` (document A's code for it, named by
   * `x-error-code`), not `VALIDATION_ERROR`.
   * UUID
   */
  id: string;
}

/** The parameters of `listPositions` (GET /api/v1/positions). */
export interface ListPositionsParams {
  /** Symbol filter. Pass the symbol as it is (e.g. `BTC/USDT`); the client encodes it. */
  symbol?: TradingSymbol;
  /** Strategy filter. */
  strategy_id?: StrategyId;
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
}

/** The parameters of `getPosition` (GET /api/v1/positions/{symbol}). */
export interface GetPositionParams {
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
}

/** The parameters of `getMultiTimeframeKlines` (GET /api/v1/market/klines/multi). */
export interface GetMultiTimeframeKlinesParams {
  /** Symbol, e.g. `005930` or `BTC/USDT`. Pass the symbol as it is; the client encodes it. */
  symbol: TradingSymbol;
  /** Comma-separated timeframes, e.g. `1m,5m,1h`. */
  timeframes: Timeframe[];
  /**
   * Candles per timeframe (the newest ones, returned oldest first).
   * @default 100
   */
  limit?: number;
}

/** The parameters of `getMarketPrice` (GET /api/v1/market/price/{symbol}). */
export interface GetMarketPriceParams {
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
}

/** The parameters of `getMarketHistory` (GET /api/v1/market/history/{symbol}). */
export interface GetMarketHistoryParams {
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
  /**
   * Candle interval.
   * @default "1h"
   */
  interval?: GetMarketHistoryInterval;
  /**
   * Oldest candle open time (ISO 8601, inclusive). With it, the answer holds the oldest candles of the range and
   * `next_start` when there are more.
   * ISO 8601 date-time
   */
  start?: string;
  /**
   * Newest candle open time (ISO 8601, inclusive); default now. Not before `start`.
   * ISO 8601 date-time
   */
  end?: string;
  /**
   * Maximum number of candles: the oldest of the range from `start` on, or, without `start`, the newest up to `end`.
   * @default 100
   */
  limit?: number;
}

/** The parameters of `getOrderBook` (GET /api/v1/market/orderbook/{symbol}). */
export interface GetOrderBookParams {
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
  /**
   * Price levels per side.
   * @default 10
   */
  depth?: number;
}

/** The parameters of `getRanking` (GET /api/v1/ranking). */
export interface GetRankingParams {
  /** Market filter. */
  market?: Market;
  /** RouteState filter. */
  route_state?: RouteState;
  /** Grade filter. */
  grade?: Grade;
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
}

/** The parameters of `getSevenFactorScore` (GET /api/v1/ranking/7factor/{ticker}). */
export interface GetSevenFactorScoreParams {
  /**
   * Stock or coin ticker, e.g. `005930` or `BTC/USDT`. Pass the ticker as it is; the client encodes it (`BTC%2FUSDT` in
   * the path).
   */
  ticker: TradingSymbol;
}

/** The parameters of `getRealityCheckStats` (GET /api/v1/reality-check/stats). */
export interface GetRealityCheckStatsParams {
  /**
   * Length of the period in days.
   * @default 30
   */
  days?: number;
}

/** The parameters of `getRealityCheckHistory` (GET /api/v1/reality-check/history). */
export interface GetRealityCheckHistoryParams {
  /**
   * Length of the period in days.
   * @default 30
   */
  days?: number;
}

/** The parameters of `getPrediction` (GET /api/v1/analysis/prediction/{symbol}). */
export interface GetPredictionParams {
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
  /**
   * Prediction horizon, and the candles the models learn from. The demo history is daily for most symbols (hourly
   * candles come from the live feed as it runs), so the default is `1d`.
   * @default "1d"
   */
  timeframe?: PredictionTimeframe;
  /**
   * Model.
   * @default "ensemble"
   */
  model?: PredictionModel;
}

/** The parameters of `getRiskMetrics` (GET /api/v1/analysis/risk/{symbol}). */
export interface GetRiskMetricsParams {
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
  /**
   * How many daily returns the measures use (the newest ones).
   * @default 250
   */
  window?: number;
}

/** The parameters of `deleteWatchlist` (DELETE /api/v1/watchlist/{id}). */
export interface DeleteWatchlistParams {
  /**
   * Watchlist group id.
   * UUID
   */
  id: string;
}

/** The parameters of `updateWatchlist` (PATCH /api/v1/watchlist/{id}). */
export interface UpdateWatchlistParams {
  /**
   * Watchlist group id.
   * UUID
   */
  id: string;
}

/** The parameters of `addWatchlistItem` (POST /api/v1/watchlist/{id}/items). */
export interface AddWatchlistItemParams {
  /**
   * Watchlist group id.
   * UUID
   */
  id: string;
}

/** The parameters of `removeWatchlistItem` (DELETE /api/v1/watchlist/{id}/items/{symbol}). */
export interface RemoveWatchlistItemParams {
  /**
   * Watchlist group id.
   * UUID
   */
  id: string;
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
}

/** The parameters of `listExecutions` (GET /api/v1/journal/executions). */
export interface ListExecutionsParams {
  /**
   * Start date (YYYY-MM-DD, UTC, inclusive).
   * ISO 8601 date (YYYY-MM-DD)
   */
  from?: string;
  /**
   * End date (YYYY-MM-DD, UTC, inclusive).
   * ISO 8601 date (YYYY-MM-DD)
   */
  to?: string;
  /** Symbol filter. Pass the symbol as it is (e.g. `BTC/USDT`); the client encodes it. */
  symbol?: TradingSymbol;
  /** Buy/sell filter. */
  side?: ExecutionSide;
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
}

/** The parameters of `getCostBasis` (GET /api/v1/journal/cost-basis/{symbol}). */
export interface GetCostBasisParams {
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
  /**
   * The venue whose ledger to replay: `paper` (the paper exchange's spot orders), `paper-margin` (its margin positions)
   * or a broker's name as imported (`ExecutionVenue`).
   * @default "paper"
   */
  exchange?: string;
}

/** The parameters of `listErrors` (GET /api/v1/monitoring/errors). */
export interface ListErrorsParams {
  /** Severity filter. */
  severity?: Severity;
  /** Category filter. */
  category?: ErrorCategory;
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
}

/** The parameters of `listCriticalErrors` (GET /api/v1/monitoring/errors/critical). */
export interface ListCriticalErrorsParams {
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
}

/** The parameters of `listFailedSymbols` (GET /api/v1/symbols/failed). */
export interface ListFailedSymbolsParams {
  /** Market filter. */
  market?: Market;
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
}

/** The parameters of `reactivateSymbol` (POST /api/v1/symbols/{symbol}/reactivate). */
export interface ReactivateSymbolParams {
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
  /** Market filter. */
  market?: Market;
}

/** The parameters of `syncSymbols` (POST /api/v1/symbols/sync). */
export interface SyncSymbolsParams {
  /** Market filter. */
  market?: Market;
}

/** The parameters of `listDatasets` (GET /api/v1/dataset). */
export interface ListDatasetsParams {
  /** Market filter. */
  market?: Market;
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
}

/** The parameters of `searchSymbols` (GET /api/v1/dataset/search). */
export interface SearchSymbolsParams {
  /** Ticker or name pattern. */
  q: string;
  /** Market filter. */
  market?: Market;
  /**
   * Maximum results.
   * @default 20
   */
  limit?: number;
}

/** The parameters of `listDatasetFailedSymbols` (GET /api/v1/dataset/symbols/failed). */
export interface ListDatasetFailedSymbolsParams {
  /** Market filter. */
  market?: Market;
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
}

/** The parameters of `getSymbolStatusStats` (GET /api/v1/dataset/symbols/stats). */
export interface GetSymbolStatusStatsParams {
  /** Market filter. */
  market?: Market;
}

/** The parameters of `deleteSymbolCascade` (DELETE /api/v1/dataset/symbols/{ticker}). */
export interface DeleteSymbolCascadeParams {
  /**
   * Stock or coin ticker, e.g. `005930` or `BTC/USDT`. Pass the ticker as it is; the client encodes it (`BTC%2FUSDT` in
   * the path).
   */
  ticker: TradingSymbol;
  /** Market code (KR, US, CRYPTO). */
  market: Market;
}

/** The parameters of `getDatasetCandles` (GET /api/v1/dataset/{symbol}). */
export interface GetDatasetCandlesParams {
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
  /** Market filter. */
  market?: Market;
  /**
   * Timeframe.
   * @default "1d"
   */
  timeframe?: Timeframe;
  /**
   * Maximum number of items to return.
   * @default 100
   */
  limit?: number;
  /**
   * Number of items to skip.
   * @default 0
   */
  offset?: number;
  /**
   * Sort by timestamp.
   * @default "desc"
   */
  order?: SortOrder;
}

/** The parameters of `deleteDatasetCandles` (DELETE /api/v1/dataset/{symbol}). */
export interface DeleteDatasetCandlesParams {
  /**
   * Symbol or ticker, e.g. `BTC/USDT`, `BTC-USDT` or `005930`. Pass the symbol as it is (e.g. `BTC/USDT`); the client
   * encodes it (`BTC%2FUSDT` in the path, which the server decodes back).
   */
  symbol: TradingSymbol;
  /** Market filter. */
  market?: Market;
  /** Only this timeframe; all timeframes when omitted. */
  timeframe?: Timeframe;
}
