#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there.
#   scripts/install-deps.sh build   system libraries for `swift build`
#   scripts/install-deps.sh test    also the external checkers (tsc, PostgreSQL, Python venv)
set -euo pipefail
cd "$(dirname "$0")/.."

want=(pkg-config libyaml-dev libsqlite3-dev libpq-dev libssl-dev)
if [ "${1:-build}" = test ]; then
  want+=(node-typescript postgresql)
  # The interpreter on PATH may be Debian's (needs python3-venv) or its own build (has venv).
  python3 -c 'import venv, ensurepip' 2>/dev/null || want+=(python3-venv)
fi

missing=()
for package in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${1:-build}" = test ]; then
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check -r tests/external/requirements.txt
fi
