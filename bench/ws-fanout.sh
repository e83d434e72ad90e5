#!/usr/bin/env bash
# WebSocket fan-out on 127.0.0.1: 1,000 clients subscribed to one market channel.
#   bench/ws-fanout.sh                       rates 1000, 2000 msg/s (1M and 2M deliveries/s), 10 s each
#   RATES="1000" DURATION=5 bench/ws-fanout.sh
#   CONFLATE=1 bench/ws-fanout.sh            also each rate with a conflation key
#   FLUSH_MS=1 bench/ws-fanout.sh            the server's webSocketFanoutFlushInterval (default 0)
#   ROUNDS=5 bench/ws-fanout.sh              every run that many times, and the median p99 of each
#   SERVER_BENCH=/tmp/base/ServerBench bench/ws-fanout.sh   that build of ServerBench (both sides)
#   CONFIGS="2:1" bench/ws-fanout.sh         server event loops : client threads, default
#                                            "2:1 2:2 1:1" (both processes share the 2 cores)
# For each rate: `ServerBench ws-server` (every connection joins market:BENCH,
# publishes RATE tickers/s through ChannelBroadcaster once all clients are in; its cap on
# WebSockets per address is raised to the client count, as they all come from 127.0.0.1) and, in another
# process, `ServerBench ws-clients` (own epoll loop, 1,000 hand-made WebSocket connections,
# latency = receipt CLOCK_REALTIME - sent_ns in the message).
# Targets (2-core machine, load generator on the same box): >= 2,000,000 delivered msg/s,
# p99 delivery latency < 50 ms, nothing missing. Compare figures from one run: the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

rates=${RATES:-"1000 2000"}
duration=${DURATION:-10}
connections=${CONNECTIONS:-1000}
configs=${CONFIGS:-"2:1 2:2 1:1"}
port=${PORT:-18090}
modes="reliable"
[ "${CONFLATE:-0}" = 1 ] && modes="reliable conflated"

if [ -n "${SERVER_BENCH:-}" ]; then
  bin=$(dirname "$SERVER_BENCH")  # another build (e.g. a baseline's copy)
else
  echo "building ServerBench (release)"
  scripts/build-release.sh ServerBench
  bin=$(swift build -c release --show-bin-path)
fi

# shellcheck source=bench/lib.sh
. bench/lib.sh

# CPU seconds (user + system) a process has used so far.
cpu_seconds() {
  awk -v tick="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / tick}' "/proc/$1/stat"
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

rows=()
rounds=${ROUNDS:-1}
declare -A p99s=()
for round in $(seq "$rounds"); do
for config in $configs; do
loops=${config%%:*}
client_threads=${config##*:}
for mode in $modes; do
  for rate in $rates; do
    extra=()
    [ "$mode" = conflated ] && extra=(--conflate)
    echo "rate $rate msg/s x $connections clients, $duration s ($mode, $loops server loops, $client_threads client threads; round $round)"
    "$bin/ServerBench" ws-server --port "$port" --threads "$loops" --rate "$rate" --seconds "$duration" \
      --expect "$connections" --ws-connections-per-address "$connections" --flush-ms "${FLUSH_MS:-0}" "${extra[@]}" \
      2>"$scratch/server.log" &
    server_pid=$!
    wait_for_port "$port"
    before=$(cpu_seconds "$server_pid")
    status=0
    result=$(timeout $((duration + 120)) "$bin/ServerBench" ws-clients --port "$port" --connections "$connections" \
      --threads "$client_threads" --seconds "$duration" 2>"$scratch/clients.log") || status=$?
    after=$(cpu_seconds "$server_pid")
    stop_server
    sed 's/^/    /' "$scratch/server.log" "$scratch/clients.log"
    if [ -z "$result" ]; then
      rows+=("$(printf '| %5s | %-9s | %5s | %s |' "$config" "$mode" "$rate" "client failed (status $status)")")
      continue
    fi
    delivered=$(field delivered_per_s "$result")
    # CPU over the delivery window (first send to last receipt); both are nearly idle outside it.
    window=$(field window_s "$result")
    server_cpu=$(awk -v a="$before" -v b="$after" -v w="$window" 'BEGIN {printf "%.0f%%", (w > 0 ? (b - a) / w * 100 : 0)}')
    client_cpu=$(awk -v c="$(field client_cpu_s "$result")" -v w="$window" 'BEGIN {printf "%.0f%%", (w > 0 ? c / w * 100 : 0)}')
    rows+=("$(printf '| %5s | %-9s | %5s | %8s | %12s | %7s | %7s | %8s | %7s | %10s | %10s |' \
      "$config" "$mode" "$rate" "$((rate * connections))" "$delivered" "$(field p50_ms "$result")" "$(field p99_ms "$result")" \
      "$(field max_ms "$result")" "$(field missing "$result")" "$server_cpu" "$client_cpu")")
    p99s["$config $mode $rate"]+="$(field p99_ms "$result") "
  done
done
done
done

echo
printf '| %5s | %-9s | %5s | %8s | %12s | %7s | %7s | %8s | %7s | %10s | %10s |\n' \
  "loops" "mode" "msg/s" "target/s" "delivered/s" "p50 ms" "p99 ms" "max ms" "missing" "server CPU" "client CPU"
echo "|-------|-----------|-------|----------|--------------|---------|---------|----------|---------|------------|------------|"
printf '%s\n' "${rows[@]}"
echo "loops = server event loops:client threads; targets: >= 2000000 delivered/s with p99 < 50 ms, 0 missing"
echo "CPU = share of one core over the delivery window (first send to last receipt); 200% = both cores"
if [ "$rounds" -gt 1 ]; then
  # p99 swings by tens of milliseconds from run to run on this box: the median of the rounds.
  for key in "${!p99s[@]}"; do
    median=$(tr ' ' '\n' <<<"${p99s[$key]}" | grep . | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
    echo "median p99 over $rounds rounds, $key msg/s: $median ms (${p99s[$key]% })"
  done
fi
