// What a front-end team does on the trading domain with the packed client, against a live server
// whose market moves fast (`--feed-speed 14400 --feed-tick-ms 50 --market-publish-ms 50`,
// tests/external/test_typescript_client.py): log in as admin; list the strategies (a fresh server
// has the demo `grid_btc`) and the strategy types; create a grid on ETH/USDT that trades at once
// (no warm-up candles, 0.1 % levels); open a `TradingSocket` on `orders`, `positions` and
// `strategies`; start the grid and wait (up to 120 s) for its own `order_update` with a fill and
// the `position_update` of its symbol; place a manual limit buy at half the market price (it rests),
// read it back, cancel it and see both of its `order_update`s; stop the grid; then reconcile what
// the socket said with REST (every order's last update, the positions) and the fills with the
// balances and the journal (executions, positions, FIFO cost basis). Only the client's own types
// are used for the API's shapes. Prints one line per check and exits non-zero at the first mismatch.
import {
  ApiError,
  OrderSideValues,
  OrderStatusValues,
  OrderTypeValues,
  StrategyEventValues,
  TradingClient,
  TradingSocket,
  type Balance,
  type BalanceList,
  type CreateOrderRequest,
  type CreateStrategyRequest,
  type Execution,
  type Order,
  type StrategyDetail,
  type StrategyList,
  type WsOrderUpdate,
  type WsPositionUpdate,
  type WsServerMessage,
  type WsStrategyUpdate,
} from "@trading/client";
import { baseUrl, check, fail, passed, password, waitFor } from "./program.js";

const webSocketUrl = baseUrl.replace(/^http/, "ws") + TradingSocket.path;

const show = (value: unknown) => JSON.stringify(value);

// ---------------------------------------------------------------------------------------- decimals

/** Decimals (the API's exact decimal strings) as integers of 10^-18, so that sums and products are exact. */
const SCALE = 18;
const ONE = 10n ** BigInt(SCALE);

function units(value: string, what = "a decimal"): bigint {
  const match = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(value);
  check(match !== null, `${what} is not an exact decimal string: ${show(value)}`);
  const fraction = match[3] ?? "";
  check(fraction.length <= SCALE, `${what} has more than ${SCALE} decimals: ${value}`);
  const magnitude = BigInt((match[2] ?? "") + fraction.padEnd(SCALE, "0"));
  return match[1] === "-" ? -magnitude : magnitude;
}

/** `amount` (10^-18 units) written with `decimals` decimals, truncated. */
function decimalText(amount: bigint, decimals = SCALE): string {
  const sign = amount < 0n ? "-" : "";
  const magnitude = amount < 0n ? -amount : amount;
  const fraction = (magnitude % ONE).toString().padStart(SCALE, "0").slice(0, decimals);
  return `${sign}${magnitude / ONE}${decimals > 0 ? "." + fraction : ""}`;
}

const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);

/** Symbols compare in either form (`ETH/USDT`, `ETH-USDT`). */
const sameSymbol = (a: string, b: string) => a.replace("-", "/").toUpperCase() === b.replace("-", "/").toUpperCase();

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// ---------------------------------------------------------------------------------------- the run

const SYMBOL = "ETH/USDT";
const [BASE, QUOTE] = SYMBOL.split("/") as [string, string];
const STRATEGY_ID = `ts_grid_${Date.now().toString(36)}`;
/**
 * A grid that trades at once: placed when it starts (no warm-up candles) around the last close, its levels 0.1 %
 * apart, placed again around the price when a candle closes 0.5 % past its outer levels.
 */
const GRID_CONFIG = { warmup_candles: 0, levels: 5, spacing_pct: 0.1, reset_threshold_pct: 0.5 };
/** How long the grid may take to fill an order (a few seconds at most with the fast market, often none). */
const FILL_TIMEOUT_MS = 120_000;

/** Every message of the socket, in order, each checked against its type as it arrives. */
const messages: WsServerMessage[] = [];

const orderUpdates = (orderId: string) =>
  messages.filter((message): message is WsOrderUpdate => message.type === "order_update" && message.order_id === orderId);
