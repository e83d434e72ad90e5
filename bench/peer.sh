#!/usr/bin/env bash
# Side by side with Hummingbird 2, with wrk on 127.0.0.1 only (issue 21 part 1's targets).
#   bench/peer.sh                      10 s per run, 2 rounds
#   DURATION=5s ROUNDS=1 bench/peer.sh shorter
#   SERVER_BIN=/tmp/base/trading-server bench/peer.sh   that build of the server instead of this one
#   LOOPS="2" bench/peer.sh            our server with those event-loop counts (default "1 2")
# Builds the Hummingbird 2 peer (../shared/peers/hummingbird: GET /health and a canned
# 20-position GET /api/v1/positions with our bodies; NIO's default of one thread per core) in
# PEER_DIR (default /tmp/peer-hb, never inside our package) from the local package copies under
# SWIFT_PACKAGES (default /opt/swift-packages: one SwiftPM mirror per dependency URL, transitive
# ones included), and the release `trading-server` (scripts/build-release.sh; --log-requests
# false, rate limit out of the way). Starts one server per count in LOOPS (`--threads`), each
# holding 20 positions in its paper account opened through the API (three bench-only symbols
# imported, then a spot and a margin position on each of ten symbols; checked: 20 listed), then
# alternates the servers with the same wrk settings, round after round: Hummingbird GET
# /health, ours; Hummingbird's canned positions, ours with a bearer token. Prints requests/s,
# p50 and p99 of each and our/Hummingbird ratios. Targets: /health >= 2.0x its requests/s,
# positions >= 6x, our p99 no higher than its p99. On this 2-core box wrk takes one core: one
# event loop then runs beside it undisturbed, where two loops and wrk share two cores and the
# scheduler's slices show in the tail.
# Without the peer's source or the package copies (or when its build fails) it says so and
# skips, so `make bench` still runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

duration=${DURATION:-10s}
threads=${WRK_THREADS:-1}
connections=${CONNECTIONS:-64}
loops=${LOOPS:-${EVENT_LOOPS:-"1 2"}}
rounds=${ROUNDS:-2}
peer_port=${PEER_PORT:-18390}
server_port=${SERVER_PORT:-18388}
peer_source=${PEER_SOURCE:-$(cd .. && pwd)/shared/peers/hummingbird}
peer_dir=${PEER_DIR:-/tmp/peer-hb}
packages=${SWIFT_PACKAGES:-/opt/swift-packages}

# The dependency URLs of a Package.swift read on stdin.
package_urls() { grep -o 'package(url: *"[^"]*"' | sed 's/.*"\(.*\)"$/\1/' || true; }

