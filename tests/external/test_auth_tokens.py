"""Black-box tests of logging in and of the tokens it issues: the HS256 access token (checked
with PyJWT), `/auth/me`, forged and expired tokens, refresh-token rotation with reuse
detection, and logout.

The tests share one dedicated server (`sec`, see conftest.py), each with users of its own."""

from __future__ import annotations

import hashlib
import secrets
import time

import jwt

from security_helpers import (ACCESS_TOKEN_SECONDS, ADMIN_USERNAME, KEYS, LOGOUT, ME, TEST_ADMIN_PASSWORD,
                              TEST_JWT_SECRET, TRADER_ONLY, USERS, Api, assert_error, assert_security_headers,
                              assert_status, b64url_json, create_user, decode_access_token, hmac_token, login,
                              login_response, new_username, parse_time, refresh_response, unverified_parts,
                              user_api)


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
