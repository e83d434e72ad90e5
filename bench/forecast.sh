#!/usr/bin/env bash
# Forecasting: the time to fit the models, and the latency of a prediction once its model is kept.
#   bench/forecast.sh              DURATION=10s CONNECTIONS=16 to change the wrk run
# 1. `ServerBench forecast`: on one thread, the LSTM's training alone and the whole fit (five
#    members, the out-of-sample measure, the ensemble) on the newest 1,000 closes of GOOG daily,
#    EUR/USD hourly and a seeded AR(1) series (the slowest of 3 rounds each).
# 2. The release trading-server (SQLite, demo data): the first GET /api/v1/analysis/prediction/GOOG
#    (fits and stores the model) and the second (kept), timed by curl; then wrk on that request
#    and on the risk of GOOG, with a viewer's bearer token. Target: a kept prediction under 5 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
duration=${DURATION:-10s}
connections=${CONNECTIONS:-16}
port=${SERVER_PORT:-18087}

scripts/install-deps.sh bench
# shellcheck source=bench/lib.sh
. bench/lib.sh
build_server_bench
scripts/build-release.sh trading-server
server=$(swift build -c release --show-bin-path)/trading-server

echo "| series | LSTM training | whole fit | accuracy | confidence |"
echo "|---|---|---|---|---|"
"$bin" forecast --samples sample-data

TRADING_ADMIN_PASSWORD=bench-admin-password "$server" serve --port "$port" --log-requests false \
  --rate-limit-per-minute 10000000 --data-dir "$scratch/data" --database "sqlite:$scratch/data/bench.db" \
  >"$scratch/server.out" 2>"$scratch/server.log" &
server_pid=$!
wait_for_port "$port"
base="http://127.0.0.1:$port"
token=$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-admin-password"}' | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
prediction="$base/api/v1/analysis/prediction/GOOG?timeframe=1d&model=ensemble"
for call in "first (fits and stores the model)" "second (the kept model)"; do
  curl -fsS -o "$scratch/prediction.json" -w "prediction, $call: %{time_total} s\n" -H "Authorization: Bearer $token" "$prediction"
done
echo "answer: $(cat "$scratch/prediction.json")"
echo
echo "| wrk -t1 -c$connections -d$duration | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
for url in "$prediction" "$base/api/v1/analysis/risk/GOOG"; do
  wrk -t1 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "$url" >"$scratch/wrk.txt"
  printf '| GET %s | %s | %s | %s | %s |\n' "${url#"$base"}" \
    "$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$scratch/wrk.txt")" "$(awk '$1 == "50%" {print $2}' "$scratch/wrk.txt")" \
    "$(awk '$1 == "99%" {print $2}' "$scratch/wrk.txt")" "$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$scratch/wrk.txt")"
done
