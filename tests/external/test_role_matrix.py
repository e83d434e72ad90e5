"""The role matrix, generated from openapi.yaml: every operation is called as anonymous,
viewer, trader and admin (bearer tokens of users made through the admin API; admin is the
bootstrap admin) on a dedicated server with rate limits out of the way.

For `x-required-role: public` no caller gets 401 or 403. Otherwise anonymous gets 401
MISSING_TOKEN, a caller below the role gets 403 INSUFFICIENT_PERMISSION, and a caller at or
above it gets neither 401 nor 403 (any other answer is fine: 400, 404, 501 ...). Path
parameters get dummy values (ids the nil-like UUID, symbols BTC-USDT, tickers 005930), so
the destructive admin operations only touch things that do not exist."""

from __future__ import annotations

import pytest

from security_helpers import (ADMIN_USERNAME, ROLE_LEVELS, TEST_ADMIN_PASSWORD, Api, admin_api, assert_error,
                              describe, load_spec, login, spec_operations, user_api)

SPEC = load_spec()
OPERATIONS = spec_operations(SPEC)
CALLERS = ("anonymous", "viewer", "trader", "admin")
LOGOUT = ("POST", "/api/v1/auth/logout")

# Operations whose test ran in this session (checked by the last test of this file).
COVERED: set[str] = set()


class Matrix:
    """The dedicated server, the three users and their passwords."""

    def __init__(self, server):
        self.server = server
        self.admin = admin_api(server.base_url)
        self.anonymous = Api(server.base_url)
        self.clients: dict[str, Api] = {"anonymous": self.anonymous, "admin": self.admin}
        self.credentials: dict[str, tuple[str, str]] = {}
        for role in ("viewer", "trader"):
            client, user, _ = user_api(self.admin, role, prefix=f"matrix_{role}")
            self.clients[role] = client
            self.credentials[role] = (user.username, user.password)

    def fresh_session(self, caller: str) -> Api:
        """A client with a new session of `caller`, for operations that end their session."""
        if caller == "anonymous":
            return self.anonymous
        if caller == "admin":
            username, password = ADMIN_USERNAME, TEST_ADMIN_PASSWORD
        else:
            username, password = self.credentials[caller]
        return self.anonymous.with_token(login(self.anonymous, username, password).access)


@pytest.fixture(scope="module")
def matrix(launch_server):
    with launch_server("--rate-limit-per-minute", "100000", "--login-rate-limit", "1000") as server:
        yield Matrix(server)
        server.assert_alive()


def call(matrix: Matrix, caller: str, operation):
    client = matrix.fresh_session(caller) if (operation.method, operation.template) == LOGOUT \
        else matrix.clients[caller]
    body = {} if operation.body_required else None
    if body is None:
        return client.call(operation.method, operation.path)
    return client.call(operation.method, operation.path, body)


@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.name for operation in OPERATIONS])
def test_role_matrix(matrix, operation):
    assert operation.role in ("public", *ROLE_LEVELS), \
        f"{operation.name}: x-required-role is {operation.role!r}, not public/viewer/trader/admin"
    problems = []
    for caller in CALLERS:
        response = call(matrix, caller, operation)
        try:
            if operation.role == "public":
                assert response.status_code not in (401, 403), \
                    f"public operation refused {caller}: {describe(response)}"
            elif caller == "anonymous":
                assert_error(response, 401, "MISSING_TOKEN")
            elif ROLE_LEVELS[caller] < ROLE_LEVELS[operation.role]:
                assert_error(response, 403, "INSUFFICIENT_PERMISSION")
            else:
                assert response.status_code not in (401, 403), \
                    f"{caller} may call a {operation.role} operation: {describe(response)}"
        except AssertionError as error:
            problems.append(f"{caller}: {error}")
    matrix.server.assert_alive()
    COVERED.add(operation.name)
    assert not problems, f"{operation.name} (x-required-role {operation.role}):\n" + "\n".join(problems)


def count_operations_in_spec() -> int:
    """An independent count: every HTTP-method key under every path item."""
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    return sum(1 for item in SPEC["paths"].values() for key in item if key.lower() in methods)


def test_role_matrix_covers_every_operation(request, capsys):
    """Keep this test last in the file: it checks the tests above left no operation out."""
    total = count_operations_in_spec()
    names = [operation.name for operation in OPERATIONS]
    assert len(names) == len(set(names)) == total, (len(names), len(set(names)), total)
    selected = {item.callspec.params["operation"].name for item in request.session.items
                if item.originalname == "test_role_matrix" and item.module is request.module}
    message = (f"role matrix: {len(OPERATIONS)} of {total} operations generated from openapi.yaml, "
               f"{len(selected)} selected, {len(COVERED)} checked (each as {', '.join(CALLERS)})")
    with capsys.disabled():
        print(f"\n{message}")
    # Operations whose test failed are not in COVERED; those tests fail on their own.
    assert selected <= set(names)