# Prints "URL LOCAL-COPY" for each dependency of $1, transitively (each copy's Package.swift
# at its newest release tag); fails naming the first URL without a local copy.
dependency_copies() {
  local -A seen=()
  local queue url key copy tag
  mapfile -t queue < <(package_urls <"$1")
  while [ ${#queue[@]} -gt 0 ]; do
    url=${queue[0]}
    queue=("${queue[@]:1}")
    key=$(tr 'A-Z' 'a-z' <<<"${url%.git}")
    [ -z "${seen[$key]:-}" ] || continue
    seen[$key]=1
    copy=$packages/${url#https://github.com/}
    copy=${copy%.git}.git
    if [ ! -d "$copy" ]; then echo "no local copy of $url (looked for $copy)" >&2; return 1; fi
    echo "$url $copy"
    tag=$(git -C "$copy" tag | grep -E '^v?[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -1)
    mapfile -t -O "${#queue[@]}" queue < <(git -C "$copy" show "$tag:Package.swift" 2>/dev/null | package_urls)
  done
}

# Copies the peer to $peer_dir, points every dependency URL (with and without .git) at its
# local copy and builds it (release); sets `peer_bin`. Fails with a reason on stderr.
build_peer() {
  [ -f "$peer_source/Package.swift" ] || { echo "no peer source at $peer_source" >&2; return 1; }
  [ -d "$packages" ] || { echo "no package copies at $packages" >&2; return 1; }
  case "$(cd "$(dirname "$peer_dir")" && pwd)/$(basename "$peer_dir")/" in
    "$(pwd)"/*) echo "PEER_DIR must be outside our package" >&2; return 1 ;;
  esac
  mkdir -p "$peer_dir/.swiftpm/configuration"
  rm -rf "$peer_dir/Sources"
  cp -R "$peer_source/Package.swift" "$peer_source/Sources" "$peer_dir/"
  local copies entries=() url copy variant
  copies=$(dependency_copies "$peer_dir/Package.swift") || return 1
  while read -r url copy; do
    for variant in "${url%.git}" "${url%.git}.git"; do
      entries+=("    { \"original\" : \"$variant\", \"mirror\" : \"file://$copy\" }")
    done
  done <<<"$copies"
  { echo '{ "version" : 1, "object" : ['; (IFS=$'\n'; sed '$!s/$/,/' <<<"${entries[*]}"); echo '] }'; } \
    >"$peer_dir/.swiftpm/configuration/mirrors.json"
  echo "building the Hummingbird 2 peer (release) in $peer_dir, $(wc -l <<<"$copies") dependencies from $packages"
  (cd "$peer_dir" && swift build -c release --product PeerHB >"$peer_dir/build.log" 2>&1) \
    || { echo "the peer's build failed: $peer_dir/build.log" >&2; tail -5 "$peer_dir/build.log" >&2; return 1; }
  peer_bin=$(cd "$peer_dir" && swift build -c release --show-bin-path)/PeerHB
}

if ! build_peer; then
  echo "skipping bench/peer.sh: the Hummingbird 2 peer cannot be built here"
  exit 0
fi

scripts/install-deps.sh bench
if [ -n "${SERVER_BIN:-}" ]; then
  bin=$(dirname "$SERVER_BIN")  # another build of the server (e.g. a baseline's copy)
else
  echo "building trading-server (release)"
  scripts/build-release.sh trading-server
  bin=$(swift build -c release --show-bin-path)
fi

# shellcheck source=bench/lib.sh
. bench/lib.sh
peer_pid=""
stop_peer() { [ -z "$peer_pid" ] || { kill "$peer_pid" 2>/dev/null || true; wait "$peer_pid" 2>/dev/null || true; }; }
trap 'stop_peer; stop_server; stop_postgres; rm -rf "$scratch"' EXIT

PORT=$peer_port "$peer_bin" >"$scratch/peer.log" 2>&1 &
peer_pid=$!
wait_for_port "$peer_port"
curl -fsS "http://127.0.0.1:$peer_port/api/v1/positions" -o "$scratch/theirs.json"

# One trading-server per event-loop count in LOOPS, each on its own port and data folder.
server_pids=()
stop_servers() { for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap 'stop_peer; stop_servers; stop_postgres; rm -rf "$scratch"' EXIT

# 20 positions: a position is one per (exchange, symbol, strategy), so a manual market buy
# (exchange `paper`) and a margin position (`paper-margin`, long or short) on each of the seven
# demo symbols and three bench-only ones (BENCH1..3, US stocks with GOOG's real daily candles,
# which join the universe through `import-candles` as an operator's imported symbols do). An
# order the book cannot fill at that moment is tried again.
symbols=(BTC-USDT ETH-USDT EUR-USD GOOG 005930 000660 035720 BENCH1 BENCH2 BENCH3)
sizes=(0.01 0.1 100 1 1 1 1 1 1 1)
expected=$((2 * ${#symbols[@]}))
# open API AUTH PATH BODY: posts until answered 201 (at most 20 tries).
open() {
  local status
  for _ in $(seq 20); do
    status=$(curl -sS -o "$scratch/open.json" -w '%{http_code}' -X POST "$1/$3" -H "$2" -H 'Content-Type: application/json' -d "$4")
    [ "$status" != 201 ] || return 0
    sleep 0.2
  done
  echo "POST $1/$3 $4: $status $(cat "$scratch/open.json")" >&2
  return 1
}
# start_server LOOPS PORT: a server with LOOPS event loops holding the 20 positions; sets `auth`
# to its bootstrap admin's bearer header.
start_server() {
  local count=$1 port=$2 data=$scratch/data-$1 api=http://127.0.0.1:$2/api/v1 token i type listed
  mkdir -p "$data"
  for extra in BENCH1 BENCH2 BENCH3; do
    "$bin/trading-server" import-candles sample-data/GOOG.csv --symbol "$extra" --market US --timeframe 1d \
      --database "sqlite:$data/bench.db" >/dev/null 2>"$scratch/import.log" \
      || { cat "$scratch/import.log" >&2; exit 1; }
  done
  TRADING_ADMIN_PASSWORD=bench-admin-password TRADING_SAMPLE_DATA_DIR="$scratch/no-sample-data" \
    "$bin/trading-server" serve --port "$port" --threads "$count" --log-requests false \
    --rate-limit-per-minute 10000000 --data-dir "$data" --database "sqlite:$data/bench.db" \
    >"$scratch/server-$count.out" 2>"$scratch/server-$count.log" &
  server_pids+=($!)
  wait_for_port "$port"
  token=$(curl -fsS -X POST "$api/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"bench-admin-password"}' | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  auth="Authorization: Bearer $token"
  for i in "${!symbols[@]}"; do
    type=long; [ $((i % 2)) = 0 ] || type=short
    open "$api" "$auth" orders "{\"symbol\":\"${symbols[$i]}\",\"side\":\"Buy\",\"order_type\":\"Market\",\"quantity\":\"${sizes[$i]}\"}"
    open "$api" "$auth" portfolio/positions "{\"symbol\":\"${symbols[$i]}\",\"size\":\"${sizes[$i]}\",\"type\":\"$type\"}"
  done
  curl -fsS "$api/positions" -H "$auth" -o "$scratch/ours-$count.json"
  listed=$(grep -o '"total":[0-9]*' "$scratch/ours-$count.json" | tail -1 | cut -d: -f2)
  echo "our GET /api/v1/positions ($count event loop(s)): ${listed:-?} positions, $(wc -c <"$scratch/ours-$count.json") bytes;" \
    "Hummingbird's canned list: 20 positions, $(wc -c <"$scratch/theirs.json") bytes"
  if [ "${listed:-0}" != "$expected" ]; then
    echo "expected $expected positions: $(cat "$scratch/ours-$count.json")" >&2
    exit 1
  fi
}
ports=()
auths=()
for count in $loops; do
  port=$((server_port + ${#ports[@]}))
  start_server "$count" "$port"
  ports+=("$port")
  auths+=("$auth")
done

rows=()
# measure NAME URL [HEADER]: one wrk run; sets rps, p50 and p99 (ms) and appends a table row.
measure() {
  local name=$1
  wrk_run "$2" "${3:-}"
  p50=$(milliseconds <<<"$p50")
  p99=$(milliseconds <<<"$p99")
  rows+=("$(printf '| %-40s | %9s | %8s | %8s | %s |' "$name" "$rps" "$p50" "$p99" "${bad:-0}${errors:+; $errors}")")
}
# wrk's latency (e.g. 812.00us, 1.20ms, 1.01s) in milliseconds.
milliseconds() {
  awk '{ v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /[^m]s$/) v *= 1000; printf "%.3f", v }'
}
# compare WHAT RATIO-TARGET: the ratio row of the last two runs (theirs, then ours).
compare() {
  local ratio p99_ok
  ratio=$(awk -v a="$ours_rps" -v b="$theirs_rps" 'BEGIN { printf "%.2f", a / b }')
  p99_ok=$(awk -v a="$ours_p99" -v b="$theirs_p99" 'BEGIN { print (a <= b) ? "yes" : "no" }')
  local met; met=$(awk -v r="$ratio" -v t="$2" 'BEGIN { print (r >= t) ? "met" : "MISSED" }')
  rows+=("$(printf '| %-40s | %8sx | target >= %sx: %s; our p99 <= its p99: %s |' "  ratio $1" "$ratio" "$2" "$met" "$p99_ok")")
}

echo "wrk -t$threads -c$connections -d$duration --latency; trading-server with $loops event loop(s); $rounds round(s)"
loop_counts=($loops)
for round in $(seq "$rounds"); do
  measure "round $round Hummingbird 2 GET /health" "http://127.0.0.1:$peer_port/health"
  theirs_rps=$rps theirs_p99=$p99
  for index in "${!ports[@]}"; do
    measure "round $round ours, ${loop_counts[$index]} loop(s), GET /health" "http://127.0.0.1:${ports[$index]}/health"
    ours_rps=$rps ours_p99=$p99
    compare "/health, ${loop_counts[$index]} loop(s)" 2.0
  done
  measure "round $round Hummingbird 2 GET positions" "http://127.0.0.1:$peer_port/api/v1/positions"
  theirs_rps=$rps theirs_p99=$p99
  for index in "${!ports[@]}"; do
    measure "round $round ours, ${loop_counts[$index]} loop(s), GET positions" "http://127.0.0.1:${ports[$index]}/api/v1/positions" \
      "${auths[$index]}"
    ours_rps=$rps ours_p99=$p99
    compare "positions, ${loop_counts[$index]} loop(s)" 6
  done
done

echo
printf '| %-40s | %9s | %8s | %8s | %s |\n' "run" "req/s" "p50 ms" "p99 ms" "non-2xx"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------------------" "-----------" "----------" "----------" "---"
printf '%s\n' "${rows[@]}"
