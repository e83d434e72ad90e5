"""Black-box tests of the rules around access: security headers, the IP allowlist with
trusted proxies, secrets kept out of the logs, the bootstrap admin, the `user create`
command, and a PostgreSQL outage seen over HTTP.

The security-headers test uses the shared `sec` server (see conftest.py); the others start
servers of their own."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import requests

from security_helpers import (ADMIN_USERNAME, KEYS, ME, ROOT, TEST_ADMIN_PASSWORD, TEST_JWT_SECRET, USERS, Api,
                              assert_error, assert_security_headers, assert_status, create_user,
                              decode_access_token, describe, login, login_response, new_password, new_username,
                              refresh_response)


# --------------------------------------------------------------------------- security headers


def test_security_headers_on_api_responses(sec, admin):
    api = Api(sec.base_url)
    responses = [
        admin.get(ME),
        admin.get(USERS),
        api.get(ME),
        api.get("/api/v1/definitely-not-here"),
        login_response(api, ADMIN_USERNAME, "wrong-password-2"),
        api.post("/api/v1/auth/login", b"{not json", headers={"Content-Type": "application/json"}),
    ]
    for response in responses:
        assert_security_headers(response)


# --------------------------------------------------------------------------- IP allowlist


def test_ip_allowlist_refuses_other_addresses(launch_server):
    with launch_server("--ip-allowlist", "10.0.0.0/8") as server:
        api = Api(server.base_url)
        for response in (login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD), api.get(ME), api.get(USERS),
                         login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD,
                                        headers={"X-Forwarded-For": "10.1.2.3"})):
            assert_error(response, 403, "IP_NOT_ALLOWED")
            assert_security_headers(response)
        # Without trusted proxies the header is ignored, token or not.
        assert_error(api.get(ME, headers={"X-Forwarded-For": "10.1.2.3"}), 403, "IP_NOT_ALLOWED")
        health = api.get("/health")
        assert health.status_code == 200 and health.json()["status"] == "healthy", describe(health)


def test_ip_allowlist_believes_forwarded_for_from_trusted_proxies(launch_server):
    with launch_server("--ip-allowlist", "10.0.0.0/8", "--trusted-proxies", "127.0.0.1/32") as server:
        api = Api(server.base_url)
        proxied = Api(server.base_url, headers={"X-Forwarded-For": "10.1.2.3"})
        tokens = login(proxied, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        assert_status(proxied.with_token(tokens.access).get(ME), 200)
        assert_error(api.with_token(tokens.access).get(ME), 403, "IP_NOT_ALLOWED")
        assert_error(api.with_token(tokens.access).get(ME, headers={"X-Forwarded-For": "192.168.1.1"}),
                     403, "IP_NOT_ALLOWED")


def test_ip_allowlist_ignores_client_written_forwarded_for_entries(launch_server):
    """Behind a trusted proxy the client is the right-most untrusted entry: what the client
    wrote to the left of it (a spoofed allowed address) does not count."""
    with launch_server("--ip-allowlist", "10.0.0.0/8", "--trusted-proxies", "127.0.0.1/32") as server:
        api = Api(server.base_url)
        assert_error(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD,
                                    headers={"X-Forwarded-For": "10.1.2.3, 192.168.1.1"}), 403, "IP_NOT_ALLOWED")
        assert_status(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD,
                                     headers={"X-Forwarded-For": "192.168.1.1, 10.1.2.3"}), 200)


def test_ip_allowlist_reads_every_forwarded_for_line(launch_server):
    """A proxy that appends its own X-Forwarded-For line (instead of merging) leaves the
    client's line first: the client is still the right-most untrusted address of all lines."""
    import http.client
    with launch_server("--ip-allowlist", "10.0.0.0/8", "--trusted-proxies", "127.0.0.1/32") as server:
        for lines, expected in ((["10.1.2.3", "192.168.1.1"], 403), (["192.168.1.1", "10.1.2.3"], 401)):
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            connection.putrequest("GET", ME)
            for line in lines:
                connection.putheader("X-Forwarded-For", line)
            connection.endheaders()
            response = connection.getresponse()
            body = response.read()
            connection.close()
            assert response.status == expected, (lines, response.status, body)


