#!/usr/bin/env bash
# The release build of a product (default trading-server), as deployed and as the benchmarks
# measure it: optimized, with the Swift runtime and Foundation linked into the executable
# (--static-swift-stdlib). One binary that needs no Swift toolchain on the host, and a leaner
# process: no dynamic Swift libraries to load, relocate and resolve symbols in (about 6 MB less
# idle RSS, bench/memory.sh) and direct calls into the runtime. The system libraries (libyaml,
# SQLite, libpq, OpenSSL) stay shared. Nothing imports FoundationNetworking (the Connectors
# have their own HTTP client), so libcurl and its TLS stack are neither linked nor loaded.
#   scripts/build-release.sh [PRODUCT...]     prints nothing on success; the binaries are in
#                                             $(swift build -c release --show-bin-path)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
[ $# -gt 0 ] || set -- trading-server
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for product in "$@"; do
  if ! swift build -c release --static-swift-stdlib --product "$product" >"$log" 2>&1; then
    cat "$log" >&2
    echo "the release build of $product failed" >&2
    exit 1
  fi
done
