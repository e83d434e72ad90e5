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