def test_ip_allowlist_from_the_environment(launch_server):
    with launch_server(env={"TRADING_IP_ALLOWLIST": "10.0.0.0/8, 127.0.0.1/32"}) as server:
        api = Api(server.base_url)
        tokens = login(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        assert_status(api.with_token(tokens.access).get(ME), 200)
    with launch_server(env={"TRADING_IP_ALLOWLIST": "10.0.0.0/8,192.168.0.0/16"}) as server:
        assert_error(login_response(Api(server.base_url), ADMIN_USERNAME, TEST_ADMIN_PASSWORD), 403, "IP_NOT_ALLOWED")


def ipv6_loopback_available() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not ipv6_loopback_available(), reason="this machine has no IPv6 loopback (::1)")
def test_ip_allowlist_with_ipv6(launch_server):
    with launch_server("--host", "::1", "--ip-allowlist", "::1/128") as server:
        assert server.host == "::1" and server.base_url.startswith("http://[::1]:"), server.base_url
        api = Api(server.base_url)
        tokens = login(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        assert_status(api.with_token(tokens.access).get(ME), 200)
    with launch_server("--host", "::1", "--ip-allowlist", "fd00::/8,10.0.0.0/8") as server:
        api = Api(server.base_url)
        assert_error(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD), 403, "IP_NOT_ALLOWED")
        assert api.get("/health").status_code == 200


# --------------------------------------------------------------------------- logs and bootstrap


def audit_events(log: str) -> list[dict]:
    events = []
    for line in log.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("log") == "audit":
            events.append(record)
    return events


def test_secrets_never_reach_the_log(launch_server):
    with launch_server() as server:
        api = Api(server.base_url)
        admin_tokens = login(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        admin = api.with_token(admin_tokens.access)
        user = create_user(admin, "trader", "quiet")
        wrong = new_password()
        assert_error(login_response(api, user.username, wrong), 401, "INVALID_CREDENTIALS")
        first = login(api, user.username, user.password)
        refreshed = assert_status(refresh_response(api, first.refresh), 200)
        client = api.with_token(refreshed["access_token"])
        key = assert_status(client.post(KEYS, {"name": "logged?", "role": "viewer"}), 201)["key"]
        assert_status(client.with_key(key).get(ME), 200)
        assert_status(admin.patch(f"{USERS}/{user.id}", {"role": "viewer"}), 200)

        secrets_used = {
            "admin password": TEST_ADMIN_PASSWORD, "user password": user.password, "wrong password": wrong,
            "JWT secret": TEST_JWT_SECRET, "admin access token": admin_tokens.access,
            "admin refresh token": admin_tokens.refresh, "access token": first.access,
            "refresh token": first.refresh, "refreshed access token": refreshed["access_token"],
            "refreshed refresh token": refreshed["refresh_token"], "API key": key,
            "API key secret part": key.split("_", 2)[-1],
        }
        wanted = {"login", "login_failed", "api_key_created", "role_changed"}
        deadline = time.monotonic() + 3
        while True:
            log = server.log_text() + server.stdout_text()
            actions = {event.get("action") for event in audit_events(log)}
            if wanted <= actions or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        leaked = [name for name, value in secrets_used.items() if value in log]
        assert not leaked, f"the server log contains: {', '.join(leaked)}"
        assert wanted <= actions, f"audit actions {sorted(a for a in actions if a)} lack {sorted(wanted - actions)}"
        for event in audit_events(log):
            assert isinstance(event.get("action"), str), event


def test_bootstrap_admin_with_a_random_password(launch_server):
    with launch_server(env={"TRADING_ADMIN_PASSWORD": None}) as server:
        log, stdout = server.log_text(), server.stdout_text()
        candidates = []
        for line in (log + stdout).splitlines():
            if "password" in line.lower():
                candidates += [word for word in re.findall(r"[A-Za-z0-9_\-]{16,}", line) if word not in candidates]
        candidates.sort(key=lambda word: len(word) != 24)  # 18 random bytes in base64url first
        assert TEST_ADMIN_PASSWORD not in log
        api = Api(server.base_url)
        assert_error(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD), 401, "INVALID_CREDENTIALS")
        password = None
        for candidate in candidates[:5]:
            if login_response(api, ADMIN_USERNAME, candidate).status_code == 200:
                password = candidate
                break
        assert password, f"no generated admin password found in the start-up output:\n{log[-3000:]}\n{stdout}"
        assert (log + stdout).count(password) == 1, "the generated password is printed exactly once"
        # Standard output, apart from the JSON log lines on standard error: the password is
        # shown to the operator once and never enters a log stream.
        assert password in stdout and password not in log, "the generated password belongs on stdout only"
        tokens = login(api, ADMIN_USERNAME, password)
        assert decode_access_token(tokens.access)["role"] == "admin"


