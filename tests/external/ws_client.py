"""`websockets`-library helpers shared by the test_websocket_*.py files: a client with bounded
timeouts, JSON send/receive, and `/ws` connections past the welcome message."""

from __future__ import annotations

import asyncio
import json

from websockets.asyncio.client import connect

from wire import is_market_data


def ws_connect(server, path: str = "/ws", **options):
    """A `websockets` client with bounded timeouts and no keep-alive pings of its own."""
    options.setdefault("open_timeout", 5)
    options.setdefault("close_timeout", 3)
    options.setdefault("ping_interval", None)
    return connect(server.ws_url(path), proxy=None, compression=None, **options)


async def recv_json(ws, timeout: float = 5.0, market_data: bool = False) -> dict:
    """The next message within `timeout`; the market streams' messages, which arrive whenever
    the market moves, are skipped unless `market_data` (see `wire.is_market_data`)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        remaining = deadline - asyncio.get_running_loop().time()
        message = await asyncio.wait_for(ws.recv(), max(remaining, 0.001))
        assert isinstance(message, str), f"expected a text message, got {message!r}"
        parsed = json.loads(message)
        if market_data or not is_market_data(parsed):
            return parsed


async def send_json(ws, message) -> None:
    await ws.send(json.dumps(message))


async def open_trading(server, path: str = "/ws"):
    """Connects to `/ws` (or `path`) and consumes the welcome message."""
    ws = await ws_connect(server, path)
    welcome = await recv_json(ws)
    assert welcome["type"] == "welcome", welcome
    return ws


async def assert_still_answers(ws) -> None:
    """A `ping` message right after proves nothing else was queued before its `pong`."""
    await send_json(ws, {"type": "ping"})
    reply = await recv_json(ws)
    assert reply["type"] == "pong", f"expected pong, got {reply}"
