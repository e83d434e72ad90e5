"""Black-box tests of the WebSocket endpoints `/ws` and `/ws/market`: the RFC 6455 handshake
and framing rules (over raw sockets with hand-built frames) and the JSON protocols (with
the `websockets` library as a real peer)."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import struct
import time
import http.client
import resource

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from wire import (HOST, OP_CLOSE, OP_CONT, OP_PING, OP_PONG, OP_TEXT, RawConnection, close_payload, raise_nofile_limit,
                  run, ws_accept, ws_frame)

PUBLIC_CHANNELS = ["market:BTC-USDT", "kline:BTC-USDT:1m", "orderbook:ETH-USDT", "all_markets",
                   "market:BTC/USDT", "kline:005930:1d"]
PRIVATE_CHANNELS = ["orders", "positions", "strategies"]
TIMEFRAMES = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w", "1M"]
ERROR_KEYS = {"code", "message", "details", "request_id"}


def ws_connect(server, path: str = "/ws", **options):
    """A `websockets` client with bounded timeouts and no keep-alive pings of its own."""
    options.setdefault("open_timeout", 5)
    options.setdefault("close_timeout", 3)
    options.setdefault("ping_interval", None)
    return connect(server.ws_url(path), proxy=None, compression=None, **options)


async def recv_json(ws, timeout: float = 5.0) -> dict:
    message = await asyncio.wait_for(ws.recv(), timeout)
    assert isinstance(message, str), f"expected a text message, got {message!r}"
    return json.loads(message)


async def send_json(ws, message) -> None:
    await ws.send(json.dumps(message))


async def open_trading(server):
    """Connects to `/ws` and consumes the welcome message."""
    ws = await ws_connect(server)
    welcome = await recv_json(ws)
    assert welcome["type"] == "welcome", welcome
    return ws


async def assert_still_answers(ws) -> None:
    """A `ping` message right after proves nothing else was queued before its `pong`."""
    await send_json(ws, {"type": "ping"})
    reply = await recv_json(ws)
    assert reply["type"] == "pong", f"expected pong, got {reply}"


def now_ms() -> int:
    return int(time.time() * 1000)


def spec_version(server) -> str:
    connection = http.client.HTTPConnection(HOST, server.port, timeout=5)
    try:
        connection.request("GET", "/openapi.json")
        response = connection.getresponse()
        assert response.status == 200
        return json.loads(response.read())["info"]["version"]
    finally:
        connection.close()


# --------------------------------------------------------------------------- handshake


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


# --------------------------------------------------------------------------- /ws protocol


def test_welcome_message(server):
    version = spec_version(server)

    async def scenario():
        async with ws_connect(server) as ws:
            before = now_ms()
            raw_message = await asyncio.wait_for(ws.recv(), 5)
            assert isinstance(raw_message, str), "welcome must be a text frame"
            welcome = json.loads(raw_message)
            assert set(welcome) == {"type", "version", "timestamp"}, welcome
            assert welcome["type"] == "welcome"
            assert welcome["version"] == version
            assert isinstance(welcome["timestamp"], int) and not isinstance(welcome["timestamp"], bool)
            assert abs(welcome["timestamp"] - before) < 60_000, "timestamp is epoch milliseconds"

    run(scenario())
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), version


def test_subscribe_public_channels(server):
    async def scenario():
        async with await open_trading(server) as ws:
            await send_json(ws, {"type": "subscribe", "channels": PUBLIC_CHANNELS})
            reply = await recv_json(ws)
            assert reply == {"type": "subscribed", "channels": PUBLIC_CHANNELS}
            # Subscribing again is harmless and answered the same way.
            await send_json(ws, {"type": "subscribe", "channels": ["market:BTC-USDT"]})
            assert await recv_json(ws) == {"type": "subscribed", "channels": ["market:BTC-USDT"]}
            await assert_still_answers(ws)

    run(scenario())


def test_subscribe_every_timeframe(server):
    channels = [f"kline:BTC-USDT:{timeframe}" for timeframe in TIMEFRAMES]

    async def scenario():
        async with await open_trading(server) as ws:
            await send_json(ws, {"type": "subscribe", "channels": channels})
            assert await recv_json(ws) == {"type": "subscribed", "channels": channels}

    run(scenario())


@pytest.mark.parametrize("channel", [
    "xyz", "market", "market:", "market:BTC-USDT:extra", "kline:BTC-USDT", "kline:BTC-USDT:2m",
    "kline:BTC-USDT:1H", "orderbook:", "market:!!!", "all_markets:BTC-USDT", "ORDERS",
])
def test_subscribe_unknown_channel(server, channel):
    async def scenario():
        async with await open_trading(server) as ws:
            await send_json(ws, {"type": "subscribe", "channels": [channel]})
            error = await recv_json(ws)
            assert error == {"type": "error", "code": "INVALID_CHANNEL", "message": f"Unknown channel: {channel}"}
            # Nothing was subscribed: no `subscribed` message, and unsubscribing finds nothing.
            await send_json(ws, {"type": "unsubscribe", "channels": [channel]})
            assert await recv_json(ws) == {"type": "unsubscribed", "channels": []}

    run(scenario())


def test_subscribe_mixed_valid_and_invalid(server):
    async def scenario():
        async with await open_trading(server) as ws:
            await send_json(ws, {"type": "subscribe", "channels": ["market:BTC-USDT", "xyz", "orderbook:ETH-USDT"]})
            replies = [await recv_json(ws), await recv_json(ws)]
            by_type = {reply["type"]: reply for reply in replies}
            assert set(by_type) == {"error", "subscribed"}, replies
            assert by_type["error"]["code"] == "INVALID_CHANNEL"
            assert by_type["error"]["message"] == "Unknown channel: xyz"
            assert by_type["subscribed"]["channels"] == ["market:BTC-USDT", "orderbook:ETH-USDT"]
            await assert_still_answers(ws)

    run(scenario())


@pytest.mark.parametrize("channel", PRIVATE_CHANNELS)
def test_private_channel_needs_auth(server, channel):
    async def scenario():
        async with await open_trading(server) as ws:
            await send_json(ws, {"type": "subscribe", "channels": [channel]})
            error = await recv_json(ws)
            assert error["type"] == "error"
            assert error["code"] == "UNAUTHORIZED"
            assert isinstance(error["message"], str) and error["message"]
            await send_json(ws, {"type": "unsubscribe", "channels": [channel]})
            assert await recv_json(ws) == {"type": "unsubscribed", "channels": []}

    run(scenario())


def test_private_channels_refused_public_ones_accepted(server):
    async def scenario():
        async with await open_trading(server) as ws:
            await send_json(ws, {"type": "subscribe", "channels": ["market:BTC-USDT", "orders", "positions"]})
            replies = [await recv_json(ws) for _ in range(3)]
            errors = [reply for reply in replies if reply["type"] == "error"]
            subscribed = [reply for reply in replies if reply["type"] == "subscribed"]
            assert [error["code"] for error in errors] == ["UNAUTHORIZED", "UNAUTHORIZED"]
            assert subscribed == [{"type": "subscribed", "channels": ["market:BTC-USDT"]}]

    run(scenario())


def test_unsubscribe_lists_only_subscribed_channels(server):
    async def scenario():
        async with await open_trading(server) as ws:
            await send_json(ws, {"type": "subscribe", "channels": ["market:BTC-USDT", "orderbook:BTC-USDT"]})
            assert (await recv_json(ws))["type"] == "subscribed"
            await send_json(ws, {"type": "unsubscribe", "channels": ["market:BTC-USDT", "market:ETH-USDT"]})
            assert await recv_json(ws) == {"type": "unsubscribed", "channels": ["market:BTC-USDT"]}
            await send_json(ws, {"type": "unsubscribe", "channels": ["market:BTC-USDT"]})
            assert await recv_json(ws) == {"type": "unsubscribed", "channels": []}
            await send_json(ws, {"type": "unsubscribe", "channels": ["orderbook:BTC-USDT"]})
            assert await recv_json(ws) == {"type": "unsubscribed", "channels": ["orderbook:BTC-USDT"]}

    run(scenario())


def test_ping_message_gets_pong(server):
    async def scenario():
        async with await open_trading(server) as ws:
            for _ in range(3):
                before = now_ms()
                await send_json(ws, {"type": "ping"})
                pong = await recv_json(ws)
                assert set(pong) == {"type", "timestamp"}, pong
                assert pong["type"] == "pong"
                assert isinstance(pong["timestamp"], int)
                assert before - 60_000 < pong["timestamp"] < now_ms() + 60_000

    run(scenario())


def test_auth_is_refused_for_now(server):
    async def scenario():
        async with await open_trading(server) as ws:
            await send_json(ws, {"type": "auth", "token": "not-a-real-token"})
            result = await recv_json(ws)
            assert result["type"] == "auth_result"
            assert result["success"] is False
            assert isinstance(result["message"], str)
            assert result.get("user_id") is None
            # Still unauthenticated.
            await send_json(ws, {"type": "subscribe", "channels": ["orders"]})
            assert (await recv_json(ws))["code"] == "UNAUTHORIZED"

    run(scenario())


@pytest.mark.parametrize("message", [
    "not json",
    "{",
    "",
    "[]",
    "42",
    '"subscribe"',
    json.dumps({"type": "dance"}),
    json.dumps({"channels": ["market:BTC-USDT"]}),
    json.dumps({"type": "subscribe"}),
    json.dumps({"type": "subscribe", "channels": "market:BTC-USDT"}),
    json.dumps({"type": "subscribe", "channels": [42]}),
    json.dumps({"type": 7}),
])
def test_malformed_message_is_invalid_message(server, message):
    async def scenario():
        async with await open_trading(server) as ws:
            await ws.send(message)
            error = await recv_json(ws)
            assert error["type"] == "error", error
            assert error["code"] == "INVALID_MESSAGE"
            assert isinstance(error["message"], str) and error["message"]
            await assert_still_answers(ws)

    run(scenario())


def test_binary_message_is_invalid_message(server):
    async def scenario():
        async with await open_trading(server) as ws:
            await ws.send(b'{"type":"ping"}')
            error = await recv_json(ws)
            assert (error["type"], error["code"]) == ("error", "INVALID_MESSAGE")
            await assert_still_answers(ws)

    run(scenario())


# --------------------------------------------------------------------------- control frames


def test_websocket_ping_frame_gets_pong_library(server):
    async def scenario():
        async with await open_trading(server) as ws:
            for payload in (b"", b"hello", bytes(range(125))):
                waiter = await ws.ping(payload)
                latency = await asyncio.wait_for(waiter, 5)
                assert latency >= 0
            await assert_still_answers(ws)

    run(scenario())


def test_websocket_ping_frame_echoes_payload_raw(raw_ws):
    connection = raw_ws()
    connection.send_frame(OP_PING, b"are you there")
    frame = connection.read_frame()
    assert (frame.opcode, frame.fin, frame.payload) == (OP_PONG, True, b"are you there")
    # Unsolicited pongs are ignored (RFC 6455 §5.5.3).
    connection.send_frame(OP_PONG, b"unsolicited")
    connection.send_frame(OP_TEXT, b'{"type":"ping"}')
    assert connection.read_json()["type"] == "pong"


# --------------------------------------------------------------------------- fragmentation


def test_fragmented_text_message_is_reassembled(raw_ws):
    connection = raw_ws()
    message = json.dumps({"type": "subscribe", "channels": ["market:BTC-USDT", "all_markets"]}).encode()
    parts = [message[:7], message[7:25], message[25:]]
    connection.send_frame(OP_TEXT, parts[0], fin=False)
    connection.send_frame(OP_CONT, parts[1], fin=False)
    connection.send_frame(OP_CONT, parts[2], fin=True)
    assert connection.read_json() == {"type": "subscribed", "channels": ["market:BTC-USDT", "all_markets"]}


def test_fragmented_message_with_interleaved_ping(raw_ws):
    connection = raw_ws()
    message = json.dumps({"type": "subscribe", "channels": ["orderbook:BTC-USDT"]}).encode()
    connection.send_frame(OP_TEXT, message[:10], fin=False)
    connection.send_frame(OP_PING, b"mid")
    connection.send_frame(OP_CONT, message[10:20], fin=False)
    connection.send_frame(OP_CONT, message[20:], fin=True)
    pong = connection.read_frame()
    assert (pong.opcode, pong.payload) == (OP_PONG, b"mid")
    assert connection.read_json() == {"type": "subscribed", "channels": ["orderbook:BTC-USDT"]}


def test_fragmented_utf8_split_inside_a_character(raw_ws):
    connection = raw_ws()
    channel = "market:caf\u00e9\u20ac"  # é (2 bytes) and € (3 bytes); not a valid symbol
    message = json.dumps({"type": "subscribe", "channels": [channel]}, ensure_ascii=False).encode()
    split = message.index("\u00e9".encode()) + 1  # between the two bytes of é
    split2 = message.index("\u20ac".encode()) + 2  # inside €
    connection.send_frame(OP_TEXT, message[:split], fin=False)
    connection.send_frame(OP_CONT, message[split:split2], fin=False)
    connection.send_frame(OP_CONT, message[split2:], fin=True)
    error = connection.read_json()
    assert error == {"type": "error", "code": "INVALID_CHANNEL", "message": f"Unknown channel: {channel}"}


def test_byte_at_a_time_delivery(raw_ws):
    # TCP may cut frames anywhere: the server must not assume a frame arrives in one read.
    connection = raw_ws()
    data = ws_frame(OP_TEXT, b'{"type":"ping"}')
    for index in range(len(data)):
        connection.send(data[index:index + 1])
        time.sleep(0.002)
    assert connection.read_json()["type"] == "pong"


def test_many_frames_in_one_write(raw_ws):
    connection = raw_ws()
    connection.send(b"".join(ws_frame(OP_TEXT, b'{"type":"ping"}') for _ in range(20)))
    for _ in range(20):
        assert connection.read_json()["type"] == "pong"


# --------------------------------------------------------------------------- protocol errors


def assert_closed_with(connection: RawConnection, expected: int) -> None:
    code, _ = connection.read_close()
    assert code == expected, f"expected close {expected}, got {code}"
    assert connection.is_closed_by_peer(timeout=7), "the server closes TCP after its close frame"


def test_invalid_utf8_text_closes_1007(raw_ws):
    connection = raw_ws()
    connection.send_frame(OP_TEXT, b'{"type":"ping","x":"\xff\xfe"}')
    assert_closed_with(connection, 1007)


@pytest.mark.parametrize("payload", [
    b"\xc3\x28",              # bad continuation byte
    b"\xed\xa0\x80",          # UTF-16 surrogate
    b"\xc0\xaf",              # overlong encoding
    b"\xf4\x90\x80\x80",      # above U+10FFFF
    b"abc\xe2\x82",           # ends inside a sequence
])
def test_invalid_utf8_variants_close_1007(raw_ws, payload):
    connection = raw_ws()
    connection.send_frame(OP_TEXT, payload)
    assert_closed_with(connection, 1007)


def test_invalid_utf8_in_a_later_fragment_closes_1007(raw_ws):
    connection = raw_ws()
    connection.send_frame(OP_TEXT, b'{"type":', fin=False)
    connection.send_frame(OP_CONT, b'"\xff', fin=False)
    assert_closed_with(connection, 1007)


def test_oversized_single_frame_closes_1009(raw_ws):
    connection = raw_ws()
    payload = b"x" * ((1 << 20) + 1)
    connection.send(ws_frame(OP_TEXT, payload))
    assert_closed_with(connection, 1009)


def test_oversized_frame_refused_from_its_header(raw_ws):
    # Only the header of a 16 MiB frame is sent: the server must refuse it without waiting.
    connection = raw_ws()
    connection.send(struct.pack("!BBQ", 0x81, 0x80 | 127, 16 << 20) + b"\x01\x02\x03\x04")
    assert_closed_with(connection, 1009)


def test_oversized_fragmented_message_closes_1009(raw_ws):
    connection = raw_ws()
    chunk = b"x" * (600 * 1024)
    connection.send_frame(OP_TEXT, chunk, fin=False)
    connection.send_frame(OP_CONT, chunk, fin=True)
    assert_closed_with(connection, 1009)


def test_message_of_exactly_one_mebibyte_is_accepted(raw_ws):
    connection = raw_ws()
    prefix, suffix = b'{"type":"ping","padding":"', b'"}'
    message = prefix + b"x" * ((1 << 20) - len(prefix) - len(suffix)) + suffix
    assert len(message) == 1 << 20
    connection.send(ws_frame(OP_TEXT, message))
    reply = connection.read_json(timeout=10)
    assert reply["type"] in ("pong", "error"), reply
    connection.send_frame(OP_TEXT, b'{"type":"ping"}')
    assert connection.read_json()["type"] == "pong"


def test_oversized_message_closes_1009_library(server):
    async def scenario():
        async with await open_trading(server) as ws:
            await ws.send("x" * ((1 << 20) + 1))
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 10)
            assert ws.close_code == 1009

    run(scenario())


def test_unmasked_client_frame_closes_1002(raw_ws):
    connection = raw_ws()
    connection.send_frame(OP_TEXT, b'{"type":"ping"}', mask=False)
    assert_closed_with(connection, 1002)


@pytest.mark.parametrize("frames, expected", [
    pytest.param([ws_frame(OP_TEXT, b'{"type":"ping"}', rsv=4)], 1002, id="rsv1-without-extension"),
    pytest.param([ws_frame(0x3, b"")], 1002, id="reserved-data-opcode"),
    pytest.param([ws_frame(0xB, b"")], 1002, id="reserved-control-opcode"),
    pytest.param([ws_frame(OP_PING, b"x", fin=False)], 1002, id="fragmented-ping"),
    pytest.param([ws_frame(OP_PING, b"x" * 126)], 1002, id="ping-over-125-bytes"),
    pytest.param([ws_frame(OP_CLOSE, close_payload(1000, "x" * 124))], 1002, id="close-over-125-bytes"),
    pytest.param([ws_frame(OP_CONT, b"orphan")], 1002, id="continuation-without-start"),
    pytest.param([ws_frame(OP_TEXT, b"{", fin=False), ws_frame(OP_TEXT, b"}")], 1002, id="new-message-inside-fragmented"),
    pytest.param([ws_frame(OP_CLOSE, b"\x03")], 1002, id="close-payload-one-byte"),
    pytest.param([ws_frame(OP_CLOSE, close_payload(1005))], 1002, id="close-code-1005"),
    pytest.param([ws_frame(OP_CLOSE, close_payload(999))], 1002, id="close-code-999"),
    pytest.param([ws_frame(OP_CLOSE, close_payload(1000) + b"\xff")], 1007, id="close-reason-not-utf8"),
])
def test_protocol_violations_close_the_connection(raw_ws, frames, expected):
    connection = raw_ws()
    connection.send(b"".join(frames))
    assert_closed_with(connection, expected)


# --------------------------------------------------------------------------- closing


def test_close_handshake_echoes_1000_raw(raw_ws):
    connection = raw_ws()
    connection.send_frame(OP_CLOSE, close_payload(1000, "bye"))
    code, _ = connection.read_close()
    assert code == 1000
    assert connection.is_closed_by_peer(timeout=7)


def test_close_without_code_is_answered(raw_ws):
    connection = raw_ws()
    connection.send_frame(OP_CLOSE, b"")
    code, _ = connection.read_close()
    assert code in (None, 1000)
    assert connection.is_closed_by_peer(timeout=7)


def test_close_with_application_code_is_answered(raw_ws):
    connection = raw_ws()
    connection.send_frame(OP_CLOSE, close_payload(4000, "app"))
    code, _ = connection.read_close()
    assert code is not None and (code == 4000 or code == 1000)
    assert connection.is_closed_by_peer(timeout=7)


def test_close_handshake_library(server):
    async def scenario():
        ws = await open_trading(server)
        await ws.close(code=1000, reason="done")
        assert ws.close_code == 1000, "the server echoes the client's close code"

    run(scenario())


def test_no_messages_after_close_frame(raw_ws):
    connection = raw_ws()
    # A ping message after our close must not be answered.
    connection.send(ws_frame(OP_CLOSE, close_payload(1000)) + ws_frame(OP_TEXT, b'{"type":"ping"}'))
    frame = connection.read_frame()
    assert frame.opcode == OP_CLOSE
    assert connection.is_closed_by_peer(timeout=7)


# --------------------------------------------------------------------------- abrupt disconnects


def test_abrupt_disconnect_mid_frame(server, raw, raw_ws):
    async def scenario():
        async with await open_trading(server) as bystander:
            await send_json(bystander, {"type": "subscribe", "channels": ["market:BTC-USDT"]})
            assert (await recv_json(bystander))["type"] == "subscribed"

            for reset in (False, True):
                victim = raw_ws()
                victim.send(ws_frame(OP_TEXT, json.dumps({"type": "subscribe", "channels": ["market:BTC-USDT"]}).encode()))
                assert victim.read_json()["type"] == "subscribed"
                # Header announcing 100 payload bytes, then only 10 of them, then gone.
                victim.send(struct.pack("!BB", 0x81, 0x80 | 100) + b"\x00\x00\x00\x00" + b"0123456789")
                if reset:
                    victim.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                victim.close()

            # A half-sent handshake, dropped.
            half = raw()
            half.send(b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websock")
            half.close()

            await asyncio.sleep(0.2)
            await assert_still_answers(bystander)
            async with await open_trading(server) as newcomer:
                await send_json(newcomer, {"type": "subscribe", "channels": ["market:BTC-USDT"]})
                assert await recv_json(newcomer) == {"type": "subscribed", "channels": ["market:BTC-USDT"]}
                await assert_still_answers(newcomer)

    run(scenario())


def test_client_vanishes_without_reading(server, raw_ws):
    # A client that stops reading and closes with unread data must not hurt the server.
    for _ in range(5):
        connection = raw_ws()
        connection.send(b"".join(ws_frame(OP_TEXT, b'{"type":"ping"}') for _ in range(200)))
        connection.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()

    async def scenario():
        async with await open_trading(server) as ws:
            await assert_still_answers(ws)

    run(scenario())


# --------------------------------------------------------------------------- load


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_one_thousand_concurrent_connections(server):
    count = 1000
    soft = raise_nofile_limit()
    if soft != resource.RLIM_INFINITY and soft < count + 200:
        pytest.skip(f"RLIMIT_NOFILE hard limit {soft} is too low for {count} connections")

    async def scenario():
        started = time.monotonic()
        gate = asyncio.Semaphore(100)

        async def open_one():
            async with gate:
                ws = await ws_connect(server, open_timeout=10)
                welcome = await recv_json(ws, 10)
                assert welcome["type"] == "welcome"
                return ws

        sockets = await asyncio.gather(*(open_one() for _ in range(count)), return_exceptions=True)
        opened = [ws for ws in sockets if not isinstance(ws, BaseException)]
        failures = [error for error in sockets if isinstance(error, BaseException)]
        try:
            assert not failures, f"{len(failures)} of {count} connections failed, e.g. {failures[0]!r}"
            subscribe = json.dumps({"type": "subscribe", "channels": ["market:BTC-USDT"]})
            await asyncio.gather(*(ws.send(subscribe) for ws in opened))
            replies = await asyncio.gather(*(recv_json(ws, 10) for ws in opened))
            assert all(reply == {"type": "subscribed", "channels": ["market:BTC-USDT"]} for reply in replies)
        finally:
            await asyncio.gather(*(ws.close() for ws in opened), return_exceptions=True)
        assert all(ws.close_code == 1000 for ws in opened)
        return time.monotonic() - started

    elapsed = run(scenario(), timeout=50)
    assert elapsed < 20, f"1,000 connections took {elapsed:.1f} s"

    async def after():
        async with await open_trading(server) as ws:
            await assert_still_answers(ws)

    run(after())


# --------------------------------------------------------------------------- /ws/market


MARKET_BAD_REQUESTS = [
    pytest.param("not json", "INVALID_MESSAGE", id="not-json"),
    pytest.param("[]", "INVALID_MESSAGE", id="array"),
    pytest.param(json.dumps({"channel": "market", "symbols": ["BTC-USDT"]}), "INVALID_MESSAGE", id="no-action"),
    pytest.param(json.dumps({"action": "subscribe", "symbols": ["BTC-USDT"]}), "INVALID_MESSAGE", id="no-channel"),
    pytest.param(json.dumps({"action": "dance", "channel": "market", "symbols": ["BTC-USDT"]}), "INVALID_MESSAGE",
                 id="bad-action"),
    pytest.param(json.dumps({"action": "subscribe", "channel": "news", "symbols": ["BTC-USDT"]}), "INVALID_MESSAGE",
                 id="bad-channel"),
    pytest.param(json.dumps({"action": "subscribe", "channel": "market"}), "INVALID_MESSAGE", id="market-no-symbols"),
    pytest.param(json.dumps({"action": "subscribe", "channel": "market", "symbols": []}), "INVALID_MESSAGE",
                 id="market-empty-symbols"),
    pytest.param(json.dumps({"action": "subscribe", "channel": "orderbook"}), "INVALID_MESSAGE", id="orderbook-no-symbol"),
    pytest.param(json.dumps({"action": "subscribe", "channel": "orderbook", "symbol": "BTC-USDT", "depth": 0}),
                 "INVALID_MESSAGE", id="orderbook-depth-0"),
    pytest.param(json.dumps({"action": "subscribe", "channel": "orderbook", "symbol": "BTC-USDT", "depth": 101}),
                 "INVALID_MESSAGE", id="orderbook-depth-101"),
    pytest.param(json.dumps({"action": "subscribe", "channel": "market", "symbols": ["BTC-USDT"], "extra": 1}),
                 "INVALID_MESSAGE", id="additional-property"),
    pytest.param(json.dumps({"type": "subscribe", "channels": ["market:BTC-USDT"]}), "INVALID_MESSAGE",
                 id="ws-dialect"),
    pytest.param(json.dumps({"action": "subscribe", "channel": "market", "symbols": ["!!bad"]}), "INVALID_CHANNEL",
                 id="invalid-symbol"),
    pytest.param(json.dumps({"action": "subscribe", "channel": "orderbook", "symbol": "-X"}), "INVALID_CHANNEL",
                 id="invalid-orderbook-symbol"),
]


@pytest.mark.parametrize("request_text, code", MARKET_BAD_REQUESTS)
def test_ws_market_errors(server, request_text, code):
    async def scenario():
        async with ws_connect(server, "/ws/market") as ws:
            await ws.send(request_text)
            error = await recv_json(ws)
            assert "type" not in error, "the /ws/market dialect has no `type`"
            assert set(error) <= ERROR_KEYS, error
            assert error["code"] == code, error
            assert isinstance(error["message"], str) and error["message"]

    run(scenario())


def test_ws_market_valid_requests_are_silent(server):
    async def scenario():
        async with ws_connect(server, "/ws/market") as ws:
            # No welcome on this dialect, and no reply to valid requests: the first message
            # that arrives is the answer to the invalid request sent last.
            for request in (
                {"action": "subscribe", "channel": "market", "symbols": ["BTC-USDT", "ETH-USDT", "005930"]},
                {"action": "subscribe", "channel": "orderbook", "symbol": "BTC-USDT", "depth": 10},
                {"action": "subscribe", "channel": "orderbook", "symbol": "BTC/USDT"},
                {"action": "unsubscribe", "channel": "market", "symbols": ["ETH-USDT"]},
                {"action": "unsubscribe", "channel": "orderbook", "symbol": "BTC-USDT"},
            ):
                await send_json(ws, request)
            await ws.send("not json")
            first = await recv_json(ws)
            assert first["code"] == "INVALID_MESSAGE", first

    run(scenario())


def test_ws_market_mixed_symbols(server):
    async def scenario():
        async with ws_connect(server, "/ws/market") as ws:
            await send_json(ws, {"action": "subscribe", "channel": "market", "symbols": ["BTC-USDT", "bad symbol"]})
            error = await recv_json(ws)
            assert error["code"] == "INVALID_CHANNEL"
            assert "bad symbol" in error["message"]

    run(scenario())


def test_ws_market_binary_is_invalid_message(server):
    async def scenario():
        async with ws_connect(server, "/ws/market") as ws:
            await ws.send(b"\x00\x01")
            assert (await recv_json(ws))["code"] == "INVALID_MESSAGE"
            await ws.close()
            assert ws.close_code == 1000

    run(scenario())


# --------------------------------------------------------------------------- shutdown


@pytest.mark.timeout(30)
def test_graceful_shutdown_with_open_connections(own_server):
    """SIGTERM with WebSockets and an idle keep-alive connection open: the sockets get close
    1001, idle HTTP connections are closed, and once the peers have answered the process
    exits 0 promptly."""
    websocket = RawConnection(own_server.port)
    websocket.ws_handshake("/ws")
    assert websocket.read_json()["type"] == "welcome"
    market = RawConnection(own_server.port)
    market.ws_handshake("/ws/market")
    idle = RawConnection(own_server.port)
    idle.send(f"GET /health HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    assert idle.read_response().status == 200
    try:
        own_server.process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        for connection in (websocket, market):
            code, _ = connection.read_close(timeout=5)
            assert code == 1001, "going away"
            # A well-behaved client answers the close and hangs up.
            connection.send_frame(OP_CLOSE, close_payload(1001))
            assert connection.is_closed_by_peer(timeout=5)
            connection.close()
        assert idle.is_closed_by_peer(timeout=5), "an idle keep-alive connection is closed on shutdown"
        idle.close()
        status = own_server.process.wait(timeout=5)
        elapsed = time.monotonic() - started
        assert status == 0
        assert elapsed < 3, f"shutdown took {elapsed:.1f} s although every peer had gone"
    finally:
        for connection in (websocket, market, idle):
            connection.close()


def test_graceful_shutdown_with_silent_websocket_peer(own_server):
    """A WebSocket peer that never answers the close frame must not hold up the exit."""
    silent = RawConnection(own_server.port)
    silent.ws_handshake("/ws")
    try:
        started = time.monotonic()
        own_server.process.send_signal(signal.SIGTERM)
        status = own_server.process.wait(timeout=6)
        assert status == 0
        assert time.monotonic() - started <= 5.5
    finally:
        silent.close()
