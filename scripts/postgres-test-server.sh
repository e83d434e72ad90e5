#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suites: its own data directory, its own
# loopback port, no password (trust), no fsync. It never touches the distribution's
# default cluster, so it works whether or not that one is running.
#
#   scripts/postgres-test-server.sh start DIR    # create DIR, start, print the URL
#   scripts/postgres-test-server.sh url DIR      # print the URL of the server in DIR
#   scripts/postgres-test-server.sh pause DIR    # stop the server, keeping its data and port
#   scripts/postgres-test-server.sh resume DIR   # start a paused server again on the same port
#   scripts/postgres-test-server.sh restart DIR  # pause, then resume (tests of reconnection)
#   scripts/postgres-test-server.sh stop DIR     # stop the server and remove DIR
#
# The URL is postgres://postgres@127.0.0.1:PORT/trading_test; it is also written to DIR/url.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|pause|resume|restart|url DIR" >&2
  exit 2
}

[ $# -eq 2 ] || usage
command=$1
dir=$2

# The newest installed major version: Debian installs each under /usr/lib/postgresql/N.
find_bindir() {
  local version
  version=$(ls /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -1 || true)
  if [ -z "$version" ] || [ ! -x "/usr/lib/postgresql/$version/bin/pg_ctl" ]; then
    echo "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "/usr/lib/postgresql/$version/bin"
}

# The server refuses to run as root, so every server-side command runs as `postgres`
# when we are root (as in CI containers), and as ourselves otherwise.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A port the kernel has just handed out is free; without python3, a random high port that
# refuses a connection is free as well (nothing listens there).
free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  return 1
}

# pg_ctl -w only waits for the postmaster's pid file; pg_isready also proves it accepts connections.
wait_until_ready() {
  local bindir=$1 port=$2
  for _ in $(seq 1 300); do
    if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
      return 0
    fi
    sleep 0.1
  done
  echo "PostgreSQL on port $port was not ready within 30 s; log:" >&2
  tail -n 20 "$dir/server.log" >&2 || true
  return 1
}

start_server() {
  local bindir=$1 port=$2
  # In a subshell with every inherited descriptor above 2 closed: the daemonised server would
  # otherwise keep the caller's pipes open, and a caller reading to end of file (`| tee`, a
  # test harness) would wait for the server to exit.
  (
    for descriptor in /proc/$BASHPID/fd/*; do
      descriptor=${descriptor##*/}
      if [ "$descriptor" -gt 2 ] && [ "$descriptor" -ne 255 ]; then eval "exec $descriptor>&-" 2>/dev/null || true; fi
    done
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start -o \
      "-c listen_addresses=127.0.0.1 -c port=$port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null
  )
  wait_until_ready "$bindir" "$port"
}

case $command in
  start)
    bindir=$(find_bindir)
    if [ -e "$dir/data" ]; then
      echo "$dir/data already exists; stop it first" >&2
      exit 1
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
    # The data directory must be private to its owner, or the server refuses to start.
    chmod 700 "$dir"
    if ! as_server_user test -w "$dir"; then
      echo "the postgres user cannot reach $dir (is a parent directory private?); use a directory under /tmp" >&2
      exit 1
    fi
    as_server_user "$bindir/initdb" -D "$dir/data" -A trust -U postgres --encoding=UTF8 --locale=C \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(free_port)
    echo "$port" >"$dir/port"
    start_server "$bindir" "$port"
    "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE trading_test" >/dev/null
    url="postgres://postgres@127.0.0.1:$port/trading_test"
    echo "$url" >"$dir/url"
    echo "$url"
    ;;
  pause)
    as_server_user "$(find_bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    start_server "$(find_bindir)" "$(cat "$dir/port")"
    ;;
  restart)
    bindir=$(find_bindir)
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    start_server "$bindir" "$(cat "$dir/port")"
    ;;
  stop)
    bindir=$(find_bindir)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_server_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  url)
    cat "$dir/url"
    ;;
  *)
    usage
    ;;
esac
