#!/usr/bin/env bash
# Storage benchmark on both backends: 100,000 orders in batched transactions and a status
# query, then 1,000,000 candles bulk-loaded (targets: SQLite >= 200,000 rows/s,
# PostgreSQL >= 100,000 rows/s for the candle load). ORDERS / CANDLES env to change sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
orders=${ORDERS:-100000}
candles=${CANDLES:-1000000}
scratch=$(mktemp -d /tmp/trading-bench-storage.XXXXXX)
chmod 755 "$scratch"  # the postgres user must reach the server's folder inside it
cleanup() { scripts/postgres-test-server.sh stop "$scratch/pg" >/dev/null 2>&1 || true; rm -rf "$scratch"; }
trap cleanup EXIT

echo "building ServerBench (release)" >&2
swift build -c release --product ServerBench >/dev/null
bin=$(swift build -c release --show-bin-path)/ServerBench

echo "| backend | work | rows | result |"
echo "|---|---|---|---|"
"$bin" storage --database "sqlite:$scratch/bench.db" --orders "$orders" --candles "$candles"
mkdir -p "$scratch/pg"
url=$(scripts/postgres-test-server.sh start "$scratch/pg")
"$bin" storage --database "$url" --orders "$orders" --candles "$candles"
