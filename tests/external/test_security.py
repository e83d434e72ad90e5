"""Black-box tests of authentication and the security features: login and JWTs (forged,
expired), refresh-token rotation with reuse detection, logout, users and roles, API keys,
REST and login rate limits, the IP allowlist with trusted proxies, security headers,
secrets kept out of the logs, the bootstrap admin, the `user create` command, and a
PostgreSQL outage seen over HTTP.

Most tests share one dedicated server (`sec`) whose login limit is raised, each with users
of its own; tests that change global settings start servers of their own."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import socket
import subprocess
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import jwt
import pytest
import requests

from security_helpers import (ACCESS_TOKEN_SECONDS, ADMIN_USERNAME, DUMMY_UUID, ROOT, TEST_ADMIN_PASSWORD,
                              TEST_JWT_SECRET, Api, admin_api, assert_error, assert_security_headers, assert_status,
                              b64url_json, create_user, decode_access_token, describe, hmac_token, login,
                              login_response, new_password, new_username, refresh_response, unverified_parts,
                              user_api)

ME = "/api/v1/auth/me"
USERS = "/api/v1/users"
KEYS = "/api/v1/api-keys"
LOGOUT = "/api/v1/auth/logout"
# A trader operation that answers something other than 401/403 for a trader (the strategy
# does not exist) and 403 for a viewer.
TRADER_ONLY = ("POST", f"/api/v1/strategies/{DUMMY_UUID}/start")
NOT_RATE_LIMITED = ("/health", "/openapi.json", "/docs", "/metrics")
# Seconds the 1,200 requests of the REST limit test may take (they must fit in one window).
WINDOW_MARGIN = 30


@pytest.fixture(scope="module")
def sec(launch_server):
    """The server most tests here share: default settings except a high login limit."""
    with launch_server("--login-rate-limit", "1000") as server:
        yield server
        server.assert_alive()


@pytest.fixture(scope="module")
def admin(sec) -> Api:
    return admin_api(sec.base_url)


def parse_time(text: str) -> datetime:
    stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert stamp.tzinfo is not None, text
    return stamp


def assert_not_denied(response: requests.Response) -> None:
    assert response.status_code not in (401, 403), f"expected to be let through, got {describe(response)}"


# --------------------------------------------------------------------------- login and tokens


def test_login_issues_an_hs256_token_pair(sec, admin):
    api = Api(sec.base_url)
    before = int(time.time())
    response = login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    body = assert_status(response, 200)
    after = int(time.time())
    assert body["expires_in"] == ACCESS_TOKEN_SECONDS and body["token_type"] == "Bearer", body
    assert isinstance(body["refresh_token"], str) and body["refresh_token"], body
    assert jwt.get_unverified_header(body["access_token"])["alg"] == "HS256"
    claims = decode_access_token(body["access_token"])
    assert {"sub", "username", "role", "iat", "exp", "jti"} <= set(claims), claims
    assert claims["username"] == ADMIN_USERNAME and claims["role"] == "admin", claims
    assert before - 2 <= claims["iat"] <= after + 2, claims
    assert claims["exp"] == claims["iat"] + ACCESS_TOKEN_SECONDS, claims
    family, dot, rest = claims["jti"].partition(".")
    assert family and dot and rest, f"jti {claims['jti']!r} is not <family>.<x>"
    me = assert_status(api.with_token(body["access_token"]).get(ME), 200)
    assert me["id"] == claims["sub"] and me["username"] == ADMIN_USERNAME and me["role"] == "admin", me
    parse_time(me["created_at"])
    assert_security_headers(response)


def test_login_failures_are_invalid_credentials(sec, admin):
    user = create_user(admin, "viewer", "badlogin")
    api = Api(sec.base_url)
    for username, password in [(user.username, user.password + "x"), (user.username, user.password.upper()),
                               (new_username("nobody"), user.password), (ADMIN_USERNAME, "wrong-password-1")]:
        assert_error(login_response(api, username, password), 401, "INVALID_CREDENTIALS")
    login(api, user.username, user.password)


def test_me_returns_the_caller(sec, admin):
    client, user, tokens = user_api(admin, "trader", "me")
    me = assert_status(client.get(ME), 200)
    assert {"id", "username", "role", "created_at"} <= set(me), me
    assert (me["id"], me["username"], me["role"]) == (user.id, user.username, "trader"), me
    assert decode_access_token(tokens.access)["sub"] == user.id
    assert not any("password" in key or "hash" in key for key in me), me


def test_missing_credentials_are_missing_token(sec):
    api = Api(sec.base_url)
    for method, path in [("GET", ME), ("GET", USERS), ("POST", LOGOUT), ("GET", KEYS), TRADER_ONLY]:
        response = api.call(method, path)
        assert_error(response, 401, "MISSING_TOKEN")
        assert_security_headers(response)


def forged_tokens(real: str) -> dict[str, str]:
    """Tokens that must all be refused with INVALID_TOKEN, made from a real viewer token."""
    header, claims, signature = unverified_parts(real)
    secret = TEST_JWT_SECRET.encode()
    elevated = dict(claims, role="admin")
    return {
        "alg-none": f"{b64url_json({'alg': 'none', 'typ': 'JWT'})}.{b64url_json(claims)}.",
        "alg-none-elevated": f"{b64url_json({'alg': 'none', 'typ': 'JWT'})}.{b64url_json(elevated)}.",
        "hs512-same-secret": hmac_token({"alg": "HS512", "typ": "JWT"}, claims, secret, digest=hashlib.sha512),
        "wrong-key": jwt.encode(claims, "another-secret-of-sufficient-length-0123456789ab", algorithm="HS256"),
        "edited-payload": f"{real.split('.')[0]}.{b64url_json(elevated)}.{signature}",
        "edited-signature": real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB"),
        "no-signature": real.rsplit(".", 1)[0],
        "garbage": "not-a-jwt",
        "three-garbage-parts": "abc.def.ghi",
        "empty-claims": hmac_token({"alg": "HS256", "typ": "JWT"}, {}, secret),
    }


def test_forged_tokens_are_invalid_token(sec, admin):
    client, user, tokens = user_api(admin, "viewer", "forge")
    assert_status(client.get(ME), 200)
    problems = []
    for name, token in forged_tokens(tokens.access).items():
        for path in (ME, USERS):
            response = client.with_token(token).get(path)
            try:
                assert_error(response, 401, "INVALID_TOKEN")
            except AssertionError as error:
                problems.append(f"{name} on {path}: {error}")
    for key in ("tsk_garbage", "tsk_AAAAAAAA_" + "A" * 43, "not-a-key"):
        response = client.with_key(key).get(ME)
        try:
            assert_error(response, 401, "INVALID_TOKEN")
        except AssertionError as error:
            problems.append(f"X-API-Key {key!r}: {error}")
    assert not problems, "\n".join(problems)


def test_expired_token_is_token_expired(sec, admin):
    client, user, tokens = user_api(admin, "viewer", "expired")
    real = decode_access_token(tokens.access)
    family = real["jti"].split(".", 1)[0]
    now = int(time.time())
    claims = {"sub": real["sub"], "username": real["username"], "role": real["role"], "iat": now - 3600,
              "exp": now - 1800, "jti": f"{family}.{secrets.token_hex(8)}"}
    expired = jwt.encode(claims, TEST_JWT_SECRET, algorithm="HS256")
    assert_error(client.with_token(expired).get(ME), 401, "TOKEN_EXPIRED")
    # The same claims with a future expiry work: it is the expiry that was refused.
    fresh = jwt.encode(dict(claims, iat=now, exp=now + 600), TEST_JWT_SECRET, algorithm="HS256")
    assert_status(client.with_token(fresh).get(ME), 200)


# --------------------------------------------------------------------------- refresh and logout


def test_refresh_rotates_and_reuse_revokes_the_family(sec, admin):
    user = create_user(admin, "viewer", "rotate")
    api = Api(sec.base_url)
    first = login(api, user.username, user.password)
    other = login(api, user.username, user.password)  # a second session of the same user

    body = assert_status(refresh_response(api, first.refresh), 200)
    assert body["expires_in"] == ACCESS_TOKEN_SECONDS and body["token_type"] == "Bearer", body
    second_access, second_refresh = body["access_token"], body["refresh_token"]
    assert second_refresh != first.refresh and second_access != first.access
    assert decode_access_token(second_access)["sub"] == user.id
    assert_status(api.with_token(second_access).get(ME), 200)

    # Replaying the spent token: refused, and the whole family is revoked.
    assert_error(refresh_response(api, first.refresh), 401, "INVALID_TOKEN")
    assert_error(refresh_response(api, second_refresh), 401, "INVALID_TOKEN")
    assert_error(api.with_token(second_access).get(ME), 401, "INVALID_TOKEN")
    assert_error(api.with_token(first.access).get(ME), 401, "INVALID_TOKEN")

    # Another session of the same user is a different family and keeps working.
    assert_status(api.with_token(other.access).get(ME), 200)
    assert_status(refresh_response(api, other.refresh), 200)


def test_refresh_rejects_unknown_tokens(sec):
    api = Api(sec.base_url)
    for token in ("not-a-refresh-token", "A" * 43, TEST_JWT_SECRET):
        assert_error(refresh_response(api, token), 401, "INVALID_TOKEN")


def test_logout_ends_the_session(sec, admin):
    user = create_user(admin, "viewer", "logout")
    api = Api(sec.base_url)
    session = login(api, user.username, user.password)
    other = login(api, user.username, user.password)
    client = api.with_token(session.access)
    assert_status(client.get(ME), 200)
    body = assert_status(client.post(LOGOUT), 200)
    assert body.get("success") is True, body
    assert_error(client.get(ME), 401, "INVALID_TOKEN")
    assert_error(refresh_response(api, session.refresh), 401)
    assert_status(api.with_token(other.access).get(ME), 200)


# --------------------------------------------------------------------------- users and roles


def test_user_management(sec, admin):
    listing = assert_status(admin.get(USERS), 200)
    assert isinstance(listing["users"], list) and listing["total"] >= len(listing["users"]) >= 1, listing
    for user in listing["users"]:
        assert {"id", "username", "role", "disabled", "created_at"} <= set(user), user
        assert not any("password" in key or "hash" in key for key in user), user
    assert any(user["username"] == ADMIN_USERNAME and user["role"] == "admin" for user in listing["users"])

    username, password = new_username("crud"), new_password()
    response = admin.post(USERS, {"username": username, "password": password, "role": "viewer"})
    created = assert_status(response, 201)
    assert (created["username"], created["role"], created["disabled"]) == (username, "viewer", False), created
    parse_time(created["created_at"])
    assert not any("password" in key or "hash" in key for key in created), created
    assert password not in response.text
    listed = assert_status(admin.get(USERS + "?limit=1000"), 200)
    assert any(user["id"] == created["id"] for user in listed["users"]), listed
    assert listed["total"] == listing["total"] + 1, (listing["total"], listed["total"])

    assert_error(admin.post(USERS, {"username": username, "password": new_password(), "role": "trader"}),
                 409, "CONFLICT")
    assert_error(admin.post(USERS, {"username": new_username("short"), "password": "1234567", "role": "viewer"}),
                 400)

    updated = assert_status(admin.patch(f"{USERS}/{created['id']}", {"role": "trader"}), 200)
    assert updated["id"] == created["id"] and updated["role"] == "trader", updated
    session = login(admin, username, password)
    assert decode_access_token(session.access)["role"] == "trader"

    new = new_password()
    assert_status(admin.patch(f"{USERS}/{created['id']}", {"password": new}), 200)
    assert_error(login_response(admin, username, password), 401, "INVALID_CREDENTIALS")
    login(admin, username, new)

    assert_status(admin.delete(f"{USERS}/{created['id']}"), 200)
    assert_error(login_response(admin, username, new), 401, "INVALID_CREDENTIALS")
    assert_error(admin.with_token(session.access).get(ME), 401, "INVALID_TOKEN")
    assert not any(user["id"] == created["id"] for user in assert_status(admin.get(USERS + "?limit=1000"), 200)["users"])
    assert_error(admin.delete(f"{USERS}/{created['id']}"), 404, "NOT_FOUND")
    assert_error(admin.patch(f"{USERS}/{DUMMY_UUID}", {"role": "viewer"}), 404, "NOT_FOUND")
    assert_error(admin.delete(f"{USERS}/{DUMMY_UUID}"), 404, "NOT_FOUND")


def test_disabling_a_user_cuts_tokens_keys_and_login(sec, admin):
    client, user, tokens = user_api(admin, "trader", "disable")
    key = assert_status(client.post(KEYS, {"name": "bot", "role": "trader"}), 201)["key"]
    keyed = client.with_key(key)
    assert_status(client.get(ME), 200)
    assert_status(keyed.get(ME), 200)

    body = assert_status(admin.patch(f"{USERS}/{user.id}", {"disabled": True}), 200)
    assert body["disabled"] is True, body
    assert_error(client.get(ME), 401, "INVALID_TOKEN")
    assert_error(keyed.get(ME), 401, "INVALID_TOKEN")
    assert_error(client.call(*TRADER_ONLY), 401, "INVALID_TOKEN")
    assert_error(login_response(admin, user.username, user.password), 401, "INVALID_CREDENTIALS")
    assert_error(refresh_response(admin, tokens.refresh), 401)

    body = assert_status(admin.patch(f"{USERS}/{user.id}", {"disabled": False}), 200)
    assert body["disabled"] is False, body
    login(admin, user.username, user.password)


def test_role_change_applies_at_once(sec, admin):
    client, user, tokens = user_api(admin, "trader", "demote")
    assert_not_denied(client.call(*TRADER_ONLY))
    assert_status(admin.patch(f"{USERS}/{user.id}", {"role": "viewer"}), 200)
    assert_error(client.call(*TRADER_ONLY), 403, "INSUFFICIENT_PERMISSION")
    assert assert_status(client.get(ME), 200)["role"] == "viewer"
    assert_error(client.get(USERS), 403, "INSUFFICIENT_PERMISSION")
    assert_status(admin.patch(f"{USERS}/{user.id}", {"role": "admin"}), 200)
    assert_status(client.get(USERS), 200)
    assert_not_denied(client.call(*TRADER_ONLY))


def test_role_comes_from_the_account_not_the_token(sec, admin):
    """A token signed with the real secret whose role claim is above the account's role
    (as an old token of a since-demoted user would be) gets the account's role."""
    client, user, tokens = user_api(admin, "viewer", "claims")
    claims = decode_access_token(tokens.access)
    elevated = jwt.encode(dict(claims, role="admin"), TEST_JWT_SECRET, algorithm="HS256")
    assert_error(client.with_token(elevated).get(USERS), 403, "INSUFFICIENT_PERMISSION")
    assert_error(client.with_token(elevated).call(*TRADER_ONLY), 403, "INSUFFICIENT_PERMISSION")


