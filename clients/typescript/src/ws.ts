// Generated from openapi.yaml by trading-server codegen. Do not edit.
// The WebSocket clients of Trading API Server 1.0.0.

import type {
  Timeframe,
  TradingSymbol,
  WsClientMessage,
  WsMarketMessage,
  WsMarketOrderBookRequest,
  WsMarketPricesRequest,
  WsMarketRequest,
  WsServerMessage,
} from "./types.js";

/**
 * Where a socket gets the access token it authenticates with after each (re)connection: the token, or a function giving
 * the current one (e.g. `() => client.freshAccessToken()`).
 */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

/**
 * A channel name of `/ws`; each `${…}` stands for a parameter such as a symbol, typed by its schema where the spec
 * declares one.
 */
export type Channel =
  | `market:${TradingSymbol}`
  | `kline:${TradingSymbol}:${Timeframe}`
  | `orderbook:${TradingSymbol}`
  | "all_markets"
  | "orders"
  | "positions"
  | "strategies";

/** Every channel of every WebSocket endpoint, with the role a connection needs to subscribe. */
export const WS_CHANNELS = [
  { endpoint: "/ws", name: "market:{symbol}", requiredRole: "public", messages: ["ticker", "trade"] },
  { endpoint: "/ws", name: "kline:{symbol}:{timeframe}", requiredRole: "public", messages: ["kline"] },
  { endpoint: "/ws", name: "orderbook:{symbol}", requiredRole: "public", messages: ["order_book"] },
  { endpoint: "/ws", name: "all_markets", requiredRole: "public", messages: ["ticker"] },
  { endpoint: "/ws", name: "orders", requiredRole: "viewer", messages: ["order_update"] },
  { endpoint: "/ws", name: "positions", requiredRole: "viewer", messages: ["position_update"] },
  { endpoint: "/ws", name: "strategies", requiredRole: "viewer", messages: ["strategy_update"] },
  { endpoint: "/ws/market", name: "market", requiredRole: "public", messages: ["WsMarketPrice"] },
  { endpoint: "/ws/market", name: "orderbook", requiredRole: "public", messages: ["WsMarketOrderBook"] },
] as const;

/** Options of every socket client. */
export interface SocketOptions {
  /**
   * The WebSocket implementation; the global `WebSocket` by default (browsers, Node 22, Node 20 with
   * `--experimental-websocket`). Pass one where there is none, e.g. the `ws` package's.
   */
  WebSocket?: typeof WebSocket | undefined;
  /** The first reconnection delay in milliseconds (500 by default); it doubles with each failed attempt. */
  minBackoffMs?: number | undefined;
  /** The longest reconnection delay in milliseconds (30000 by default). */
  maxBackoffMs?: number | undefined;
}

/**
 * A WebSocket carrying JSON text messages that reconnects after an unexpected close, with
 * exponential backoff and jitter. After each (re)connection it sends what `handshake()` resolves to
 * (authentication, subscriptions), then the messages sent while it was disconnected.
 */
export abstract class ReconnectingSocket<Outgoing, Incoming> {
  private socket: WebSocket | undefined;
  private open = false;
  /** True between `connect()` and `close()`: an unexpected close is followed by a reconnection. */
  private wanted = false;
  private failedAttempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly outbox: Outgoing[] = [];
  private readonly messageHandlers = new Set<(message: Incoming) => void>();
  private readonly openHandlers = new Set<() => void>();
  private readonly closeHandlers = new Set<(event: CloseEvent) => void>();
  private readonly errorHandlers = new Set<(error: unknown) => void>();

  /** `url` is the full address, e.g. `wss://trading.example.com/ws`. */
  constructor(readonly url: string, private readonly socketOptions: SocketOptions = {}) {}

  /** True while the connection is open. */
  get connected(): boolean {
    return this.open;
  }

  /**
   * Opens the connection; until `close()`, an unexpected close is followed by a reconnection. Throws when
   * there is no WebSocket implementation (see `SocketOptions.WebSocket`).
   */
  connect(): void {
    this.wanted = true;
    if (this.socket === undefined && this.reconnectTimer === undefined) this.start();
  }

