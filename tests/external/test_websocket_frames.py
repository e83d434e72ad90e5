"""Black-box tests of RFC 6455 framing on `/ws`, mostly over raw sockets with hand-built
frames: ping/pong control frames, fragmentation and reassembly, arbitrary TCP cuts, and the
protocol errors that close the connection (1007 invalid UTF-8, 1009 too big, 1002 violations)."""

from __future__ import annotations

import asyncio
import json
import struct
import time

import pytest
from websockets.exceptions import ConnectionClosed

from wire import OP_CLOSE, OP_CONT, OP_PING, OP_PONG, OP_TEXT, RawConnection, close_payload, run, ws_frame
from ws_client import assert_still_answers, open_trading


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
    assert error == {"type": "error", "code": "INVALID_CHANNEL", "message": f"Unknown channel: {channel}",
                     "channel": channel}


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