def test_admin_endpoints_refuse_lower_roles(sec, admin):
    for role in ("viewer", "trader"):
        client, user, _ = user_api(admin, role, f"low_{role}")
        assert_error(client.get(USERS), 403, "INSUFFICIENT_PERMISSION")
        assert_error(client.post(USERS, {"username": new_username("evil"), "password": new_password(),
                                         "role": "admin"}), 403, "INSUFFICIENT_PERMISSION")
        assert_error(client.patch(f"{USERS}/{user.id}", {"role": "admin"}), 403, "INSUFFICIENT_PERMISSION")
        assert assert_status(client.get(ME), 200)["role"] == role


# --------------------------------------------------------------------------- API keys


def test_api_key_lifecycle(sec, admin):
    client, user, _ = user_api(admin, "trader", "keys")
    response = client.post(KEYS, {"name": "trading-bot", "role": "viewer"})
    created = assert_status(response, 201)
    assert {"id", "name", "role", "prefix", "user_id", "created_at", "expires_at", "last_used_at", "key"} \
        <= set(created), created
    assert (created["name"], created["role"], created["user_id"]) == ("trading-bot", "viewer", user.id), created
    key = created["key"]
    assert key.startswith("tsk_") and created["prefix"] and created["prefix"] in key, created
    assert created["expires_at"] is None and created["last_used_at"] is None, created
    parse_time(created["created_at"])

    keyed = client.with_key(key)
    me = assert_status(keyed.get(ME), 200)
    assert (me["id"], me["username"]) == (user.id, user.username), me
    # The key carries its own (lower) role.
    assert_error(keyed.call(*TRADER_ONLY), 403, "INSUFFICIENT_PERMISSION")
    assert_not_denied(client.call(*TRADER_ONLY))

    listing = client.get(KEYS)
    body = assert_status(listing, 200)
    assert key not in listing.text, "a listing shows the key itself"
    mine = [item for item in body["api_keys"] if item["id"] == created["id"]]
    assert len(mine) == 1 and body["total"] >= 1, body
    assert "key" not in mine[0] and mine[0]["prefix"] == created["prefix"], mine
    assert mine[0]["last_used_at"] is not None, f"last_used_at not set after use: {mine}"
    parse_time(mine[0]["last_used_at"])

    assert_status(client.delete(f"{KEYS}/{created['id']}"), 200)
    assert_error(keyed.get(ME), 401, "INVALID_TOKEN")
    assert not any(item["id"] == created["id"] for item in assert_status(client.get(KEYS), 200)["api_keys"])
    assert_error(client.delete(f"{KEYS}/{DUMMY_UUID}"), 404, "NOT_FOUND")


