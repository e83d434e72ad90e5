#!/usr/bin/env bash
# Measures the generator on the full openapi.yaml and a clean debug build of the package.
#   bench/codegen.sh            codegen timings only
#   bench/codegen.sh --clean    also a clean debug build in a scratch folder (.build-bench)
# Targets (issue 2): codegen < 1 s for the whole spec; clean debug build < 4 min.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
runs=${RUNS:-9}

median_ms() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

time_runs() {
  local binary=$1 target=$2 out
  out=$(mktemp -d)
  for _ in $(seq "$runs"); do
    rm -rf "$out"/*
    local start end
    start=$(date +%s%N)
    "$binary" "$target" openapi.yaml "$out" 2>/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  done | median_ms
  rm -rf "$out"
}

for config in debug release; do
  swift build -c "$config" --product Codegen >/dev/null
  binary=$(swift build -c "$config" --show-bin-path)/Codegen
  echo "codegen ($config build), median of $runs runs on openapi.yaml ($(wc -l <openapi.yaml) lines):"
  echo "  swift:      $(time_runs "$binary" swift) ms"
  echo "  typescript: $(time_runs "$binary" typescript) ms"
done

if [ "${1:-}" = --clean ]; then
  rm -rf .build-bench
  start=$(date +%s)
  swift build --scratch-path .build-bench >/dev/null
  end=$(date +%s)
  echo "clean debug build of the whole package: $((end - start)) s"
  rm -rf .build-bench
fi
