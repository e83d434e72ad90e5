#!/usr/bin/env bash
# HTTP throughput and latency with wrk, on 127.0.0.1 only.
#   bench/http.sh                      10 s per run
#   DURATION=5s bench/http.sh          shorter runs
# Runs `ServerBench http` (HTTPServer, 2 event loops, logRequests off, real router, real
# HealthHandler, canned PositionsAPI, authenticated caller) for GET /health and
# GET /api/v1/positions (20 positions), then the real `trading-server` for GET /health and,
# with a bearer token of the bootstrap admin, GET /api/v1/auth/me (authentication, rate
# limit and a database read per request; no target: it tracks what a real call costs).
# Targets (2-core machine, load generator on the same box): /health >= 40,000 req/s;
# positions >= 20,000 req/s with p99 < 5 ms. Compare figures from one run: the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

duration=${DURATION:-10s}
threads=${WRK_THREADS:-1}
connections=${CONNECTIONS:-64}
loops=${EVENT_LOOPS:-2}
bench_port=${BENCH_PORT:-18089}
server_port=${SERVER_PORT:-18088}

scripts/install-deps.sh bench

echo "building ServerBench and trading-server (release)"
scripts/build-release.sh ServerBench
scripts/build-release.sh trading-server
bin=$(swift build -c release --show-bin-path)

# shellcheck source=bench/lib.sh
. bench/lib.sh

rows=()
# run NAME URL GOAL [HEADER]: one wrk run; appends a table row.
run() {
  local name=$1 goal=$3
  wrk_run "$2" "${4:-}"
  rows+=("$(printf '| %-34s | %9s | %8s | %8s | %-8s | %s |' "$name" "$rps" "$p50" "$p99" "${bad:-0}${errors:+; $errors}" "$goal")")
}

echo "ServerBench http on :$bench_port ($loops event loops); wrk -t$threads -c$connections -d$duration --latency"
"$bin/ServerBench" http --port "$bench_port" --threads "$loops" 2>"$scratch/bench.log" &
server_pid=$!
wait_for_port "$bench_port"
curl -fsS "http://127.0.0.1:$bench_port/api/v1/positions" -o "$scratch/positions.json" 2>/dev/null \
  && echo "positions body: $(wc -c <"$scratch/positions.json") bytes" || true
run "ServerBench GET /health" "http://127.0.0.1:$bench_port/health" ">= 40000 req/s"
run "ServerBench GET /api/v1/positions" "http://127.0.0.1:$bench_port/api/v1/positions" ">= 20000 req/s, p99 < 5 ms"
stop_server

echo "trading-server on :$server_port ($loops event loops, --log-requests false)"
TRADING_ADMIN_PASSWORD=bench-admin-password TRADING_SAMPLE_DATA_DIR="$scratch/no-sample-data" \
  "$bin/trading-server" serve --port "$server_port" --threads "$loops" --log-requests false \
  --rate-limit-per-minute 10000000 --data-dir "$scratch/data" --database "sqlite:$scratch/data/bench.db" \
  >"$scratch/server.out" 2>"$scratch/server.log" &
server_pid=$!
wait_for_port "$server_port"
run "trading-server GET /health" "http://127.0.0.1:$server_port/health" ">= 40000 req/s"
token=$(curl -fsS -X POST "http://127.0.0.1:$server_port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-admin-password"}' | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
run "trading-server GET /api/v1/auth/me" "http://127.0.0.1:$server_port/api/v1/auth/me" "(bearer token)" \
  "Authorization: Bearer $token"
stop_server

echo
printf '| %-34s | %9s | %8s | %8s | %-8s | %s |\n' "run" "req/s" "p50" "p99" "non-2xx" "target"
printf '|%s|%s|%s|%s|%s|%s|\n' "------------------------------------" "-----------" "----------" "----------" "----------" "---"
printf '%s\n' "${rows[@]}"
