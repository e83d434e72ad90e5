"""Runs Schemathesis (configured by schemathesis.toml) against the real server: starts
`.build/debug/trading-server serve --port 0` on a fresh SQLite database, runs every
operation of openapi.yaml except those listed in Tests/Contract/not-implemented.txt,
stops the server with SIGTERM and exits with Schemathesis's status (or 1 when the
server failed to start or to stop cleanly).

Usage (scripts/test.sh does this): .venv/bin/python tests/external/schemathesis_run.py
Extra arguments go to `schemathesis run` (e.g. `--max-time 30`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conftest import CLEARED_ENV, DEFAULT_ENV, LISTEN_LINE, SERVER_BIN, STARTUP_TIMEOUT, SHUTDOWN_TIMEOUT

ROOT = Path(__file__).resolve().parents[2]
NOT_IMPLEMENTED = ROOT / "Tests" / "Contract" / "not-implemented.txt"
SCHEMATHESIS = ROOT / ".venv" / "bin" / "schemathesis"
# Schemathesis sends thousands of requests a minute, many with credentials it made up, and
# logs in again whenever its key is revoked: the limits are raised so they answer 429 only
# where a test asks for it.
SERVER_ARGS = ["--threads", "2", "--rate-limit-per-minute", "1000000", "--login-rate-limit", "10000",
               "--auth-failure-limit", "1000000"]


def not_implemented_operations() -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in NOT_IMPLEMENTED.read_text().splitlines())
    return [line for line in lines if line]


def start_server(workdir: Path) -> tuple[subprocess.Popen, str, Path]:
    env = {name: value for name, value in os.environ.items() if name not in CLEARED_ENV}
    env.update(DEFAULT_ENV)
    env["TRADING_CORS_ORIGINS"] = ""
    log_path = workdir / "server.log"
    data = workdir / "data"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(SERVER_BIN), "serve", "--port", "0", "--data-dir", str(data),
             "--database", f"sqlite:{data / 'trading.db'}", *SERVER_ARGS],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        for line in log_path.read_text(errors="replace").splitlines():
            try:
                match = LISTEN_LINE.search(json.loads(line).get("msg", ""))
            except (ValueError, AttributeError):
                continue
            if match:
                host = match.group(1).strip("[]")
                authority = f"[{host}]" if ":" in host else host
                return process, f"http://{authority}:{match.group(2)}", log_path
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise SystemExit(f"the server did not start:\n{log_path.read_text(errors='replace')}")


def stop_server(process: subprocess.Popen, log_path: Path) -> bool:
    process.send_signal(signal.SIGTERM)
    try:
        status = process.wait(timeout=SHUTDOWN_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        print(f"FAILED: the server did not exit within {SHUTDOWN_TIMEOUT} s of SIGTERM")
        return False
    if status != 0:
        print(f"FAILED: the server exited with {status}:\n{log_path.read_text(errors='replace')[-4000:]}")
        return False
    return True


def main() -> int:
    if not SERVER_BIN.is_file():
        raise SystemExit(f"{SERVER_BIN} is missing: run `swift build --product trading-server` first")
    excluded = not_implemented_operations()
    command = [str(SCHEMATHESIS), "--config-file", str(ROOT / "schemathesis.toml"), "run", "openapi.yaml"]
    for operation_id in excluded:
        command += ["--exclude-operation-id", operation_id]
    with tempfile.TemporaryDirectory(prefix="trading-schemathesis-") as workdir:
        process, base_url, log_path = start_server(Path(workdir))
        print(f"server at {base_url}; {len(excluded)} operations of {NOT_IMPLEMENTED.name} excluded", flush=True)
        # Hypothesis keeps its caches (constants, unicode tables) out of the work tree, and
        # starts from nothing each run.
        env = dict(os.environ, TRADING_TEST_BASE_URL=base_url,
                   TRADING_ADMIN_PASSWORD=DEFAULT_ENV["TRADING_ADMIN_PASSWORD"],
                   HYPOTHESIS_STORAGE_DIRECTORY=str(Path(workdir) / "hypothesis"))
        try:
            status = subprocess.run([*command, "--url", base_url, *sys.argv[1:]], cwd=ROOT, env=env).returncode
        finally:
            stopped = stop_server(process, log_path)
    return status if status != 0 else (0 if stopped else 1)


if __name__ == "__main__":
    sys.exit(main())
