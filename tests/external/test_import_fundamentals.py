"""`trading-server import-fundamentals FILE` run as a user would, on SQLite and, when `make test`
runs a throwaway PostgreSQL, on PostgreSQL: the rows it stores, a re-import replacing the symbols
it names, a bad cell named by line and column with nothing written; and the demo fundamentals a
server's first start stores, marked demo."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

POSTGRES_URL = os.environ.get("TRADING_TEST_POSTGRES_URL")
ROWS = "SELECT ticker, market, per, roe, market_cap, sector, source FROM symbol_fundamental ORDER BY market, ticker"


class Database:
    """A fresh database of one backend: its `--database` setting and its fundamentals as text."""

    def __init__(self, backend: str, workdir: Path):
        self.backend = backend
        self.schema = None
        if backend == "sqlite":
            self.path = workdir / "fundamentals.db"
            self.setting = f"sqlite:{self.path}"
        else:
            self.schema = f"ext_fundamentals_{uuid.uuid4().hex[:10]}"
            self._psql(f"CREATE SCHEMA {self.schema}")
            self.setting = POSTGRES_URL + ("&" if "?" in POSTGRES_URL else "?") + f"options=-csearch_path%3D{self.schema}"

    def _psql(self, sql: str, url: str | None = None) -> str:
        done = subprocess.run(["psql", url or POSTGRES_URL, "-v", "ON_ERROR_STOP=1", "-q", "-A", "-t", "-F", "|", "-c", sql],
                              check=True, capture_output=True, text=True, timeout=30)
        return done.stdout

    def rows(self) -> list[tuple[str, ...]]:
        """The fundamentals, figures rendered alike on both backends (None for NULL)."""
        if self.backend == "sqlite":
            with sqlite3.connect(self.path) as connection:
                raw = [tuple(None if value is None else str(value) for value in row) for row in connection.execute(ROWS)]
        else:
            raw = [tuple(value if value != "" else None for value in line.split("|"))
                   for line in self._psql(ROWS, self.setting).splitlines() if line]
        return [(ticker, market, _number(per), _number(roe), market_cap and str(Decimal(market_cap)), sector, source)
                for ticker, market, per, roe, market_cap, sector, source in raw]

    def drop(self) -> None:
        if self.schema:
            self._psql(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")


def _number(text: str | None) -> float | None:
    return None if text is None else float(text)


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path):
    if request.param == "postgres" and not POSTGRES_URL:
        pytest.skip("TRADING_TEST_POSTGRES_URL is not set (make test starts a throwaway PostgreSQL)")
    instance = Database(request.param, tmp_path)
    yield instance
    instance.drop()


def _import(binary: Path, database: Database, csv: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRADING_")}
    return subprocess.run([str(binary), "import-fundamentals", str(csv), "--database", database.setting],
                          capture_output=True, text=True, timeout=30, env=env)


def test_import_stores_the_file_and_a_reimport_replaces_the_symbols_it_names(server_binary, database, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("ticker,market,per,roe,market_cap,sector\n"
                     "005930,KR,13.5,9,430000000000000,Information Technology\n"
                     "GOOG,US,24,,2100000000000.5,\"Communication Services\"\n")
    done = _import(server_binary, database, first)
    assert done.returncode == 0, done.stderr
    assert "imported the fundamentals of 2 symbols" in done.stderr
    assert database.rows() == [
        ("005930", "KR", 13.5, 9.0, "430000000000000", "Information Technology", "import"),
        ("GOOG", "US", 24.0, None, "2100000000000.5", "Communication Services", "import"),
    ]

    again = tmp_path / "again.csv"
    again.write_text("market,ticker,roe\nKR,005930,11.25\n")
    done = _import(server_binary, database, again)
    assert done.returncode == 0, done.stderr
    assert database.rows() == [
        ("005930", "KR", None, 11.25, None, None, "import"),
        ("GOOG", "US", 24.0, None, "2100000000000.5", "Communication Services", "import"),
    ], "the re-imported symbol's row is replaced whole; the other keeps its figures"


def test_a_bad_cell_is_named_by_line_and_column_and_nothing_is_written(server_binary, database, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("ticker,market,per\nGOOG,US,24\n")
    assert _import(server_binary, database, good).returncode == 0
    before = database.rows()
    bad = tmp_path / "bad.csv"
    bad.write_text("ticker,market,per\nGOOG,US,30\n000660,KR,9\n\n\n\n005930,KR,abc\n")
    done = _import(server_binary, database, bad)
    assert done.returncode == 1
    assert "line 7, column per: 'abc' is not a number" in done.stderr, done.stderr
    assert database.rows() == before, "nothing of the bad file was written"


def test_a_missing_file_argument_is_a_usage_error(server_binary):
    done = subprocess.run([str(server_binary), "import-fundamentals"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 64
    assert "import-fundamentals needs FILE" in done.stderr
    assert "dividend_yield" in done.stderr, "the usage text documents the columns"


def test_a_first_start_stores_demo_fundamentals_marked_demo(launch_server, database):
    with launch_server("--database", database.setting):
        rows = database.rows()
    assert [(ticker, market, source) for ticker, market, *_, source in rows] == [
        ("000660", "KR", "demo"), ("005930", "KR", "demo"), ("035720", "KR", "demo"), ("GOOG", "US", "demo"),
    ], "the demo stocks have fundamentals; crypto and FX have none"
    assert all(per is not None and market_cap is not None and sector for _, _, per, _, market_cap, sector, _ in rows)
