#!/usr/bin/env bash
# Memory of the release trading-server: idle, and with 1,000 idle WebSocket clients.
#   bench/memory.sh                    builds the release server and ServerBench, one round
#   ROUNDS=3 bench/memory.sh           rounds, each a fresh data folder
#   SERVERS="/tmp/a/trading-server /tmp/b/trading-server" bench/memory.sh
#                                      other builds (a baseline and a change), interleaved A, B, A, B
#   CONNECTIONS=1000 SAMPLE=3 bench/memory.sh
#   SERVER_BENCH=/tmp/ServerBench ...  a ServerBench already built (skips its build)
# Each round starts the server on a new SQLite data folder (so it loads the demo history, as a
# first start does), polls /health/ready, then waits until it has settled (VmRSS moving less than
# 256 kB over 2 s, at most 60 s: the journal's ledgers replayed and the first ranking computed),
# and samples VmRSS from /proc/PID/status every 0.5 s for SAMPLE seconds. It prints the idle RSS
# (mean of the samples), VmHWM (the peak so far, i.e. start-up), and the threads; then
# `ServerBench ws-clients` opens CONNECTIONS WebSocket connections to /ws that only receive
# (the welcome message), and the RSS is sampled again once they are all in. Last, the server is
# restarted on the same data (no history to load: its usual start) and its idle RSS sampled.
# Target: idle RSS < 30 MB (Hummingbird 2 idles at about 36 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
rounds=${ROUNDS:-1}
connections=${CONNECTIONS:-1000}
sample=${SAMPLE:-3}
port=${SERVER_PORT:-18091}

# shellcheck source=bench/lib.sh
. bench/lib.sh
if [ -n "${SERVER_BENCH:-}" ]; then bin=$SERVER_BENCH; else build_server_bench; fi
servers=${SERVERS:-}
if [ -z "$servers" ]; then
  echo "building trading-server (release)" >&2
  scripts/build-release.sh trading-server
  servers=$(swift build -c release --show-bin-path)/trading-server
fi

# A field of /proc/PID/status in kB.
status_kb() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }
mb() { awk -v kb="$1" 'BEGIN {printf "%.1f", kb / 1024}'; }

# Waits until VmRSS moves less than 256 kB over 2 s (at most `1` seconds).
settle() {
  local previous current
  previous=$(status_kb "$server_pid" VmRSS)
  for _ in $(seq "$(($1 / 2))"); do
    sleep 2
    current=$(status_kb "$server_pid" VmRSS)
    if [ $((current - previous)) -lt 256 ] && [ $((previous - current)) -lt 256 ]; then return 0; fi
    previous=$current
  done
  echo "    (still moving after $1 s)" >&2
}

# The mean VmRSS (kB) of samples every 0.5 s over `sample` seconds.
mean_rss() {
  local total=0 count=0
  for _ in $(seq $((sample * 2))); do
    total=$((total + $(status_kb "$server_pid" VmRSS)))
    count=$((count + 1))
    sleep 0.5
  done
  echo $((total / count))
}

wait_until_ready() {
  for _ in $(seq 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "the server did not become ready" >&2
  return 1
}

# start SERVER DATA: the server on that data folder, ready and settled.
start() {
  TRADING_ADMIN_PASSWORD=bench-admin-password "$1" serve --port "$port" --log-requests false \
    --ws-connections-per-address $((connections + 16)) --rate-limit-per-minute 10000000 \
    --data-dir "$2" --database "sqlite:$2/bench.db" >"$scratch/server.out" 2>"$scratch/server.log" &
  server_pid=$!
  wait_for_port "$port"
  wait_until_ready
  settle 60
}

# One round of one server binary: prints a table row.
measure() {
  local server=$1 data="$scratch/data-$2"
  rm -rf "$data"
  start "$server" "$data"
  local idle hwm threads clients_pid with_clients
  idle=$(mean_rss)
  hwm=$(status_kb "$server_pid" VmHWM)
  threads=$(status_kb "$server_pid" Threads)
  "$bin" ws-clients --port "$port" --connections "$connections" --seconds 3600 --timeout 3600 \
    >/dev/null 2>"$scratch/clients.log" &
  clients_pid=$!
  # All in once the server's connection count says so (the gauge of /metrics is not public to
  # every address, so count the server's established sockets instead).
  for _ in $(seq 300); do
    [ "$(ss -Htn state established "( sport = :$port )" | wc -l)" -ge "$connections" ] && break
    sleep 0.1
  done
  sleep 1
  with_clients=$(mean_rss)
  local threads_with
  threads_with=$(status_kb "$server_pid" Threads)
  kill "$clients_pid" 2>/dev/null || true
  wait "$clients_pid" 2>/dev/null || true
  stop_server
  # A restart on the same data: no history to load, the server's usual state.
  start "$server" "$data"
  local restarted
  restarted=$(mean_rss)
  stop_server
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$server" "$(mb "$idle")" "$(mb "$hwm")" "$threads" \
    "$(mb "$with_clients")" "$(mb $((with_clients - idle)))" "$threads_with" "$(mb "$restarted")"
}

echo
echo "| server | idle RSS MB | VmHWM MB | threads | RSS with $connections WS clients MB | growth MB | threads | idle after a restart MB |"
echo "|---|---|---|---|---|---|---|---|"
for round in $(seq "$rounds"); do
  index=0
  for server in $servers; do
    index=$((index + 1))
    measure "$server" "$round-$index"
  done
done
echo "idle = mean VmRSS over $sample s after /health/ready and RSS settled; target < 30 MB"
