"""Black-box tests of the HTTP/1.1 transport (over raw sockets, so that framing, pipelining,
timeouts and connection handling are seen exactly as a client sees them) and of the
documentation endpoints."""

from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest
import yaml

from wire import HOST, RawConnection

LOGIN = "/api/v1/auth/login"
JSON_ERROR_KEYS = {"code", "message", "details", "request_id"}


def request(method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b"",
            version: str = "HTTP/1.1") -> bytes:
    lines = [f"{method} {path} {version}"]
    all_headers = {"Host": f"{HOST}"}
    all_headers.update(headers or {})
    if body and "Content-Length" not in all_headers and "Transfer-Encoding" not in all_headers:
        all_headers["Content-Length"] = str(len(body))
    lines += [f"{name}: {value}" for name, value in all_headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def chunked(body: bytes, sizes: list[int]) -> bytes:
    out, position = b"", 0
    for size in sizes:
        out += f"{size:x}\r\n".encode() + body[position:position + size] + b"\r\n"
        position += size
    assert position == len(body)
    return out + b"0\r\n\r\n"


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status == status, f"expected {status}, got {response.status}: {response.body[:300]!r}"
    assert (response.header("Content-Type") or "").startswith("application/json")
    body = response.json()
    assert set(body) <= JSON_ERROR_KEYS, body
    assert isinstance(body["code"], str) and isinstance(body["message"], str) and body["message"]
    if code is not None:
        assert body["code"] == code, body
    return body


def exchange(raw, data: bytes, **options):
    connection = raw()
    connection.send(data)
    return connection, connection.read_response(**options)


# --------------------------------------------------------------------------- basics


def test_health(raw):
    _, response = exchange(raw, request("GET", "/health"))
    assert response.status == 200
    assert response.header("Content-Type").startswith("application/json")
    body = response.json()
    assert body["status"] == "healthy"
    stamp = datetime.fromisoformat(body["timestamp"].replace("Z", "+00:00"))
    assert stamp.tzinfo is not None
    assert abs((datetime.now(timezone.utc) - stamp).total_seconds()) < 60
    assert response.header("Date")
    assert response.header("X-Request-Id")


def test_health_ignores_query_string(raw):
    _, response = exchange(raw, request("GET", "/health?probe=1&x=%20"))
    assert response.status == 200
    assert response.json()["status"] == "healthy"


def test_unknown_path_is_404(raw):
    _, response = exchange(raw, request("GET", "/definitely/not/here"))
    body = assert_error(response, 404, "NOT_FOUND")
    if "request_id" in body:
        assert body["request_id"] == response.header("X-Request-Id")


@pytest.mark.parametrize("method, path", [("POST", "/health"), ("DELETE", "/health"), ("PUT", "/openapi.json"),
                                          ("PATCH", "/docs"), ("OPTIONS", "/health")])
def test_wrong_method_is_405_with_allow(raw, method, path):
    _, response = exchange(raw, request(method, path, {"Content-Length": "0"}))
    assert_error(response, 405)
    allow = response.header("Allow")
    assert allow, "405 needs an Allow header"
    methods = {token.strip().upper() for token in allow.split(",")}
    assert "GET" in methods
    assert method not in methods


def test_request_id_on_every_response(raw):
    connection = raw()
    seen = set()
    for path in ("/health", "/nope", "/openapi.json"):
        connection.send(request("GET", path))
        response = connection.read_response()
        request_id = response.header("X-Request-Id")
        assert request_id and len(response.header_all("X-Request-Id")) == 1
        seen.add(request_id)
    assert len(seen) == 3, "generated request ids are unique"
    # Transport-level errors carry one too.
    _, response = exchange(raw, b"NOT A REQUEST\r\n\r\n")
    assert response.status == 400 and response.header("X-Request-Id")


@pytest.mark.parametrize("client_id", ["my-request.42", "0f8fad5b-d9cb-469f-a165-70867728950e", "A" * 128])
def test_sane_request_id_is_echoed(raw, client_id):
    _, response = exchange(raw, request("GET", "/health", {"X-Request-Id": client_id}))
    assert response.header("X-Request-Id") == client_id
    _, response = exchange(raw, request("GET", "/nope", {"X-Request-Id": client_id}))
    assert response.header("X-Request-Id") == client_id
    assert response.json().get("request_id", client_id) == client_id


@pytest.mark.parametrize("client_id", ["A" * 129, "has space", "caf\u00e9"])
def test_insane_request_id_is_replaced(raw, client_id):
    _, response = exchange(raw, request("GET", "/health", {"X-Request-Id": client_id}))
    assert response.status == 200
    echoed = response.header("X-Request-Id")
    assert echoed and echoed != client_id.strip()
    assert len(echoed) <= 128 and re.fullmatch(r"[\x21-\x7e]+", echoed)


def test_head_has_length_but_no_body(raw):
    connection = raw()
    connection.send(request("GET", "/health"))
    get = connection.read_response()
    # HEAD then GET pipelined: if HEAD carried a body, the second response would not parse.
    connection.send(request("HEAD", "/health") + request("GET", "/nope"))
    head = connection.read_response(head_only=True)
    assert head.status == 200
    assert head.header("Content-Type") == get.header("Content-Type")
    assert int(head.header("Content-Length")) > 0
    # The timestamp has a fixed width, so the lengths agree.
    assert int(head.header("Content-Length")) == len(get.body)
    following = connection.read_response()
    assert following.status == 404, f"bytes after the HEAD response: {following}"


def test_head_of_large_document(raw):
    connection = raw()
    connection.send(request("HEAD", "/openapi.json", {"Connection": "close"}))
    head = connection.read_response(head_only=True)
    assert head.status == 200 and int(head.header("Content-Length")) > 10_000
    assert connection.read_to_eof() == b"", "HEAD response has no body"


def test_keep_alive_by_default(raw):
    connection = raw()
    for _ in range(5):
        connection.send(request("GET", "/health"))
        response = connection.read_response()
        assert response.status == 200
        assert (response.header("Connection") or "keep-alive").lower() != "close"


def test_connection_close_is_honoured(raw):
    connection = raw()
    connection.send(request("GET", "/health", {"Connection": "close"}))
    response = connection.read_response()
    assert response.status == 200
    assert response.header("Connection").lower() == "close"
    assert connection.is_closed_by_peer()


def test_http10_without_keep_alive_closes(raw):
    connection = raw()
    connection.send(b"GET /health HTTP/1.0\r\n\r\n")
    response = connection.read_response()
    assert response.status == 200
    assert response.json()["status"] == "healthy"
    assert connection.is_closed_by_peer()


def test_http10_with_keep_alive_stays_open(raw):
    connection = raw()
    for _ in range(2):
        connection.send(b"GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        response = connection.read_response()
        assert response.status == 200
        assert response.header("Connection").lower() == "keep-alive"


# --------------------------------------------------------------------------- pipelining


def test_pipelining_three_requests_in_one_write(raw):
    connection = raw()
    connection.send(request("GET", "/health", {"X-Request-Id": "first"})
                    + request("GET", "/missing", {"X-Request-Id": "second"})
                    + request("POST", "/health", {"X-Request-Id": "third", "Content-Length": "0"}))
    responses = [connection.read_response() for _ in range(3)]
    assert [r.header("X-Request-Id") for r in responses] == ["first", "second", "third"]
    assert [r.status for r in responses] == [200, 404, 405]
    assert responses[0].json()["status"] == "healthy"


def test_pipelining_with_bodies_and_close(raw):
    connection = raw()
    body = b'{"username":"nobody","password":"nothing"}'
    connection.send(request("POST", LOGIN, {"Content-Type": "application/json", "X-Request-Id": "a"}, body)
                    + request("GET", "/health", {"X-Request-Id": "b"})
                    + request("GET", "/health", {"X-Request-Id": "c", "Connection": "close"})
                    + request("GET", "/health", {"X-Request-Id": "never"}))
    responses = [connection.read_response() for _ in range(3)]
    assert [r.header("X-Request-Id") for r in responses] == ["a", "b", "c"]
    assert responses[0].status >= 400
    assert [r.status for r in responses[1:]] == [200, 200]
    assert connection.is_closed_by_peer(), "nothing is answered after Connection: close"


def test_pipelined_requests_split_across_writes(raw):
    connection = raw()
    data = b"".join(request("GET", "/health", {"X-Request-Id": f"r{i}"}) for i in range(10))
    for start in range(0, len(data), 37):
        connection.send(data[start:start + 37])
        time.sleep(0.001)
    ids = [connection.read_response().header("X-Request-Id") for _ in range(10)]
    assert ids == [f"r{i}" for i in range(10)]


# --------------------------------------------------------------------------- limits


def test_headers_too_large_is_431(raw):
    connection, response = exchange(raw, request("GET", "/health", {"X-Big": "a" * (17 * 1024)}))
    assert_error(response, 431, "HEADERS_TOO_LARGE")
    assert connection.is_closed_by_peer()


def test_many_headers_too_large_is_431(raw):
    headers = {f"X-Header-{index}": "v" * 100 for index in range(200)}  # ~23 KiB in total
    connection, response = exchange(raw, request("GET", "/health", headers))
    assert_error(response, 431, "HEADERS_TOO_LARGE")


def test_headers_just_under_limit_are_accepted(raw):
    _, response = exchange(raw, request("GET", "/health", {"X-Big": "a" * (15 * 1024)}))
    assert response.status == 200


def test_payload_too_large_by_content_length_is_413(raw):
    # Only the head is sent: the server must answer without waiting for 2 MiB of body.
    connection, response = exchange(raw, request("POST", LOGIN, {"Content-Type": "application/json",
                                                                 "Content-Length": str(2 << 20)}))
    assert_error(response, 413, "PAYLOAD_TOO_LARGE")
    assert connection.is_closed_by_peer(timeout=4)


def test_payload_too_large_chunked_is_413(raw):
    connection = raw()
    connection.send(request("POST", LOGIN, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}))
    chunk = b"x" * (256 * 1024)
    try:
        for _ in range(5):  # 1.25 MiB
            connection.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may answer and stop reading before all of it is sent
    assert_error(connection.read_response(), 413, "PAYLOAD_TOO_LARGE")


def test_body_of_exactly_one_mebibyte_is_not_413(raw):
    connection = raw()
    body = b"x" * (1 << 20)
    connection.send(request("POST", LOGIN, {"Content-Type": "application/json"}, body))
    response = connection.read_response(timeout=10)
    assert response.status != 413
    assert 400 <= response.status < 600


@pytest.mark.parametrize("data", [
    pytest.param(b"HELLO\r\n\r\n", id="garbage-request-line"),
    pytest.param(b"GET\r\n\r\n", id="method-only"),
    pytest.param(b"GET /health HTTP/1.1\r\nHost x\r\n\r\n", id="header-without-colon"),
    pytest.param(b"GET /health HTTP/1.1\r\nHost : x\r\n\r\n", id="space-before-colon"),
    pytest.param(b"GET /health HTTP/1.1\r\n\r\n", id="http11-without-host"),
    pytest.param(b"POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", id="bad-content-length"),
    pytest.param(b"POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", id="negative-content-length"),
    pytest.param(b"POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
                 id="conflicting-content-lengths"),
    pytest.param(b"POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                 id="content-length-and-chunked"),
    pytest.param(b"POST " + LOGIN.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                 id="bad-chunk-size"),
    pytest.param(b"GET /health HTTP/1.1\r\nHost: x\r\nBad\x01Name: y\r\n\r\n", id="control-char-in-name"),
])
def test_malformed_request_is_400(raw, data):
    connection, response = exchange(raw, data)
    assert_error(response, 400)
    assert response.header("Connection").lower() == "close"
    assert connection.is_closed_by_peer()


def test_unsupported_http_version(raw):
    connection, response = exchange(raw, b"GET /health HTTP/2.0\r\nHost: x\r\n\r\n")
    assert response.status in (400, 505)
    assert connection.is_closed_by_peer()


@pytest.mark.slow
@pytest.mark.timeout(40)
def test_slow_requests_get_408_then_close(server):
    """Slow-loris guard: a request not complete 10 s after its first byte gets 408 and the
    connection is closed; an idle keep-alive connection between requests is left alone."""

    def partial_request_line():
        connection = RawConnection(server.port, timeout=20)
        started = time.monotonic()
        connection.send(b"GET /hea")
        return connection, started, []

    def partial_body():
        connection = RawConnection(server.port, timeout=20)
        started = time.monotonic()
        connection.send(request("POST", LOGIN, {"Content-Type": "application/json", "Content-Length": "100"})
                        + b'{"user')
        return connection, started, []

    def trickled_headers():
        connection = RawConnection(server.port, timeout=20)
        started = time.monotonic()
        connection.send(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        return connection, started, [b"X-Trickle: 1\r\n"]

    def await_408(setup):
        connection, started, trickle = setup()
        try:
            while True:
                try:
                    response = connection.read_response(timeout=1.0)
                    break
                except TimeoutError:
                    assert time.monotonic() - started < 15, "no 408 within 15 s"
                    for data in trickle:
                        connection.send(data)
            elapsed = time.monotonic() - started
            closed = connection.is_closed_by_peer(timeout=4)
            return response, elapsed, closed
        finally:
            connection.close()

    idle = RawConnection(server.port, timeout=20)
    try:
        idle.send(request("GET", "/health"))
        assert idle.read_response().status == 200
        with ThreadPoolExecutor(3) as pool:
            results = list(pool.map(await_408, [partial_request_line, partial_body, trickled_headers]))
        for response, elapsed, closed in results:
            assert_error(response, 408)
            assert response.header("Connection").lower() == "close"
            assert 9.0 <= elapsed <= 13.0, f"408 after {elapsed:.1f} s, expected about 10 s"
            assert closed, "the connection is closed after the 408"
        # The idle keep-alive connection got no 408 and still works.
        idle.send(request("GET", "/health"))
        assert idle.read_response().status == 200
    finally:
        idle.close()


# --------------------------------------------------------------------------- bodies


def test_chunked_login_gets_json_error_not_a_hang(raw):
    connection = raw()
    body = json.dumps({"username": "nobody", "password": "wrong-password"}).encode()
    connection.send(request("POST", LOGIN, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
                    + chunked(body, [5, 1, len(body) - 6]))
    response = connection.read_response(timeout=5)
    assert 400 <= response.status < 600
    assert_error(response, response.status)
    # The chunked body was consumed exactly: the connection goes on.
    if (response.header("Connection") or "").lower() != "close":
        connection.send(request("GET", "/health"))
        assert connection.read_response().status == 200


def test_chunked_body_with_extensions_and_trailers(raw):
    connection = raw()
    body = b'{"username":"a","password":"b"}'
    data = (request("POST", LOGIN, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
            + f"{len(body):X};name=value\r\n".encode() + body + b"\r\n0\r\nX-Trailer: yes\r\n\r\n"
            + request("GET", "/health", {"X-Request-Id": "after-trailer"}))
    connection.send(data)
    first = connection.read_response()
    assert 400 <= first.status < 600
    assert not (first.status == 400 and "Malformed" in first.json()["message"]), \
        f"chunk extensions or trailers refused: {first.body!r}"
    second = connection.read_response()
    assert second.status == 200 and second.header("X-Request-Id") == "after-trailer"


def test_content_length_login_gets_json_error(raw):
    body = b'{"username":"nobody","password":"wrong-password"}'
    _, response = exchange(raw, request("POST", LOGIN, {"Content-Type": "application/json"}, body))
    assert 400 <= response.status < 600
    assert_error(response, response.status)


def test_expect_100_continue(raw):
    connection = raw()
    body = b'{"username":"nobody","password":"wrong-password"}'
    connection.send(request("POST", LOGIN, {"Content-Type": "application/json", "Expect": "100-continue",
                                            "Content-Length": str(len(body)), "X-Request-Id": "expecting"}))
    interim = connection.read_response(head_only=True)
    assert (interim.version, interim.status) == ("1.1", 100)
    assert interim.reason == "Continue"
    connection.send(body)
    final = connection.read_response()
    assert final.status >= 400 and final.status != 417
    assert final.header("X-Request-Id") == "expecting"
    assert_error(final, final.status)


def test_expect_100_continue_raw_bytes(raw):
    connection = raw()
    connection.send(request("POST", LOGIN, {"Content-Type": "application/json", "Expect": "100-continue",
                                            "Content-Length": "2"}))
    assert connection.read_until(b"\r\n\r\n").startswith(b"HTTP/1.1 100 Continue\r\n")
    connection.send(b"{}")
    assert connection.read_response().status >= 400


def test_expect_100_continue_with_oversized_body_is_413_without_continue(raw):
    connection = raw()
    connection.send(request("POST", LOGIN, {"Content-Type": "application/json", "Expect": "100-continue",
                                            "Content-Length": str(5 << 20)}))
    response = connection.read_response()
    assert_error(response, 413, "PAYLOAD_TOO_LARGE")


# --------------------------------------------------------------------------- documents


def test_openapi_json(raw):
    _, response = exchange(raw, request("GET", "/openapi.json"))
    assert response.status == 200
    assert response.header("Content-Type").startswith("application/json")
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert "/health" in document["paths"]
    assert any(entry.get("path") == "/ws" for entry in document.get("x-websocket", []))


def test_openapi_yaml(raw):
    _, response = exchange(raw, request("GET", "/openapi.yaml"))
    assert response.status == 200
    assert response.header("Content-Type").split(";")[0].strip() == "application/yaml"
    document = yaml.safe_load(response.body)
    assert document["openapi"] == "3.1.0"
    _, json_response = exchange(raw, request("GET", "/openapi.json"))
    assert set(document["paths"]) == set(json_response.json()["paths"])


def test_docs_is_swagger_ui(raw):
    _, response = exchange(raw, request("GET", "/docs"))
    assert response.status == 200
    assert response.header("Content-Type").startswith("text/html")
    text = response.body.decode("utf-8")
    assert "<html" in text.lower()
    assert "swagger-ui" in text
    assert "/openapi.json" in text or "/openapi.yaml" in text
