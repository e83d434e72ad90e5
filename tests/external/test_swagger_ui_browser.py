"""Swagger UI at `/docs` in a real browser: headless Chromium, driven over the Chrome DevTools
Protocol (CDP, JSON over the `websockets` client), opens the page of a server that serves
Swagger UI's files itself (the swagger-ui-py package), and

- counts the operations Swagger UI renders (`.opblock`, every tag expanded): as many as
  openapi.yaml has, the same method and path pairs;
- runs "Try it out" on `GET /health` with real mouse clicks (expand the operation, "Try it
  out", "Execute") and reads the live response Swagger UI renders: 200 with the health body;
- keeps a screenshot of that operation with its response as a PNG test artifact, in
  `$TRADING_TEST_ARTIFACTS` or `.build/test-artifacts/`;
- fails on any console error, uncaught exception or browser log error (a Content-Security-
  Policy violation is one) while it does so.

Skipped only when chromium or the swagger-ui-py package is missing (`scripts/install-deps.sh
test` installs both)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
import yaml
from websockets.sync.client import connect

from test_transport_hardening import chromium_binary, swagger_ui_folder

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
ARTIFACT_NAME = "swagger-ui-try-it-out-health.png"
VIEWPORT = (1280, 1600)
# Bounds of the steps: Chromium's start, the page's rendering, one UI reaction, the live answer.
BROWSER_START_TIMEOUT = 15.0
RENDER_TIMEOUT = 20.0
STEP_TIMEOUT = 5.0
RESPONSE_TIMEOUT = 10.0
CDP_TIMEOUT = 10.0


def spec_operations() -> set[tuple[str, str]]:
    """(METHOD, path) of every operation of openapi.yaml that has an operationId."""
    spec = yaml.safe_load(SPEC.read_text())
    return {(method.upper(), path)
            for path, item in spec["paths"].items()
            for method, operation in item.items()
            if method in HTTP_METHODS and isinstance(operation, dict) and operation.get("operationId")}


def spec_health_operation_id() -> str:
    operation = yaml.safe_load(SPEC.read_text())["paths"]["/health"]["get"]
    return operation["operationId"]


def artifact_directory() -> Path:
    configured = os.environ.get("TRADING_TEST_ARTIFACTS")
    folder = Path(configured) if configured else ROOT / ".build" / "test-artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --------------------------------------------------------------------------- Chromium over CDP


class Browser:
    """A headless Chromium with a remote-debugging port and one page, attached to over the
    browser's DevTools WebSocket (flattened sessions). Keeps every console error, uncaught
    exception and log error of the page in `errors`."""

    def __init__(self, binary: str, profile: Path):
        self.binary = binary
        self.profile = profile
        self.stderr_path = profile.parent / "chromium.stderr"
        self.process: subprocess.Popen | None = None
        self.socket = None
        self.session: str | None = None
        self.errors: list[str] = []
        self._next_id = 0
        self._closing = ExitStack()

    def start(self) -> None:
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(
                [self.binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                 "--disable-sync", "--disable-component-update", "--remote-debugging-port=0",
                 f"--user-data-dir={self.profile}", f"--window-size={VIEWPORT[0]},{VIEWPORT[1]}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                start_new_session=True)  # its own process group, so that close() ends its helpers too
        # As a context manager: the form every websockets version since 15 accepts.
        self.socket = self._closing.enter_context(connect(
            self._devtools_url(), proxy=None, compression=None, max_size=None,
            open_timeout=5, close_timeout=2, ping_interval=None))

    def _stderr_text(self) -> str:
        try:
            return self.stderr_path.read_text(errors="replace")
        except OSError:
            return ""

    def _devtools_url(self) -> str:
        """The browser's DevTools WebSocket: from the DevToolsActivePort file of the profile
        (port, then path) or the "DevTools listening on ws://..." line of stderr."""
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + BROWSER_START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                lines = port_file.read_text().split()
            except OSError:
                lines = []
            if len(lines) >= 2 and lines[0].isdigit():
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
            for line in self._stderr_text().splitlines():
                if "DevTools listening on " in line:
                    return line.split("DevTools listening on ", 1)[1].strip()
            if self.process.poll() is not None:
                pytest.fail(f"chromium exited with {self.process.returncode}:\n{self._stderr_text()[-4000:]}",
                            pytrace=False)
            time.sleep(0.05)
        pytest.fail(f"chromium did not open its DevTools port within {BROWSER_START_TIMEOUT} s:\n"
                    f"{self._stderr_text()[-4000:]}", pytrace=False)

    def close(self) -> None:
        """Kills Chromium's process group (the browser and its helper processes) and waits,
        boundedly, until none of them is left to write to the profile."""
        try:
            self._closing.close()
        except Exception:
            pass
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=5)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)

    # ---- protocol

    def call(self, method: str, params: dict | None = None, *, browser_level: bool = False,
             timeout: float = CDP_TIMEOUT) -> dict:
        """Sends one command (to the page's session unless `browser_level`) and returns its
        result; events that arrive meanwhile are recorded."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session is not None and not browser_level:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no answer to {method} within {timeout} s")
            reply = json.loads(self.socket.recv(timeout=remaining))
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method} failed: {reply['error']}")
                return reply.get("result", {})
            self._record(reply)

    def pump(self) -> None:
        """Records the events already received."""
        while True:
            try:
                self._record(json.loads(self.socket.recv(timeout=0)))
            except TimeoutError:
                return

    def _record(self, event: dict) -> None:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            texts = [str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])]
            self.errors.append(f"console.{params['type']}: {' '.join(texts)}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            description = details.get("exception", {}).get("description") or details.get("text")
            self.errors.append(f"uncaught exception: {description}")
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") == "error":
                self.errors.append(f"log ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}".strip())

    def open_page(self) -> None:
        target = self.call("Target.createTarget", {"url": "about:blank"}, browser_level=True)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 browser_level=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": VIEWPORT[0], "height": VIEWPORT[1], "deviceScaleFactor": 1, "mobile": False})

    def navigate(self, url: str) -> None:
        result = self.call("Page.navigate", {"url": url})
        assert not result.get("errorText"), f"navigation to {url} failed: {result}"

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (awaited when a promise)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float, what: str):
        """Polls `expression` until it is truthy; returns its value or fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() >= deadline:
                self.pump()
                pytest.fail(f"timed out after {timeout} s waiting for {what}; page errors: {self.errors}",
                            pytrace=False)
            time.sleep(0.1)

    def click(self, selector: str) -> None:
        """A real mouse click (press and release of the left button) in the middle of the first
        element `selector` matches, scrolled into view first."""
        box = self.wait_for(f"""(() => {{
            const element = document.querySelector({json.dumps(selector)});
            if (!element) return null;
            element.scrollIntoView({{block: "center", inline: "center"}});
            const rect = element.getBoundingClientRect();
            if (rect.width === 0 || rect.height === 0) return null;
            return {{x: rect.left + rect.width / 2, y: rect.top + rect.height / 2}};
        }})()""", STEP_TIMEOUT, f"a visible {selector}")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            event = {"type": kind, "x": box["x"], "y": box["y"], "button": "left" if kind != "mouseMoved" else "none"}
            if kind != "mouseMoved":
                event["clickCount"] = 1
            self.call("Input.dispatchMouseEvent", event)

    def screenshot_of(self, selector: str, margin: int = 16) -> bytes:
        """A PNG of the area of `selector` (with a margin), beyond the viewport if need be."""
        rect = self.evaluate(f"""(() => {{
            const element = document.querySelector({json.dumps(selector)});
            element.scrollIntoView({{block: "start"}});
            const r = element.getBoundingClientRect();
            return {{x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height}};
        }})()""")
        clip = {"x": max(rect["x"] - margin, 0), "y": max(rect["y"] - margin, 0),
                "width": rect["width"] + 2 * margin, "height": rect["height"] + 2 * margin, "scale": 1}
        data = self.call("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True},
                         timeout=20)["data"]
        return base64.b64decode(data)


@pytest.fixture
def browser():
    """A started headless Chromium with one page; killed at the end whatever happens."""
    binary, folder = chromium_binary(), swagger_ui_folder()
    if binary is None or folder is None:
        pytest.skip("needs chromium (Debian package `chromium`) and the swagger-ui-py package")
    workdir = Path(tempfile.mkdtemp(prefix="trading-chromium-cdp-"))
    profile = workdir / "profile"
    profile.mkdir()
    instance = Browser(binary, profile)
    try:
        instance.start()
        instance.open_page()
        yield instance
    finally:
        instance.close()
        # A helper process that was killed mid-write may leave a file behind a moment longer.
        for _ in range(20):
            shutil.rmtree(workdir, ignore_errors=True)
            if not workdir.exists():
                break
            time.sleep(0.1)


# --------------------------------------------------------------------------- the test


# The operations Swagger UI rendered, as "METHOD path" (every tag expanded first).
RENDERED_OPERATIONS = """Array.from(document.querySelectorAll("#swagger-ui .opblock")).map(block => {
    const method = block.querySelector(".opblock-summary-method");
    const path = block.querySelector(".opblock-summary-path");
    return (method ? method.textContent.trim().toUpperCase() : "?") + " "
        + (path ? (path.dataset.path || path.textContent.trim()) : "?");
})"""
# Clicks the header of every collapsed tag section; the number clicked.
EXPAND_TAGS = """(() => {
    const closed = Array.from(document.querySelectorAll("#swagger-ui .opblock-tag-section:not(.is-open) > .opblock-tag"));
    closed.forEach(tag => tag.click());
    return closed.length;
})()"""


@pytest.mark.timeout(60)
def test_swagger_ui_lists_every_operation_and_tries_out_health(launch_server, browser):
    expected = spec_operations()
    health_id = spec_health_operation_id()
    with launch_server(env={"TRADING_SWAGGER_UI_DIR": swagger_ui_folder()}) as server:
        browser.navigate(f"{server.base_url}/docs")

        # 1. Every operation of the spec is rendered.
        browser.wait_for("""document.querySelector("#swagger-ui .info .title") !== null
                && document.querySelectorAll("#swagger-ui .opblock-tag-section").length > 0""",
                         RENDER_TIMEOUT, "Swagger UI to render the spec's title and tags")
        tag_count = browser.evaluate('document.querySelectorAll("#swagger-ui .opblock-tag-section").length')
        # docExpansion decides which tags start open: open the others, once (a click toggles).
        browser.evaluate(EXPAND_TAGS)
        browser.wait_for(f"""document.querySelectorAll("#swagger-ui .opblock-tag-section.is-open").length === {tag_count}
                && document.querySelectorAll("#swagger-ui .opblock").length >= {len(expected)}""",
                         RENDER_TIMEOUT, f"{len(expected)} operations in {tag_count} expanded tags")
        rendered = browser.evaluate(RENDERED_OPERATIONS)
        assert len(rendered) == len(expected), (len(rendered), len(expected))
        assert sorted(rendered) == sorted(f"{method} {path}" for method, path in expected), (
            f"rendered but not in the spec: {sorted(set(rendered) - {f'{m} {p}' for m, p in expected})}; "
            f"in the spec but not rendered: {sorted({f'{m} {p}' for m, p in expected} - set(rendered))}")

        # 2. "Try it out" on GET /health, with mouse clicks.
        block = f'#swagger-ui .opblock[id$="-{health_id}"]'
        assert browser.evaluate(f"document.querySelectorAll({json.dumps(block)}).length") == 1, block
        summary = f"{block} .opblock-summary-control"
        if not browser.evaluate(f"document.querySelector({json.dumps(summary)}) !== null"):
            summary = f"{block} .opblock-summary"  # older Swagger UI: the summary itself is the toggle
        browser.click(summary)
        browser.wait_for(f"document.querySelector({json.dumps(block)}).classList.contains('is-open')",
                         STEP_TIMEOUT, "GET /health to expand")
        browser.click(f"{block} .try-out__btn")
        browser.click(f"{block} .btn.execute")
        status = browser.wait_for(f"""(() => {{
            const cell = document.querySelector({json.dumps(block + " .live-responses-table tr.response .response-col_status")});
            return cell ? cell.textContent.trim() : null;
        }})()""", RESPONSE_TIMEOUT, "the live response of GET /health")
        answer = browser.evaluate(f"""(() => {{
            const url = document.querySelector({json.dumps(block + " .request-url pre")});
            const body = document.querySelector({json.dumps(block + " .live-responses-table tr.response .response-col_description")});
            return {{url: url ? url.textContent.trim() : null, body: body ? body.textContent.trim() : null}};
        }})()""")

        # 3. The screenshot of the operation with its response, kept whatever the outcome.
        png = browser.screenshot_of(block)
        path = artifact_directory() / ARTIFACT_NAME
        path.write_bytes(png)
        print(f"\nSwagger UI screenshot: {path}")

        browser.pump()
        assert status == "200", (
            f"Try it out on GET /health rendered status {status!r} for a request to {answer['url']!r} "
            f"(the page is at {server.base_url}): {answer['body']!r}; page errors: {browser.errors}")
        assert answer["url"] == f"{server.base_url}/health", answer
        assert '"status": "healthy"' in answer["body"] or '"status":"healthy"' in answer["body"], answer
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000, len(png)
        assert path.stat().st_size == len(png)

        # 4. No console error, uncaught exception or CSP violation along the way.
        browser.pump()
        assert browser.errors == [], browser.errors