const positionUpdates = () =>
  messages.filter((message): message is WsPositionUpdate =>
    message.type === "position_update" && sameSymbol(message.symbol, SYMBOL));
const strategyUpdates = () =>
  messages.filter((message): message is WsStrategyUpdate =>
    message.type === "strategy_update" && message.strategy_id === STRATEGY_ID);
/** The ids of the orders the strategy announced (`order_submitted` events). */
const strategyOrderIds = () =>
  new Set(strategyUpdates().flatMap((update) => {
    const id = update.data["order_id"];
    return update.event === "order_submitted" && typeof id === "string" ? [id] : [];
  }));

function checkDecimal(value: string, what: string): void {
  units(value, what);
}

/** Checks one message's fields against its member of the union (narrowed on `type`). */
function checkMessage(message: WsServerMessage): void {
  const where = `${message.type} ${show(message)}`;
  switch (message.type) {
    case "order_update":
      check(UUID.test(message.order_id), `order_id: ${where}`);
      check(OrderStatusValues.includes(message.status) && OrderSideValues.includes(message.side)
        && OrderTypeValues.includes(message.order_type), `status, side and type: ${where}`);
      checkDecimal(message.quantity, `quantity of ${where}`);
      checkDecimal(message.filled_quantity, `filled_quantity of ${where}`);
      check(units(message.filled_quantity) <= units(message.quantity), `filled_quantity <= quantity: ${where}`);
      check((message.price === null) === (message.order_type === "Market"), `price null for market orders only: ${where}`);
      if (message.price !== null) checkDecimal(message.price, `price of ${where}`);
      check((message.average_price === null) === (units(message.filled_quantity) === 0n),
        `average_price null until something is filled: ${where}`);
      if (message.average_price !== null) checkDecimal(message.average_price, `average_price of ${where}`);
      check(Number.isInteger(message.timestamp) && message.timestamp > 0, `timestamp: ${where}`);
      break;
    case "position_update":
      check(OrderSideValues.includes(message.side), `side: ${where}`);
      for (const [name, value] of [["quantity", message.quantity], ["entry_price", message.entry_price],
        ["current_price", message.current_price], ["unrealized_pnl", message.unrealized_pnl],
        ["return_pct", message.return_pct]] as const) {
        checkDecimal(value, `${name} of ${where}`);
      }
      check(units(message.quantity) >= 0n, `a quantity without sign (side tells long or short): ${where}`);
      check(Number.isInteger(message.timestamp) && message.timestamp > 0, `timestamp: ${where}`);
      break;
    case "strategy_update":
      check(StrategyEventValues.includes(message.event), `event: ${where}`);
      check(typeof message.running === "boolean" && typeof message.name === "string"
        && typeof message.data === "object" && message.data !== null, `fields: ${where}`);
      break;
    case "error":
      fail(`the socket reported an error: ${where}`);
    default:
      break;
  }
}

function balanceOf(list: BalanceList, asset: string): Balance {
  const balance = list.balances.find((entry) => entry.asset === asset);
  check(balance !== undefined, `no ${asset} balance in ${show(list)}`);
  return balance;
}

async function listTheStrategies(client: TradingClient): Promise<void> {
  const list: StrategyList = await client.listStrategies();
  check(list.total === list.strategies.length, `total counts the strategies: ${show(list)}`);
  check(list.running === list.strategies.filter((strategy) => strategy.running).length, `running: ${show(list)}`);
  for (const strategy of list.strategies) {
    check(typeof strategy.id === "string" && typeof strategy.name === "string" && typeof strategy.version === "string"
      && typeof strategy.running === "boolean" && Number.isInteger(strategy.signals_generated),
      `a summary: ${show(strategy)}`);
  }
  // A database's first start makes document A's demo grid.
  const demo = list.strategies.find((strategy) => strategy.id === "grid_btc");
  check(demo !== undefined, `a fresh server has the demo grid_btc: ${show(list)}`);
  const detail = await client.getStrategy({ id: demo.id });
  check(detail.type === "grid" && detail.symbols.length === 1 && sameSymbol(detail.symbols[0] ?? "", "BTC/USDT")
    && typeof detail.config["spacing_pct"] === "number" && Number.isInteger(detail.stats.orders_submitted),
    `grid_btc: ${show(detail)}`);
  passed(`listStrategies: ${list.total} strategies, ${list.running} running, the demo grid_btc among them`);

  const types = await client.listStrategyTypes();
  const grid = types.types.find((type) => type.type === "grid");
  const properties = grid?.config_schema["properties"];
  check(grid !== undefined && typeof properties === "object" && properties !== null, `the grid type: ${show(types)}`);
  for (const setting of Object.keys(GRID_CONFIG)) {
    check(setting in properties && setting in grid.defaults, `the grid's schema has ${setting}: ${show(grid)}`);
  }
  passed("listStrategyTypes: the grid's schema and defaults name every setting used");
}

