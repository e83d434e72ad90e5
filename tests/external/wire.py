"""Raw-socket helpers for the HTTP/1.1 and WebSocket (RFC 6455) wire formats, and a
runner for asyncio code with a hard time limit."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import re
import resource
import socket
import struct
import time
from dataclasses import dataclass

HOST = "127.0.0.1"
IO_TIMEOUT = 5.0
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


# What the market streams send: `/ws` messages of these types, and `/ws/market` pushes (no
# `type`, no error `code`). They arrive whenever the market moves, so tests waiting for an
# answer skip them.
MARKET_DATA_TYPES = {"ticker", "trade", "kline", "order_book"}


def is_market_data(message) -> bool:
    if not isinstance(message, dict):
        return False
    if "type" in message:
        return message["type"] in MARKET_DATA_TYPES
    return "code" not in message and "symbol" in message


def run(coroutine, timeout: float = 15.0):
    """Runs a coroutine on a fresh event loop, failing with TimeoutError after `timeout` s."""
    return asyncio.run(asyncio.wait_for(coroutine, timeout))


# --------------------------------------------------------------------------- raw sockets


def raise_nofile_limit() -> int:
    """Raises this process's soft RLIMIT_NOFILE to its hard limit; returns the soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 16)
    if soft == resource.RLIM_INFINITY or soft >= target:
        return soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError):
        return soft
    return target


