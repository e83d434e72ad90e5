#!/usr/bin/env bash
# The release build of a product (default trading-server), as deployed and as the benchmarks
# measure it: optimized, with the Swift runtime and Foundation linked into the executable
# (--static-swift-stdlib). One binary that needs no Swift toolchain on the host, and a leaner
# process: no dynamic Swift libraries to load, relocate and resolve symbols in (about 6 MB less
# idle RSS, bench/memory.sh) and direct calls into the runtime. The system libraries (libyaml,
# SQLite, libpq, OpenSSL) stay shared. Nothing imports FoundationNetworking (the Connectors
# have their own HTTP client), so libcurl and its TLS stack are neither linked nor loaded;
# libpq is loaded only when a PostgreSQL URL is given (Backends' LibPQ).
# Linked by the toolchain's lld with packed relative relocations (DT_RELR, glibc >= 2.36): the
# 85,000 pointer fix-ups of Swift's metadata take 17 kB instead of a 2 MB `.rela.dyn` that
# the loader reads at every start and that stayed resident (about 0.6-1.0 MB less idle RSS
# net, bench/memory.sh; lld's layout touches a little more code than gold's).
#   scripts/build-release.sh [PRODUCT...]     prints nothing on success; the binaries are in
#                                             $(swift build -c release --show-bin-path)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
[ $# -gt 0 ] || set -- trading-server
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Each function in its own section, placed by scripts/symbol-order.txt (made by
# scripts/update-symbol-order.sh): the functions start-up and idle serving run come first and
# together, so an idle server keeps a few megabytes of code resident instead of most of it.
flags=(-Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xswiftc -Xfrontend -Xswiftc -function-sections)
if [ -s scripts/symbol-order.txt ]; then
  flags+=(-Xlinker --symbol-ordering-file="$PWD/scripts/symbol-order.txt" -Xlinker --no-warn-symbol-ordering)
fi
for product in "$@"; do
  if ! swift build -c release --static-swift-stdlib --product "$product" "${flags[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    echo "the release build of $product failed" >&2
    exit 1
  fi
done