async function createTheGrid(client: TradingClient): Promise<void> {
  const request: CreateStrategyRequest = {
    id: STRATEGY_ID, type: "grid", name: "TypeScript client grid", symbols: [SYMBOL], config: GRID_CONFIG,
  };
  const created: StrategyDetail = await client.createStrategy(request);
  check(created.id === STRATEGY_ID && created.type === "grid" && !created.running && created.name === request.name,
    `createStrategy: ${show(created)}`);
  check(created.symbols.length === 1 && sameSymbol(created.symbols[0] ?? "", SYMBOL), `its symbols: ${show(created)}`);
  for (const [setting, value] of Object.entries(GRID_CONFIG)) {
    check(created.config[setting] === value, `the config keeps ${setting}: ${show(created.config)}`);
  }
  check(created.stats.orders_submitted === 0 && created.stats.orders_filled === 0, `new counters: ${show(created)}`);
  try {
    await client.createStrategy(request);
    fail("a second strategy with the same id was created");
  } catch (error) {
    check(error instanceof ApiError && error.status === 409 && error.hasCode("CONFLICT"), `a taken id: ${String(error)}`);
  }
  try {
    await client.createStrategy({ ...request, id: `${STRATEGY_ID}_bad`, config: { spacing_pct: 0.01 } });
    fail("a grid with spacing_pct 0.01 (below the minimum 0.1) was created");
  } catch (error) {
    check(error instanceof ApiError && error.status === 400 && error.hasCode("VALIDATION_ERROR"),
      `an invalid config: ${String(error)}`);
  }
  const listed = await client.listStrategies();
  check(listed.strategies.some((strategy) => strategy.id === STRATEGY_ID && !strategy.running), "the new grid is listed");
  passed(`createStrategy: ${STRATEGY_ID} on ${SYMBOL}, stopped; a taken id is CONFLICT, a bad config VALIDATION_ERROR`);
}

async function openTheSocket(client: TradingClient): Promise<TradingSocket> {
  const socket = new TradingSocket(webSocketUrl, { token: () => client.freshAccessToken() });
  socket.onMessage((message) => {
    checkMessage(message);
    messages.push(message);
  });
  socket.subscribe("orders", "positions", "strategies");
  socket.connect();
  const welcome = await waitFor(() => messages.find((message) => message.type === "welcome"), "welcome");
  check(welcome.type === "welcome" && typeof welcome.version === "string", `welcome: ${show(welcome)}`);
  const auth = await waitFor(() => messages.find((message) => message.type === "auth_result"), "auth_result");
  check(auth.type === "auth_result" && auth.success && auth.user_id !== null, `auth_result: ${show(auth)}`);
  const wanted = ["orders", "positions", "strategies"];
  await waitFor(() => {
    const subscribed = messages.flatMap((message) => (message.type === "subscribed" ? message.channels : []));
    return wanted.every((channel) => subscribed.includes(channel)) ? true : undefined;
  }, "subscribed to orders, positions and strategies");
  passed("the TradingSocket authenticates and subscribes to orders, positions and strategies");
  return socket;
}