def test_api_key_role_cannot_exceed_the_owner(sec, admin):
    for role, too_high in [("viewer", ["trader", "admin"]), ("trader", ["admin"])]:
        client, _, _ = user_api(admin, role, f"keyrole_{role}")
        for requested in too_high:
            assert_error(client.post(KEYS, {"name": "escalate", "role": requested}), 403, "INSUFFICIENT_PERMISSION")
        assert_status(client.post(KEYS, {"name": "same", "role": role}), 201)
    # An admin's trader key may do trader things but not admin things.
    key = assert_status(admin.post(KEYS, {"name": "ops", "role": "trader"}), 201)["key"]
    keyed = admin.with_key(key)
    assert_not_denied(keyed.call(*TRADER_ONLY))
    assert_error(keyed.get(USERS), 403, "INSUFFICIENT_PERMISSION")


def test_api_keys_are_listed_per_owner(sec, admin):
    first, _, _ = user_api(admin, "viewer", "owner_a")
    second, _, _ = user_api(admin, "viewer", "owner_b")
    created = assert_status(first.post(KEYS, {"name": "mine", "role": "viewer"}), 201)
    assert not any(item["id"] == created["id"] for item in assert_status(second.get(KEYS), 200)["api_keys"])
    assert_error(second.delete(f"{KEYS}/{created['id']}"), 404)
    assert_status(first.with_key(created["key"]).get(ME), 200)


