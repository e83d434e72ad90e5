#!/usr/bin/env bash
# The GlobalScore ranking's recomputation (target: 1,000 symbols x 500 daily candles under 1 s on
# one core): `ServerBench ranking` computes every input of the scores, the GlobalScore with its
# components, penalties and grade, the RouteState and the 7Factor score of each seeded symbol,
# then sorts them. SYMBOLS and CANDLES change the sizes.
#   SYMBOLS=1000 CANDLES=500 bench/ranking.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
build_server_bench

echo "| workload | result | time |"
echo "|---|---|---|"
"$bin" ranking --symbols "${SYMBOLS:-1000}" --candles "${CANDLES:-500}"