/** Starts the grid; waits for its `started` event, a fill of one of its orders and the position it makes. */
async function theStrategyTrades(client: TradingClient): Promise<void> {
  const started = await client.startStrategy({ id: STRATEGY_ID });
  check(started.success && started.strategy_id === STRATEGY_ID && started.action === "start",
    `startStrategy: ${show(started)}`);
  const event = await waitFor(() => strategyUpdates().find((update) => update.event === "started"), "the started event");
  check(event.running && event.name === "TypeScript client grid", `started: ${show(event)}`);
  const running = await client.getStrategy({ id: STRATEGY_ID });
  check(running.running, `getStrategy after the start: ${show(running)}`);
  passed("startStrategy: the strategies channel says started");

  // The first fill of an order the strategy announced (order_submitted), and a position update of the
  // symbol from then on: the grid holds no position yet, so its first fill is a buy.
  const startedAt = Date.now();
  const fill = await waitFor(() => messages.find((message): message is WsOrderUpdate =>
    message.type === "order_update" && message.strategy_id === STRATEGY_ID && units(message.filled_quantity) > 0n),
  `an order_update with a fill of a ${STRATEGY_ID} order`, FILL_TIMEOUT_MS);
  check(strategyOrderIds().has(fill.order_id), `the strategy announced the order it names: ${show(fill)}`);
  const position = await waitFor(() => positionUpdates().find((update) => update.timestamp >= fill.timestamp),
    `a position_update of ${SYMBOL} after the fill`);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);

  check(sameSymbol(fill.symbol, SYMBOL) && fill.side === "Buy" && fill.order_type === "Limit" && fill.price !== null,
    `the grid's first fill is a limit buy of ${SYMBOL}: ${show(fill)}`);
  check(fill.status === "Filled" || fill.status === "PartiallyFilled", `a fill's status: ${show(fill)}`);
  const first = orderUpdates(fill.order_id)[0];
  check(first !== undefined && (first.status === "Pending" || first.status === "Open"),
    `the order's first update says it is placed: ${show(orderUpdates(fill.order_id))}`);
  const order = await client.getOrder({ id: fill.order_id });
  check(order.strategy_id === STRATEGY_ID && order.exchange === "paper" && order.side === fill.side
    && order.order_type === fill.order_type && units(order.quantity) === units(fill.quantity)
    && order.price !== null && units(order.price) === units(fill.price), `getOrder agrees with the update: ${show(order)}`);
  check(units(order.filled_quantity) >= units(fill.filled_quantity) && units(order.fee) > 0n,
    `the order has its fill and its fee: ${show(order)}`);
  passed(`the strategy's order_update: ${fill.side} ${fill.filled_quantity} of ${fill.quantity} at ` +
    `${fill.average_price ?? "?"} (${fill.status}) after ${seconds} s, its order in REST under ${STRATEGY_ID}`);

  check(position.side === "Buy" && units(position.quantity) > 0n && units(position.entry_price) > 0n
    && units(position.current_price) > 0n, `a long position after a buy: ${show(position)}`);
  passed(`the position_update of ${position.symbol}: ${position.side} ${position.quantity} ` +
    `at entry ${position.entry_price}`);

  // The strategy's own account of its fills (every one is checked in stopAndReconcile).
  const told = await waitFor(() => strategyUpdates().find((update) => update.event === "order_filled"),
    "an order_filled event");
  const toldId = told.data["order_id"];
  check(told.running && typeof toldId === "string" && ["Buy", "Sell"].includes(String(told.data["side"])),
    `order_filled: ${show(told)}`);
  await waitFor(() => orderUpdates(toldId).find((update) => units(update.filled_quantity) > 0n),
    `an order_update with the fill order_filled tells of (${toldId})`);
  passed("the strategies channel says order_filled for an order the orders channel shows filled");
}

