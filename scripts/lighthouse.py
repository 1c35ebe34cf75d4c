"""Lighthouse figures per page kind, by hand (not in the test suite: one run takes minutes).

    python scripts/lighthouse.py [demo|real ...]      both sites when none is named

Installs the pinned Lighthouse of tools/lighthouse/ (npm ci) when missing, builds each site for
a local address (SITE_URL, so Material's instant navigation is on as when published), serves it
on 127.0.0.1 and runs Lighthouse's mobile preset (its default: a phone, throttled CPU and
network) on one page of each kind with Debian's Chromium, headless. Prints a Markdown table:
performance score, CLS, LCP and TBT; the README keeps the last one. Lighthouse's figures move
with the machine's load: run it on an idle machine, and compare runs made alike.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from desk_queries import Quiet  # scripts/: the same quiet static server

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "lighthouse"
CONFIGS = {"demo": ROOT / "demo" / "mkdocs.yml", "real": ROOT / "mkdocs.yml"}
ORGANISATION = {"demo": "organisaties/leefloon/", "real": "organisaties/sociaal-huis/"}
BLOCK = {"demo": "voor-besturen/een-vaste-ma/", "real": "voor-besturen/id-team/"}
FLAGS = ["--only-categories=performance", "--output=json", "--quiet",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]


def page_kinds(site: str) -> dict[str, str]:
    return {"home": "", "themes": "themas/", "theme": "themas/wonen/", "organisations": "organisaties/",
            "organisation": ORGANISATION[site], "week": "week/", "agenda": "agenda/",
            "search with results": "zoeken/?q=huur", "building block": BLOCK[site],
            "whole guide": "voor-besturen/hele-gids/"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def install() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOL, check=True)
    return binary


def build(site: str, folder: Path, port: int) -> None:
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(CONFIGS[site]), "-d", str(folder)],
                   cwd=ROOT, env=env, check=True)


def audit(binary: Path, url: str) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    found = subprocess.run([str(binary), url, *FLAGS], env=env, capture_output=True, text=True, check=True,
                           timeout=300)
    report = json.loads(found.stdout)
    audits = report["audits"]
    return {"score": round(report["categories"]["performance"]["score"] * 100),
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"]}


def run_site(binary: Path, site: str) -> list[str]:
    port = free_port()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "site"
        build(site, folder, port)
        handler = functools.partial(Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            rows = []
            for kind, path in page_kinds(site).items():
                found = audit(binary, f"http://127.0.0.1:{port}/{path}")
                rows.append(f"| {site} | {kind} | {found['score']} | {found['cls']:.3f} | {found['lcp']:.1f} s "
                            f"| {found['tbt']:.0f} ms |")
            return rows
        finally:
            server.shutdown()
            server.server_close()


def main(sites: list[str]) -> None:
    binary = install()
    print("| site | page | performance | CLS | LCP | TBT |\n| --- | --- | --- | --- | --- | --- |")
    for site in sites or list(CONFIGS):
        print("\n".join(run_site(binary, site)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
