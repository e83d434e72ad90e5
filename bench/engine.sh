#!/usr/bin/env bash
# The engine's market loop on one thread, feed to books to streams, without persistence
# (target: >= 1,000,000 market events/s on one core). `ServerBench engine` plays the seven demo
# symbols (real sample candles replayed, seeded GBM for the others) one trade per symbol every
# 1 ms of an engine clock that runs as fast as the loop can go: candles of all nine intervals,
# the 24-hour windows, the books made again at each publish (every 200 ms of engine time, the
# server's default) and the stream updates handed to the real MarketStreamBridge. Three rows:
# no subscriber (the bridge encodes nothing), then SUBSCRIBERS (default 10) WebSocket clients
# in the same process subscribed to every market channel (every update encoded once and fanned
# out by 1 event loop on the other core), then the same with a publish every 10 ms.
#   SECONDS_EACH=5 SUBSCRIBERS=10 bench/engine.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
seconds=${SECONDS_EACH:-5}
subscribers=${SUBSCRIBERS:-10}
build_server_bench

echo "| workload | events | result | streams |"
echo "|---|---|---|---|"
"$bin" engine --seconds "$seconds"
"$bin" engine --seconds "$seconds" --subscribers "$subscribers"
"$bin" engine --seconds "$seconds" --subscribers "$subscribers" --publish-ms 10
