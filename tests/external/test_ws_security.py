"""Black-box tests of `/ws` security with the `websockets` library as a real peer: token
authentication (`auth` messages and `?token=`), private channels, re-checks of a disabled
user, flood control (100 messages per second per connection) and the IP allowlist on the
upgrade. Users and tokens come from the REST API (see security_helpers.py)."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from websockets.exceptions import ConnectionClosed

from security_helpers import (TEST_JWT_SECRET, Api, admin_api, assert_status, create_user, hmac_token, login)
from wire import HOST, RawConnection, run
from ws_client import open_trading, recv_json, send_json

PRIVATE_CHANNELS = ["orders", "positions", "strategies"]
# The default limit of client messages per second per connection.
LIMIT = 100
JWT_HEADER = {"alg": "HS256", "typ": "JWT"}


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def admin(server) -> Api:
    return admin_api(server.base_url)


@pytest.fixture(scope="module")
def viewer(admin):
    """A viewer of the shared server, logged in once: (user, tokens)."""
    user = create_user(admin, "viewer", "wsviewer")
    return user, login(admin, user.username, user.password)


async def authenticate(ws, token: str) -> dict:
    await send_json(ws, {"type": "auth", "token": token})
    result = await recv_json(ws)
    assert result["type"] == "auth_result", result
    return result


def signed_token(user, *, issued: int, expires: int, key: bytes) -> str:
    payload = {"sub": user.id, "username": user.username, "role": user.role, "iat": issued, "exp": expires,
               "jti": "family.token"}
    return hmac_token(JWT_HEADER, payload, key)


def upgrade(port: int, forwarded_for: str | None = None):
    """A raw upgrade request to `/ws`; returns (connection, response head and body)."""
    connection = RawConnection(port)
    extra = f"X-Forwarded-For: {forwarded_for}\r\n" if forwarded_for else ""
    connection.send((f"GET /ws HTTP/1.1\r\nHost: {HOST}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     f"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n").encode())
    response = connection.read_response(head_only=True)
    if response.status != 101:
        length = int(response.header("Content-Length") or 0)
        response.body = connection.read_exact(length)
    return connection, response


# --------------------------------------------------------------------------- auth messages


def test_auth_with_an_access_token_answers_the_user_id(server, viewer):
    user, tokens = viewer

    async def scenario():
        async with await open_trading(server) as ws:
            result = await authenticate(ws, tokens.access)
            assert result == {"type": "auth_result", "success": True, "message": "Authenticated", "user_id": user.id}

    run(scenario())


def test_auth_with_a_forged_signature_fails(server, viewer):
    user, _ = viewer
    now = int(time.time())
    forged = signed_token(user, issued=now, expires=now + 600, key=b"not-the-server-secret-0123456789abcdef")

    async def scenario():
        async with await open_trading(server) as ws:
            result = await authenticate(ws, forged)
            assert result["success"] is False
            assert "user_id" in result and result["user_id"] is None, result
            assert result["message"].startswith("Invalid token"), result

    run(scenario())


def test_auth_with_an_expired_token_says_token_expired(server, viewer):
    user, _ = viewer
    now = int(time.time())
    expired = signed_token(user, issued=now - 3600, expires=now - 60, key=TEST_JWT_SECRET.encode())

    async def scenario():
        async with await open_trading(server) as ws:
            result = await authenticate(ws, expired)
            assert result["success"] is False
            assert result["message"] == "Token expired", result

    run(scenario())


def test_auth_with_an_api_key(server, admin, viewer):
    user, tokens = viewer
    created = assert_status(admin.with_token(tokens.access).post("/api/v1/api-keys", {"name": "ws", "role": "viewer"}), 201)
    assert created["key"].startswith("tsk_")

    async def scenario():
        async with await open_trading(server) as ws:
            result = await authenticate(ws, created["key"])
            assert result["success"] is True, result
            assert result["user_id"] == user.id
            await send_json(ws, {"type": "subscribe", "channels": ["orders"]})
            assert await recv_json(ws) == {"type": "subscribed", "channels": ["orders"]}

    run(scenario())


# --------------------------------------------------------------------------- ?token=


def test_token_query_parameter_authenticates_before_welcome(server, viewer):
    user, tokens = viewer

    async def scenario():
        async with await open_trading(server, f"/ws?token={tokens.access}") as ws:
            result = await recv_json(ws)
            assert result == {"type": "auth_result", "success": True, "message": "Authenticated", "user_id": user.id}
            await send_json(ws, {"type": "subscribe", "channels": PRIVATE_CHANNELS})
            assert await recv_json(ws) == {"type": "subscribed", "channels": PRIVATE_CHANNELS}

    run(scenario())


def test_bad_token_query_parameter_connects_anonymously(server):
    async def scenario():
        async with await open_trading(server, "/ws?token=not-a-token") as ws:
            result = await recv_json(ws)
            assert result["type"] == "auth_result" and result["success"] is False, result
            await send_json(ws, {"type": "subscribe", "channels": ["orders"]})
            error = await recv_json(ws)
            assert error["type"] == "error" and error["code"] == "UNAUTHORIZED", error

    run(scenario())


# --------------------------------------------------------------------------- private channels


def test_private_channels_are_refused_until_auth_then_allowed(server, viewer):
    _, tokens = viewer

    async def scenario():
        async with await open_trading(server) as ws:
            for channel in PRIVATE_CHANNELS:
                await send_json(ws, {"type": "subscribe", "channels": [channel]})
                error = await recv_json(ws)
                assert error["type"] == "error" and error["code"] == "UNAUTHORIZED", error
            assert (await authenticate(ws, tokens.access))["success"] is True
            await send_json(ws, {"type": "subscribe", "channels": PRIVATE_CHANNELS + ["market:BTC-USDT"]})
            assert await recv_json(ws) == {"type": "subscribed", "channels": PRIVATE_CHANNELS + ["market:BTC-USDT"]}

    run(scenario())


def test_disabled_user_cannot_subscribe_privately(server, admin):
    user = create_user(admin, "viewer", "wsdisabled")
    tokens = login(admin, user.username, user.password)

    async def scenario():
        async with await open_trading(server) as ws:
            assert (await authenticate(ws, tokens.access))["success"] is True
            await send_json(ws, {"type": "subscribe", "channels": ["orders"]})
            assert await recv_json(ws) == {"type": "subscribed", "channels": ["orders"]}
            assert_status(admin.patch(f"/api/v1/users/{user.id}", {"disabled": True}), 200)
            await send_json(ws, {"type": "subscribe", "channels": ["positions"]})
            assert await recv_json(ws) == {"type": "unsubscribed", "channels": ["orders"]}
            error = await recv_json(ws)
            assert error["type"] == "error" and error["code"] == "UNAUTHORIZED", error
            assert (await authenticate(ws, tokens.access))["success"] is False

    run(scenario())


# --------------------------------------------------------------------------- flood control


def test_flood_gets_rate_limited_errors_then_a_1008_close(server):
    """About twice the limit, steadily (below the 3x that closes at once): after the burst
    allowance, messages are refused with at most one RATE_LIMITED error a second, and the
    connection is closed with 1008 once the flood has lasted 2 seconds."""

    async def scenario():
        ws = await open_trading(server)
        pongs, errors = 0, []

        async def read():
            nonlocal pongs
            try:
                while True:
                    message = json.loads(await ws.recv())
                    if message["type"] == "pong":
                        pongs += 1
                    elif message["type"] == "error":
                        errors.append(message)
            except ConnectionClosed:
                pass

        reader = asyncio.create_task(read())
        started = time.monotonic()
        try:
            while not reader.done() and time.monotonic() - started < 10:
                await ws.send('{"type":"ping"}')
                await ws.send('{"type":"ping"}')
                await asyncio.sleep(0.01)
        except ConnectionClosed:
            pass
        await asyncio.wait_for(reader, 5)
        elapsed = time.monotonic() - started
        assert ws.close_code == 1008, (ws.close_code, ws.close_reason)
        assert 2 <= elapsed < 10, elapsed
        assert pongs >= LIMIT, pongs
        assert errors and all(error["code"] == "RATE_LIMITED" and error["message"] for error in errors), errors
        assert len(errors) <= elapsed + 1, f"{len(errors)} errors in {elapsed:.1f} s: at most one a second"

    run(scenario(), timeout=20)


def test_more_than_three_times_the_limit_at_once_closes_with_1008(server):
    async def scenario():
        ws = await open_trading(server)
        try:
            for _ in range(3 * LIMIT + 50):
                await ws.send('{"type":"ping"}')
            while True:
                await asyncio.wait_for(ws.recv(), 5)
        except ConnectionClosed:
            pass
        assert ws.close_code == 1008, (ws.close_code, ws.close_reason)

    run(scenario())


def test_client_within_the_limit_is_never_limited(server):
    async def scenario():
        async with await open_trading(server) as ws:
            sent = 0
            started = time.monotonic()
            while time.monotonic() - started < 2.5:
                await ws.send('{"type":"ping"}')
                sent += 1
                # 80 a second at most, whatever the jitter: the count is paced against the clock.
                await asyncio.sleep(max(0.0, started + sent / 80 - time.monotonic()))
            replies = [await recv_json(ws) for _ in range(sent)]
            assert all(reply["type"] == "pong" for reply in replies), [r for r in replies if r["type"] != "pong"][:3]

    run(scenario())


# --------------------------------------------------------------------------- IP allowlist


def test_upgrade_from_outside_the_allowlist_is_403(launch_server):
    with launch_server("--ip-allowlist", "10.0.0.0/8") as server:
        # Without trusted proxies, X-Forwarded-For is ignored.
        for forwarded_for in (None, "10.1.2.3"):
            connection, response = upgrade(server.port, forwarded_for)
            with connection:
                assert response.status == 403, (response.status, response.body)
                assert response.header("Sec-WebSocket-Accept") is None
                assert (response.header("Content-Type") or "").startswith("application/json")
                body = response.json()
                assert body["code"] == "IP_NOT_ALLOWED" and isinstance(body["message"], str), body
                assert connection.is_closed_by_peer()


def test_upgrade_through_a_trusted_proxy_uses_forwarded_for(launch_server):
    with launch_server("--ip-allowlist", "10.0.0.0/8", "--trusted-proxies", "127.0.0.1/32") as server:
        connection, response = upgrade(server.port, "10.1.2.3")
        with connection:
            assert response.status == 101
            assert connection.read_json()["type"] == "welcome"
        connection, response = upgrade(server.port, "192.168.1.1")
        with connection:
            assert response.status == 403 and response.json()["code"] == "IP_NOT_ALLOWED"
