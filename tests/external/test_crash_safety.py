"""Restart safety of the paper exchange: a server killed with SIGKILL while orders flow loses
nothing it acknowledged, duplicates no order (a retried `client_order_id` answers the original),
and after the restart every position equals the sum of its fills, on SQLite and, when `make
test` runs a throwaway PostgreSQL, on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import requests

from conftest import ServerProcess
from security_helpers import admin_api

ORDERS = "/api/v1/orders"
SYMBOL = "BTC/USDT"


def _postgres_url(schema: str) -> str | None:
    """A fresh schema on the throwaway PostgreSQL, as a database URL; None without one."""
    url = os.environ.get("TRADING_TEST_POSTGRES_URL")
    if not url:
        return None
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", f"CREATE SCHEMA {schema}"], check=True,
                   capture_output=True)
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


BACKENDS = [pytest.param(None, id="sqlite"), pytest.param("postgres", id="postgres")]


@pytest.mark.parametrize("backend", BACKENDS)
def test_sigkill_while_orders_flow_loses_nothing_acknowledged(backend):
    database = None
    if backend == "postgres":
        database = _postgres_url("crash_" + uuid.uuid4().hex[:12])
        if database is None:
            pytest.skip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
    with tempfile.TemporaryDirectory(prefix="trading-server-crash-") as workdir:
        env = {"TRADING_DATABASE": database} if database else {}
        server = ServerProcess(Path(workdir), extra_args=["--feed-tick-ms", "50", "--rate-limit-per-minute", "1000000"],
                               extra_env=env)
        server.start()
        api = admin_api(server.base_url)
        acknowledged: dict[str, dict] = {}
        attempted: list[str] = []
        stop = threading.Event()

        def place_orders(worker: int) -> None:
            session = admin_api(server.base_url)
            index = 0
            while not stop.is_set():
                index += 1
                client_id = f"crash-{worker}-{index}"
                attempted.append(client_id)
                body = {"symbol": SYMBOL, "side": "Buy", "order_type": "Market", "quantity": "0.001",
                        "client_order_id": client_id}
                if index % 3 == 0:  # a resting limit far below the market
                    body.update(order_type="Limit", price="1000.00")
                try:
                    response = session.post(ORDERS, body)
                except requests.RequestException:
                    return  # the server is gone
                if response.status_code in (200, 201):
                    acknowledged[client_id] = response.json()

        workers = [threading.Thread(target=place_orders, args=(worker,)) for worker in range(4)]
        for thread in workers:
            thread.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < 60 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.process.kill()  # SIGKILL, while the workers are still placing orders
        server.process.wait(timeout=5)
        stop.set()
        for thread in workers:
            thread.join(timeout=15)
        assert len(acknowledged) >= 60, f"only {len(acknowledged)} orders acknowledged before the kill"

        server.start()  # the same data folder and database
        api = admin_api(server.base_url)
        try:
            # Every acknowledged order is there, as it was answered or further along.
            for client_id, order in acknowledged.items():
                response = api.get(f"{ORDERS}/{order['id']}")
                assert response.status_code == 200, f"{client_id}: {response.status_code} {response.text}"
                stored = response.json()
                assert Decimal(stored["filled_quantity"]) >= Decimal(order["filled_quantity"])
                if order["status"] in ("Filled", "Cancelled", "Rejected", "Expired"):
                    assert stored["status"] == order["status"], client_id
            # A retry of any attempted client order id answers its one order (or places it once).
            by_client: dict[str, set[str]] = defaultdict(set)
            for client_id in attempted[:200]:
                body = {"symbol": SYMBOL, "side": "Buy", "order_type": "Market", "quantity": "0.001",
                        "client_order_id": client_id}
                first, second = api.post(ORDERS, body), api.post(ORDERS, body)
                assert first.status_code in (200, 201) and second.status_code == 200, (first.text, second.text)
                by_client[client_id] |= {first.json()["id"], second.json()["id"]}
                if client_id in acknowledged:
                    assert first.status_code == 200 and first.json()["id"] == acknowledged[client_id]["id"]
            assert all(len(ids) == 1 for ids in by_client.values()), "a client order id made two orders"
            # The position equals the sum of its fills, and the account holds exactly that.
            statuses = "Pending,Open,PartiallyFilled,Filled,Cancelled,Rejected,Expired"
            orders = api.get(f"{ORDERS}?status={statuses}&symbol=BTC-USDT&limit=1000").json()
            assert orders["total"] <= 1000
            bought = sum(Decimal(o["filled_quantity"]) for o in orders["orders"] if o["side"] == "Buy")
            sold = sum(Decimal(o["filled_quantity"]) for o in orders["orders"] if o["side"] == "Sell")
            position = api.get(f"/api/v1/positions/{SYMBOL.replace('/', '%2F')}")
            assert position.status_code == 200, position.text
            assert Decimal(position.json()["quantity"]) == bought - sold
            balances = {b["asset"]: b for b in api.get("/api/v1/balances").json()["balances"]}
            assert Decimal(balances["BTC"]["total"]) == bought - sold
        finally:
            server.stop()
