#!/usr/bin/env bash
# Runs every suite and external checker, keeps going after a failure so that one run
# reports everything, and ends with one summary line: "summary: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

passed=0
failed=0
skipped_total=0
log=$(mktemp)
postgres_dir=$(mktemp -d /tmp/trading-test-postgres.XXXXXX)
# What the contract tests exercise on each backend (Tests/Contract/Harness/ContractLedger.swift).
ledger=$(mktemp -d /tmp/trading-contract-ledger.XXXXXX)
cleanup() {
  scripts/postgres-test-server.sh stop "$postgres_dir" >/dev/null 2>&1 || true
  rm -rf "$postgres_dir" "$log" "$ledger"
}
trap cleanup EXIT

echo "== swift build --build-tests"
if ! swift build --build-tests; then
  echo "summary: 0 passed, 1 failed (the build failed)"
  exit 1
fi

echo "== throwaway PostgreSQL"
# The conformance suite and the PostgreSQL driver tests run against a real server started
# here and stopped on exit, however the tests end.
if url=$(scripts/postgres-test-server.sh start "$postgres_dir"); then
  export TRADING_TEST_POSTGRES_URL=$url TRADING_TEST_POSTGRES_DIR=$postgres_dir
  echo "PostgreSQL at $url"
else
  echo "FAILED: could not start PostgreSQL"
  failed=$((failed + 1))
fi

echo "== swift test"
# A hung test must not hold CI until its deadline: the suite gets 30 minutes.
TRADING_CONTRACT_LEDGER=$ledger timeout --signal=KILL 1800 swift test --skip-build 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}
# XCTest's last "Executed N tests, with [K tests skipped and] F failures" line is the total.
totals=$(grep -E "Executed [0-9]+ tests?, with .*[0-9]+ failures?" "$log" | tail -1)
if [ -n "$totals" ]; then
  executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$totals")
  failures=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"$totals")
  skipped=$(grep -oE "[0-9]+ tests? skipped" <<<"$totals" | grep -oE "^[0-9]+" || echo 0)
  passed=$((passed + executed - failures - skipped))
  failed=$((failed + failures))
  skipped_total=$((skipped_total + skipped))
fi
if [ "$test_status" -ne 0 ] && [ "${failures:-0}" -eq 0 ]; then
  failed=$((failed + 1))  # the runner itself failed (crash, no summary)
fi

echo "== contract coverage (the ledger of the run above)"
# Every documented success and 4xx of every operation and every WebSocket message kind, on
# SQLite and on PostgreSQL, and each tag's 503 on PostgreSQL, were exercised by a contract test.
if TRADING_CONTRACT_LEDGER_CHECK=$ledger swift test --skip-build --filter ContractLedgerTests 2>&1 | tail -40 \
    && [ "${PIPESTATUS[0]}" -eq 0 ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAILED: contract coverage"
fi

for checker in spec-check check-clients tsc-check; do
  echo "== $checker"
  if make --no-print-directory "$checker"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $checker"
  fi
done

echo "== external tests (pytest tests/external)"
# Black-box tests against the real server binary (.build/debug/trading-server, built above).
if [ -x .venv/bin/python ]; then
  .venv/bin/python -m pytest -q tests/external 2>&1 | tee "$log"
  pytest_status=${PIPESTATUS[0]}
else
  echo "no .venv: run scripts/install-deps.sh test" | tee "$log"
  pytest_status=1
fi
# pytest's closing line, e.g. "3 failed, 150 passed, 3 xfailed, 1 error in 18.2s"; errors count as failures.
totals=$(grep -E "^=*\s*[0-9]+ (passed|failed|errors?|skipped|xfailed|xpassed|deselected)\b.* in [0-9.]+s" "$log" | tail -1)
count() { grep -oE "[0-9]+ $1\b" <<<"$totals" | grep -oE "^[0-9]+" || echo 0; }
external_passed=$(count passed)
external_failed=$(( $(count failed) + $(count errors?) ))
passed=$((passed + external_passed))
failed=$((failed + external_failed))
if [ "$pytest_status" -ne 0 ] && [ "$external_failed" -eq 0 ]; then
  failed=$((failed + 1))  # the runner itself failed (no tests collected, crash, no summary)
  echo "FAILED: pytest exited with $pytest_status"
fi

skipped_total=$((skipped_total + $(count skipped)))

echo "== schemathesis (every implemented operation of openapi.yaml against the live server)"
# schemathesis.toml: every check and phase, a fixed seed, a 150 s budget. The driver starts
# the server, excludes only the operations of Tests/Contract/not-implemented.txt, stops the
# server, and fails on any failure or error; it counts as one step. A hung run gets 10 minutes.
if [ ! -x .venv/bin/schemathesis ]; then
  echo "FAILED: no schemathesis in .venv: run scripts/install-deps.sh test"
  failed=$((failed + 1))
elif timeout 600 .venv/bin/python tests/external/schemathesis_run.py --no-color; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAILED: schemathesis"
fi

# Kept for people: the screenshot of Swagger UI's "Try it out" (tests/external/test_swagger_ui_browser.py).
ls .build/test-artifacts/* 2>/dev/null | sed 's/^/artifact: /'

echo "summary: $passed passed, $failed failed, $skipped_total skipped"
[ "$failed" -eq 0 ]
