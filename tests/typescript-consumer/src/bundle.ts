// Bundled by esbuild (tests/external/test_typescript_client.py) and run by Node: the package's
// `exports` map gives a bundler the ES module build.
import { TradingClient } from "@trading/client";

declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

const health = await new TradingClient({ baseUrl: process.env["TRADING_URL"] ?? "" }).getHealth();
if (health.status !== "healthy") process.exit(1);
console.log(`bundle ok ${health.status}`);