# --------------------------------------------------------------------------- security headers


def test_security_headers_on_api_responses(sec, admin):
    api = Api(sec.base_url)
    responses = [
        admin.get(ME),
        admin.get(USERS),
        api.get(ME),
        api.get("/api/v1/definitely-not-here"),
        login_response(api, ADMIN_USERNAME, "wrong-password-2"),
        api.post("/api/v1/auth/login", b"{not json", headers={"Content-Type": "application/json"}),
    ]
    for response in responses:
        assert_security_headers(response)


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


def test_login_rate_limit_per_username(launch_server):
    with launch_server() as server:
        admin = admin_api(server.base_url)  # attempt 1 for `admin`
        other = create_user(admin, "viewer", "bystander")
        api = Api(server.base_url)
        for attempt in range(2, 11):
            assert_error(login_response(api, ADMIN_USERNAME, f"wrong-password-{attempt}"), 401, "INVALID_CREDENTIALS")
        response = login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        assert_rate_limited(response)
        assert_security_headers(response)
        # The limit is per username: someone else logs in.
        login(api, other.username, other.password)
        server.assert_alive()


def test_login_rate_limit_per_address(launch_server):
    with launch_server("--login-rate-limit", "2") as server:
        api = Api(server.base_url)
        for _ in range(6):  # 3 x 2 per address, each for a different username
            assert_error(login_response(api, new_username("ghost"), "some-password"), 401, "INVALID_CREDENTIALS")
        assert_rate_limited(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD))


