#!/usr/bin/env bash
# Headless replay through running strategies (target: >= 1,000,000 market events/s on one core
# without persistence). `ServerBench strategies` runs on one thread: the seven demo symbols (the
# real sample candles replayed, seeded GBM for the others), a trade per symbol every millisecond
# of an engine clock that runs as fast as the loop can go, the paper exchange under them, and
# ten strategy instances of nine types deciding on one-minute candles and trading. Then the same
# with the exchange's and the strategies' changes written behind to a new SQLite file and to a
# throwaway PostgreSQL (started like `make test`'s, so fsync is off there).
#   SECONDS_EACH=5 bench/strategies.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
seconds=${SECONDS_EACH:-5}
build_server_bench

persistence_rows strategies
