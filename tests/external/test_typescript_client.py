"""The TypeScript client as a front-end team gets it: `clients/typescript` is packed with
`npm pack` (which builds `dist/` with tsc), installed offline into a fresh project
(tests/typescript-consumer), type-checked there under strict settings with both
`moduleResolution` node16 and node, bundled with esbuild, and run under Node against the live
server: login, typed errors with headers, a real token expiry crossed by parallel calls, a
spent refresh token, and a WebSocket session that reconnects and re-authenticates
(tests/typescript-consumer/src/session.ts); and end to end on the trading domain, against a
server whose market moves fast (tests/typescript-consumer/src/trading.ts): strategies listed,
a grid created and started, its own `order_update` and `position_update` received through the
typed `TradingSocket`, a manual limit order placed, read back and cancelled, the strategy
stopped, and the fills reconciled with the orders, positions, balances and the journal
(executions, positions, FIFO cost basis).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT, ServerProcess, _stop_and_check
from security_helpers import TEST_ADMIN_PASSWORD

CLIENT = ROOT / "clients" / "typescript"
CONSUMER = ROOT / "tests" / "typescript-consumer"
TOOLS = ("node", "npm", "tsc", "esbuild")


def run(command: list[str], cwd: Path, timeout: float = 120, env: dict[str, str] | None = None) -> str:
    """Runs `command`; fails the test with its output unless it exits with 0."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(command)} exited with {result.returncode}:\n{output}"
    return output


@pytest.fixture(scope="module")
def workspace():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run scripts/install-deps.sh test", pytrace=False)
    with tempfile.TemporaryDirectory(prefix="trading-ts-client-") as directory:
        yield Path(directory)


@pytest.fixture(scope="module")
def tarball(workspace: Path) -> Path:
    """`npm pack` of a copy of clients/typescript (its `prepack` builds dist/), offline."""
    client = workspace / "client"
    shutil.copytree(CLIENT, client, ignore=shutil.ignore_patterns("node_modules", "dist", "*.tgz"))
    run(["npm", "pack", "--offline", "--pack-destination", str(workspace)], cwd=client)
    packed = sorted(workspace.glob("*.tgz"))
    assert len(packed) == 1, packed
    return packed[0]


@pytest.fixture(scope="module")
def consumer(workspace: Path, tarball: Path) -> Path:
    """A fresh project with the tarball installed (offline: the client has no dependencies)."""
    project = workspace / "consumer"
    shutil.copytree(CONSUMER, project, ignore=shutil.ignore_patterns("node_modules", "build", "bundle"))
    run(["npm", "install", "--offline", "--no-audit", "--no-fund", str(tarball)], cwd=project)
    return project


def test_the_tarball_holds_the_build_and_the_sources(tarball: Path):
    with tarfile.open(tarball) as archive:
        names = {name.removeprefix("package/") for name in archive.getnames()}
    for module in ("index", "client", "types", "ws"):
        for suffix in (".js", ".js.map", ".d.ts", ".d.ts.map"):
            assert f"dist/{module}{suffix}" in names, f"dist/{module}{suffix} missing from {sorted(names)}"
        assert f"src/{module}.ts" in names
    assert "package.json" in names
    assert not any(name.startswith("node_modules/") for name in names)


def test_the_build_loads_in_plain_node(consumer: Path):
    script = ("const m = await import('@trading/client');"
              "for (const name of ['TradingClient', 'ApiError', 'NetworkError', 'SessionExpiredError', 'TradingSocket',"
              " 'MarketSocket', 'OPERATIONS', 'ERROR_STATUS', 'WS_CHANNELS']) {"
              " if (m[name] === undefined) throw new Error('missing export ' + name); }"
              "console.log('loaded', Object.keys(m).length);")
    output = run(["node", "--input-type=module", "-e", script], cwd=consumer)
    assert "loaded" in output


@pytest.mark.parametrize("config", ["tsconfig.node16.json", "tsconfig.node.json"])
def test_a_consumer_type_checks_under_strict_settings(consumer: Path, config: str):
    # strict, exactOptionalPropertyTypes, skipLibCheck false: the declarations are checked too.
    # src/compile-checks.ts holds lines that must not compile (`@ts-expect-error`).
    run(["tsc", "-p", config, "--noEmit"], cwd=consumer)


@pytest.mark.parametrize("settings", [
    ["--module", "node16", "--moduleResolution", "node16", "--target", "ES2022", "--lib", "ES2022,DOM"],
    ["--module", "ES2020", "--moduleResolution", "node", "--target", "ES2020", "--lib", "ES2020,DOM"],
])
def test_the_sources_compile_under_both_resolutions(workspace: Path, tarball: Path, settings: list[str]):
    # The client's own tsconfig: strict, exactOptionalPropertyTypes, noImplicitOverride, noUncheckedIndexedAccess.
    run(["tsc", "--noEmit", "-p", ".", *settings], cwd=workspace / "client")


def test_a_bundler_takes_the_package(consumer: Path, server: ServerProcess):
    run(["esbuild", "src/bundle.ts", "--bundle", "--platform=node", "--format=esm", "--target=node18",
         "--outfile=bundle/bundle.mjs"], cwd=consumer)
    output = run(["node", "bundle/bundle.mjs"], cwd=consumer, env=node_env(server.base_url))
    assert "bundle ok healthy" in output
    # A browser bundle of the whole session program builds too (fetch, WebSocket and atob are globals there).
    run(["esbuild", "src/session.ts", "--bundle", "--platform=browser", "--format=esm", "--outfile=bundle/browser.js"],
        cwd=consumer)


def node_env(base_url: str) -> dict[str, str]:
    """The environment of a Node program of the consumer: the server's URL and the admin password."""
    env = dict(os.environ)
    env.update({"TRADING_URL": base_url, "TRADING_ADMIN_PASSWORD": TEST_ADMIN_PASSWORD})
    return env


def run_program(consumer: Path, program: str, server_args: list[str], timeout: float) -> str:
    """Compiles the consumer and runs `build/<program>.js` under Node against a fresh server
    started with `server_args`; its output, once it ends with "all checks passed"."""
    run(["tsc", "-p", "tsconfig.node16.json"], cwd=consumer)
    with tempfile.TemporaryDirectory(prefix=f"trading-ts-{program}-") as workdir:
        server = ServerProcess(Path(workdir), extra_args=server_args)
        server.start()
        try:
            output = run(["node", "--experimental-websocket", f"build/{program}.js"], cwd=consumer, timeout=timeout,
                         env=node_env(server.base_url))
        finally:
            _stop_and_check(server)
    assert output.rstrip().endswith("all checks passed"), output
    return output


def test_a_session_against_the_live_server(consumer: Path):
    # Two-second access tokens: the program crosses real expiries.
    run_program(consumer, "session", ["--access-token-ttl", "2"], timeout=90)


# A fast market: ETH/USDT's synthetic walk moves about 0.4 % a trade with a trade every 50 ms, so a grid
# with 0.1 % levels fills within seconds (often at once: it is first placed around the last one-minute
# close, and its buys above the price fill on arrival), and the market streams publish every 50 ms.
FAST_MARKET_ARGS = ["--feed-speed", "14400", "--feed-tick-ms", "50", "--market-publish-ms", "50"]


# The program waits up to 120 s for the grid's first fill (a few seconds at most in practice).
@pytest.mark.timeout(240)
def test_a_trading_session_against_the_live_server(consumer: Path):
    run_program(consumer, "trading", FAST_MARKET_ARGS, timeout=180)
