"""Black-box test harness: starts the real `trading-server` binary on a free port (port 0,
read back from its "listening on" log line), stops it with SIGTERM at the end and asserts
a clean exit within 5 s. Wire-format helpers are in wire.py.

Besides the shared `server`, the security tests (test_auth_tokens.py, test_accounts.py,
test_access_rules.py) use `sec`, a server of their own per module with a high login limit,
and `admin`, a client logged in to it as the bootstrap admin.

The server binary is `.build/debug/trading-server` (override with TRADING_SERVER_BIN);
it must be built beforehand (`swift build --product trading-server`).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from security_helpers import TEST_ADMIN_PASSWORD, TEST_JWT_SECRET, Api, admin_api
from wire import HOST, IO_TIMEOUT, RawConnection, raise_nofile_limit

ROOT = Path(__file__).resolve().parents[2]
SERVER_BIN = Path(os.environ.get("TRADING_SERVER_BIN", ROOT / ".build" / "debug" / "trading-server"))
# The host is 127.0.0.1 or, with `--host ::1`, an IPv6 literal (bracketed or not).
LISTEN_LINE = re.compile(r"listening on https?://(127\.0\.0\.1|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*?):(\d+)(?![\d:])")

# Every server gets these unless a test's extra_env overrides them (a value of None
# removes the variable): the bootstrap admin's password and a fixed JWT secret, so
# tests can log in as `admin` and make tokens with PyJWT (see security_helpers.py).
DEFAULT_ENV = {
    "TRADING_ADMIN_PASSWORD": TEST_ADMIN_PASSWORD,
    "TRADING_JWT_SECRET": TEST_JWT_SECRET,
}
# Settings of the developer's shell that would change the server under test.
CLEARED_ENV = ("TRADING_HOST", "TRADING_PORT", "TRADING_THREADS", "TRADING_TLS_CERT", "TRADING_TLS_KEY",
               "TRADING_RATE_LIMIT_PER_MINUTE", "TRADING_LOGIN_RATE_LIMIT", "TRADING_AUTH_RATE_LIMIT",
               "TRADING_LOGIN_BACKOFF_AFTER", "TRADING_LOGIN_BACKOFF_MAX", "TRADING_AUTH_FAILURE_LIMIT",
               "TRADING_IP_ALLOWLIST", "TRADING_TRUSTED_PROXIES", "TRADING_WS_CONNECTIONS_PER_ADDRESS",
               "TRADING_METRICS_TOKEN", "TRADING_METRICS_ALLOWLIST", "TRADING_PROVIDER", "TRADING_PROVIDER_DIR", "TRADING_PROVIDER_URL")
# The shared server's profile: test_websocket_lifecycle.py opens 1,000 WebSockets at once, all
# from 127.0.0.1, past the default cap of 256 per address.
SHARED_SERVER_ARGS = ["--ws-connections-per-address", "2000"]

STARTUP_TIMEOUT = 15.0
SHUTDOWN_TIMEOUT = 5.0


# --------------------------------------------------------------------------- server


@dataclass
class ServerProcess:
    """One running `trading-server serve --port 0` with its stderr (`log_text()`) and stdout
    (`stdout_text()`) in files; `extra_args` and
    `extra_env` add settings (e.g. TLS; a value of None unsets a variable)."""

    workdir: Path
    extra_args: list[str] = field(default_factory=list)
    extra_env: dict[str, str | None] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    port: int = 0
    # The listening address as read from the log ("127.0.0.1", or "::1" with `--host ::1`).
    host: str = HOST
    log_path: Path = field(init=False)
    stdout_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_path = self.workdir / "server.log"
        self.stdout_path = self.workdir / "server.stdout"

    @property
    def base_url(self) -> str:
        return f"http://{self._authority}"

    @property
    def _authority(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def ws_url(self, path: str = "/ws") -> str:
        return f"ws://{self._authority}{path}"

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def stdout_text(self) -> str:
        try:
            return self.stdout_path.read_text(errors="replace")
        except OSError:
            return ""

    def start(self) -> None:
        if not SERVER_BIN.is_file():
            pytest.fail(f"server binary {SERVER_BIN} is missing: run `swift build --product trading-server` first",
                        pytrace=False)
        # The server inherits this limit: the 1,000-connection test needs more than 1,024 fds.
        raise_nofile_limit()
        env = dict(os.environ)
        # Keep whatever the server persists out of the work tree (unknown variables are ignored).
        env["TRADING_DATA_DIR"] = str(self.workdir / "data")
        env["TRADING_DATABASE"] = f"sqlite:{self.workdir / 'data' / 'trading.db'}"
        env["TRADING_CORS_ORIGINS"] = ""
        for name in CLEARED_ENV:
            env.pop(name, None)
        env.update(DEFAULT_ENV)
        for name, value in self.extra_env.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        with open(self.log_path, "wb") as log, open(self.stdout_path, "wb") as out:
            self.process = subprocess.Popen(
                [str(SERVER_BIN), "serve", "--port", "0", "--threads", "2", *self.extra_args],
                cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=log,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            for line in self.log_text().splitlines():
                try:
                    message = json.loads(line).get("msg", "")
                except (ValueError, AttributeError):
                    continue
                match = LISTEN_LINE.search(message)
                if match:
                    self.host = match.group(1).strip("[]")
                    self.port = int(match.group(2))
                    assert 0 < self.port < 65536
                    return
            if self.process.poll() is not None:
                pytest.fail(f"server exited with {self.process.returncode} before listening:\n{self.log_text()}",
                            pytrace=False)
            time.sleep(0.02)
        self.kill()
        pytest.fail(f"server did not log its port within {STARTUP_TIMEOUT} s:\n{self.log_text()}", pytrace=False)

    def stop(self) -> tuple[int | None, float]:
        """SIGTERM, then wait up to SHUTDOWN_TIMEOUT. Returns (exit status or None, seconds)."""
        assert self.process is not None
        if self.process.poll() is not None:
            return self.process.returncode, 0.0
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            return None, time.monotonic() - started
        return status, time.monotonic() - started

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)

    def assert_alive(self) -> None:
        assert self.process is not None and self.process.poll() is None, \
            f"server died (status {self.process.returncode}):\n{self.log_text()[-4000:]}"


def _stop_and_check(server: ServerProcess) -> None:
    status, seconds = server.stop()
    assert status is not None, (
        f"server did not exit within {SHUTDOWN_TIMEOUT} s of SIGTERM (killed):\n{server.log_text()[-4000:]}")
    assert status == 0, f"server exited with {status} after SIGTERM:\n{server.log_text()[-4000:]}"
    assert seconds <= SHUTDOWN_TIMEOUT


@pytest.fixture(scope="session")
def server():
    """The shared server for the whole run (with SHARED_SERVER_ARGS); its graceful shutdown is
    asserted at the end."""
    with tempfile.TemporaryDirectory(prefix="trading-server-tests-") as workdir:
        instance = ServerProcess(Path(workdir), extra_args=list(SHARED_SERVER_ARGS))
        instance.start()
        try:
            yield instance
        finally:
            _stop_and_check(instance)


@pytest.fixture
def own_server():
    """A private server instance for tests that stop it themselves."""
    with tempfile.TemporaryDirectory(prefix="trading-server-own-") as workdir:
        instance = ServerProcess(Path(workdir))
        instance.start()
        try:
            yield instance
        finally:
            instance.kill()


@pytest.fixture(scope="session")
def server_binary() -> Path:
    """The `trading-server` binary under test, for tests that run it themselves."""
    if not SERVER_BIN.is_file():
        pytest.fail(f"server binary {SERVER_BIN} is missing: run `swift build --product trading-server` first",
                    pytrace=False)
    return SERVER_BIN


@pytest.fixture(scope="session")
def launch_server():
    """`with launch_server("--flag", "value", env={...}) as server:` runs a private server with
    extra settings (e.g. TLS) and asserts its graceful shutdown when the block ends normally."""

    @contextmanager
    def launch(*args: str, env: dict[str, str | None] | None = None):
        with tempfile.TemporaryDirectory(prefix="trading-server-args-") as workdir:
            instance = ServerProcess(Path(workdir), extra_args=list(args), extra_env=dict(env or {}))
            instance.start()
            try:
                yield instance
            except BaseException:
                instance.kill()
                raise
            _stop_and_check(instance)

    return launch


@pytest.fixture(autouse=True)
def _server_still_alive(request):
    """After every test that used the shared server, the server must still be running."""
    yield
    if "server" in request.fixturenames:
        request.getfixturevalue("server").assert_alive()


@pytest.fixture
def raw(server):
    """Opens raw TCP connections to the shared server; all are closed after the test."""
    opened: list[RawConnection] = []

    def connect(timeout: float = IO_TIMEOUT) -> RawConnection:
        connection = RawConnection(server.port, timeout)
        opened.append(connection)
        return connection

    yield connect
    for connection in opened:
        connection.close()


@pytest.fixture
def raw_ws(raw):
    """A raw WebSocket on `/ws` after the handshake and the welcome message."""

    def open_socket(path: str = "/ws") -> RawConnection:
        connection = raw()
        connection.ws_handshake(path)
        if path == "/ws":
            welcome = connection.read_json()
            assert welcome["type"] == "welcome"
        return connection

    return open_socket


# --------------------------------------------------------------------------- security tests


@pytest.fixture(scope="module")
def sec(launch_server):
    """The server most security tests of a module share: default settings except a high
    login limit and a high limit on failed credential checks (the tests send bad tokens in
    bulk, all from 127.0.0.1)."""
    with launch_server("--login-rate-limit", "1000", "--auth-failure-limit", "100000") as server:
        yield server
        server.assert_alive()


@pytest.fixture(scope="module")
def admin(sec) -> Api:
    """A client logged in to `sec` as the bootstrap admin (test_ws_security.py has its own)."""
    return admin_api(sec.base_url)