class RawConnection:
    """A blocking TCP connection with a read buffer and timeouts on every call."""

    def __init__(self, port: int, timeout: float = IO_TIMEOUT):
        self.sock = socket.create_connection((HOST, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = bytearray()
        self.timeout = timeout

    def __enter__(self) -> "RawConnection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _fill(self, deadline: float) -> bool:
        """Reads more bytes; False at end of stream. Raises TimeoutError after `deadline`."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("timed out waiting for the server")
        self.sock.settimeout(remaining)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout as error:
            raise TimeoutError("timed out waiting for the server") from error
        except ConnectionResetError:
            return False
        if not chunk:
            return False
        self.buffer += chunk
        return True

    def read_until(self, marker: bytes, timeout: float | None = None) -> bytes:
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            index = self.buffer.find(marker)
            if index >= 0:
                data = bytes(self.buffer[: index + len(marker)])
                del self.buffer[: index + len(marker)]
                return data
            if not self._fill(deadline):
                raise EOFError(f"connection closed before {marker!r}; got {bytes(self.buffer)[:200]!r}")

    def read_exact(self, count: int, timeout: float | None = None) -> bytes:
        deadline = time.monotonic() + (timeout or self.timeout)
        while len(self.buffer) < count:
            if not self._fill(deadline):
                raise EOFError(f"connection closed after {len(self.buffer)} of {count} bytes")
        data = bytes(self.buffer[:count])
        del self.buffer[:count]
        return data

    def read_to_eof(self, timeout: float | None = None) -> bytes:
        """Everything until the server closes; TimeoutError if it does not."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while self._fill(deadline):
            pass
        data = bytes(self.buffer)
        self.buffer.clear()
        return data

    def is_closed_by_peer(self, timeout: float = 2.0) -> bool:
        """True when the server closed (EOF or reset) within `timeout` and sent nothing more."""
        try:
            rest = self.read_to_eof(timeout)
        except TimeoutError:
            return False
        return rest == b""

    # ---- HTTP

    def read_response(self, head_only: bool = False, timeout: float | None = None) -> "Response":
        """One HTTP response; the body is read by Content-Length (`head_only` for HEAD/1xx)."""
        raw_head = self.read_until(b"\r\n\r\n", timeout).decode("latin-1")
        lines = raw_head[:-4].split("\r\n")
        match = re.fullmatch(r"HTTP/(\d\.\d) (\d{3}) ?(.*)", lines[0])
        assert match, f"bad status line {lines[0]!r}"
        headers = []
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
        response = Response(match.group(1), int(match.group(2)), match.group(3), headers, b"")
        if head_only or 100 <= response.status < 200 or response.status in (204, 304):
            return response
        length = response.header("Content-Length")
        if length is not None:
            response.body = self.read_exact(int(length), timeout)
        elif (response.header("Transfer-Encoding") or "").lower() == "chunked":
            response.body = self._read_chunked(timeout)
        else:
            response.body = self.read_to_eof(timeout)
        return response

    def _read_chunked(self, timeout: float | None) -> bytes:
        body = b""
        while True:
            size = int(self.read_until(b"\r\n", timeout).split(b";")[0], 16)
            if size == 0:
                self.read_until(b"\r\n", timeout)
                return body
            body += self.read_exact(size, timeout)
            self.read_exact(2, timeout)

    # ---- WebSocket

    def ws_handshake(self, path: str = "/ws", key: str | None = None, extra: str = "") -> "Response":
        key = key or base64.b64encode(os.urandom(16)).decode()
        self.send((f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n").encode())
        response = self.read_response(head_only=True)
        assert response.status == 101, f"handshake failed: {response.status} {response.headers}"
        assert response.header("Sec-WebSocket-Accept") == ws_accept(key)
        return response

    def send_frame(self, opcode: int, payload: bytes = b"", *, fin: bool = True, mask: bool = True,
                   rsv: int = 0) -> None:
        self.send(ws_frame(opcode, payload, fin=fin, mask=mask, rsv=rsv))

    def read_frame(self, timeout: float | None = None) -> "Frame":
        header = self.read_exact(2, timeout)
        fin = bool(header[0] & 0x80)
        opcode = header[0] & 0x0F
        assert header[1] & 0x80 == 0, "server frames must not be masked"
        assert header[0] & 0x70 == 0, "server set RSV bits"
        length = header[1] & 0x7F
        if length == 126:
            length = struct.unpack("!H", self.read_exact(2, timeout))[0]
        elif length == 127:
            length = struct.unpack("!Q", self.read_exact(8, timeout))[0]
        return Frame(fin, opcode, self.read_exact(length, timeout))

    def read_json(self, timeout: float | None = None, market_data: bool = False) -> dict:
        """The next text message (skipping pings, and the market streams' messages unless
        `market_data`), parsed."""
        while True:
            frame = self.read_frame(timeout)
            if frame.opcode == OP_PING:
                continue
            assert frame.opcode == OP_TEXT and frame.fin, f"expected a text frame, got {frame}"
            message = json.loads(frame.payload.decode("utf-8"))
            if market_data or not is_market_data(message):
                return message

    def read_close(self, timeout: float | None = None) -> tuple[int | None, str]:
        """Skips data frames until a close frame; returns its (code, reason)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            frame = self.read_frame(max(0.01, deadline - time.monotonic()))
            if frame.opcode == OP_CLOSE:
                if len(frame.payload) < 2:
                    return None, ""
                return struct.unpack("!H", frame.payload[:2])[0], frame.payload[2:].decode("utf-8", "replace")


OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


@dataclass
class Frame:
    fin: bool
    opcode: int
    payload: bytes


@dataclass
class Response:
    version: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def header_all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def json(self):
        return json.loads(self.body)


def ws_accept(key: str) -> str:
    return base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()


def ws_frame(opcode: int, payload: bytes = b"", *, fin: bool = True, mask: bool = True, rsv: int = 0) -> bytes:
    first = (0x80 if fin else 0) | (rsv & 0x7) << 4 | opcode
    mask_bit = 0x80 if mask else 0
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", first, mask_bit | length)
    elif length < 1 << 16:
        header = struct.pack("!BBH", first, mask_bit | 126, length)
    else:
        header = struct.pack("!BBQ", first, mask_bit | 127, length)
    if not mask:
        return header + payload
    key = os.urandom(4)
    masked = bytes(b ^ key[i & 3] for i, b in enumerate(payload)) if length < 4096 else _mask_fast(payload, key)
    return header + key + masked


def _mask_fast(payload: bytes, key: bytes) -> bytes:
    repeated = (key * (len(payload) // 4 + 1))[: len(payload)]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(len(payload), "big")


def close_payload(code: int, reason: str = "") -> bytes:
    return struct.pack("!H", code) + reason.encode()


