"""Black-box tests of the JSON protocol of `/ws`, with the `websockets` library as a real
peer: the welcome message, subscribing to public channels and the refusal of private and
unknown ones, unsubscribing, `ping` messages, `auth`, and malformed or binary messages."""

from __future__ import annotations

import asyncio
import http.client
import json
import re
import time

import pytest

from wire import HOST, run
from ws_client import assert_still_answers, open_trading, recv_json, send_json, ws_connect

PUBLIC_CHANNELS = ["market:BTC-USDT", "kline:BTC-USDT:1m", "orderbook:ETH-USDT", "all_markets",
                   "market:BTC/USDT", "kline:005930:1d"]
PRIVATE_CHANNELS = ["orders", "positions", "strategies"]
TIMEFRAMES = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w", "1M"]


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
            assert error == {"type": "error", "code": "INVALID_CHANNEL", "message": f"Unknown channel: {channel}",
                     "channel": channel}
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