# --------------------------------------------------------------------------- IP allowlist


def test_ip_allowlist_refuses_other_addresses(launch_server):
    with launch_server("--ip-allowlist", "10.0.0.0/8") as server:
        api = Api(server.base_url)
        for response in (login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD), api.get(ME), api.get(USERS),
                         login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD,
                                        headers={"X-Forwarded-For": "10.1.2.3"})):
            assert_error(response, 403, "IP_NOT_ALLOWED")
            assert_security_headers(response)
        # Without trusted proxies the header is ignored, token or not.
        assert_error(api.get(ME, headers={"X-Forwarded-For": "10.1.2.3"}), 403, "IP_NOT_ALLOWED")
        health = api.get("/health")
        assert health.status_code == 200 and health.json()["status"] == "healthy", describe(health)


def test_ip_allowlist_believes_forwarded_for_from_trusted_proxies(launch_server):
    with launch_server("--ip-allowlist", "10.0.0.0/8", "--trusted-proxies", "127.0.0.1/32") as server:
        api = Api(server.base_url)
        proxied = Api(server.base_url, headers={"X-Forwarded-For": "10.1.2.3"})
        tokens = login(proxied, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        assert_status(proxied.with_token(tokens.access).get(ME), 200)
        assert_error(api.with_token(tokens.access).get(ME), 403, "IP_NOT_ALLOWED")
        assert_error(api.with_token(tokens.access).get(ME, headers={"X-Forwarded-For": "192.168.1.1"}),
                     403, "IP_NOT_ALLOWED")


def test_ip_allowlist_ignores_client_written_forwarded_for_entries(launch_server):
    """Behind a trusted proxy the client is the right-most untrusted entry: what the client
    wrote to the left of it (a spoofed allowed address) does not count."""
    with launch_server("--ip-allowlist", "10.0.0.0/8", "--trusted-proxies", "127.0.0.1/32") as server:
        api = Api(server.base_url)
        assert_error(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD,
                                    headers={"X-Forwarded-For": "10.1.2.3, 192.168.1.1"}), 403, "IP_NOT_ALLOWED")
        assert_status(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD,
                                     headers={"X-Forwarded-For": "192.168.1.1, 10.1.2.3"}), 200)


