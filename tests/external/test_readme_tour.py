"""The README's tour works as printed: the `bash` blocks between `<!-- tour -->` and
`<!-- /tour -->` run in order, in one shell with `set -euo pipefail`, against a fresh server
(its address in place of `localhost:3000`, the admin password in `$PASSWORD` as the README tells
the reader to set it). The WebSocket watch runs in the background as the README's second shell
does, and must show the authentication, the subscription, BTC's ticker and the `order_update`s
of the grid the tour starts and of the order it places and cancels.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT, ServerProcess, _stop_and_check
from security_helpers import TEST_ADMIN_PASSWORD

README = ROOT / "README.md"


def tour_blocks() -> list[str]:
    text = README.read_text()
    start, end = text.index("<!-- tour -->"), text.index("<!-- /tour -->")
    return re.findall(r"```bash\n(.*?)```", text[start:end], flags=re.S)


def test_the_tour_has_its_steps():
    blocks = tour_blocks()
    assert len(blocks) >= 5, blocks
    assert sum("python -m websockets" in block for block in blocks) == 1, "one WebSocket watch"


@pytest.mark.timeout(180)
def test_the_readme_tour_works_as_printed():
    with tempfile.TemporaryDirectory(prefix="trading-readme-tour-") as workdir:
        server = ServerProcess(Path(workdir))
        server.start()
        try:
            watch = Path(workdir) / "ws.out"
            lines = ["set -euo pipefail"]
            for block in tour_blocks():
                block = block.replace("ws://localhost:3000", server.ws_url("")).replace("http://localhost:3000", server.base_url)
                if "python -m websockets" in block:
                    # The second shell: in the background, for as long as the rest takes.
                    lines += [f"( {block.strip()} ) > {watch} 2>&1 &", "watcher=$!",
                              f"for _ in $(seq 100); do grep -q subscribed {watch} && break; sleep 0.1; done"]
                else:
                    lines.append(block)
            # What the reader sees in the second shell within seconds: the market's ticker (published
            # every 200 ms), the grid's orders and the manual order's cancellation.
            lines += [f"for _ in $(seq 300); do grep -q '\"type\":\"ticker\"' {watch} && grep -q order_update {watch} "
                      f"&& grep -q Cancelled {watch} && break; sleep 0.1; done",
                      "kill $watcher 2>/dev/null || true"]
            result = subprocess.run(["bash", "-c", "\n".join(lines)], cwd=ROOT, capture_output=True, text=True, timeout=150,
                                    env=dict(os.environ, PASSWORD=TEST_ADMIN_PASSWORD))
        finally:
            _stop_and_check(server)
        output = result.stdout
        assert result.returncode == 0, f"the tour stopped ({result.returncode}):\n{output}\n{result.stderr}"
        for expected in ('"username":"admin"', '"symbol":"BTC-USDT"', '"bids":', '"id":"grid_btc"',
                         '"strategy_id":"grid_btc"', '"action":"start"', "Order cancelled", '"balances":', '"positions":',
                         '"executions":', '"key":'):
            assert expected in output, f"{expected} missing from the tour's output:\n{output}"
        seen = watch.read_text(errors="replace")
        for expected in ('"type":"welcome"', '"type":"auth_result","success":true', '"type":"subscribed"',
                         '"type":"ticker"', '"type":"order_update"', '"status":"Cancelled"'):
            assert expected in seen, f"{expected} missing from the WebSocket watch:\n{seen[:4000]}"
