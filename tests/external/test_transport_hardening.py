"""Black-box tests of the transport hardening: the per-address cap on WebSocket connections,
the JSON log lines of WebSocket upgrades and security events, the security headers on the
answers the transport writes itself, the Content-Security-Policy of Swagger UI, and the
access rules and rate limit of `/metrics`. Each test starts a server of its own with the
settings it needs."""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed

from security_helpers import Api, assert_error, describe
from wire import HOST, RawConnection, Response, run
from ws_client import open_trading, recv_json, send_json, ws_connect

# The API's security headers (openapi.yaml, README "Security headers"), on every answer.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}
CAP_FLAG = "--ws-connections-per-address"
DEFAULT_CAP = 256
METRICS_TOKEN = "metrics-token-0123456789abcdef"


# --------------------------------------------------------------------------- helpers


def raw_upgrade(port: int, path: str = "/ws", extra: str = "") -> tuple[RawConnection, Response]:
    """Sends an upgrade request; returns the connection and the answer (with its body when
    it is not 101)."""
    connection = RawConnection(port)
    key = base64.b64encode(os.urandom(16)).decode()
    connection.send((f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n").encode())
    response = connection.read_response(head_only=True)
    if response.status != 101:
        response.body = connection.read_exact(int(response.header("Content-Length") or 0))
    return connection, response


def open_socket(port: int, path: str = "/ws", extra: str = "") -> RawConnection:
    """An upgraded connection past its welcome (on `/ws`)."""
    connection, response = raw_upgrade(port, path, extra)
    assert response.status == 101, (response.status, response.body)
    if path.startswith("/ws") and not path.startswith("/ws/market"):
        assert connection.read_json()["type"] == "welcome"
    return connection


def assert_refused_for_too_many(connection: RawConnection, response: Response) -> None:
    assert response.status == 429, (response.status, response.headers, response.body)
    assert response.header("Sec-WebSocket-Accept") is None
    assert (response.header("Content-Type") or "").startswith("application/json")
    body = response.json()
    assert body["code"] == "RATE_LIMITED" and isinstance(body["message"], str), body
    retry = response.header("Retry-After") or ""
    assert retry.isdigit() and 1 <= int(retry) <= 60, f"Retry-After {retry!r}"
    assert_raw_security_headers(response)
    assert connection.is_closed_by_peer()


def assert_raw_security_headers(response: Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert (response.header(name) or "").lower() == value.lower(), \
            f"{name} is {response.header(name)!r} on a {response.status} answer: {response.headers}"


def upgrade_eventually(port: int, extra: str = "", seconds: float = 3.0) -> RawConnection:
    """Upgrades once the server has seen an earlier connection go (a closed socket is noticed
    on the server's next read, so a slot frees a moment after the client lets go)."""
    deadline = time.monotonic() + seconds
    while True:
        connection, response = raw_upgrade(port, extra=extra)
        if response.status == 101:
            assert connection.read_json()["type"] == "welcome"
            return connection
        connection.close()
        assert response.status == 429 and time.monotonic() < deadline, (response.status, response.body)
        time.sleep(0.1)


def log_entries(server, message: str) -> list[dict]:
    entries = []
    for line in server.log_text().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("msg") == message:
            entries.append(entry)
    return entries


def wait_for_log(server, message: str, predicate=lambda entry: True, seconds: float = 3.0) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        found = [entry for entry in log_entries(server, message) if predicate(entry)]
        if found:
            return found[-1]
        assert time.monotonic() < deadline, f"no {message!r} line matching in the log:\n{server.log_text()[-3000:]}"
        time.sleep(0.05)


def exchange_raw(port: int, data: bytes, *, wait: float = 0.0) -> Response:
    with RawConnection(port, timeout=10) as connection:
        connection.send(data)
        if wait:
            time.sleep(wait)
        return connection.read_response()


# --------------------------------------------------------------------------- WebSocket cap per address


def test_upgrades_past_the_per_address_cap_are_refused_with_429(launch_server):
    with launch_server(CAP_FLAG, "3") as server:
        opened = [open_socket(server.port), open_socket(server.port, "/ws/market"), open_socket(server.port)]
        try:
            for path in ("/ws", "/ws/market"):
                connection, response = raw_upgrade(server.port, path)
                with connection:
                    assert_refused_for_too_many(connection, response)
            # Plain HTTP from the same address is not affected.
            assert Api(server.base_url).get("/health").status_code == 200
        finally:
            for connection in opened:
                connection.close()


def test_the_default_cap_is_256_connections_from_one_address(launch_server):
    with launch_server() as server:
        opened = []
        try:
            for _ in range(DEFAULT_CAP):
                connection, response = raw_upgrade(server.port, "/ws/market")
                opened.append(connection)
                assert response.status == 101, (len(opened), response.status, response.body)
            connection, response = raw_upgrade(server.port, "/ws/market")
            with connection:
                assert_refused_for_too_many(connection, response)
        finally:
            for connection in opened:
                connection.close()


def test_every_way_of_closing_frees_the_slot(launch_server):
    """A close handshake, a client that just drops the socket, and a connection the server
    closes itself (a flood, 1008) each give their slot back."""
    with launch_server(CAP_FLAG, "2", "--ws-rate-limit", "5") as server:
        polite, abrupt = open_socket(server.port), open_socket(server.port)
        connection, response = raw_upgrade(server.port)
        with connection:
            assert_refused_for_too_many(connection, response)

        polite.send_frame(0x8, b"\x03\xe8")
        assert polite.read_close()[0] == 1000
        polite.close()
        polite = upgrade_eventually(server.port)

        abrupt.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        abrupt.close()
        abrupt = upgrade_eventually(server.port)

        for _ in range(50):
            abrupt.send_frame(0x1, b'{"type":"ping"}')
        assert abrupt.read_close(timeout=10)[0] == 1008
        abrupt.close()
        flooded_out = upgrade_eventually(server.port)
        polite.close()
        flooded_out.close()
        server.assert_alive()


def test_the_cap_counts_the_client_behind_a_trusted_proxy(launch_server):
    with launch_server(CAP_FLAG, "2", "--trusted-proxies", "127.0.0.1/32") as server:
        first = "X-Forwarded-For: 10.0.0.1\r\n"
        opened = [open_socket(server.port, extra=first), open_socket(server.port, extra=first)]
        try:
            connection, response = raw_upgrade(server.port, extra=first)
            with connection:
                assert_refused_for_too_many(connection, response)
            # Another client behind the same proxy has slots of its own.
            opened.append(open_socket(server.port, extra="X-Forwarded-For: 10.0.0.2\r\n"))
        finally:
            for connection in opened:
                connection.close()


def test_the_cap_is_read_from_the_environment(launch_server):
    with launch_server(env={"TRADING_WS_CONNECTIONS_PER_ADDRESS": "1"}) as server:
        with open_socket(server.port):
            connection, response = raw_upgrade(server.port)
            with connection:
                assert_refused_for_too_many(connection, response)


# --------------------------------------------------------------------------- WebSocket log lines


def test_upgrades_are_logged_accepted_and_refused(launch_server):
    with launch_server(CAP_FLAG, "1") as server:
        with open_socket(server.port, extra="X-Request-Id: upgrade-accepted-1\r\n"):
            accepted = wait_for_log(server, "websocket_upgrade", lambda e: e.get("request_id") == "upgrade-accepted-1")
            assert accepted["status"] == 101 and accepted["path"] == "/ws", accepted
            assert accepted["remote"] == "127.0.0.1" and accepted["level"] == "info", accepted
            connection, response = raw_upgrade(server.port, "/ws/market", extra="X-Request-Id: upgrade-refused-1\r\n")
            with connection:
                assert response.status == 429
            refused = wait_for_log(server, "websocket_upgrade", lambda e: e.get("request_id") == "upgrade-refused-1")
            assert refused["status"] == 429 and refused["path"] == "/ws/market", refused
            assert refused["client"] == "127.0.0.1" and "reason" in refused, refused
            assert response.header("X-Request-Id") == "upgrade-refused-1"


def test_upgrades_refused_by_the_allowlist_are_logged(launch_server):
    with launch_server("--ip-allowlist", "10.0.0.0/8") as server:
        connection, response = raw_upgrade(server.port, extra="X-Request-Id: upgrade-forbidden-1\r\n")
        with connection:
            assert response.status == 403
            assert_raw_security_headers(response)
        entry = wait_for_log(server, "websocket_upgrade", lambda e: e.get("request_id") == "upgrade-forbidden-1")
        assert entry["status"] == 403, entry


def test_failed_authentication_is_logged_without_the_token(launch_server):
    bad_message_token = "eyJhbGciOiJIUzI1NiJ9.bogus-auth-message-token.c2lnbmF0dXJl"
    bad_query_token = "tsk_bogus-query-token-0123456789"
    with launch_server() as server:
        async def scenario():
            async with await open_trading(server) as ws:
                await send_json(ws, {"type": "auth", "token": bad_message_token})
                assert (await recv_json(ws))["success"] is False
            async with ws_connect(server, f"/ws?token={bad_query_token}") as ws:
                assert (await recv_json(ws))["type"] == "welcome"
                assert (await recv_json(ws))["success"] is False

        run(scenario())
        message = wait_for_log(server, "websocket_auth_failed", lambda e: e.get("via") == "message")
        query = wait_for_log(server, "websocket_auth_failed", lambda e: e.get("via") == "query")
        for entry in (message, query):
            assert entry["level"] == "warning" and entry["path"] == "/ws", entry
            assert entry["client"] == "127.0.0.1" and entry["request_id"] and entry["reason"], entry
        text = server.log_text()
        for secret in (bad_message_token, bad_query_token, "bogus-auth-message-token", "bogus-query-token"):
            assert secret not in text, f"the log holds a token ({secret})"
        # The upgrade line of the ?token= connection names the path only, never the query.
        upgrades = log_entries(server, "websocket_upgrade")
        assert upgrades and all("?" not in entry["path"] for entry in upgrades), upgrades


def test_flood_closes_are_logged(launch_server):
    with launch_server("--ws-rate-limit", "5") as server:
        async def scenario():
            ws = await open_trading(server)
            try:
                for _ in range(50):
                    await ws.send('{"type":"ping"}')
                while True:
                    await ws.recv()
            except ConnectionClosed:
                pass
            assert ws.close_code == 1008

        run(scenario())
        entry = wait_for_log(server, "websocket_closed", lambda e: e.get("code") == 1008)
        assert entry["level"] == "warning" and entry["path"] == "/ws" and entry["client"] == "127.0.0.1", entry
        assert "rate limit" in entry["reason"] and entry["request_id"], entry


# --------------------------------------------------------------------------- security headers on transport answers


def test_answers_of_the_transport_carry_the_security_headers(launch_server):
    with launch_server("--max-body-bytes", "1024", "--request-timeout", "1") as server:
        port = server.port
        answers = {
            400: exchange_raw(port, b"NOT A REQUEST\r\n\r\n"),
            408: exchange_raw(port, b"GET /health HTTP/1.1\r\nHost: x\r\n", wait=1.6),
            413: exchange_raw(port, b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                    b"Content-Length: 5000\r\n\r\n"),
            431: exchange_raw(port, b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n"),
            505: exchange_raw(port, b"GET /health HTTP/2.0\r\nHost: x\r\n\r\n"),
            426: exchange_raw(port, b"GET /ws HTTP/1.1\r\nHost: x\r\n\r\n"),
        }
        for status, response in answers.items():
            assert response.status == status, (status, response.status, response.body)
            assert_raw_security_headers(response)
            assert (response.header("Content-Type") or "").startswith("application/json"), response.headers
        # A handshake the WebSocket layer refuses (a bad key) is answered the same way.
        with RawConnection(port) as connection:
            connection.send(b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            b"Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n")
            response = connection.read_response()
            assert response.status == 400
            assert_raw_security_headers(response)


def test_cors_preflights_carry_the_security_headers(launch_server):
    with launch_server(env={"TRADING_CORS_ORIGINS": "https://app.example"}) as server:
        response = exchange_raw(server.port, b"OPTIONS /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
                                             b"Access-Control-Request-Method: GET\r\n\r\n")
        assert response.status == 204, response
        assert_raw_security_headers(response)


def test_every_api_layer_answer_carries_the_security_headers(launch_server):
    with launch_server() as server:
        api = Api(server.base_url)
        for path in ("/health", "/health/ready", "/openapi.json", "/openapi.yaml", "/metrics", "/nowhere"):
            response = api.get(path)
            for name, value in SECURITY_HEADERS.items():
                assert response.headers.get(name, "").lower() == value.lower(), f"{name} on {describe(response)}"


# --------------------------------------------------------------------------- Swagger UI under a CSP


class _PageScan(HTMLParser):
    """What a CSP without 'unsafe-inline' would block: inline scripts, inline styles, event
    handler attributes and `javascript:` URLs; plus the sources of scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name == "style" or (value or "").strip().lower().startswith("javascript:"):
                self.inline.append(f"<{tag} {name}=...>")
        if tag == "script":
            self._in_script = True
            if attributes.get("src"):
                self.scripts.append(attributes["src"])
            else:
                self.inline.append("<script> without src")
        elif tag == "style":
            self.inline.append("<style>")
        elif tag == "link" and attributes.get("rel") == "stylesheet":
            self.styles.append(attributes.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline.append(f"script text {data.strip()[:40]!r}")


def csp_directives(value: str) -> dict[str, list[str]]:
    directives = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def allowed_by(sources: list[str], url: str) -> bool:
    if url.startswith("/"):
        return "'self'" in sources
    return any(source.startswith("http") and url.startswith(source.rstrip("/") + "/") for source in sources)


def swagger_ui_folder() -> str | None:
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "static"
    return str(folder) if (folder / "swagger-ui-bundle.js").is_file() else None


@pytest.mark.parametrize("local_assets", [False, True], ids=["cdn", "local"])
def test_docs_page_has_a_csp_that_its_own_scripts_satisfy(launch_server, local_assets):
    folder = swagger_ui_folder()
    if local_assets and folder is None:
        pytest.skip("the swagger-ui-py package (Swagger UI's files) is not installed")
    env = {"TRADING_SWAGGER_UI_DIR": folder if local_assets else "/nonexistent-swagger-ui"}
    with launch_server(env=env) as server:
        api = Api(server.base_url)
        page = api.get("/docs")
        assert page.status_code == 200, describe(page)
        policy = page.headers.get("Content-Security-Policy", "")
        directives = csp_directives(policy)
        assert directives.get("default-src") == ["'none'"], policy
        for directive in ("script-src", "style-src"):
            assert "'self'" in directives.get(directive, []), policy
            assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(directives[directive]), policy
        assert directives.get("frame-ancestors") == ["'none'"], policy
        assert "'self'" in directives.get("connect-src", []), "Swagger UI fetches /openapi.json: " + policy
        scan = _PageScan()
        scan.feed(page.text)
        assert scan.inline == [], f"inline content the CSP blocks: {scan.inline}"
        assert scan.scripts and all(allowed_by(directives["script-src"], src) for src in scan.scripts), (scan.scripts, policy)
        assert scan.styles and all(allowed_by(directives["style-src"], href) for href in scan.styles), (scan.styles, policy)
        # The page's own start-up script is served by the server, whatever serves Swagger UI.
        own = [src for src in scan.scripts if src.startswith("/")]
        assert own, scan.scripts
        for src in own:
            script = api.get(src)
            assert script.status_code == 200 and "javascript" in script.headers.get("Content-Type", ""), describe(script)
        assert any("SwaggerUIBundle(" in api.get(src).text for src in own)
        assert "/openapi.json" in page.text


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.timeout(90)
def test_swagger_ui_renders_in_a_headless_browser_under_its_csp(launch_server):
    browser, folder = chromium_binary(), swagger_ui_folder()
    if browser is None or folder is None:
        pytest.skip("needs chromium (Debian package `chromium`) and the swagger-ui-py package")
    with launch_server(env={"TRADING_SWAGGER_UI_DIR": folder}) as server, \
            tempfile.TemporaryDirectory(prefix="trading-chromium-") as profile:
        result = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
             "--enable-logging=stderr", "--v=0", "--virtual-time-budget=20000", "--dump-dom",
             f"{server.base_url}/docs"],
            capture_output=True, text=True, timeout=80)
        dom = result.stdout
        assert "Content Security Policy" not in result.stderr, \
            [line for line in result.stderr.splitlines() if "Content Security Policy" in line][:5]
        # Rendered by Swagger UI from the fetched spec: its title and an operation block.
        assert re.search(r'class="title"[^>]*>\s*Trading API Server', dom), dom[:2000]
        assert 'class="opblock' in dom and "/api/v1/auth/login" in dom, dom[:2000]


# --------------------------------------------------------------------------- /metrics


def test_metrics_are_open_by_default(launch_server):
    with launch_server() as server:
        response = Api(server.base_url).get("/metrics")
        assert response.status_code == 200 and "trading_http_requests_total" in response.text, describe(response)


def test_metrics_token_is_required_when_configured(launch_server):
    with launch_server("--metrics-token", METRICS_TOKEN) as server:
        api = Api(server.base_url)
        assert_error(api.get("/metrics"), 401, "MISSING_TOKEN")
        assert_error(api.with_token(METRICS_TOKEN + "x").get("/metrics"), 401, "INVALID_TOKEN")
        assert_error(api.get("/metrics", headers={"Authorization": "Basic " + METRICS_TOKEN}), 401, "INVALID_TOKEN")
        assert_error(api.with_token(METRICS_TOKEN[:-1]).get("/metrics"), 401, "INVALID_TOKEN")
        granted = api.with_token(METRICS_TOKEN).get("/metrics")
        assert granted.status_code == 200 and "trading_http_requests_total" in granted.text, describe(granted)
        # The token opens /metrics only.
        assert_error(api.with_token(METRICS_TOKEN).get("/api/v1/auth/me"), 401, "INVALID_TOKEN")
        assert METRICS_TOKEN not in server.log_text()


def test_metrics_token_from_the_environment(launch_server):
    with launch_server(env={"TRADING_METRICS_TOKEN": METRICS_TOKEN}) as server:
        api = Api(server.base_url)
        assert_error(api.get("/metrics"), 401, "MISSING_TOKEN")
        assert api.with_token(METRICS_TOKEN).get("/metrics").status_code == 200


def test_a_short_metrics_token_is_refused_at_start(server_binary):
    result = subprocess.run([str(server_binary), "serve", "--port", "0", "--metrics-token", "short"],
                            capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
    assert result.returncode != 0
    assert "--metrics-token" in result.stderr and "16" in result.stderr, result.stderr


def test_metrics_allowlist_refuses_other_addresses(launch_server):
    with launch_server("--metrics-allowlist", "10.0.0.0/8") as server:
        api = Api(server.base_url)
        response = api.get("/metrics")
        assert_error(response, 403, "IP_NOT_ALLOWED")
        # Only /metrics is restricted.
        assert api.get("/health").status_code == 200
    with launch_server("--metrics-allowlist", "10.0.0.0/8, 127.0.0.1/32") as server:
        assert Api(server.base_url).get("/metrics").status_code == 200


def test_metrics_allowlist_believes_trusted_proxies_only(launch_server):
    with launch_server("--metrics-allowlist", "10.0.0.0/8", "--trusted-proxies", "127.0.0.1/32") as server:
        api = Api(server.base_url)
        assert api.get("/metrics", headers={"X-Forwarded-For": "10.1.2.3"}).status_code == 200
        assert_error(api.get("/metrics", headers={"X-Forwarded-For": "192.168.1.1"}), 403, "IP_NOT_ALLOWED")
    with launch_server("--metrics-allowlist", "10.0.0.0/8") as server:
        assert_error(Api(server.base_url).get("/metrics", headers={"X-Forwarded-For": "10.1.2.3"}), 403, "IP_NOT_ALLOWED")


def test_metrics_allowlist_and_token_together(launch_server):
    with launch_server("--metrics-allowlist", "127.0.0.1/32", "--metrics-token", METRICS_TOKEN) as server:
        api = Api(server.base_url)
        assert_error(api.get("/metrics"), 401, "MISSING_TOKEN")
        assert api.with_token(METRICS_TOKEN).get("/metrics").status_code == 200
    with launch_server("--metrics-allowlist", "10.0.0.0/8", "--metrics-token", METRICS_TOKEN) as server:
        assert_error(Api(server.base_url).with_token(METRICS_TOKEN).get("/metrics"), 403, "IP_NOT_ALLOWED")


def test_metrics_are_rate_limited_like_other_anonymous_requests(launch_server):
    with launch_server(env={"TRADING_RATE_LIMIT_PER_MINUTE": "3"}) as server:
        api = Api(server.base_url)
        for _ in range(3):
            response = api.get("/metrics")
            assert response.status_code == 200, describe(response)
            assert response.headers.get("X-RateLimit-Limit") == "3", describe(response)
        limited = api.get("/metrics")
        assert_error(limited, 429, "RATE_LIMITED")
        assert (limited.headers.get("Retry-After") or "").isdigit()
        # The same bucket as the address's other anonymous requests.
        assert_error(api.get("/api/v1/auth/me"), 429, "RATE_LIMITED")