def test_ip_allowlist_from_the_environment(launch_server):
    with launch_server(env={"TRADING_IP_ALLOWLIST": "10.0.0.0/8, 127.0.0.1/32"}) as server:
        api = Api(server.base_url)
        tokens = login(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        assert_status(api.with_token(tokens.access).get(ME), 200)
    with launch_server(env={"TRADING_IP_ALLOWLIST": "10.0.0.0/8,192.168.0.0/16"}) as server:
        assert_error(login_response(Api(server.base_url), ADMIN_USERNAME, TEST_ADMIN_PASSWORD), 403, "IP_NOT_ALLOWED")


def ipv6_loopback_available() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not ipv6_loopback_available(), reason="this machine has no IPv6 loopback (::1)")
def test_ip_allowlist_with_ipv6(launch_server):
    with launch_server("--host", "::1", "--ip-allowlist", "::1/128") as server:
        assert server.host == "::1" and server.base_url.startswith("http://[::1]:"), server.base_url
        api = Api(server.base_url)
        tokens = login(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        assert_status(api.with_token(tokens.access).get(ME), 200)
    with launch_server("--host", "::1", "--ip-allowlist", "fd00::/8,10.0.0.0/8") as server:
        api = Api(server.base_url)
        assert_error(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD), 403, "IP_NOT_ALLOWED")
        assert api.get("/health").status_code == 200


