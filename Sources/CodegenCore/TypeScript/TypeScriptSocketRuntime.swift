/// The fixed parts of `src/ws.ts`: the options and the reconnecting base class every
/// socket client extends.
enum TypeScriptSocketRuntime {
    static func writeBase(into writer: inout TypeScriptWriter) {
        writer.lines("""
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
            """)
    }

    /// `canonicalJson`, with which the request-style sockets compare subscriptions.
    static func writeCanonicalJSON(into writer: inout TypeScriptWriter) {
        writer.lines("""
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
            """)
    }
}