  /** Closes the connection and stops reconnecting. Subscriptions are kept for the next `connect()`. */
  close(code = 1000, reason?: string): void {
    this.wanted = false;
    if (this.reconnectTimer !== undefined) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
    }
    this.socket?.close(code, reason);
  }

  /** Sends a message now when connected, otherwise as soon as the connection opens. */
  send(message: Outgoing): void {
    if (this.open) this.transmit(message);
    else this.outbox.push(message);
  }

  /** Calls `handler` with every message; returns a function that stops it. */
  onMessage(handler: (message: Incoming) => void): () => void {
    this.messageHandlers.add(handler);
    return () => {
      this.messageHandlers.delete(handler);
    };
  }

  /** Calls `handler` after each (re)connection, once the handshake is sent; returns a function that stops it. */
  onOpen(handler: () => void): () => void {
    this.openHandlers.add(handler);
    return () => {
      this.openHandlers.delete(handler);
    };
  }

  /** Calls `handler` whenever the connection closes; returns a function that stops it. */
  onClose(handler: (event: CloseEvent) => void): () => void {
    this.closeHandlers.add(handler);
    return () => {
      this.closeHandlers.delete(handler);
    };
  }

  /**
   * Calls `handler` when the handshake cannot be prepared in full (e.g. the token getter rejects because
   * the session expired); the connection goes on without what failed. Returns a function that stops it.
   */
  onError(handler: (error: unknown) => void): () => void {
    this.errorHandlers.add(handler);
    return () => {
      this.errorHandlers.delete(handler);
    };
  }

  /** The messages to send after each (re)connection, before anything else. */
  protected abstract handshake(): Outgoing[] | Promise<Outgoing[]>;

  /** Tells the `onError` handlers. */
  protected fail(error: unknown): void {
    for (const handler of this.errorHandlers) handler(error);
  }

  /** Sends a message when connected; drops it otherwise (the handshake will restore the state). */
  protected transmit(message: Outgoing): void {
    if (this.open && this.socket !== undefined) this.socket.send(JSON.stringify(message));
  }

  private start(): void {
    const WebSocketImplementation =
      this.socketOptions.WebSocket ?? (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
    if (WebSocketImplementation === undefined) {
      this.wanted = false;
      throw new Error("No WebSocket implementation: pass one as the `WebSocket` option");
    }
    const socket = new WebSocketImplementation(this.url);
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.failedAttempts = 0;
      void this.greet(socket);
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.socket !== socket || typeof event.data !== "string") return;
      let message: Incoming;
      try {
        message = JSON.parse(event.data) as Incoming;
      } catch {
        return;
      }
      for (const handler of this.messageHandlers) handler(message);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.open = false;
      for (const handler of this.closeHandlers) handler(event);
      if (this.wanted) this.scheduleReconnect();
    };
  }

  /** Sends the handshake, then what waited in the outbox; until then `send` keeps queueing. */
  private async greet(socket: WebSocket): Promise<void> {
    let messages: Outgoing[] = [];
    try {
      messages = await this.handshake();
    } catch (error) {
      this.fail(error);
    }
    if (this.socket !== socket) return;
    this.open = true;
    for (const message of messages) this.transmit(message);
    for (const message of this.outbox.splice(0)) this.transmit(message);
    for (const handler of this.openHandlers) handler();
  }

  /** Waits a random delay between half and all of the current backoff, then reconnects. */
  private scheduleReconnect(): void {
    const min = this.socketOptions.minBackoffMs ?? 500;
    const max = this.socketOptions.maxBackoffMs ?? 30000;
    const backoff = Math.min(max, min * 2 ** this.failedAttempts);
    this.failedAttempts += 1;
    const delay = backoff / 2 + Math.random() * (backoff / 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.wanted) this.start();
    }, delay);
  }
}

/** JSON text with object keys sorted and undefined values left out, so that equal requests compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Options of `TradingSocket`. */
export interface TradingSocketOptions extends SocketOptions {
  /** The access token, or a getter of the current one, sent in an `auth` message after each (re)connection. */
  token?: TokenSource | undefined;
}

/**
 * The client of `/ws` (role: public): Real-time trading stream (document A protocol)
 *
 * Channels:
 * - `market:{symbol}` (public): ticker and trade updates for one symbol
 * - `kline:{symbol}:{timeframe}` (public): candle updates for one symbol and timeframe (e.g. kline:005930:1m)
 * - `orderbook:{symbol}` (public): order book snapshots for one symbol
 * - `all_markets` (public): ticker updates of every symbol
 * - `orders` (viewer): every state change of every order, in order, never dropped (a reader too slow is closed with
 * 1008)
 * - `positions` (viewer): position updates on every fill and, rate-bounded, on price moves; never dropped (a reader too
 * slow is closed with 1008)
 * - `strategies` (viewer): strategy state changes and events
 */
export class TradingSocket extends ReconnectingSocket<WsClientMessage, WsServerMessage> {
  /** The endpoint's path, to append to the server's `ws://` or `wss://` origin. */
  static readonly path = "/ws";
  private token: TokenSource | undefined;
  private readonly channels = new Set<Channel>();