/** A manual limit buy at half the market price rests; it is read back, cancelled, and streamed. */
async function aManualOrder(client: TradingClient): Promise<void> {
  const market = await client.getMarketPrice({ symbol: SYMBOL });
  const decimals = market.price.split(".")[1]?.length ?? 0;
  const price = decimalText(units(market.price) / 2n, decimals); // truncated to the price's tick
  const request: CreateOrderRequest = {
    symbol: SYMBOL, side: "Buy", order_type: "Limit", quantity: "0.01", price,
    client_order_id: `ts-client-${Date.now()}`,
  };
  const placed: Order = await client.createOrder(request);
  check(UUID.test(placed.id) && placed.status === "Open" && placed.strategy_id === null && sameSymbol(placed.symbol, SYMBOL)
    && placed.side === "Buy" && placed.order_type === "Limit" && units(placed.quantity) === units(request.quantity)
    && placed.price !== null && units(placed.price) === units(price) && units(placed.filled_quantity) === 0n
    && placed.average_fill_price === null && placed.time_in_force === "GTC" && placed.expires_at === null
    && placed.client_order_id === request.client_order_id && units(placed.fee) === 0n && placed.cancel_reason === null
    && ISO_TIME.test(placed.created_at) && ISO_TIME.test(placed.updated_at), `createOrder: ${show(placed)}`);
  const again = await client.createOrder(request);
  check(again.id === placed.id && again.status === "Open",
    `the same client_order_id answers the first order: ${show(again)}`);
  const read = await client.getOrder({ id: placed.id });
  check(read.id === placed.id && read.status === "Open" && read.exchange === "paper" && read.strategy_id === null
    && read.price === placed.price && read.quantity === placed.quantity, `getOrder: ${show(read)}`);
  const open = await client.listOrders({ symbol: SYMBOL, status: ["Open"], limit: 1000 });
  check(open.orders.some((order) => order.id === placed.id && order.strategy_id === null), "listOrders lists it Open");
  const balances = await client.listBalances();
  check(units(balanceOf(balances, QUOTE).locked) >= units(placed.quantity) * units(price) / ONE,
    `the order locks its quote amount: ${show(balanceOf(balances, QUOTE))}`);
  const opened = await waitFor(() => orderUpdates(placed.id)[0], "the order_update of the new order");
  check(opened.status === "Open" && opened.side === "Buy" && opened.order_type === "Limit" && opened.price !== null
    && units(opened.price) === units(price) && units(opened.quantity) === units(request.quantity)
    && opened.average_price === null, `its order_update: ${show(opened)}`);
  passed(`createOrder: a manual limit buy of ${request.quantity} at ${price} (market ${market.price}) rests Open, ` +
    "read back, locked, streamed; its client_order_id places nothing twice");

  const reason = "cancelled by the TypeScript client";
  const cancelled = await client.cancelOrder({ id: placed.id }, { reason });
  check(cancelled.success && cancelled.order_id === placed.id, `cancelOrder: ${show(cancelled)}`);
  const after = await client.getOrder({ id: placed.id });
  check(after.status === "Cancelled" && after.cancel_reason === reason && units(after.filled_quantity) === 0n,
    `the cancelled order: ${show(after)}`);
  try {
    await client.cancelOrder({ id: placed.id });
    fail("a cancelled order was cancelled again");
  } catch (error) {
    check(error instanceof ApiError && error.status === 409 && error.hasCode("CONFLICT"),
      `a second cancel: ${String(error)}`);
  }
  await waitFor(() => (orderUpdates(placed.id).length >= 2 ? true : undefined), "the order_update of the cancellation");
  const updates = orderUpdates(placed.id);
  check(updates.length === 2 && updates[1]?.status === "Cancelled" && units(updates[1].filled_quantity) === 0n
    && updates.every((update) => update.strategy_id === null), `its updates: Open, then Cancelled, of no strategy: ${show(updates)}`);
  passed("cancelOrder: Cancelled with the reason, a second cancel is CONFLICT, the socket says Open then Cancelled");
}

