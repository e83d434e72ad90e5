"""Black-box tests of account hardening: changing one's own password needs the current one
and ends the other sessions only; API keys cannot mint API keys; usernames are unique
whatever their case (logins are case-exact); JSON bodies and WebSocket messages that name a
member twice are refused.

The tests share one dedicated server (`sec`, see conftest.py), each with users of its own;
the rate-limit test starts its own server with a tiny login limit."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from security_helpers import (ADMIN_USERNAME, KEYS, ME, USERS, Api, admin_api, assert_error, assert_status, create_user,
                              login, login_response, new_password, new_username, refresh_response, user_api)
from wire import run
from ws_client import open_trading, recv_json, ws_connect

LOGIN = "/api/v1/auth/login"


def own_admin(admin: Api, prefix: str):
    """A new admin, logged in once: (client with its access token, user, tokens)."""
    return user_api(admin, "admin", prefix)


def details(body: dict) -> dict[str, str]:
    return {issue["field"]: issue["message"] for issue in body.get("details", [])}


# --------------------------------------------------------------------------- own password


def test_changing_ones_own_password_needs_the_current_one(sec, admin):
    client, user, _ = own_admin(admin, "ownpw")
    new = new_password()
    missing = assert_error(client.patch(f"{USERS}/{user.id}", {"password": new}), 401, "INVALID_CREDENTIALS")
    assert "current_password" in missing["message"], missing
    wrong = assert_error(client.patch(f"{USERS}/{user.id}", {"password": new, "current_password": "not-my-password"}),
                         401, "INVALID_CREDENTIALS")
    assert "current_password" in wrong["message"], wrong
    # Nothing changed: the old password still logs in, the new one does not.
    login(admin, user.username, user.password)
    assert_error(login_response(admin, user.username, new), 401, "INVALID_CREDENTIALS")

    assert_status(client.patch(f"{USERS}/{user.id}", {"password": new, "current_password": user.password}), 200)
    login(admin, user.username, new)
    assert_error(login_response(admin, user.username, user.password), 401, "INVALID_CREDENTIALS")


def test_an_api_key_changing_its_owners_password_also_needs_the_current_one(sec, admin):
    client, user, _ = own_admin(admin, "keypw")
    keyed = client.with_key(assert_status(client.post(KEYS, {"name": "ops", "role": "admin"}), 201)["key"])
    assert_error(keyed.patch(f"{USERS}/{user.id}", {"password": new_password()}), 401, "INVALID_CREDENTIALS")
    new = new_password()
    assert_status(keyed.patch(f"{USERS}/{user.id}", {"password": new, "current_password": user.password}), 200)
    login(admin, user.username, new)


def test_own_password_change_ends_the_other_sessions_and_keeps_the_callers(sec, admin):
    client, user, current = own_admin(admin, "sessions")
    other = login(admin, user.username, user.password)
    other_client = admin.with_token(other.access)
    key = assert_status(client.post(KEYS, {"name": "bot", "role": "viewer"}), 201)["key"]
    assert_status(other_client.get(ME), 200)  # cached before the change, so the cache must drop it

    assert_status(client.patch(f"{USERS}/{user.id}", {"password": new_password(), "current_password": user.password}), 200)

    assert_status(client.get(ME), 200)
    assert_error(other_client.get(ME), 401, "INVALID_TOKEN")
    assert_error(refresh_response(admin, other.refresh), 401, "INVALID_TOKEN")
    renewed = assert_status(refresh_response(admin, current.refresh), 200)
    assert_status(admin.with_token(renewed["access_token"]).get(ME), 200)
    # API keys are not sessions: they stay until revoked.
    assert_status(admin.with_key(key).get(ME), 200)


def test_an_admin_changes_another_users_password_without_the_current_one(sec, admin):
    client, user, tokens = user_api(admin, "trader", "reset")
    new = new_password()
    assert_status(admin.patch(f"{USERS}/{user.id}", {"password": new}), 200)
    assert_error(client.get(ME), 401, "INVALID_TOKEN")
    assert_error(refresh_response(admin, tokens.refresh), 401, "INVALID_TOKEN")
    login(admin, user.username, new)


def test_wrong_current_passwords_count_against_the_login_limit(launch_server):
    with launch_server("--login-rate-limit", "3") as server:
        root = admin_api(server.base_url)
        user = create_user(root, "admin", "guessed")
        client = root.with_token(login(root, user.username, user.password).access)  # 1 of 3
        for _ in range(2):
            assert_error(client.patch(f"{USERS}/{user.id}", {"password": new_password(), "current_password": "guess-1234"}),
                         401, "INVALID_CREDENTIALS")
        limited = client.patch(f"{USERS}/{user.id}", {"password": new_password(), "current_password": user.password})
        assert_error(limited, 429, "RATE_LIMITED")
        assert limited.headers.get("Retry-After"), limited.headers
        assert_error(login_response(root, user.username, user.password), 429, "RATE_LIMITED")


# --------------------------------------------------------------------------- API keys


def test_an_api_key_cannot_create_api_keys(sec, admin):
    client, user, _ = user_api(admin, "viewer", "minter")
    parent = assert_status(client.post(KEYS, {"name": "parent", "role": "viewer"}), 201)
    keyed = client.with_key(parent["key"])
    refused = assert_error(keyed.post(KEYS, {"name": "child", "role": "viewer"}), 403, "INSUFFICIENT_PERMISSION")
    assert "API key" in refused["message"], refused
    assert [item["id"] for item in assert_status(client.get(KEYS), 200)["api_keys"]] == [parent["id"]]
    # Not even an admin's admin key.
    admin_key = assert_status(admin.post(KEYS, {"name": "root-key", "role": "admin"}), 201)["key"]
    assert_error(admin.with_key(admin_key).post(KEYS, {"name": "child", "role": "viewer"}), 403, "INSUFFICIENT_PERMISSION")


def test_a_revoked_key_is_refused_at_once_even_just_after_use(sec, admin):
    client, _, _ = user_api(admin, "viewer", "revoked")
    created = assert_status(client.post(KEYS, {"name": "short", "role": "viewer"}), 201)
    keyed = client.with_key(created["key"])
    assert_status(keyed.get(ME), 200)
    assert_status(client.delete(f"{KEYS}/{created['id']}"), 200)
    assert_error(keyed.get(ME), 401, "INVALID_TOKEN")


def test_deleting_a_user_ends_their_keys_at_once(sec, admin):
    client, user, _ = user_api(admin, "trader", "gone")
    keyed = client.with_key(assert_status(client.post(KEYS, {"name": "bot", "role": "trader"}), 201)["key"])
    assert_status(keyed.get(ME), 200)
    assert_status(admin.delete(f"{USERS}/{user.id}"), 200)
    assert_error(keyed.get(ME), 401, "INVALID_TOKEN")


# --------------------------------------------------------------------------- usernames


def test_usernames_differing_only_in_case_are_a_conflict(sec, admin):
    username = new_username("Case")
    create_user_body = {"password": new_password(), "role": "viewer"}
    assert_status(admin.post(USERS, {"username": username, **create_user_body}), 201)
    for variant in (username.lower(), username.upper(), username.swapcase()):
        assert_error(admin.post(USERS, {"username": variant, **create_user_body}), 409, "CONFLICT")
    assert_error(admin.post(USERS, {"username": ADMIN_USERNAME.upper(), **create_user_body}), 409, "CONFLICT")
    names = [user["username"].lower() for user in assert_status(admin.get(USERS + "?limit=1000"), 200)["users"]]
    assert names.count(username.lower()) == 1, names


def test_logins_are_case_exact(sec, admin):
    user = create_user(admin, "viewer", "Exact")
    login(admin, user.username, user.password)
    for variant in (user.username.lower(), user.username.upper()):
        assert_error(login_response(admin, variant, user.password), 401, "INVALID_CREDENTIALS")


def test_the_cli_refuses_usernames_differing_only_in_case_and_non_ascii_ones(server_binary):
    with tempfile.TemporaryDirectory(prefix="trading-cli-case-") as folder:
        workdir = Path(folder)
        env = {name: value for name, value in os.environ.items() if not name.startswith("TRADING_")}
        env["TRADING_DATA_DIR"] = str(workdir / "data")

        def user_create(username: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [str(server_binary), "user", "create", "--username", username, "--role", "viewer",
                 "--database", f"sqlite:{workdir / 'cli.db'}"],
                input=new_password() + "\n", capture_output=True, text=True, timeout=60, cwd=workdir, env=env)

        username = new_username("Cli")
        first = user_create(username)
        assert first.returncode == 0, f"exit {first.returncode}:\n{first.stdout}\n{first.stderr}"
        for refused, reason in [(username.upper(), "whatever their case"), ("émile_" + username, "ASCII")]:
            result = user_create(refused)
            assert result.returncode != 0, f"{refused} accepted:\n{result.stdout}\n{result.stderr}"
            assert reason in result.stderr, result.stderr


# --------------------------------------------------------------------------- duplicate members


def test_a_body_naming_a_member_twice_is_refused(sec, admin):
    body = f'{{"username":"{ADMIN_USERNAME}","password":"wrong-password","username":"nobody"}}'.encode()
    refused = assert_error(admin.anonymous().post(LOGIN, body), 400, "VALIDATION_ERROR")
    assert "body.username" in details(refused), refused
    assert "more than once" in details(refused)["body.username"], refused

    user = create_user(admin, "viewer", "dupe")
    twice = b'{"disabled":false,"disabled":true}'
    refused = assert_error(admin.patch(f"{USERS}/{user.id}", twice), 400, "VALIDATION_ERROR")
    assert list(details(refused)) == ["body.disabled"], refused
    login(admin, user.username, user.password)


@pytest.mark.parametrize("text, field", [
    pytest.param('{"type":"ping","type":"subscribe","channels":["orders"]}', "message.type", id="type-twice"),
    pytest.param('{"type":"subscribe","channels":["all_markets"],"channels":["orders"]}', "message.channels",
                 id="channels-twice"),
])
def test_a_ws_message_naming_a_member_twice_is_invalid(server, text, field):
    async def scenario():
        ws = await open_trading(server)
        try:
            await ws.send(text)
            error = await recv_json(ws)
            assert (error["type"], error["code"]) == ("error", "INVALID_MESSAGE"), error
            assert field in error["message"] and "more than once" in error["message"], error
        finally:
            await ws.close()

    run(scenario())


def test_a_ws_market_request_naming_a_member_twice_is_invalid(server):
    async def scenario():
        async with ws_connect(server, "/ws/market") as ws:
            await ws.send('{"action":"subscribe","channel":"market","symbols":["BTC-USDT"],"symbols":["ETH-USDT"]}')
            error = await recv_json(ws)
            assert error["code"] == "INVALID_MESSAGE", error
            assert "message.symbols" in error["message"] and "more than once" in error["message"], error

    run(scenario())
