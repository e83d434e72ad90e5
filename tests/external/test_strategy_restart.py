"""Restart safety of the strategies: a running grid killed with SIGKILL resumes after the
restart where it was (running, its state and counters kept), places no order twice (one
working order a grid level at most, the same ones as before the kill), and its position
equals the sum of its fills, on SQLite and, when `make test` runs a throwaway PostgreSQL, on
PostgreSQL."""

from __future__ import annotations

import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ServerProcess
from security_helpers import admin_api
from test_crash_safety import BACKENDS, _postgres_url

STRATEGY = "grid_restart"
STATUSES = "Pending,Open,PartiallyFilled,Filled,Cancelled,Rejected,Expired"


def _working(api) -> list[dict]:
    response = api.get(f"/api/v1/orders?strategy_id={STRATEGY}&limit=1000")
    assert response.status_code == 200, response.text
    return response.json()["orders"]


@pytest.mark.timeout(300)
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_killed_grid_resumes_without_placing_an_order_twice(backend):
    database = None
    if backend == "postgres":
        database = _postgres_url("strategy_" + uuid.uuid4().hex[:12])
        if database is None:
            pytest.skip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
    with tempfile.TemporaryDirectory(prefix="trading-server-strategy-") as workdir:
        env = {"TRADING_DATABASE": database} if database else {}
        server = ServerProcess(Path(workdir), extra_args=["--feed-tick-ms", "50", "--market-publish-ms", "50"], extra_env=env)
        server.start()
        api = admin_api(server.base_url)
        created = api.post("/api/v1/strategies", {
            "id": STRATEGY, "type": "grid", "name": "Restart grid", "symbols": ["ETH/USDT"],
            # The smallest reset threshold: a price that runs away upward re-anchors the grid, so
            # a buy level is never left far behind and the first fill does not hang on the walk's
            # direction (with the default 5 %, about 2 % of runs saw no fill in time).
            "config": {"warmup_candles": 0, "levels": 5, "spacing_pct": 0.1, "reset_threshold_pct": 0.5},
        })
        assert created.status_code == 201, created.text
        assert api.post(f"/api/v1/strategies/{STRATEGY}/start", {}).status_code == 200
        # Let it trade a while: orders placed, some filled and replaced by the opposite side. Without
        # warm-up candles the grid first decides when a one-minute candle closes, up to a minute
        # after it starts; then a fill needs the price to reach a level.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if api.get(f"/api/v1/strategies/{STRATEGY}").json()["stats"]["orders_filled"] >= 1:
                break
            time.sleep(0.2)
        before = api.get(f"/api/v1/strategies/{STRATEGY}").json()
        assert before["stats"]["orders_filled"] >= 1, f"no fill: {before['stats']}, orders: {_working(api)}"
        assert before["stats"]["orders_submitted"] >= 5, before
        server.process.kill()  # SIGKILL while the grid runs
        server.process.wait(timeout=5)

        server.start()  # the same data folder and database
        api = admin_api(server.base_url)
        try:
            after = api.get(f"/api/v1/strategies/{STRATEGY}").json()
            assert after["running"] is True, after
            assert after["config"] == before["config"]
            assert after["stats"]["orders_submitted"] >= before["stats"]["orders_submitted"] - 0, (before, after)
            working = _working(api)
            # One working order a grid level at most: a resumed grid re-places only what it lacks.
            prices = [(order["side"], Decimal(order["price"])) for order in working]
            assert len(prices) == len(set(prices)), f"two orders on one level: {sorted(prices)}"
            assert len(working) <= 2 * 5, working
            # The position equals the sum of the strategy's fills. Stopped first (which cancels its
            # working orders), so no fill lands between the two reads.
            assert api.post(f"/api/v1/strategies/{STRATEGY}/stop", {}).status_code == 200
            orders = api.get(f"/api/v1/orders?strategy_id={STRATEGY}&status={STATUSES}&limit=1000").json()["orders"]
            bought = sum(Decimal(o["filled_quantity"]) for o in orders if o["side"] == "Buy")
            sold = sum(Decimal(o["filled_quantity"]) for o in orders if o["side"] == "Sell")
            positions = api.get(f"/api/v1/positions?strategy_id={STRATEGY}").json()["positions"]
            held = sum(Decimal(p["quantity"]) for p in positions)
            assert held == bought - sold, (held, bought, sold)
            assert bought > 0, "the grid bought before the kill"
        finally:
            server.stop()
