#!/usr/bin/env bash
# The trade journal's cost basis of a symbol with 100,000 executions (target: under 100 ms):
# `ServerBench journal` stores that many paper fills of BTC/USDT (and a fifth as many of
# ETH/USDT) in a new SQLite file and in a throwaway PostgreSQL, then times the cost basis read
# cold (the whole history read and replayed FIFO), kept (JournalLedgerCache: nothing new, and 10
# fills stored since each read), and the first page of executions with its count.
# EXECUTIONS and ROUNDS change the sizes.
#   EXECUTIONS=100000 ROUNDS=9 bench/journal.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
executions=${EXECUTIONS:-100000}
rounds=${ROUNDS:-9}
build_server_bench

echo "| backend | work | rows | result |"
echo "|---|---|---|---|"
"$bin" journal --database "sqlite:$scratch/journal.db" --executions "$executions" --rounds "$rounds"
"$bin" journal --database "$(start_postgres)" --executions "$executions" --rounds "$rounds"
