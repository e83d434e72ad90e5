#!/usr/bin/env bash
# Storage benchmark on both backends: 100,000 orders in batched transactions and a status
# query, then 1,000,000 candles bulk-loaded (targets: SQLite >= 800,000 rows/s,
# PostgreSQL >= 500,000 rows/s through COPY for the candle load; issue 21). Candles take the
# typed bulk path (CandleBulkRows: 256-row cached inserts on SQLite, COPY on PostgreSQL).
# On the quiet 2-core box (2026-12-07, static release build): SQLite 822k rows/s (601k before
# ExactDecimal.withText was specialized into the binders, 651-660k before new files got 16 KiB
# pages), PostgreSQL 217k-313k rows/s. On PostgreSQL the server's one backend is the limit (a
# whole core, the client about a quarter of one): psql's own \copy of 1M candle rows from a file
# into the same table reaches only 337k rows/s, and a third of the backend's time goes to the
# primary key over three text columns. A prototype COPY into a table keyed (series integer,
# ts), in the same process, loaded 491k-494k rows/s: the integer series key, a migration of
# every candle table, is the remaining step. ORDERS / CANDLES env to change sizes.
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
