"""Black-box tests of HTTPS and WSS: `--tls-cert` / `--tls-key` (or TRADING_TLS_CERT /
TRADING_TLS_KEY) with self-signed certificates made here by the `openssl` tool. Real clients
(curl, Python's ssl module, the `websockets` library) connect; TLS 1.0 and 1.1 and plain HTTP
are refused; SIGHUP reloads the certificate for new connections while open ones keep working;
bad files fail start-up with a clear message and a non-zero exit."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from wire import HOST, IO_TIMEOUT, run


@dataclass(frozen=True)
class Certificate:
    """A self-signed P-256 certificate for 127.0.0.1 and its unencrypted key."""

    cert: Path
    key: Path
    name: str


def make_certificate(folder: Path, name: str, serial: int) -> Certificate:
    cert, key = folder / f"{name}.crt", folder / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={name}", "-set_serial", str(serial),
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True, timeout=30)
    return Certificate(cert, key, name)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory) -> dict[str, Certificate]:
    folder = tmp_path_factory.mktemp("certificates")
    return {"first": make_certificate(folder, "first", 1001), "second": make_certificate(folder, "second", 2002)}


@pytest.fixture(scope="module")
def tls_server(launch_server, certificates):
    """A server on the `first` certificate, shared by the tests that do not change it."""
    first = certificates["first"]
    with launch_server("--tls-cert", str(first.cert), "--tls-key", str(first.key)) as server:
        yield server
        server.assert_alive()


def client_context(*trusted: Certificate) -> ssl.SSLContext:
    context = ssl.create_default_context()
    for certificate in trusted:
        context.load_verify_locations(cafile=str(certificate.cert))
    return context


def get_health(connection: http.client.HTTPSConnection) -> tuple[int, dict]:
    connection.request("GET", "/health")
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def peer_subject(tls_socket: ssl.SSLSocket) -> str:
    return dict(item[0] for item in tls_socket.getpeercert()["subject"])["commonName"]


# --------------------------------------------------------------------------- clients


def test_curl_gets_health_over_https(tls_server, certificates):
    result = subprocess.run(
        ["curl", "--silent", "--show-error", "--max-time", "5", "--cacert", str(certificates["first"].cert),
         "--write-out", "\n%{http_code} %{ssl_verify_result}", f"https://{HOST}:{tls_server.port}/health"],
        capture_output=True, text=True, timeout=15)
    assert result.returncode == 0, result.stderr
    body, _, status = result.stdout.rpartition("\n")
    assert status == "200 0"
    assert json.loads(body)["status"] == "healthy"


def test_python_ssl_gets_health_over_tls13_and_tls12(tls_server, certificates):
    for maximum, expected in [(ssl.TLSVersion.MAXIMUM_SUPPORTED, "TLSv1.3"), (ssl.TLSVersion.TLSv1_2, "TLSv1.2")]:
        context = client_context(certificates["first"])
        context.maximum_version = maximum
        connection = http.client.HTTPSConnection(HOST, tls_server.port, context=context, timeout=IO_TIMEOUT)
        try:
            status, body = get_health(connection)
            assert (status, body["status"]) == (200, "healthy")
            assert connection.sock.version() == expected
            assert peer_subject(connection.sock) == "first"
        finally:
            connection.close()


def test_websocket_over_wss_gets_the_welcome_message(tls_server, certificates):
    async def scenario():
        async with connect(f"wss://{HOST}:{tls_server.port}/ws", ssl=client_context(certificates["first"]),
                           proxy=None, compression=None, open_timeout=5, close_timeout=3, ping_interval=None) as ws:
            return json.loads(await ws.recv())

    assert run(scenario())["type"] == "welcome"


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1], ids=["TLSv1.0", "TLSv1.1"])
@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1:DeprecationWarning")
def test_old_protocol_versions_are_refused_by_the_server(tls_server, certificates, version):
    context = client_context(certificates["first"])
    # Let this client offer the old version (its library would refuse it by default), so the
    # refusal must come from the server: a protocol_version alert.
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    context.minimum_version = ssl.TLSVersion.TLSv1
    context.maximum_version = version
    with socket.create_connection((HOST, tls_server.port), timeout=IO_TIMEOUT) as raw:
        with pytest.raises(ssl.SSLError) as refused:
            context.wrap_socket(raw, server_hostname=HOST)
    assert "PROTOCOL_VERSION" in str(refused.value).upper(), refused.value


def test_plain_http_on_the_tls_port_is_closed_without_an_answer(tls_server):
    received = b""
    with socket.create_connection((HOST, tls_server.port), timeout=IO_TIMEOUT) as raw:
        raw.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        try:
            while chunk := raw.recv(4096):
                received += chunk
        except ConnectionResetError:
            pass
    assert b"HTTP/" not in received
    assert b"healthy" not in received


# --------------------------------------------------------------------------- reload


def wait_for_log(server, text: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in server.log_text():
        assert time.monotonic() < deadline, f"no {text!r} in the log:\n{server.log_text()[-2000:]}"
        time.sleep(0.05)


def new_connection_subject(server, context: ssl.SSLContext) -> str:
    with socket.create_connection((HOST, server.port), timeout=IO_TIMEOUT) as raw:
        with context.wrap_socket(raw, server_hostname=HOST) as tls:
            return peer_subject(tls)


def test_sighup_serves_the_new_certificate_while_open_connections_keep_working(launch_server, certificates,
                                                                                tmp_path):
    first, second = certificates["first"], certificates["second"]
    live = Certificate(tmp_path / "live.crt", tmp_path / "live.key", "live")
    shutil.copy(first.cert, live.cert)
    shutil.copy(first.key, live.key)
    # Through the environment variables, the flags' equivalents.
    with launch_server(env={"TRADING_TLS_CERT": str(live.cert), "TRADING_TLS_KEY": str(live.key)}) as server:
        context = client_context(first, second)
        kept = http.client.HTTPSConnection(HOST, server.port, context=context, timeout=IO_TIMEOUT)
        try:
            assert get_health(kept)[0] == 200
            assert peer_subject(kept.sock) == "first"
            opened_socket = kept.sock

            shutil.copy(second.cert, live.cert)
            shutil.copy(second.key, live.key)
            server.process.send_signal(signal.SIGHUP)
            wait_for_log(server, "reloaded the TLS certificate: subject /CN=second, serial 07D2")
            assert new_connection_subject(server, context) == "second"

            assert get_health(kept)[0] == 200
            assert kept.sock is opened_socket, "the keep-alive connection was replaced"
            assert peer_subject(kept.sock) == "first"
        finally:
            kept.close()
        server.assert_alive()


def test_sighup_with_a_broken_certificate_keeps_the_current_one(launch_server, certificates, tmp_path):
    first = certificates["first"]
    live = Certificate(tmp_path / "live.crt", tmp_path / "live.key", "live")
    shutil.copy(first.cert, live.cert)
    shutil.copy(first.key, live.key)
    with launch_server("--tls-cert", str(live.cert), "--tls-key", str(live.key)) as server:
        live.cert.write_text("not a certificate\n")
        server.process.send_signal(signal.SIGHUP)
        wait_for_log(server, "TLS certificate reload failed, still serving subject /CN=first")
        server.assert_alive()
        assert new_connection_subject(server, client_context(first)) == "first"


# --------------------------------------------------------------------------- start-up errors


def start_expecting_failure(server_binary: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if not name.startswith("TRADING_")}
    env["TRADING_DATA_DIR"] = str(tmp_path / "data")
    env["TRADING_DATABASE"] = f"sqlite:{tmp_path / 'data' / 'trading.db'}"
    result = subprocess.run([str(server_binary), "serve", "--port", "0", "--threads", "1", *args],
                            env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=15)
    # A positive status is an orderly exit; a crash would be a negative one (killed by a signal).
    assert result.returncode > 0, f"status {result.returncode}:\n{result.stderr}"
    assert "listening on" not in result.stderr
    return result


def test_missing_certificate_file_fails_start_up_with_a_clear_error(server_binary, certificates, tmp_path):
    missing = tmp_path / "missing.crt"
    result = start_expecting_failure(server_binary, tmp_path, "--tls-cert", str(missing),
                                     "--tls-key", str(certificates["first"].key))
    assert "cannot load the TLS certificate" in result.stderr
    assert str(missing) in result.stderr and "No such file or directory" in result.stderr


def test_key_of_another_certificate_fails_start_up(server_binary, certificates, tmp_path):
    result = start_expecting_failure(server_binary, tmp_path, "--tls-cert", str(certificates["first"].cert),
                                     "--tls-key", str(certificates["second"].key))
    assert "the private key does not match the certificate" in result.stderr


def test_file_without_a_certificate_fails_start_up(server_binary, certificates, tmp_path):
    result = start_expecting_failure(server_binary, tmp_path, "--tls-cert", str(certificates["first"].key),
                                     "--tls-key", str(certificates["first"].key))
    assert "no usable PEM certificate chain" in result.stderr


def test_certificate_without_key_is_a_usage_error(server_binary, certificates, tmp_path):
    result = start_expecting_failure(server_binary, tmp_path, "--tls-cert", str(certificates["first"].cert))
    assert result.returncode == 64
    assert "--tls-cert and --tls-key go together" in result.stderr
