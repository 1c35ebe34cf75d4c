"""Shared fixtures: one demo build per session, a local HTTP server, a headless browser.

Session fixtures are created lazily: a test that does not ask for `browser`
never starts Chromium, and a test that does not ask for `demo_site` never builds.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
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
assert dt.datetime.fromtimestamp(SOURCE_DATE_EPOCH, dt.timezone.utc) == dt.datetime(
    2026, 11, 23, tzinfo=dt.timezone.utc
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def build_env(epoch: int = SOURCE_DATE_EPOCH) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["SOURCE_DATE_EPOCH"] = str(epoch)
    return env


def mkdocs_build(config: Path, site_dir: Path, *, epoch: int = SOURCE_DATE_EPOCH,
                 cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict -f config -d site_dir`; output (stdout + stderr) in `.stdout`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=cwd, env=build_env(epoch), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, timeout=300, check=False,
    )


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built once per session with a fixed build date."""
    site = tmp_path_factory.mktemp("demo") / "site"
    result = mkdocs_build(DEMO_CONFIG, site)
    assert result.returncode == 0, result.stdout
    assert (site / "index.html").is_file(), result.stdout
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def demo_server(demo_site: Path):
    """Base URL (ending in '/') of the demo site served on 127.0.0.1, any free port."""
    handler = functools.partial(_QuietHandler, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


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
