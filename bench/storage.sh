#!/usr/bin/env bash
# Storage benchmark on both backends: 100,000 orders in batched transactions and a status
# query, then 1,000,000 candles bulk-loaded (targets: SQLite >= 800,000 rows/s,
# PostgreSQL >= 500,000 rows/s through COPY for the candle load; issue 21). Candles take the
# typed bulk path (CandleBulkRows: 256-row cached inserts on SQLite, COPY on PostgreSQL).
# On the quiet 2-core box (2026-12-07, static release build): SQLite 739k rows/s (601k before
# ExactDecimal.withText was specialized into the binders), PostgreSQL 217k-237k rows/s. What is
# left: on SQLite, the library's own insert into the WITHOUT ROWID B-tree keyed by three text
# columns and the timestamp (sqlite3VdbeExec, record comparisons, B-tree moves: well over half
# of the load's profile, the kernel's writes of the file most of the rest; the cells are bound
# in place, no copy, their text written by the specialized withText); on PostgreSQL, the
# server's side of COPY (primary-key B-tree over three text columns, numeric parsing, WAL), about
# three times the client's CPU. An integer series key would shrink both indexes; it is a schema
# change (a migration of every candle table) not made here. ORDERS / CANDLES env to change sizes.
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
