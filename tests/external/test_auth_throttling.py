"""Black-box tests of the limits on failed authentication: failed credential checks (bearer
tokens, API keys, `/ws` `auth` and `?token=`) counted per client address, and login throttling
by (username, address) and by address, with a per-username backoff that slows password
guessing but never locks the user out.

The servers believe `X-Forwarded-For` from 127.0.0.1 (`--trusted-proxies`), so one test client
can speak from many addresses."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from security_helpers import (ADMIN_USERNAME, KEYS, ME, TEST_ADMIN_PASSWORD, TEST_JWT_SECRET, Api, assert_error,
                              assert_security_headers, assert_status, create_user, describe, hmac_token, login,
                              login_response, user_api)
from wire import run
from ws_client import recv_json, send_json, ws_connect

PROXY = ("--trusted-proxies", "127.0.0.1")
# The defaults of openapi.yaml and `trading-server --help`.
FAILED_AUTH_LIMIT = 60
LOGIN_LIMIT = 10
LOGIN_BACKOFF_MAX_SECONDS = 1.0
JWT_HEADER = {"alg": "HS256", "typ": "JWT"}
WRONG_KEY = "tsk_" + "0" * 8 + "_" + "A" * 43


def from_address(api: Api, address: str) -> Api:
    """A client whose requests come from `address` (through the trusted proxy)."""
    return Api(api.base_url, token=api.token, api_key=api.api_key,
               headers={**api.extra_headers, "X-Forwarded-For": address})


def assert_rate_limited(response: requests.Response, limit: int | None = None) -> None:
    assert_error(response, 429, "RATE_LIMITED")
    retry = response.headers.get("Retry-After", "")
    assert retry.isdigit() and 1 <= int(retry) <= 60, f"Retry-After {retry!r}: {describe(response)}"
    for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
        assert response.headers.get(name, "").isdigit(), f"{name} missing: {dict(response.headers)}"
    if limit is not None:
        assert int(response.headers["X-RateLimit-Limit"]) == limit, dict(response.headers)
        assert int(response.headers["X-RateLimit-Remaining"]) == 0, dict(response.headers)
    assert_security_headers(response)


def expired_token(user_id: str, username: str) -> str:
    now = int(time.time())
    return hmac_token(JWT_HEADER, {"sub": user_id, "username": username, "role": "viewer", "iat": now - 7200,
                                   "exp": now - 3600, "jti": "family.token"}, TEST_JWT_SECRET.encode())


# --------------------------------------------------------------------------- failed credentials


@pytest.mark.timeout(60)
def test_failed_credential_checks_are_limited_per_address(launch_server):
    """Bad bearer tokens (forged, expired, malformed) and unknown API keys share one budget per
    client address: the 61st failure in a minute answers 429 with Retry-After, and so does any
    credential from that address until the window ends; other addresses and anonymous public
    calls from it are untouched."""
    with launch_server(*PROXY) as server:
        admin = login(Api(server.base_url), ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        good = Api(server.base_url, token=admin.access)
        prober = Api(server.base_url, headers={"X-Forwarded-For": "10.1.0.1"})
        bad = [
            prober.with_key(WRONG_KEY),
            prober.with_key("not-even-a-key"),
            prober.with_token("not.a.jwt"),
            prober.with_token(expired_token("someone", "someone")),
            Api(server.base_url, headers={"X-Forwarded-For": "10.1.0.1", "Authorization": "Basic YWRtaW46YWRtaW4="}),
        ]
        for attempt in range(FAILED_AUTH_LIMIT):
            response = bad[attempt % len(bad)].get(KEYS)
            assert response.status_code == 401, f"failure {attempt + 1}: {describe(response)}"
        for client in bad:
            assert_rate_limited(client.get(ME), FAILED_AUTH_LIMIT)
        # Past the limit the address gets no answer about any credential, good ones included.
        assert_rate_limited(from_address(good, "10.1.0.1").get(ME), FAILED_AUTH_LIMIT)
        # Anonymous public operations from the same address go on; other addresses keep theirs.
        assert_status(prober.get("/health"), 200)
        assert_status(from_address(good, "10.1.0.2").get(ME), 200)
        assert_error(from_address(prober.with_key(WRONG_KEY), "10.1.0.2").get(ME), 401, "INVALID_TOKEN")
        server.assert_alive()


def test_good_credentials_neither_count_nor_trip_the_failure_limit(launch_server):
    """Successful checks spend nothing: an address just under the limit keeps using its good
    token; only the failure that goes past the limit shuts it."""
    with launch_server(*PROXY, "--auth-failure-limit", "4") as server:
        admin = login(Api(server.base_url), ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        good = from_address(Api(server.base_url, token=admin.access), "10.2.0.1")
        bad = from_address(Api(server.base_url, api_key=WRONG_KEY), "10.2.0.1")
        for _ in range(3):
            assert_error(bad.get(ME), 401, "INVALID_TOKEN")
        for _ in range(20):
            assert_status(good.get(ME), 200)
        assert_error(bad.get(ME), 401, "INVALID_TOKEN")
        assert_rate_limited(bad.get(ME), 4)
        assert_rate_limited(good.get(ME), 4)


def test_failed_auth_limit_comes_from_the_environment(launch_server):
    with launch_server(*PROXY, env={"TRADING_AUTH_FAILURE_LIMIT": "2"}) as server:
        bad = Api(server.base_url, api_key=WRONG_KEY, headers={"X-Forwarded-For": "10.3.0.1"})
        assert_error(bad.get(ME), 401, "INVALID_TOKEN")
        assert_error(bad.get(ME), 401, "INVALID_TOKEN")
        assert_rate_limited(bad.get(ME), 2)


def test_websocket_auth_failures_share_the_address_budget(launch_server):
    """`auth` messages and `?token=` with bad tokens count against the address like REST
    failures; past the limit a good token is refused on `/ws` and REST alike."""
    with launch_server(*PROXY, "--auth-failure-limit", "3") as server:
        admin = login(Api(server.base_url), ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        address = {"X-Forwarded-For": "10.4.0.1"}

        async def scenario() -> list[dict]:
            results = []
            async with ws_connect(server, "/ws?token=not.a.jwt", additional_headers=address) as ws:
                assert (await recv_json(ws))["type"] == "welcome"
                results.append(await recv_json(ws))
                for token in (WRONG_KEY, "still.not.valid", admin.access):
                    await send_json(ws, {"type": "auth", "token": token})
                    results.append(await recv_json(ws))
            return results

        results = run(scenario())
        assert [result["type"] for result in results] == ["auth_result"] * 4, results
        assert [result["success"] for result in results] == [False] * 4, results
        assert "retry in" in results[3]["message"].lower(), results[3]
        assert_rate_limited(from_address(Api(server.base_url, token=admin.access), "10.4.0.1").get(ME), 3)

        async def elsewhere() -> dict:
            async with ws_connect(server, "/ws", additional_headers={"X-Forwarded-For": "10.4.0.2"}) as ws:
                assert (await recv_json(ws))["type"] == "welcome"
                await send_json(ws, {"type": "auth", "token": admin.access})
                return await recv_json(ws)

        assert run(elsewhere())["success"] is True


# --------------------------------------------------------------------------- login


def test_login_limit_is_per_username_and_address(launch_server):
    """The 11th login in a minute for one username from one address answers 429 with
    Retry-After, even with the right password; the same user from another address, and other
    users from the first, still log in."""
    with launch_server(*PROXY) as server:
        admin = login(Api(server.base_url), ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        other = create_user(Api(server.base_url, token=admin.access), "viewer", "neighbour")
        attacker = Api(server.base_url, headers={"X-Forwarded-For": "10.5.0.1"})
        for attempt in range(LOGIN_LIMIT):
            response = login_response(attacker, ADMIN_USERNAME, f"wrong-{attempt}")
            assert_error(response, 401, "INVALID_CREDENTIALS")
        limited = login_response(attacker, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        assert_rate_limited(limited, LOGIN_LIMIT)
        login(attacker, other.username, other.password)
        login(from_address(attacker, "10.5.0.2"), ADMIN_USERNAME, TEST_ADMIN_PASSWORD)


def test_login_limits_are_settings(launch_server):
    """`--login-rate-limit` bounds one username from one address; `--auth-rate-limit` bounds
    login and refresh per address, whatever the usernames."""
    with launch_server(*PROXY, "--login-rate-limit", "2", "--auth-rate-limit", "5") as server:
        client = Api(server.base_url, headers={"X-Forwarded-For": "10.6.0.1"})
        for _ in range(2):
            assert_error(login_response(client, ADMIN_USERNAME, "wrong"), 401, "INVALID_CREDENTIALS")
        assert_rate_limited(login_response(client, ADMIN_USERNAME, "wrong"), 2)
        assert_error(login_response(client, "ghost-one", "wrong"), 401, "INVALID_CREDENTIALS")
        assert_error(login_response(client, "ghost-two", "wrong"), 401, "INVALID_CREDENTIALS")
        assert_rate_limited(login_response(client, "ghost-three", "wrong"), 5)
        login(from_address(client, "10.6.0.2"), ADMIN_USERNAME, TEST_ADMIN_PASSWORD)


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_failures_from_many_addresses_never_lock_the_user_out(launch_server):
    """1,000 wrong passwords for `admin` from 1,000 addresses are all answered 401 (slowed,
    never refused), and then the right password from a clean address logs in within 2 s."""
    with launch_server(*PROXY) as server:
        def wrong(index: int) -> tuple[int, float]:
            client = Api(server.base_url, headers={"X-Forwarded-For": f"10.7.{index // 250}.{index % 250 + 1}"})
            started = time.monotonic()
            response = login_response(client, ADMIN_USERNAME, f"guess-{index}", timeout=60)
            return response.status_code, time.monotonic() - started

        with ThreadPoolExecutor(max_workers=64) as pool:
            outcomes = list(pool.map(wrong, range(1000)))
        statuses = {status for status, _ in outcomes}
        assert statuses == {401}, f"statuses {sorted(statuses)}: a per-username limit refused guesses"
        # The guesses were slowed: one more wrong password, alone, waits the capped delay.
        status, seconds = wrong(1000)
        assert status == 401 and seconds >= LOGIN_BACKOFF_MAX_SECONDS * 0.9, (status, seconds)
        clean = Api(server.base_url, headers={"X-Forwarded-For": "192.0.2.10"})
        started = time.monotonic()
        response = login_response(clean, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        elapsed = time.monotonic() - started
        assert_status(response, 200)
        assert elapsed < 2.0, f"the right password took {elapsed:.2f} s"
        server.assert_alive()


@pytest.mark.timeout(90)
def test_login_backoff_ties_up_no_server_thread(launch_server):
    """While 100 delayed logins for a throttled username wait, the server answers everything
    else at once: the backoff suspends requests, it does not hold event loops or workers."""
    with launch_server(*PROXY, "--login-backoff-after", "1", "--login-backoff-max", "3000") as server:
        admin = login(Api(server.base_url), ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        reader, _, _ = user_api(Api(server.base_url, token=admin.access), "viewer", "bystander")
        victim = create_user(Api(server.base_url, token=admin.access), "viewer", "victim")
        # Eight failures double the delay from 50 ms past the 3 s ceiling.
        for index in range(8):
            client = Api(server.base_url, headers={"X-Forwarded-For": f"10.8.1.{index + 1}"})
            assert_error(login_response(client, victim.username, "wrong"), 401, "INVALID_CREDENTIALS")

        def delayed(index: int) -> tuple[int, float]:
            client = Api(server.base_url, headers={"X-Forwarded-For": f"10.8.2.{index + 1}"})
            started = time.monotonic()
            response = login_response(client, victim.username, "wrong", timeout=60)
            return response.status_code, time.monotonic() - started

        with ThreadPoolExecutor(max_workers=100) as pool:
            pending = [pool.submit(delayed, index) for index in range(100)]
            time.sleep(0.5)
            slowest = 0.0
            for _ in range(20):
                started = time.monotonic()
                assert_status(reader.get(ME), 200)
                assert_status(Api(server.base_url).get("/health"), 200)
                slowest = max(slowest, time.monotonic() - started)
            outcomes = [future.result() for future in pending]
        assert slowest < 0.5, f"other requests waited {slowest:.2f} s behind the delayed logins"
        assert {status for status, _ in outcomes} == {401}, outcomes
        assert min(seconds for _, seconds in outcomes) >= 2.5, "the logins were not delayed"
        server.assert_alive()
