"""Black-box tests of access-token claims beyond the signature: `nbf` (RFC 7519 §4.1.5) is
honoured, and the session named by `jti` (`<family>.<random>`) must belong to the token's
subject. Tokens are minted with PyJWT under the servers' fixed test secret.

The tests share one dedicated server (`sec`, see conftest.py), each with users of its own."""

from __future__ import annotations

import secrets
import time

import jwt

from security_helpers import (LOGOUT, ME, TEST_JWT_SECRET, Api, assert_error, assert_status, create_user,
                              decode_access_token, login)


def mint(claims: dict) -> str:
    return jwt.encode(claims, TEST_JWT_SECRET, algorithm="HS256")


def session_of(sec, admin, prefix: str):
    """A new viewer logged in once: (user, claims of its access token)."""
    user = create_user(admin, "viewer", prefix)
    tokens = login(Api(sec.base_url), user.username, user.password)
    return user, decode_access_token(tokens.access)


def test_a_token_not_yet_valid_is_refused(sec, admin):
    _, claims = session_of(sec, admin, "nbf")
    api = Api(sec.base_url)
    now = int(time.time())
    for not_before in (now + 3600, now + 120, now + 5):
        response = api.with_token(mint(dict(claims, nbf=not_before))).get(ME)
        assert_error(response, 401, "INVALID_TOKEN")
        assert "not valid before" in response.json()["message"], response.text
    assert_status(api.with_token(mint(dict(claims, nbf=now - 5))).get(ME), 200)
    assert_status(api.with_token(mint(dict(claims, nbf=claims["iat"]))).get(ME), 200)


def test_a_not_before_claim_that_is_not_a_number_is_refused(sec, admin):
    _, claims = session_of(sec, admin, "nbftype")
    api = Api(sec.base_url)
    for not_before in (str(int(time.time()) - 5), None, [1], {"at": 1}):
        assert_error(api.with_token(mint(dict(claims, nbf=not_before))).get(ME), 401, "INVALID_TOKEN")


def test_a_token_naming_another_users_session_is_refused(sec, admin):
    """With the signing key, a token for Bob that names Ann's refresh family would pass every
    check of the family alone, and Bob's logout would end Ann's session."""
    ann, ann_claims = session_of(sec, admin, "ann")
    bob, bob_claims = session_of(sec, admin, "bob")
    ann_family = ann_claims["jti"].split(".", 1)[0]
    borrowed = mint(dict(bob_claims, jti=f"{ann_family}.{secrets.token_urlsafe(16)}"))
    api = Api(sec.base_url)
    assert_error(api.with_token(borrowed).get(ME), 401, "INVALID_TOKEN")
    assert_error(api.with_token(borrowed).post(LOGOUT), 401, "INVALID_TOKEN")
    # Ann's session is untouched, and Bob's own family still works in a token minted alike.
    assert_status(api.with_token(mint(ann_claims)).get(ME), 200)
    own = mint(dict(bob_claims, jti=f"{bob_claims['jti'].split('.', 1)[0]}.{secrets.token_urlsafe(16)}"))
    me = assert_status(api.with_token(own).get(ME), 200)
    assert me["id"] == bob.id and ann.id != bob.id, me