/** Stops the grid, then checks what the socket said against REST, and the fills against the balances and the journal. */
async function stopAndReconcile(client: TradingClient, before: BalanceList, executionsBefore: number): Promise<void> {
  const stoppedAnswer = await client.stopStrategy({ id: STRATEGY_ID });
  check(stoppedAnswer.success && stoppedAnswer.action === "stop", `stopStrategy: ${show(stoppedAnswer)}`);
  const stopped = await waitFor(() => strategyUpdates().find((update) => update.event === "stopped"), "the stopped event");
  check(!stopped.running, `stopped: ${show(stopped)}`);
  const detail = await client.getStrategy({ id: STRATEGY_ID });
  check(!detail.running, `after the stop: ${show(detail)}`);
  const active = await client.listOrders({ strategy_id: STRATEGY_ID });
  check(active.total === 0, `stopping cancels the working orders: ${show(active)}`);
  // Every order of the strategy, as REST has it: `orders_filled` counts those filled in full, and the strategy was
  // told of each (one order_filled with order_done per order), however many filled in one batch.
  const all = await client.listOrders({ strategy_id: STRATEGY_ID, status: [...OrderStatusValues], limit: 1000 });
  check(all.total === all.orders.length && all.orders.length >= 1, `the strategy's orders: ${all.total}`);
  const filledInFull = all.orders.filter((order) => order.status === "Filled").length;
  check(detail.stats.orders_submitted === all.orders.length && detail.stats.orders_filled === filledInFull,
    `the counters ${show(detail.stats)} count its ${all.orders.length} orders, ${filledInFull} of them Filled`);
  const done = new Set(strategyUpdates().filter((update) => update.event === "order_filled" && update.data["order_done"] === true)
    .map((update) => String(update.data["order_id"])));
  const filledIds = new Set(all.orders.filter((order) => order.status === "Filled").map((order) => order.id));
  check(done.size === filledIds.size && [...filledIds].every((id) => done.has(id)),
    `an order_filled with order_done for each Filled order: told ${show([...done])}, Filled ${show([...filledIds])}`);
  passed(`stopStrategy: stopped (${all.orders.length} orders, ${filledInFull} filled in full), none left working`);

  // Each order's last order_update agrees with REST.
  const announced = strategyOrderIds();
  for (const order of all.orders) {
    check(order.strategy_id === STRATEGY_ID && announced.has(order.id), `an order the strategy announced: ${show(order)}`);
    const last = await waitFor(() => {
      const updates = orderUpdates(order.id);
      const newest = updates[updates.length - 1];
      return newest?.status === order.status ? newest : undefined;
    }, `the last order_update of ${order.id} saying ${order.status}`);
    check(units(last.filled_quantity) === units(order.filled_quantity)
      && (last.average_price === null) === (order.average_fill_price === null)
      && (last.average_price === null || order.average_fill_price === null
        || units(last.average_price) === units(order.average_fill_price)),
      `the update ${show(last)} and REST ${show(order)}`);
  }
  check(announced.size === all.orders.length, `every announced order is stored: ${announced.size} vs ${all.orders.length}`);
  passed(`each of the strategy's ${all.orders.length} orders: its last order_update is what REST says`);

  const signed = (order: Order) => (order.side === "Buy" ? 1n : -1n) * units(order.filled_quantity);
  const held = sum(all.orders.map(signed));
  const positions = await client.listPositions({ strategy_id: STRATEGY_ID });
  const positionQuantity = sum(positions.positions.map((position) =>
    (position.side === "Buy" ? 1n : -1n) * units(position.quantity)));
  check(positionQuantity === held && positions.positions.every((position) => position.strategy_id === STRATEGY_ID
    && position.exchange === "paper" && sameSymbol(position.symbol, SYMBOL)),
    `the strategy's position is the sum of its fills (${decimalText(held)}): ${show(positions)}`);
  passed(`listPositions: the strategy holds ${decimalText(held, 8)} ${BASE}, the sum of its fills`);

  // The executions since the start are the strategy's fills, order by order.
  const listed = await client.listExecutions({ symbol: SYMBOL, limit: 1000 });
  check(listed.total <= listed.executions.length && listed.limit === 1000 && listed.offset === 0,
    `one page holds them all: ${listed.total}`);
  const orderIds = new Set(all.orders.map((order) => order.id));
  const fills: Execution[] = listed.executions.filter((execution) =>
    execution.order_id !== null && orderIds.has(execution.order_id));
  check(fills.length > 0 && fills.length === listed.total - executionsBefore,
    `the new executions (${listed.total - executionsBefore}) are the strategy's fills (${fills.length})`);
  for (const execution of fills) {
    const where = show(execution);
    check(UUID.test(execution.id) && sameSymbol(execution.symbol, SYMBOL) && execution.exchange === "paper"
      && (execution.side === "buy" || execution.side === "sell") && ISO_TIME.test(execution.executed_at),
      `an execution: ${where}`);
    const quantity = units(execution.quantity);
    const amount = units(execution.amount);
    check(quantity > 0n && units(execution.price) > 0n && amount * ONE === quantity * units(execution.price),
      `amount = quantity × price: ${where}`);
    // The maker (2 bps) or the taker fee (5 bps), rounded to the quote asset's scale (10 decimals here).
    const fee = units(execution.fee);
    const near = (bps: bigint) => {
      const difference = fee - (amount * bps) / 10_000n;
      return difference <= ONE / 10n ** 10n && -difference <= ONE / 10n ** 10n;
    };
    check(near(2n) || near(5n), `the fee is the maker or the taker fee of the amount: ${where}`);
  }
  for (const order of all.orders) {
    const ofOrder = fills.filter((execution) => execution.order_id === order.id);
    check(sum(ofOrder.map((execution) => units(execution.quantity))) === units(order.filled_quantity)
      && ofOrder.every((execution) => execution.side === order.side.toLowerCase()),
      `the executions of ${order.id} make its filled_quantity ${order.filled_quantity}: ${show(ofOrder)}`);
    check(sum(ofOrder.map((execution) => units(execution.fee))) === units(order.fee),
      `the executions' fees make the order's fee ${order.fee}: ${show(ofOrder)}`);
  }
  passed(`listExecutions: ${fills.length} executions, exactly the fills of the strategy's orders, ` +
    "amounts and fees consistent");

  // The balances moved by exactly the fills: the base by the quantities, the quote by the amounts and fees.
  const after = await client.listBalances();
  for (const balance of after.balances) {
    check(units(balance.free) + units(balance.locked) === units(balance.total), `total = free + locked: ${show(balance)}`);
  }
  const bought = fills.filter((execution) => execution.side === "buy");
  const sold = fills.filter((execution) => execution.side === "sell");
  const baseMoved = sum(bought.map((execution) => units(execution.quantity)))
    - sum(sold.map((execution) => units(execution.quantity)));
  const quoteMoved = sum(sold.map((execution) => units(execution.amount) - units(execution.fee)))
    - sum(bought.map((execution) => units(execution.amount) + units(execution.fee)));
  const base = units(balanceOf(after, BASE).total) - units(balanceOf(before, BASE).total);
  const quote = units(balanceOf(after, QUOTE).total) - units(balanceOf(before, QUOTE).total);
  check(baseMoved === held && base === held,
    `${BASE} moved by ${decimalText(base)}, the fills by ${decimalText(baseMoved)}`);
  check(quote === quoteMoved,
    `${QUOTE} moved by ${decimalText(quote)}, the fills' amounts and fees by ${decimalText(quoteMoved)}`);
  check(units(balanceOf(after, QUOTE).locked) === units(balanceOf(before, QUOTE).locked)
    && units(balanceOf(after, BASE).locked) === units(balanceOf(before, BASE).locked),
    `nothing is left locked: ${show(after)}`);
  passed(`listBalances: ${BASE} ${decimalText(base, 8)} and ${QUOTE} ${decimalText(quote, 10)}, exactly the fills`);

  // The journal rebuilds the whole paper holding of the symbol from the executions: the base balance.
  const holding = units(balanceOf(after, BASE).total);
  const journal = await client.listJournalPositions();
  check(journal.total === journal.positions.length, `the journal's total: ${show(journal)}`);
  const entry = journal.positions.find((position) => sameSymbol(position.symbol, SYMBOL) && position.exchange === "paper");
  if (holding === 0n) {
    check(entry === undefined || units(entry.quantity) === 0n, `nothing held, nothing in the journal: ${show(entry)}`);
  } else {
    check(entry !== undefined && units(entry.quantity) === holding && units(entry.average_cost) > 0n
      && units(entry.total_cost) > 0n && ISO_TIME.test(entry.last_trade_at), `the journal's position: ${show(entry)}`);
    checkDecimal(entry.realized_pnl, "realized_pnl");
  }
  const basis = await client.getCostBasis({ symbol: SYMBOL });
  check(sameSymbol(basis.symbol, SYMBOL) && basis.exchange === "paper" && units(basis.quantity) === holding
    && sum(basis.lots.map((lot) => units(lot.quantity))) === holding
    && basis.lots.every((lot) => /^\d{4}-\d{2}-\d{2}$/.test(lot.date) && units(lot.cost) > 0n),
    `getCostBasis: ${show(basis)}`);
  checkDecimal(basis.realized_pnl, "realized_pnl");
  if (entry !== undefined) {
    check(units(entry.total_cost) === units(basis.total_cost) && units(entry.realized_pnl) === units(basis.realized_pnl),
      `the journal's position and the cost basis agree: ${show(entry)} ${show(basis)}`);
  }
  passed(`the journal: ${SYMBOL} holds ${basis.quantity} in ${basis.lots.length} FIFO lots, the ${BASE} balance`);

  // The positions channel ends where REST is: the symbol's whole position (every strategy, manual orders).
  let restQuantity = 0n;
  try {
    const position = await client.getPosition({ symbol: SYMBOL });
    restQuantity = units(position.quantity);
  } catch (error) {
    check(error instanceof ApiError && error.hasCode("POSITION_NOT_FOUND"), `getPosition: ${String(error)}`);
  }
  check(restQuantity === holding, `getPosition says ${decimalText(restQuantity)}, the balance ${decimalText(holding)}`);
  // A held position is sent again as the price moves; a closed one was last sent saying 0.
  const newest = () => positionUpdates().slice(-1)[0];
  const latest = await waitFor(() => {
    const update = newest();
    return update !== undefined && units(update.quantity) === restQuantity
      && (holding === 0n || update.timestamp > stopped.timestamp) ? update : undefined;
  }, () => `a position_update of ${SYMBOL} saying ${decimalText(restQuantity, 8)} (the last: ${show(newest())})`);
  passed(`the last position_update of ${SYMBOL} says ${latest.quantity}, as getPosition does`);
}