# --------------------------------------------------------------------------- logs and bootstrap


def audit_events(log: str) -> list[dict]:
    events = []
    for line in log.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("log") == "audit":
            events.append(record)
    return events


def test_secrets_never_reach_the_log(launch_server):
    with launch_server() as server:
        api = Api(server.base_url)
        admin_tokens = login(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        admin = api.with_token(admin_tokens.access)
        user = create_user(admin, "trader", "quiet")
        wrong = new_password()
        assert_error(login_response(api, user.username, wrong), 401, "INVALID_CREDENTIALS")
        first = login(api, user.username, user.password)
        refreshed = assert_status(refresh_response(api, first.refresh), 200)
        client = api.with_token(refreshed["access_token"])
        key = assert_status(client.post(KEYS, {"name": "logged?", "role": "viewer"}), 201)["key"]
        assert_status(client.with_key(key).get(ME), 200)
        assert_status(admin.patch(f"{USERS}/{user.id}", {"role": "viewer"}), 200)

        secrets_used = {
            "admin password": TEST_ADMIN_PASSWORD, "user password": user.password, "wrong password": wrong,
            "JWT secret": TEST_JWT_SECRET, "admin access token": admin_tokens.access,
            "admin refresh token": admin_tokens.refresh, "access token": first.access,
            "refresh token": first.refresh, "refreshed access token": refreshed["access_token"],
            "refreshed refresh token": refreshed["refresh_token"], "API key": key,
            "API key secret part": key.split("_", 2)[-1],
        }
        wanted = {"login", "login_failed", "api_key_created", "role_changed"}
        deadline = time.monotonic() + 3
        while True:
            log = server.log_text() + server.stdout_text()
            actions = {event.get("action") for event in audit_events(log)}
            if wanted <= actions or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        leaked = [name for name, value in secrets_used.items() if value in log]
        assert not leaked, f"the server log contains: {', '.join(leaked)}"
        assert wanted <= actions, f"audit actions {sorted(a for a in actions if a)} lack {sorted(wanted - actions)}"
        for event in audit_events(log):
            assert isinstance(event.get("action"), str), event


def test_bootstrap_admin_with_a_random_password(launch_server):
    with launch_server(env={"TRADING_ADMIN_PASSWORD": None}) as server:
        log, stdout = server.log_text(), server.stdout_text()
        candidates = []
        for line in (log + stdout).splitlines():
            if "password" in line.lower():
                candidates += [word for word in re.findall(r"[A-Za-z0-9_\-]{16,}", line) if word not in candidates]
        candidates.sort(key=lambda word: len(word) != 24)  # 18 random bytes in base64url first
        assert TEST_ADMIN_PASSWORD not in log
        api = Api(server.base_url)
        assert_error(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD), 401, "INVALID_CREDENTIALS")
        password = None
        for candidate in candidates[:5]:
            if login_response(api, ADMIN_USERNAME, candidate).status_code == 200:
                password = candidate
                break
        assert password, f"no generated admin password found in the start-up output:\n{log[-3000:]}\n{stdout}"
        assert (log + stdout).count(password) == 1, "the generated password is printed exactly once"
        # Standard output, apart from the JSON log lines on standard error: the password is
        # shown to the operator once and never enters a log stream.
        assert password in stdout and password not in log, "the generated password belongs on stdout only"
        tokens = login(api, ADMIN_USERNAME, password)
        assert decode_access_token(tokens.access)["role"] == "admin"


# --------------------------------------------------------------------------- CLI


def cli_env(workdir: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("TRADING_")}
    env["TRADING_DATA_DIR"] = str(workdir / "data")
    return env


