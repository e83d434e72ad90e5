#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there.
#   scripts/install-deps.sh build   system libraries for `swift build`
#   scripts/install-deps.sh run     also Swagger UI's files (Python package swagger-ui-py in .venv)
#   scripts/install-deps.sh test    also the external checkers (tsc, npm, esbuild, chromium, PostgreSQL, Python packages in .venv)
#   scripts/install-deps.sh bench   also the benchmarks' tools (wrk, PostgreSQL)
#   scripts/install-deps.sh release what the static release build needs (scripts/build-release.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-build}

want=(pkg-config libyaml-dev libsqlite3-dev libpq-dev libssl-dev)
case $mode in
  run) want+=(python3-venv) ;;
  test) want+=(python3-venv node-typescript esbuild chromium postgresql openssl curl) ;;
  release) ;;
  bench) want+=(wrk postgresql curl) ;;
esac
# A Python without the venv package needs python3-venv; one that has it needs nothing.
if python3 -c 'import venv, ensurepip' 2>/dev/null; then
  want=("${want[@]/python3-venv}")
fi

missing=()
for package in "${want[@]}"; do
  [ -n "$package" ] || continue
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# The TypeScript client's test packs it with npm. A Node.js from NodeSource brings its own
# npm; Debian's Node.js needs the npm package.
if [ "$mode" = test ] && ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$mode" = run ] || [ "$mode" = test ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  pip=(.venv/bin/python -m pip install -q --disable-pip-version-check)
  # Swagger UI 5 (OpenAPI 3.1) ships inside swagger-ui-py; the server serves its static folder.
  ls -d .venv/lib/python3*/site-packages/swagger_ui/static >/dev/null 2>&1 || "${pip[@]}" swagger-ui-py
  # The README's tour watches /ws with the websockets package's command-line client.
  .venv/bin/python -c 'import websockets' 2>/dev/null || "${pip[@]}" websockets
  if [ "$mode" = test ]; then
    "${pip[@]}" -r tests/external/requirements.txt
  fi
fi
