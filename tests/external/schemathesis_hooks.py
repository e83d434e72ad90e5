"""Schemathesis hooks (loaded through schemathesis.toml): every request is authenticated
as the bootstrap admin, so that every operation is reachable: with an admin-role API key,
except `POST /api/v1/api-keys`, which an API key may not call (403) and which therefore
gets the admin's access token.

Schemathesis calls every operation with the credential it is given, so the credential must
outlive what those calls do. Logging out does nothing to an API key, the admin cannot
disable, demote or delete itself (409 CONFLICT), and it cannot change its own password
without the current one (which Schemathesis never sees); but `DELETE /api-keys/{id}` revokes
keys, the admin's among them. So the provider keeps:

- an access token of its own session (Schemathesis never sees it, so never logs it out),
  logged in again should it ever stop working;
- four admin API keys, created with that session (an API key cannot create API keys):
  requests carry the first; a revoked key is replaced with a new one.

The provider checks them every second and at once when a request is answered 401
(Schemathesis then asks again and replays the request).

The server address and the admin password come from TRADING_TEST_BASE_URL and
TRADING_ADMIN_PASSWORD (tests/external/schemathesis_run.py sets both).
"""

from __future__ import annotations

import os
import re
import threading
from datetime import datetime

import requests
import schemathesis

BASE_URL = os.environ["TRADING_TEST_BASE_URL"].rstrip("/")
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = os.environ["TRADING_ADMIN_PASSWORD"]
TIMEOUT = 10.0
# Admin keys kept alive at once, so that a request rarely finds its key just revoked.
KEY_COUNT = 4


class AdminCredentials:
    """An admin session and the admin API keys made with it."""

    def __init__(self) -> None:
        self.http = requests.Session()
        self.http.trust_env = False
        self.lock = threading.Lock()
        self.keys: list[str] = []
        self.access_token: str | None = None
        self.created = 0

    def live(self) -> tuple[str, str]:
        """A working admin API key and the working access token."""
        with self.lock:
            if self.access_token is None or not self._works(self._bearer()):
                self._log_in()
            keys = [key for key in self.keys if self._works({"X-API-Key": key})]
            while len(keys) < KEY_COUNT:
                keys.append(self._create_key())
            self.keys = keys
            return keys[0], self.access_token

    def _bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}

    def _works(self, credential: dict[str, str]) -> bool:
        response = self.http.get(f"{BASE_URL}/api/v1/auth/me", headers=credential, timeout=TIMEOUT)
        return response.status_code == 200 and response.json().get("role") == "admin"

    def _log_in(self) -> None:
        response = self.http.post(f"{BASE_URL}/api/v1/auth/login",
                                  json={"username": ADMIN_USERNAME, "password": ADMIN_PASSWORD}, timeout=TIMEOUT)
        if response.status_code != 200:
            raise RuntimeError(f"the admin cannot log in: {response.status_code} {response.text}")
        self.access_token = response.json()["access_token"]

    def _create_key(self) -> str:
        self.created += 1
        response = self.http.post(f"{BASE_URL}/api/v1/api-keys", headers=self._bearer(),
                                  json={"name": f"schemathesis-admin-{self.created}", "role": "admin"}, timeout=TIMEOUT)
        if response.status_code != 201:
            raise RuntimeError(f"could not create an admin API key: {response.status_code} {response.text}")
        return response.json()["key"]


CREDENTIALS = AdminCredentials()


# The operations an API key may not call: they get the admin's access token instead.
SESSION_ONLY = {("POST", "/api/v1/api-keys")}


@schemathesis.auth(refresh_interval=1)
class AdminCredential:
    """Sends the admin's live API key as X-API-Key, or its access token where a key is refused."""

    def get(self, case, context):
        return CREDENTIALS.live()

    def set(self, case, data, context):
        key, token = data
        case.headers = case.headers or {}
        if (case.operation.method.upper(), case.operation.path) in SESSION_ONLY:
            case.headers["Authorization"] = f"Bearer {token}"
        else:
            case.headers["X-API-Key"] = key


def _instant(text):
    """An RFC 3339 date-time as an aware datetime (as the server reads it: `t` or a space for
    `T`, `z` for `Z`, a leap second as :59); None for anything else."""
    if not isinstance(text, str) or len(text) < 20:
        return None
    normalized = text[:10] + "T" + text[11:17] + ("59" if text[17:19] == "60" else text[17:19]) + text[19:]
    if normalized[-1] in "Zz":
        normalized = normalized[:-1] + "+00:00"
    # Python reads at most microseconds; the server, milliseconds.
    normalized = re.sub(r"\.(\d{1,6})\d*", r".\1", normalized)
    try:
        return datetime.fromisoformat(normalized)
    except ValueError:
        return None


@schemathesis.hook("filter_query").apply_to(operation_id="getMarketHistory")
def history_range_in_order(ctx, query):
    """`start` after `end` is a range the schema cannot rule out but the server refuses (400
    VALIDATION_ERROR naming `query.start`, as the operation documents): valid data has them in order."""
    if not isinstance(query, dict):
        return True
    start, end = _instant(query.get("start")), _instant(query.get("end"))
    return start is None or end is None or start <= end