# --------------------------------------------------------------------------- CLI


def cli_env(workdir: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("TRADING_")}
    env["TRADING_DATA_DIR"] = str(workdir / "data")
    return env


def run_user_create(binary: Path, workdir: Path, database: str, username: str, role: str,
                    password: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(binary), "user", "create", "--username", username, "--role", role, "--database", database],
        input=password + "\n", capture_output=True, text=True, timeout=60, cwd=workdir, env=cli_env(workdir))


def test_cli_user_create(server_binary, launch_server):
    with tempfile.TemporaryDirectory(prefix="trading-cli-") as folder:
        workdir = Path(folder)
        database = f"sqlite:{workdir / 'cli.db'}"
        username, password = new_username("cli"), new_password()
        result = run_user_create(server_binary, workdir, database, username, "trader", password)
        assert result.returncode == 0, f"exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
        assert password not in result.stdout + result.stderr, "the CLI echoes the password"

        again = run_user_create(server_binary, workdir, database, username, "viewer", new_password())
        assert again.returncode != 0, f"duplicate username accepted:\n{again.stdout}\n{again.stderr}"
        assert (again.stdout + again.stderr).strip(), "no message for the duplicate username"

        with launch_server("--database", database) as server:
            api = Api(server.base_url)
            tokens = login(api, username, password)
            assert decode_access_token(tokens.access)["role"] == "trader"
            me = assert_status(api.with_token(tokens.access).get(ME), 200)
            assert (me["username"], me["role"]) == (username, "trader"), me
            # The database had a user, so no admin was bootstrapped.
            assert_error(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD), 401, "INVALID_CREDENTIALS")


# --------------------------------------------------------------------------- PostgreSQL outage


POSTGRES_URL = os.environ.get("TRADING_TEST_POSTGRES_URL")
POSTGRES_DIR = os.environ.get("TRADING_TEST_POSTGRES_DIR")
POSTGRES_SCRIPT = ROOT / "scripts" / "postgres-test-server.sh"


def postgres_control(command: str) -> None:
    subprocess.run([str(POSTGRES_SCRIPT), command, POSTGRES_DIR], check=True, capture_output=True, timeout=60)


def psql(sql: str) -> None:
    subprocess.run(["psql", POSTGRES_URL, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True,
                   capture_output=True, timeout=30)


@pytest.mark.timeout(120)
@pytest.mark.skipif(not (POSTGRES_URL and POSTGRES_DIR),
                    reason="needs TRADING_TEST_POSTGRES_URL and TRADING_TEST_POSTGRES_DIR (scripts/test.sh sets them)")
def test_postgres_outage_fails_fast_and_recovers(launch_server):
    schema = f"ext_security_{uuid.uuid4().hex[:10]}"
    psql(f"CREATE SCHEMA {schema}")
    url = POSTGRES_URL + ("&" if "?" in POSTGRES_URL else "?") + f"options=-csearch_path%3D{schema}"
    try:
        with launch_server("--database", url, "--login-rate-limit", "1000") as server:
            api = Api(server.base_url)
            login(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
            assert api.get("/health/ready").status_code == 200
            postgres_control("pause")
            try:
                started = time.monotonic()
                try:
                    response = login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD, timeout=5)
                except requests.Timeout:
                    pytest.fail("login hung while the database was down")
                elapsed = time.monotonic() - started
                assert_error(response, 503, "SERVICE_UNAVAILABLE")
                assert elapsed < 2, f"login took {elapsed:.2f} s to fail"
                ready = api.get("/health/ready", timeout=5)
                assert ready.status_code == 503, describe(ready)
                assert ready.json()["components"]["database"]["status"] == "unhealthy", ready.text
            finally:
                postgres_control("resume")
            deadline = time.monotonic() + 10
            while True:
                ready = api.get("/health/ready", timeout=5)
                response = login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD, timeout=5) \
                    if ready.status_code == 200 else None
                if response is not None and response.status_code == 200:
                    break
                assert time.monotonic() < deadline, \
                    f"not recovered 10 s after resume: {describe(ready)}; {response and describe(response)}"
                time.sleep(0.25)
            server.assert_alive()
    finally:
        try:
            psql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        except (subprocess.SubprocessError, OSError):
            pass
