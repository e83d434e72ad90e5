# Shared by the benchmark scripts: a scratch folder, one background server at a time that is
# always stopped on exit, waiting for a port, the release ServerBench, and a throwaway
# PostgreSQL (also stopped on exit).
export PATH=/opt/swift/usr/bin:$PATH
scratch=$(mktemp -d)
chmod 755 "$scratch"  # the postgres user must reach the server's folder inside it
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
stop_postgres() { [ -d "$scratch/pg" ] && scripts/postgres-test-server.sh stop "$scratch/pg" >/dev/null 2>&1 || true; }
trap 'stop_server; stop_postgres; rm -rf "$scratch"' EXIT

# Builds ServerBench (release) and sets `bin` to it.
build_server_bench() {
  echo "building ServerBench (release)" >&2
  scripts/build-release.sh ServerBench
  bin=$(swift build -c release --show-bin-path)/ServerBench
}

# Starts a throwaway PostgreSQL (as `make test` does: fsync off) and prints its URL.
start_postgres() {
  mkdir -p "$scratch/pg"
  scripts/postgres-test-server.sh start "$scratch/pg"
}

wait_for_port() {
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2
  return 1
}

# The rows of an engine benchmark (`ServerBench $1`): without persistence, then written behind
# to a new SQLite file and to a throwaway PostgreSQL; `seconds` each.
persistence_rows() {
  echo "| workload | work | result |"
  echo "|---|---|---|"
  "$bin" "$1" --seconds "$seconds"
  "$bin" "$1" --seconds "$seconds" --database "sqlite:$scratch/$1.db"
  "$bin" "$1" --seconds "$seconds" --database "$(start_postgres)"
}

# wrk_run URL [HEADER]: one `wrk -t$threads -c$connections -d$duration --latency` run into
# $scratch/wrk.txt; sets rps, p50 and p99 (as wrk prints them: 812.00us, 1.20ms), bad (non-2xx
# answers) and errors (socket errors).
wrk_run() {
  local out=$scratch/wrk.txt extra=()
  [ -z "${2:-}" ] || extra=(-H "$2")
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "${extra[@]}" "$1" >"$out"
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  errors=$(awk '/Socket errors:/ {sub(/.*Socket errors: /, ""); print}' "$out")
}
