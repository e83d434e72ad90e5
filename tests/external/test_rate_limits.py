"""Black-box tests of the rate limits: the REST limit of 1,200 requests a minute per principal
(configurable, with its X-RateLimit-* and Retry-After headers, unmetered endpoints exempt; the
metering of /metrics is in test_transport_hardening.py) and the login limits per username and
address and per address (test_auth_throttling.py has the rest: failed credentials, the
per-username backoff). Each test starts a server of its own."""

from __future__ import annotations

import time

import pytest
import requests

from security_helpers import (ADMIN_USERNAME, KEYS, ME, TEST_ADMIN_PASSWORD, Api, admin_api, assert_error,
                              assert_security_headers, assert_status, create_user, describe, login, login_response,
                              new_username, user_api)

NOT_RATE_LIMITED = ("/health", "/openapi.json", "/docs")
# Seconds the 1,200 requests of the REST limit test may take (they must fit in one window).
WINDOW_MARGIN = 30


# --------------------------------------------------------------------------- rate limits


def rate_headers(response: requests.Response) -> tuple[int, int, int]:
    try:
        return (int(response.headers["X-RateLimit-Limit"]), int(response.headers["X-RateLimit-Remaining"]),
                int(response.headers["X-RateLimit-Reset"]))
    except (KeyError, ValueError) as error:
        raise AssertionError(f"rate-limit headers missing or not integers ({error}): {dict(response.headers)}")


def seconds_to_reset(reset: int) -> float:
    """X-RateLimit-Reset is epoch seconds (openapi.yaml); a small value is read as seconds
    from now, so the tests of the limit itself do not depend on that detail."""
    return reset - time.time() if reset > 1_000_000_000 else float(reset)


def first_request_of_a_window(client: Api, path: str, margin: float) -> requests.Response:
    """One request; if the rate-limit window it fell into ends within `margin` seconds (a
    fixed window about to roll over would let more through), waits for the next window and
    makes it again there."""
    response = client.get(path)
    wait = seconds_to_reset(rate_headers(response)[2])
    if wait < margin:
        time.sleep(max(0.0, wait) + 1.0)
        response = client.get(path)
    return response


def assert_rate_limited(response: requests.Response) -> None:
    assert_error(response, 429, "RATE_LIMITED")
    retry = response.headers.get("Retry-After", "")
    assert retry.isdigit() and 1 <= int(retry) <= 60, f"Retry-After {retry!r}"


@pytest.mark.timeout(120)
def test_rest_rate_limit_is_1200_per_minute_per_principal(launch_server):
    with launch_server("--login-rate-limit", "1000") as server:
        admin = admin_api(server.base_url)
        client, _, _ = user_api(admin, "viewer", "burst")
        first = first_request_of_a_window(client, ME, margin=WINDOW_MARGIN)
        assert_status(first, 200)
        limit, remaining, _ = rate_headers(first)
        assert limit == 1200 and remaining == 1199, (limit, remaining)
        started = time.monotonic()
        for count in range(2, 1201):
            response = client.get(ME)
            assert response.status_code == 200, f"request {count}: {describe(response)}"
        elapsed = time.monotonic() - started
        assert elapsed < WINDOW_MARGIN, "too slow to stay within one window"
        limited = client.get(ME)
        if limited.status_code == 200:
            extra = 1
            while extra < 2000 and client.get(ME).status_code == 200:
                extra += 1
            pytest.fail(f"request 1201 within {elapsed:.1f} s was let through ({extra} more after the 1,200 "
                        f"were; X-RateLimit-Remaining after the 1,200th was "
                        f"{response.headers.get('X-RateLimit-Remaining')})")
        assert_rate_limited(limited)
        assert_security_headers(limited)
        # Another principal has its own budget; the unmetered endpoints stay open.
        other, _, _ = user_api(admin, "viewer", "calm")
        assert_status(other.get(ME), 200)
        for path in NOT_RATE_LIMITED:
            assert client.get(path).status_code == 200, path
        server.assert_alive()


def test_rate_limit_headers_follow_the_spec(launch_server):
    """openapi.yaml: X-RateLimit-Limit requests per window, X-RateLimit-Remaining left in it,
    X-RateLimit-Reset the epoch seconds when the window resets; Retry-After seconds."""
    with launch_server("--login-rate-limit", "1000", env={"TRADING_RATE_LIMIT_PER_MINUTE": "3"}) as server:
        admin = admin_api(server.base_url)
        client, _, _ = user_api(admin, "viewer", "headers")
        responses = [client.get(ME) for _ in range(4)]
        now = time.time()
        for response in responses[:3]:
            assert_status(response, 200)
        assert_rate_limited(responses[3])
        for count, response in enumerate(responses, start=1):
            limit, remaining, reset = rate_headers(response)
            assert (limit, remaining) == (3, max(0, 3 - count)), (count, limit, remaining)
            assert now - 2 <= reset <= now + 61, \
                f"request {count}: X-RateLimit-Reset {reset} is not the epoch second the window resets"


def test_rest_rate_limit_is_configurable_and_skips_unmetered_endpoints(launch_server):
    with launch_server("--login-rate-limit", "1000", env={"TRADING_RATE_LIMIT_PER_MINUTE": "5"}) as server:
        admin = admin_api(server.base_url)
        client, _, _ = user_api(admin, "viewer", "small")
        for count in range(1, 6):
            response = first_request_of_a_window(client, ME, margin=5) if count == 1 else client.get(ME)
            assert response.status_code == 200, f"request {count}: {describe(response)}"
            limit, remaining, _ = rate_headers(response)
            assert (limit, remaining) == (5, 5 - count), (count, limit, remaining)
        assert_rate_limited(client.get(ME))
        assert_rate_limited(client.get(KEYS))
        for path in NOT_RATE_LIMITED:
            for _ in range(8):
                response = client.get(path)
                assert response.status_code == 200, describe(response)
            assert "X-RateLimit-Limit" not in response.headers, f"{path} is metered"
        second, _, _ = user_api(admin, "viewer", "small2")
        assert_status(second.get(ME), 200)


def test_login_rate_limit_per_username_and_address(launch_server):
    with launch_server() as server:
        admin = admin_api(server.base_url)  # attempt 1 for `admin`
        other = create_user(admin, "viewer", "bystander")
        api = Api(server.base_url)
        for attempt in range(2, 11):
            assert_error(login_response(api, ADMIN_USERNAME, f"wrong-password-{attempt}"), 401, "INVALID_CREDENTIALS")
        response = login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        assert_rate_limited(response)
        assert_security_headers(response)
        # The limit is per username and address: someone else logs in from the same address.
        login(api, other.username, other.password)
        server.assert_alive()


def test_login_rate_limit_per_address(launch_server):
    with launch_server("--login-rate-limit", "2") as server:
        api = Api(server.base_url)
        for _ in range(6):  # 3 x 2 per address, each for a different username
            assert_error(login_response(api, new_username("ghost"), "some-password"), 401, "INVALID_CREDENTIALS")
        assert_rate_limited(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD))
