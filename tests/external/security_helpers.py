"""Helpers shared by the security tests (test_auth_tokens.py, test_accounts.py,
test_rate_limits.py, test_access_rules.py, test_role_matrix.py, test_ws_security.py): the
fixed test secrets that conftest.py gives every server, the paths they use most, a small HTTP
client that carries credentials, error-body checks, user and token helpers, and the
operations of openapi.yaml."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import jwt
import requests
import yaml

# Every ServerProcess gets these unless a test overrides them (see conftest.py).
TEST_JWT_SECRET = "ext-test-jwt-secret-3f9a1c7e5b2d48e6a0c4f8b1d9e7"
assert len(TEST_JWT_SECRET) == 48
ADMIN_USERNAME = "admin"
TEST_ADMIN_PASSWORD = "admin-password-123"

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"

ROLE_LEVELS = {"viewer": 10, "trader": 50, "admin": 100}
DUMMY_UUID = "00000000-0000-4000-8000-000000000000"
DUMMY_SYMBOL = "BTC-USDT"
DUMMY_TICKER = "005930"
REQUEST_TIMEOUT = 10.0
ACCESS_TOKEN_SECONDS = 1800

ME = "/api/v1/auth/me"
USERS = "/api/v1/users"
KEYS = "/api/v1/api-keys"
LOGOUT = "/api/v1/auth/logout"
# A trader operation that answers something other than 401/403 for a trader (the strategy
# does not exist) and 403 for a viewer.
TRADER_ONLY = ("POST", f"/api/v1/strategies/{DUMMY_UUID}/start")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

_NO_BODY = object()


# --------------------------------------------------------------------------- HTTP client


class Api:
    """A keep-alive HTTP client for one server, optionally carrying a bearer token or an
    API key. It ignores proxy settings of the environment."""

    def __init__(self, base_url: str, *, token: str | None = None, api_key: str | None = None,
                 headers: dict[str, str] | None = None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.api_key = api_key
        self.extra_headers = dict(headers or {})
        self.session = requests.Session()
        self.session.trust_env = False

    def with_token(self, token: str | None) -> "Api":
        return Api(self.base_url, token=token, headers=self.extra_headers)

    def with_key(self, api_key: str) -> "Api":
        return Api(self.base_url, api_key=api_key, headers=self.extra_headers)

    def anonymous(self) -> "Api":
        return Api(self.base_url, headers=self.extra_headers)

    def close(self) -> None:
        self.session.close()

    def call(self, method: str, path: str, body=_NO_BODY, *, headers: dict[str, str] | None = None,
             timeout: float = REQUEST_TIMEOUT) -> requests.Response:
        all_headers = dict(self.extra_headers)
        if self.token is not None:
            all_headers["Authorization"] = f"Bearer {self.token}"
        if self.api_key is not None:
            all_headers["X-API-Key"] = self.api_key
        data = None
        if body is not _NO_BODY:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            all_headers.setdefault("Content-Type", "application/json")
        all_headers.update(headers or {})
        return self.session.request(method, self.base_url + path, data=data, headers=all_headers,
                                    timeout=timeout, allow_redirects=False)

    def get(self, path: str, **options) -> requests.Response:
        return self.call("GET", path, **options)

    def post(self, path: str, body=_NO_BODY, **options) -> requests.Response:
        return self.call("POST", path, body, **options)

    def patch(self, path: str, body=_NO_BODY, **options) -> requests.Response:
        return self.call("PATCH", path, body, **options)

    def delete(self, path: str, body=_NO_BODY, **options) -> requests.Response:
        return self.call("DELETE", path, body, **options)


def describe(response: requests.Response) -> str:
    return f"{response.request.method} {response.request.path_url} -> {response.status_code}: {response.text[:400]!r}"


def assert_status(response: requests.Response, status: int) -> dict:
    assert response.status_code == status, f"expected {status}, got {describe(response)}"
    try:
        return response.json()
    except ValueError:
        return {}


def assert_error(response: requests.Response, status: int, code: str | None = None) -> dict:
    """The response is `status` with an error body `{code, message, ...}` (and `code`)."""
    assert response.status_code == status, f"expected {status} {code or ''}, got {describe(response)}"
    assert (response.headers.get("Content-Type") or "").startswith("application/json"), describe(response)
    body = response.json()
    assert isinstance(body, dict) and isinstance(body.get("code"), str) and isinstance(body.get("message"), str), \
        f"not an error body: {describe(response)}"
    if code is not None:
        assert body["code"] == code, f"expected code {code}, got {describe(response)}"
    return body


def assert_not_denied(response: requests.Response) -> None:
    assert response.status_code not in (401, 403), f"expected to be let through, got {describe(response)}"


def parse_time(text: str) -> datetime:
    stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert stamp.tzinfo is not None, text
    return stamp


def assert_security_headers(response: requests.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name, "").lower() == value.lower(), \
            f"{name} is {response.headers.get(name)!r}, not {value!r}, on {describe(response)}"


# --------------------------------------------------------------------------- users and tokens


@dataclass
class Tokens:
    access: str
    refresh: str
    body: dict


@dataclass
class User:
    id: str
    username: str
    password: str
    role: str


def new_password() -> str:
    return "pw-" + secrets.token_hex(12)


def new_username(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


def login_response(api: Api, username: str, password: str, **options) -> requests.Response:
    return api.anonymous().post("/api/v1/auth/login", {"username": username, "password": password}, **options)


def login(api: Api, username: str, password: str) -> Tokens:
    response = login_response(api, username, password)
    body = assert_status(response, 200)
    return Tokens(body["access_token"], body["refresh_token"], body)


def refresh_response(api: Api, refresh_token: str) -> requests.Response:
    return api.anonymous().post("/api/v1/auth/refresh", {"refresh_token": refresh_token})


def admin_api(base_url: str, password: str = TEST_ADMIN_PASSWORD) -> Api:
    """A client logged in as the bootstrap admin."""
    api = Api(base_url)
    return api.with_token(login(api, ADMIN_USERNAME, password).access)


def create_user(admin: Api, role: str, prefix: str | None = None, password: str | None = None) -> User:
    username = new_username(prefix or role)
    password = password or new_password()
    body = assert_status(admin.post("/api/v1/users", {"username": username, "password": password, "role": role}), 201)
    assert body["username"] == username and body["role"] == role, body
    return User(body["id"], username, password, role)


def user_api(admin: Api, role: str, prefix: str | None = None) -> tuple[Api, User, Tokens]:
    """A new user of `role`, logged in: (client with its access token, user, tokens)."""
    user = create_user(admin, role, prefix)
    tokens = login(admin, user.username, user.password)
    return admin.with_token(tokens.access), user, tokens


def decode_access_token(token: str, secret: str = TEST_JWT_SECRET) -> dict:
    return jwt.decode(token, secret, algorithms=["HS256"])


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_json(value: dict) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def unverified_parts(token: str) -> tuple[dict, dict, str]:
    header, payload, signature = token.split(".")
    padding = lambda text: text + "=" * (-len(text) % 4)  # noqa: E731
    return (json.loads(base64.urlsafe_b64decode(padding(header))),
            json.loads(base64.urlsafe_b64decode(padding(payload))), signature)


def hmac_token(header: dict, payload: dict, key: bytes, digest=hashlib.sha256) -> str:
    signing_input = f"{b64url_json(header)}.{b64url_json(payload)}"
    signature = hmac.new(key, signing_input.encode(), digest).digest()
    return f"{signing_input}.{b64url(signature)}"


# --------------------------------------------------------------------------- the spec


HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    role: str | None
    rate_class: str | None
    body_required: bool
    path_parameters: tuple[tuple[str, str], ...]  # (name, format)

    @property
    def name(self) -> str:
        return f"{self.method} {self.template}"

    @property
    def path(self) -> str:
        """The template with plausible dummy values for its path parameters."""
        formats = dict(self.path_parameters)

        def value(match: re.Match) -> str:
            name = match.group(1)
            if name == "symbol":
                return DUMMY_SYMBOL
            if name == "ticker":
                return DUMMY_TICKER
            if name == "id" or name.endswith("_id") or formats.get(name) == "uuid":
                return DUMMY_UUID
            raise AssertionError(f"{self.name}: no dummy value for path parameter {name!r}")

        return re.sub(r"\{([^}]+)\}", value, self.template)


def load_spec(path: Path = SPEC_PATH) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _resolve(spec: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        target = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def spec_operations(spec: dict) -> list[Operation]:
    """Every operation of the spec, in document order."""
    operations = []
    for template, item in spec["paths"].items():
        item = _resolve(spec, item)
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = []
            for parameter in [*shared, *operation.get("parameters", [])]:
                parameter = _resolve(spec, parameter)
                if parameter.get("in") == "path":
                    schema = _resolve(spec, parameter.get("schema", {}))
                    parameters.append((parameter["name"], schema.get("format", "")))
            body = _resolve(spec, operation.get("requestBody", {})) if operation.get("requestBody") else None
            operations.append(Operation(
                method=method.upper(), template=template, role=operation.get("x-required-role"),
                rate_class=operation.get("x-rate-class"), body_required=bool(body and body.get("required")),
                path_parameters=tuple(parameters)))
    return operations
