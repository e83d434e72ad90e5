#!/usr/bin/env bash
# Storage benchmark on both backends: 100,000 orders in batched transactions and a status
# query, then 1,000,000 candles bulk-loaded (targets: SQLite >= 800,000 rows/s,
# PostgreSQL >= 500,000 rows/s through COPY for the candle load; issue 21). Candles take the
# typed bulk path (CandleBulkRows: 256-row cached inserts on SQLite, COPY on PostgreSQL).
# On the quiet 2-core box (2026-12-07, static release build), candles keyed by an integer
# series id (migration 16) and PostgreSQL's COPY in binary format: SQLite 1.05M-1.09M rows/s
# (691k-854k with the text key), PostgreSQL 515k-541k rows/s (291k-338k with the text key and
# text COPY, 459k-462k with the key alone), each load right after a CHECKPOINT. With the text key the server's one backend was the
# limit: psql's own \copy of 1M rows from a file into that table reached only 337k rows/s, a
# third of the backend's time comparing the three text key columns. ORDERS / CANDLES env to
# change sizes.
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
# PostgreSQL: a first pass into a scratch database, unreported and dropped (so autovacuum has
# nothing of it to work on), so that the measured pass runs on a server that recycles its WAL
# files: a new cluster creates each 16 MB file as it fills (377k-452k rows/s against 522k-544k).
pg=$(start_postgres)
psql -q "$pg" -c "CREATE DATABASE warmup"
"$bin" storage --database "${pg%/*}/warmup" --orders "$orders" --candles "$candles" >/dev/null
psql -q "$pg" -c "DROP DATABASE warmup"
"$bin" storage --database "$pg" --orders "$orders" --candles "$candles"
