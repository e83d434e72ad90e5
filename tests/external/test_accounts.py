"""Black-box tests of accounts: user management by an admin, disabling users, role changes
taking effect at once, roles coming from the account rather than the token, and API keys
(lifecycle, role ceiling, per-owner listing).

The tests share one dedicated server (`sec`, see conftest.py), each with users of its own."""

from __future__ import annotations

import jwt

from security_helpers import (ADMIN_USERNAME, DUMMY_UUID, KEYS, ME, TEST_JWT_SECRET, TRADER_ONLY, USERS,
                              assert_error, assert_not_denied, assert_status, decode_access_token, login,
                              login_response, new_password, new_username, parse_time, refresh_response, user_api)


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


def test_an_admin_cannot_disable_demote_or_delete_itself(sec, admin):
    """A conflict with the caller's own account (409), so an enabled admin always remains."""
    me = assert_status(admin.get(ME), 200)
    for change in ({"disabled": True}, {"role": "trader"}, {"role": "viewer", "disabled": False}):
        assert_error(admin.patch(f"{USERS}/{me['id']}", change), 409, "CONFLICT")
    assert_error(admin.delete(f"{USERS}/{me['id']}"), 409, "CONFLICT")
    after = assert_status(admin.get(ME), 200)
    assert (after["role"], after["disabled"]) == ("admin", False), after
    assert_status(admin.patch(f"{USERS}/{me['id']}", {"role": "admin", "disabled": False}), 200)


def test_an_empty_user_change_is_refused(sec, admin):
    me = assert_status(admin.get(ME), 200)
    assert_error(admin.patch(f"{USERS}/{me['id']}", {}), 400, "VALIDATION_ERROR")


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


def test_an_api_key_expiring_now_or_before_is_a_conflict(sec, admin):
    """An expiry that is not in the future conflicts with the current time (409); no key is made."""
    client, _, _ = user_api(admin, "viewer", "late_key")
    for expires_at in ("2020-01-01T00:00:00Z", "1970-01-01T00:00:00Z"):
        assert_error(client.post(KEYS, {"name": "late", "role": "viewer", "expires_at": expires_at}), 409, "CONFLICT")
    assert assert_status(client.get(KEYS), 200)["api_keys"] == []
    future = assert_status(client.post(KEYS, {"name": "later", "role": "viewer", "expires_at": "2099-01-01T00:00:00Z"}), 201)
    assert future["expires_at"].startswith("2099-01-01T00:00:00"), future


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
