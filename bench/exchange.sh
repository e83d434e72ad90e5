#!/usr/bin/env bash
# The paper exchange's matching engine (target: >= 500,000 order submissions/s on one core
# without persistence). `ServerBench exchange` runs on one thread: one symbol (BTC-USDT's units),
# its feed running (a market trade every 10 submissions, a new synthetic book every 200) and a
# stream of submissions, 70% limit orders within +-0.2% of the price and 30% market orders,
# buys and sells, the changes taken every 1,000. Then the same written behind, one batch (one
# transaction) in flight and the next merging meanwhile, to a new SQLite file and to a
# throwaway PostgreSQL (started like `make test`'s, so fsync is off there).
#   SECONDS_EACH=5 bench/exchange.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
seconds=${SECONDS_EACH:-5}
build_server_bench

persistence_rows exchange
