// Type-level checks: each `@ts-expect-error` line must fail to compile, or tsc reports the
// directive as unused. Compiled (never run) under both tsconfig files.
import { ApiError, TradingClient, TradingSocket, type Channel, type ErrorCode } from "@trading/client";

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

const channels: Channel[] = ["orders", "market:BTC-USDT", "orderbook:ETH-USDT", "all_markets"];
// @ts-expect-error not a channel
const notAChannel: Channel = "order";

export { known, later, codes, socket, channels, notAChannel };