def run_user_create(binary: Path, workdir: Path, database: str, username: str, role: str,
                    password: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(binary), "user", "create", "--username", username, "--role", role, "--database", database],
        input=password + "\n", capture_output=True, text=True, timeout=60, cwd=workdir, env=cli_env(workdir))


def test_cli_user_create(server_binary, launch_server):
    with tempfile.TemporaryDirectory(prefix="trading-cli-") as folder:
        workdir = Path(folder)
        database = f"sqlite:{workdir / 'cli.db'}"
        username, password = new_username("cli"), new_password()
        result = run_user_create(server_binary, workdir, database, username, "trader", password)
        assert result.returncode == 0, f"exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
        assert password not in result.stdout + result.stderr, "the CLI echoes the password"

        again = run_user_create(server_binary, workdir, database, username, "viewer", new_password())
        assert again.returncode != 0, f"duplicate username accepted:\n{again.stdout}\n{again.stderr}"
        assert (again.stdout + again.stderr).strip(), "no message for the duplicate username"

        with launch_server("--database", database) as server:
            api = Api(server.base_url)
            tokens = login(api, username, password)
            assert decode_access_token(tokens.access)["role"] == "trader"
            me = assert_status(api.with_token(tokens.access).get(ME), 200)
            assert (me["username"], me["role"]) == (username, "trader"), me
            # The database had a user, so no admin was bootstrapped.
            assert_error(login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD), 401, "INVALID_CREDENTIALS")


# --------------------------------------------------------------------------- PostgreSQL outage


POSTGRES_URL = os.environ.get("TRADING_TEST_POSTGRES_URL")
POSTGRES_DIR = os.environ.get("TRADING_TEST_POSTGRES_DIR")
POSTGRES_SCRIPT = ROOT / "scripts" / "postgres-test-server.sh"


def postgres_control(command: str) -> None:
    subprocess.run([str(POSTGRES_SCRIPT), command, POSTGRES_DIR], check=True, capture_output=True, timeout=60)


def psql(sql: str) -> None:
    subprocess.run(["psql", POSTGRES_URL, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True,
                   capture_output=True, timeout=30)


@pytest.mark.timeout(120)
@pytest.mark.skipif(not (POSTGRES_URL and POSTGRES_DIR),
                    reason="needs TRADING_TEST_POSTGRES_URL and TRADING_TEST_POSTGRES_DIR (scripts/test.sh sets them)")
def test_postgres_outage_fails_fast_and_recovers(launch_server):
    schema = f"ext_security_{uuid.uuid4().hex[:10]}"
    psql(f"CREATE SCHEMA {schema}")
    url = POSTGRES_URL + ("&" if "?" in POSTGRES_URL else "?") + f"options=-csearch_path%3D{schema}"
    try:
        with launch_server("--database", url, "--login-rate-limit", "1000") as server:
            api = Api(server.base_url)
            login(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
            assert api.get("/health/ready").status_code == 200
            postgres_control("pause")
            try:
                started = time.monotonic()
                try:
                    response = login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD, timeout=5)
                except requests.Timeout:
                    pytest.fail("login hung while the database was down")
                elapsed = time.monotonic() - started
                assert_error(response, 503, "SERVICE_UNAVAILABLE")
                assert elapsed < 2, f"login took {elapsed:.2f} s to fail"
                ready = api.get("/health/ready", timeout=5)
                assert ready.status_code == 503, describe(ready)
                assert ready.json()["components"]["database"]["status"] == "unhealthy", ready.text
            finally:
                postgres_control("resume")
            deadline = time.monotonic() + 10
            while True:
                ready = api.get("/health/ready", timeout=5)
                response = login_response(api, ADMIN_USERNAME, TEST_ADMIN_PASSWORD, timeout=5) \
                    if ready.status_code == 200 else None
                if response is not None and response.status_code == 200:
                    break
                assert time.monotonic() < deadline, \
                    f"not recovered 10 s after resume: {describe(ready)}; {response and describe(response)}"
                time.sleep(0.25)
            server.assert_alive()
    finally:
        try:
            psql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        except (subprocess.SubprocessError, OSError):
            pass
