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
import zlib
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


@schemathesis.hook("filter_body").apply_to(operation_id="fetchDataset")
def download_range_in_order(ctx, body):
    """`start` after `end` is a range the schema cannot rule out but the server refuses (400
    VALIDATION_ERROR naming `body.start`, as the operation documents): valid data has them in order."""
    if not isinstance(body, dict):
        return True
    start, end = _instant(body.get("start")), _instant(body.get("end"))
    return start is None or end is None or start <= end


@schemathesis.hook("filter_query").apply_to(operation_id="listExecutions")
def execution_days_in_order(ctx, query):
    """`from` after `to` is a range the schema cannot rule out but the server refuses (400
    VALIDATION_ERROR naming `query.from`, as the operation documents): valid data has them in order."""
    if not isinstance(query, dict):
        return True
    start, end = query.get("from"), query.get("to")
    # Both are `format: date` strings, YYYY-MM-DD: in order as text when in order as days.
    return not isinstance(start, str) or not isinstance(end, str) or start <= end


class SymbolUnits:
    """The decimal places of each symbol's tick (price) and lot (quantity) size, read from
    `getMarketPrice`, which renders `price` in the symbol's tick and `volume` in its lot (None
    for a symbol the market does not have)."""

    def __init__(self) -> None:
        self.http = requests.Session()
        self.http.trust_env = False
        self.lock = threading.Lock()
        self.known: dict[str, tuple[int, int] | None] = {}

    def digits(self, symbol: str) -> tuple[int, int] | None:
        with self.lock:
            if symbol not in self.known:
                key, _ = CREDENTIALS.live()
                response = self.http.get(f"{BASE_URL}/api/v1/market/price/{requests.utils.quote(symbol, safe='')}",
                                         headers={"X-API-Key": key}, timeout=TIMEOUT)
                if response.status_code == 200:
                    body = response.json()
                    self.known[symbol] = (_places(body["price"]), _places(body["volume"]))
                else:
                    self.known[symbol] = None
            return self.known[symbol]


SYMBOL_UNITS = SymbolUnits()


def _places(decimal: str) -> int:
    return len(decimal.split(".", 1)[1]) if "." in decimal else 0


def _positive_within(decimal, places: int) -> bool:
    """A positive decimal string with at most `places` decimal places (trailing zeros aside)."""
    if not isinstance(decimal, str) or not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", decimal):
        return True
    whole, _, fraction = decimal.partition(".")
    fraction = fraction.rstrip("0")
    return not decimal.startswith("-") and int(whole + fraction or "0") > 0 and len(fraction) <= places


@schemathesis.hook("filter_body").apply_to(operation_id="createOrder")
def orders_follow_the_documented_rules(ctx, body):
    """What `createOrder` documents but a schema cannot say: `quantity` and `price` no finer than
    the symbol's lot and tick size and `expires_at` in the future (each 422 `ORDER_001`, which
    schemathesis.toml allows for this operation as a state refusal). Fuzzed data follows them so
    that orders get placed, filled and cancelled. The rules the schema states itself (GTD with
    `expires_at` only, no IOC or FOK on a StopLoss or TakeProfit) are left to it, so that
    negative cases still break them."""
    if not isinstance(body, dict):
        return True
    expires_at = body.get("expires_at")
    if expires_at is not None:
        instant = _instant(expires_at)
        if instant is None or instant.tzinfo is None or instant <= datetime.now(instant.tzinfo):
            return False
    units = SYMBOL_UNITS.digits(body["symbol"]) if isinstance(body.get("symbol"), str) else None
    if units is None:
        return True
    price_places, quantity_places = units
    return _positive_within(body.get("quantity"), quantity_places) and (
        "price" not in body or _positive_within(body["price"], price_places))


ALLOCATION_TYPES = ("dual_momentum", "all_weather", "haa")


@schemathesis.hook("map_body").apply_to(operation_id="createStrategy")
def strategies_trade_known_symbols(ctx, body):
    """What `createStrategy` documents but a schema cannot say: the symbols are the market's,
    as many as the type trades and priced in one currency, and `config` holds the type's
    settings (checked against its schema, each refused with 400 naming the field). Generated
    bodies keep their id, type and name and trade known symbols with the defaults, so that the
    instances they make can be started, reconfigured, stopped and deleted."""
    # Only bodies the schema accepts are mapped: a negative case must stay invalid.
    if not _valid_create_strategy(body):
        return body
    mapped = dict(body)
    mapped["symbols"] = ["005930", "000660"] if body["type"] in ALLOCATION_TYPES else ["BTC/USDT"]
    mapped["config"] = {}
    return mapped


@schemathesis.hook("map_body").apply_to(operation_id="updateStrategyConfig")
def strategy_settings_are_the_types(ctx, body):
    """A configuration change holds settings of the strategy's type (others are refused with
    400 naming the field): generated changes set the one setting every type has."""
    if not isinstance(body, dict) or set(body) != {"config"} or not isinstance(body["config"], dict):
        return body  # a negative case stays invalid
    return {"config": {"max_open_orders": 40}}


# The demo market's symbols, in both forms where a pair has two.
WATCHLIST_SYMBOLS = ("BTC/USDT", "btc-usdt", "ETH-USDT", "EUR/USD", "GOOG", "005930", "000660", "035720")
_TRADING_SYMBOL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/\-]{0,31}")


@schemathesis.hook("map_body").apply_to(operation_id="addWatchlistItem")
def watchlist_items_are_known_symbols(ctx, body):
    """`addWatchlistItem` answers a symbol the market does not have with 404 `MARKET_001`, as it
    documents; but right after a group is created, Schemathesis reads any 404 on it as the group
    having vanished (ensure_resource_availability). Generated symbols become the demo market's,
    in either form, so that stateful runs fill groups and then remove what they added; the
    examples and coverage phases, which build bodies past the hooks, still send unknown ones."""
    if not isinstance(body, dict) or set(body) != {"symbol"} or not isinstance(body["symbol"], str) \
            or not _TRADING_SYMBOL.fullmatch(body["symbol"]):
        return body  # a negative case stays invalid
    return {"symbol": WATCHLIST_SYMBOLS[zlib.crc32(body["symbol"].encode()) % len(WATCHLIST_SYMBOLS)]}


def _valid_create_strategy(body) -> bool:
    """True for a `CreateStrategyRequest` the schema accepts (its required members, of their
    kinds, and no other)."""
    if not isinstance(body, dict) or not set(body) <= {"id", "type", "name", "symbols", "config"}:
        return False
    if not all(isinstance(body.get(key), str) for key in ("id", "type", "name")):
        return False
    if not re.fullmatch(r"[a-z0-9_\-]{1,64}", body["id"]) or not 1 <= len(body["name"]) <= 128:
        return False
    symbols = body.get("symbols")
    if not isinstance(symbols, list) or not 1 <= len(symbols) <= 100 or not all(isinstance(item, str) for item in symbols):
        return False
    return "config" not in body or isinstance(body["config"], dict)
