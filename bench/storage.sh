#!/usr/bin/env bash
# Storage benchmark on both backends: 100,000 orders in batched transactions and a status
# query, then 1,000,000 candles bulk-loaded (targets: SQLite >= 200,000 rows/s,
# PostgreSQL >= 100,000 rows/s for the candle load). ORDERS / CANDLES env to change sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
orders=${ORDERS:-100000}
candles=${CANDLES:-1000000}
build_server_bench

echo "| backend | work | rows | result |"
echo "|---|---|---|---|"
"$bin" storage --database "sqlite:$scratch/bench.db" --orders "$orders" --candles "$candles"
"$bin" storage --database "$(start_postgres)" --orders "$orders" --candles "$candles"