async function main(): Promise<void> {
  const client = new TradingClient({ baseUrl });
  await client.login({ username: "admin", password });
  const me = await client.getCurrentUser();
  check(me.role === "admin", `logged in as ${show(me)}`);
  passed("login as admin");

  await listTheStrategies(client);
  await createTheGrid(client);
  const socket = await openTheSocket(client);
  const before = await client.listBalances();
  const executionsBefore = (await client.listExecutions({ symbol: SYMBOL, limit: 1 })).total;

  await theStrategyTrades(client);
  await aManualOrder(client);
  await stopAndReconcile(client, before, executionsBefore);

  const removed = await client.deleteStrategy({ id: STRATEGY_ID });
  check(removed.success, `deleteStrategy: ${show(removed)}`);
  try {
    await client.getStrategy({ id: STRATEGY_ID });
    fail("a deleted strategy is still there");
  } catch (error) {
    check(error instanceof ApiError && error.status === 404 && error.hasCode("STRATEGY_NOT_FOUND"),
      `after delete: ${String(error)}`);
  }
  passed("deleteStrategy: gone (STRATEGY_NOT_FOUND)");

  const closed = new Promise<CloseEvent>((resolve) => socket.onClose(resolve));
  socket.close();
  const event = await closed;
  check(event.code === 1000 && !socket.connected, `the socket closes normally: ${event.code}`);
  const errors = messages.filter((message) => message.type === "error");
  check(errors.length === 0, `no error on the socket: ${show(errors)}`);
  passed(`the socket closed after ${messages.length} messages, none an error`);
}

try {
  await main();
} catch (error) {
  const detail = error instanceof ApiError ? ` (${error.status} ${error.code}, request ${error.requestId ?? "?"})` : "";
  fail(`unexpected ${String(error)}${detail}`);
}
console.log("all checks passed");
