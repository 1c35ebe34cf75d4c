"""Shared fixtures: one demo build per session, a local HTTP server, a headless browser.

Session fixtures are created lazily: a test that does not ask for `browser`
never starts Chromium, and a test that does not ask for `demo_site` never builds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_CONFIG = ROOT / "demo" / "mkdocs.yml"
REAL_CONFIG = ROOT / "mkdocs.yml"
ARTIFACTS = ROOT / "test-artifacts"

# 2026-11-23 00:00 UTC: the demo data is written for this build date.
SOURCE_DATE_EPOCH = 1795392000
assert dt.datetime.fromtimestamp(SOURCE_DATE_EPOCH, dt.UTC) == dt.datetime(
    2026, 11, 23, tzinfo=dt.UTC
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def build_env(epoch: int = SOURCE_DATE_EPOCH, site_url: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["SOURCE_DATE_EPOCH"] = str(epoch)
    if site_url:
        env["SITE_URL"] = site_url  # demo/mkdocs.yml reads it with !ENV
    return env


def mkdocs_build(config: Path, site_dir: Path, *, epoch: int = SOURCE_DATE_EPOCH,
                 cwd: Path = ROOT, site_url: str | None = None,
                 extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict -f config -d site_dir`; output (stdout + stderr) in `.stdout`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=cwd, env={**build_env(epoch, site_url), **(extra_env or {})},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, timeout=300, check=False,
    )


def limited(command: list[str], **limits: int) -> list[str]:
    """``command`` run under hard resource limits, e.g. limited(cmd, RLIMIT_CPU=20): a small Python
    sets them and becomes the command (preexec_fn may deadlock once pytest runs threads)."""
    settings = "; ".join(f"resource.setrlimit(resource.{name}, ({value}, {value}))" for name, value in limits.items())
    return [sys.executable, "-c", f"import os, resource, sys; {settings}; os.execvp(sys.argv[1], sys.argv[1:])",
            *command]


@contextlib.contextmanager
def small_tmpfs(folder: Path, size: str):
    """A tmpfs of ``size`` at ``folder`` (root and a system that allows mounting), else skip."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def run_cli(capsys, *argv: str) -> tuple[int, str]:
    """`sociale-kaart ARGV` in this process: its exit code and what it printed."""
    from generator.editors.cli import main

    code = main(list(argv))
    return code, capsys.readouterr().out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def _bound(tmp_path_factory: pytest.TempPathFactory, name: str):
    """(site folder, HTTP server bound to a free port for it); the server is closed afterwards."""
    site = tmp_path_factory.mktemp(name) / "site"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    yield site, server
    server.server_close()


@pytest.fixture(scope="session")
def _demo_http(tmp_path_factory: pytest.TempPathFactory):
    """A bound (not yet serving) HTTP server for the demo site folder, and that folder.

    The port is known before the build, so the site is built with a matching
    site_url: Material's instant navigation only works for URLs under site_url.
    """
    yield from _bound(tmp_path_factory, "demo")


@pytest.fixture(scope="session")
def demo_site(_demo_http) -> Path:
    """The demo site, built once per session with a fixed build date."""
    site, server = _demo_http
    result = mkdocs_build(DEMO_CONFIG, site, site_url=f"http://127.0.0.1:{server.server_address[1]}/")
    assert result.returncode == 0, result.stdout
    assert (site / "index.html").is_file(), result.stdout
    return site


def _serve(server: http.server.ThreadingHTTPServer):
    """Serve in a thread; yield the base URL (ending in '/')."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def demo_server(demo_site: Path, _demo_http):
    """Base URL (ending in '/') of the demo site served on 127.0.0.1, any free port."""
    yield from _serve(_demo_http[1])


@pytest.fixture(scope="session")
def _real_http(tmp_path_factory: pytest.TempPathFactory):
    """Like _demo_http, for the real site (map/)."""
    yield from _bound(tmp_path_factory, "real")


@pytest.fixture(scope="session")
def real_site(_real_http) -> Path:
    """The real site (map/, mkdocs.yml), built once per session with the same fixed build date,
    for the local server's address (as published, so Material's instant navigation is on)."""
    site, server = _real_http
    result = mkdocs_build(REAL_CONFIG, site, site_url=f"http://127.0.0.1:{server.server_address[1]}/")
    assert result.returncode == 0, result.stdout
    return site


@pytest.fixture(scope="session")
def real_server(real_site: Path, _real_http):
    """Base URL (ending in '/') of the real site served on 127.0.0.1, any free port."""
    yield from _serve(_real_http[1])


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright (sync API); never downloads a browser."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ at the repository root (gitignored): screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture()
def page(browser, demo_server):
    """A fresh browser context and page; records every request the page makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE",
                                  service_workers="block")
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.failures = []
    tab.on("requestfailed", lambda request: tab.failures.append(request.url))
    tab.on("pageerror", lambda error: tab.failures.append(f"JS error: {error}"))
    yield tab
    context.close()


@contextlib.contextmanager
def tab_collecting_errors(browser, viewport: dict):
    """A fresh tab (own context, no service worker) whose script errors gather in ``tab.errors``."""
    context = browser.new_context(viewport=viewport, locale="nl-BE", service_workers="block")
    try:
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        yield tab
    finally:
        context.close()


@pytest.fixture
def single_thread() -> None:
    """For tests that fork in this process: only safe while it runs a single thread."""
    if threading.active_count() != 1:
        pytest.skip("another test left a thread running: no fork in this process")


# What the fast lane (`bash scripts/test --fast`, `-m "not slow"`) leaves out: every test that
# needs Chromium or the real site's build, and the modules that build wheels, other sites or many
# sites. Tests elsewhere that build a site of their own or start a server say @pytest.mark.slow.
SLOW_FIXTURES = {"browser", "page", "real_site", "real_server", "real_build"}
SLOW_MODULES = {"test_newcomer", "test_quality", "test_failures", "test_parallel_load", "test_html_valid"}


def _is_slow(item: pytest.Item) -> bool:
    module = getattr(item, "module", None)
    return (bool(SLOW_FIXTURES & set(getattr(item, "fixturenames", ())))
            or (module is not None and module.__name__ in SLOW_MODULES))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tests (above). Tests that fork in this process (fixture `single_thread`)
    run first, before the session's web server and browser threads exist, so they run instead
    of skipping."""
    for item in items:
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: "single_thread" not in getattr(item, "fixturenames", ()))
