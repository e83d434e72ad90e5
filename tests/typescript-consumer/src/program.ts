// What the consumer's Node programs (session.ts, trading.ts) share: their settings from the
// environment and the way they report. Each check prints one line; the first mismatch exits 1.

// Node's globals these programs use (the project has no @types/node: it installs nothing but the client).
declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

/** The environment variable `name`; fails when it is not set. */
export function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") fail(`${name} is not set`);
  return value;
}

/** Reports a mismatch and exits with status 1. */
export function fail(message: string): never {
  console.error(`FAIL ${message}`);
  process.exit(1);
}

/** Fails with `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) fail(message);
}

/** Reports a check that held. */
export function passed(name: string): void {
  console.log(`ok ${name}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `find` gives a value, and gives it; fails after `ms`, saying `what` (read then) it waited for. */
export async function waitFor<T>(find: () => T | undefined, what: string | (() => string), ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) fail(`timed out after ${ms} ms waiting for ${typeof what === "string" ? what : what()}`);
    await sleep(20);
  }
}

/** The live server's URL and the admin's password (tests/external/test_typescript_client.py sets them). */
export const baseUrl = required("TRADING_URL");
export const password = required("TRADING_ADMIN_PASSWORD");
