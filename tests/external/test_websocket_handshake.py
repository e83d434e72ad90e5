"""Black-box tests of the WebSocket opening handshake (RFC 6455 §4) on `/ws` and `/ws/market`,
over raw sockets: the accept value, tolerated header forms, and refused upgrades (bad key,
wrong method, unsupported version, unknown path)."""

from __future__ import annotations

import json

import pytest

from wire import HOST, OP_TEXT, ws_accept


def upgrade_request(path="/ws", key="dGhlIHNhbXBsZSBub25jZQ==", version="13", method="GET", extra=""):
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "Upgrade: websocket", "Connection: Upgrade"]
    if key is not None:
        lines.append(f"Sec-WebSocket-Key: {key}")
    if version is not None:
        lines.append(f"Sec-WebSocket-Version: {version}")
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def test_handshake_accept_value_rfc_example(raw):
    # RFC 6455 §1.3's own example key and accept value.
    connection = raw()
    connection.send(upgrade_request(key="dGhlIHNhbXBsZSBub25jZQ=="))
    response = connection.read_response(head_only=True)
    assert response.version == "1.1"
    assert response.status == 101
    assert response.header("Sec-WebSocket-Accept") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
    assert response.header("Upgrade").lower() == "websocket"
    assert "upgrade" in response.header("Connection").lower()
    assert response.header("Content-Length") in (None, "0")
    # The first frame after the 101 is the welcome message, unmasked text.
    frame = connection.read_frame()
    assert frame.opcode == OP_TEXT and frame.fin
    assert json.loads(frame.payload)["type"] == "welcome"


@pytest.mark.parametrize("path", ["/ws", "/ws/market"])
def test_handshake_accept_value_random_key(raw, path):
    connection = raw()
    response = connection.ws_handshake(path)  # asserts 101 and the accept value
    assert response.header("Sec-WebSocket-Accept") is not None


def test_handshake_tolerates_connection_token_list(raw):
    # Browsers send `Connection: keep-alive, Upgrade`.
    connection = raw()
    key = "AQIDBAUGBwgJCgsMDQ4PEA=="
    connection.send((f"GET /ws HTTP/1.1\r\nHost: {HOST}\r\nupgrade: WebSocket\r\nconnection: keep-alive, Upgrade\r\n"
                     f"sec-websocket-key: {key}\r\nsec-websocket-version: 13\r\n\r\n").encode())
    response = connection.read_response(head_only=True)
    assert response.status == 101
    assert response.header("Sec-WebSocket-Accept") == ws_accept(key)


@pytest.mark.parametrize("key", [
    "not base64!!",
    "AQIDBAUGBwg=",                      # base64 of 8 bytes, not 16
    "AQIDBAUGBwgJCgsMDQ4PEBES",          # 18 bytes
    None,                                # missing
])
def test_handshake_bad_key_is_400(raw, key):
    connection = raw()
    connection.send(upgrade_request(key=key))
    response = connection.read_response()
    assert response.status == 400
    assert response.header("Sec-WebSocket-Accept") is None
    assert response.header("Content-Type").startswith("application/json")
    body = response.json()
    assert isinstance(body["code"], str) and isinstance(body["message"], str)
    assert connection.is_closed_by_peer(), "a refused upgrade closes the connection"


def test_handshake_post_is_400(raw):
    connection = raw()
    connection.send(upgrade_request(method="POST", extra="Content-Length: 0\r\n"))
    response = connection.read_response()
    assert response.status == 400
    assert response.header("Sec-WebSocket-Accept") is None


@pytest.mark.parametrize("version", ["8", "12", "14"])
def test_handshake_unsupported_version_is_426(raw, version):
    connection = raw()
    connection.send(upgrade_request(version=version))
    response = connection.read_response()
    assert response.status == 426
    assert response.header("Sec-WebSocket-Version") == "13"
    assert response.header("Sec-WebSocket-Accept") is None
    assert "code" in response.json()


def test_upgrade_to_unknown_path_is_not_switched(raw):
    connection = raw()
    connection.send(upgrade_request(path="/no-such-socket"))
    response = connection.read_response()
    assert response.status == 404
    assert response.json()["code"] == "NOT_FOUND"
