// Type-level checks: each `@ts-expect-error` line must fail to compile, or tsc reports the
// directive as unused. Compiled (never run) under both tsconfig files.
import {
  ApiError,
  MarketSocket,
  TradingClient,
  TradingSocket,
  type Channel,
  type CreateOrderRequest,
  type ErrorCode,
} from "@trading/client";

declare const error: ApiError;

// A known code fits, and so does one the server may add later...
const known: ApiError["code"] = "TOKEN_EXPIRED";
const later: ApiError["code"] = "SOME_FUTURE_CODE";
// ...but a misspelt known code is caught where codes are compared.
// @ts-expect-error misspelt error code
error.hasCode("TOKEN_EXPRIED");
const codes: ErrorCode[] = ["TOKEN_EXPIRED", "RATE_LIMITED"];

// Optional options take `undefined` under exactOptionalPropertyTypes.
const client = new TradingClient({ baseUrl: "http://localhost:3000", accessToken: undefined, apiKey: undefined });
const socket = new TradingSocket("ws://localhost:3000/ws", { token: () => client.freshAccessToken() });

const channels: Channel[] = ["orders", "market:BTC-USDT", "orderbook:ETH-USDT", "all_markets", "kline:BTC-USDT:1h"];
// @ts-expect-error not a channel
const notAChannel: Channel = "order";
// @ts-expect-error not a timeframe of the spec
const badTimeframe: Channel = "kline:BTC-USDT:7m";

// The spec's rules on orders: a Limit, StopLoss or TakeProfit order needs a price; a Market order has none.
const market: CreateOrderRequest = { symbol: "BTC/USDT", side: "Buy", order_type: "Market", quantity: "0.1" };
const limit: CreateOrderRequest = { symbol: "BTC/USDT", side: "Sell", order_type: "Limit", quantity: "0.1", price: "1" };
// @ts-expect-error a Limit order without a price
const unpriced: CreateOrderRequest = { symbol: "BTC/USDT", side: "Buy", order_type: "Limit", quantity: "0.1" };
// @ts-expect-error a Market order with a price
const priced: CreateOrderRequest = { symbol: "BTC/USDT", side: "Buy", order_type: "Market", quantity: "1", price: "1" };

// An order book subscription of /ws/market needs its symbol.
const marketSocket = new MarketSocket("ws://localhost:3000/ws/market");
marketSocket.subscribe({ channel: "orderbook", symbol: "BTC-USDT", depth: 5 });
marketSocket.subscribe({ channel: "market", symbols: ["BTC-USDT"] });
// @ts-expect-error no symbol
marketSocket.subscribe({ channel: "orderbook", depth: 5 });

export { known, later, codes, socket, channels, notAChannel, badTimeframe, market, limit, unpriced, priced };
