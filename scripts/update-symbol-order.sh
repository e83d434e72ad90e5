#!/usr/bin/env bash
# Regenerates scripts/symbol-order.txt, the order in which the release link places functions
# (lld --symbol-ordering-file; scripts/build-release.sh): every function of the executable that
# runs while the server starts on new data and on existing data and answers its first requests,
# recorded by valgrind's callgrind. Placed together, the code an idle server has touched fills
# a few contiguous megabytes; scattered through 18 MB of .text, the kernel's 64 KB fault-around
# windows kept most of the text resident (bench/memory.sh). A stale list only costs memory:
# functions it names that no longer exist are skipped, new ones are placed after it.
#   scripts/update-symbol-order.sh      needs valgrind (apt-get install valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
scripts/build-release.sh trading-server
bin=$(swift build -c release --show-bin-path)/trading-server
work=$(mktemp -d)
port=18079
trap 'pkill -f "port $port" 2>/dev/null || true; rm -rf "$work"' EXIT

# One run under callgrind: start, wait for readiness, a few requests, then SIGTERM.
profile() {
  TRADING_ADMIN_PASSWORD=symbol-order-password valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$1.out" \
    "$bin" serve --port "$port" --log-requests false --data-dir "$work/data" --database "sqlite:$work/data/db.sqlite" \
    >"$work/$1.log" 2>&1 &
  local pid=$!
  for _ in $(seq 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null && break
    sleep 1
  done
  for _ in 1 2 3; do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready"
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health"
  done
  sleep 2
  kill -TERM "$pid"
  wait "$pid" || true
}
mkdir -p "$work/data"
profile first
profile restart

# Function names as callgrind records them (mangled), kept when the executable defines them,
# first seen first.
nm --defined-only "$bin" | awk '$2 ~ /^[tTwW]$/ {print $3}' | sort -u >"$work/defined"
cat "$work/first.out" "$work/restart.out" | sed -n -E 's/^c?fn=\([0-9]+\) (.*)$/\1/p' | awk '!seen[$0]++' >"$work/run"
awk 'NR == FNR {defined[$0] = 1; next} defined[$0]' "$work/defined" "$work/run" >scripts/symbol-order.txt
echo "scripts/symbol-order.txt: $(wc -l <scripts/symbol-order.txt) functions"