  constructor(url: string, options: TradingSocketOptions = {}) {
    super(url, options);
    this.token = options.token;
    // A refused channel is dropped, so that reconnections do not ask for it again; a failure of the
    // server's own (INTERNAL_ERROR, SERVICE_UNAVAILABLE) keeps it.
    this.onMessage((message) => {
      if (message.type === "error" && message.channel !== undefined && message.code !== "INTERNAL_ERROR" && message.code !== "SERVICE_UNAVAILABLE") {
        this.channels.delete(message.channel as Channel);
      }
    });
  }

  /** Sets where the token comes from for each (re)connection, and authenticates with it now when connected. */
  setToken(token: TokenSource | undefined): void {
    this.token = token;
    if (token === undefined || !this.connected) return;
    this.currentToken().then(
      (token) => {
        if (token !== undefined) this.transmit({ type: "auth", token });
      },
      (error: unknown) => this.fail(error),
    );
  }

  /**
   * Subscribes to channels, now when connected and again after every reconnection. A channel the server
   * refuses is dropped (subscribe again once the cause is gone, e.g. after authenticating).
   */
  subscribe(...channels: Channel[]): void {
    const added = channels.filter((channel) => !this.channels.has(channel));
    for (const channel of added) this.channels.add(channel);
    if (added.length > 0) this.transmit({ type: "subscribe", channels: added });
  }

  /** Unsubscribes from channels. */
  unsubscribe(...channels: Channel[]): void {
    const removed = channels.filter((channel) => this.channels.has(channel));
    for (const channel of removed) this.channels.delete(channel);
    if (removed.length > 0) this.transmit({ type: "unsubscribe", channels: removed });
  }

  /** The channels asked for, which every reconnection subscribes to again. */
  get subscriptions(): Channel[] {
    return [...this.channels];
  }

  /** Calls `handler` with every message of one `type`; returns a function that stops it. */
  on<T extends WsServerMessage["type"]>(
    type: T,
    handler: (message: Extract<WsServerMessage, { type: T }>) => void,
  ): () => void {
    return this.onMessage((message) => {
      if (message.type === type) handler(message as Extract<WsServerMessage, { type: T }>);
    });
  }

  /**
   * Authenticates (when there is a token) and subscribes again to every channel. A token getter that fails is reported
   * to `onError`; the public channels are subscribed all the same.
   */
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

  /** The token to authenticate with now: the token, or what the getter gives. */
  private async currentToken(): Promise<string | undefined> {
    const source = this.token;
    return typeof source === "function" ? source() : source;
  }
}

/** A subscription of `MarketSocket`: its client message without `action`. */
export type MarketSocketRequest =
  | Omit<WsMarketPricesRequest, "action">
  | Omit<WsMarketOrderBookRequest, "action">;

/**
 * The client of `/ws/market` (role: public): Market data stream (document B dialect)
 *
 * Channels:
 * - `market` (public): price pushes for the listed symbols
 * - `orderbook` (public): order book pushes for one symbol at the requested depth
 */
export class MarketSocket extends ReconnectingSocket<WsMarketRequest, WsMarketMessage> {
  /** The endpoint's path, to append to the server's `ws://` or `wss://` origin. */
  static readonly path = "/ws/market";

  /** The requests to replay after a reconnection, oldest first. */
  private readonly requests: WsMarketRequest[] = [];

  /** Subscribes, now when connected and again after every reconnection. */
  subscribe(request: MarketSocketRequest): void {
    this.record({ ...request, action: "subscribe" });
  }

  /** Unsubscribes; an identical earlier subscription is forgotten. */
  unsubscribe(request: MarketSocketRequest): void {
    this.record({ ...request, action: "unsubscribe" });
  }

  /** Replays the subscriptions. */
  protected handshake(): WsMarketRequest[] {
    return [...this.requests];
  }

  /**
   * Sends a request and keeps it for replay. An unsubscribe cancels an identical earlier subscribe
   * (and is then not kept), so that the replay list stays short.
   */
  private record(message: WsMarketRequest): void {
    this.transmit(message);
    const key = canonicalJson({ ...message, action: undefined });
    const sameRequest = (other: WsMarketRequest) => canonicalJson({ ...other, action: undefined }) === key;
    const opposite = this.requests.findIndex((other) => other.action !== message.action && sameRequest(other));
    if (opposite >= 0) {
      this.requests.splice(opposite, 1);
      if (message.action === "unsubscribe") return;
    }
    if (!this.requests.some((other) => other.action === message.action && sameRequest(other))) {
      this.requests.push(message);
    }
  }
}
