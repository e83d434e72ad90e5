"""Black-box tests of the `/ws/market` dialect (`action`/`channel` requests, no welcome, no
reply to valid requests), with the `websockets` library as a real peer."""

from __future__ import annotations

import json

import pytest

from wire import run
from ws_client import recv_json, send_json, ws_connect

ERROR_KEYS = {"code", "message", "details", "request_id"}


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
