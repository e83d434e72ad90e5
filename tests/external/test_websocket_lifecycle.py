"""Black-box tests of a WebSocket connection's life beyond single messages: the close
handshake, abrupt disconnects, 1,000 concurrent connections, and graceful server shutdown
with sockets open."""

from __future__ import annotations

import asyncio
import json
import resource
import signal
import socket
import struct
import time

import pytest

from wire import HOST, OP_CLOSE, OP_TEXT, RawConnection, close_payload, raise_nofile_limit, run, ws_frame
from ws_client import assert_still_answers, open_trading, recv_json, send_json, ws_connect


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
