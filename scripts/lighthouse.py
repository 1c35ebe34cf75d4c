"""Lighthouse figures per page kind, by hand (not in the test suite: one run takes minutes).

    python scripts/lighthouse.py [--runs N] [--only KIND] [demo|real ...]   both sites when none is named

Installs the pinned Lighthouse of tools/lighthouse/ (npm ci) when missing, builds each site for
a local address (SITE_URL, so Material's instant navigation is on as when published), serves it
on 127.0.0.1 and runs Lighthouse's mobile preset (its default: a phone, throttled CPU and
network) on one page of each kind with Debian's Chromium, headless. Text files are served
gzipped, as GitHub Pages serves them. Prints a Markdown table:
the median of N runs (3 unless told) of performance score, CLS, LCP and TBT, with the machine's
1-minute load average before the page's first run; the README keeps the last table. Lighthouse's
figures move with the machine's load: run it on an idle machine, and compare runs made alike.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

from desk_queries import Quiet  # scripts/: the same quiet static server

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "lighthouse"
CONFIGS = {"demo": ROOT / "demo" / "mkdocs.yml", "real": ROOT / "mkdocs.yml"}
#: The organisation with the most services on each map (the page kind's worst case).
ORGANISATION = {"demo": "dienstencentrum", "real": "huis-van-het-kind"}
BLOCK = {"demo": "voor-besturen/een-vaste-ma/", "real": "voor-besturen/id-team/"}
QUERY = {"demo": "schulden energiefactuur", "real": "huur"}
#: A client list of three services, as its QR code or "Versturen" link opens it on a phone.
LIST = {"demo": ["woonloket/woonadvies", "leefloon/energiehulp", "pensioenpunt/pensioen-zitdag"],
        "real": ["huis-van-het-kind/huis-van-het-kind-spreekuur", "budgetbeheer/budgetbeheer-via-ma",
                 "sociaal-huis/telefoon"]}
FLAGS = ["--only-categories=performance", "--output=json", "--quiet",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]


class Published(Quiet):
    """Serves text files gzipped when the browser asks, as GitHub Pages (where the site is
    published) does: measured uncompressed, Material's 140 KiB stylesheet alone costs a phone a
    second that no visitor pays."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or path.suffix not in self.TEXT:
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def page_kinds(site: str, folder: Path) -> dict[str, str]:
    """One address per page kind a citizen can reach, relative to the site's root."""
    org = ORGANISATION[site]
    services = "&".join(f"d={quote(key, safe='')}" for key in LIST[site])
    return {"home": "", "themes": "themas/", "theme": "themas/wonen/", "organisations": "organisaties/",
            "organisation": f"organisaties/{org}/", "week": "week/", "agenda": "agenda/",
            "search with results": f"zoeken/?q={quote(QUERY[site])}", "client list (3)": f"lijst/#{services}",
            "building block": BLOCK[site], "whole guide": "voor-besturen/hele-gids/",
            "verification sheet": sheet_path(folder, org), "editors' guide": "redactie/",
            "work list": "werklijst/"}


def sheet_path(folder: Path, org: str) -> str:
    """The sheet's address, wherever the build writes it (a folder each, or one file each)."""
    found = sorted(folder.glob(f"controleblad/{org}*"))
    if not found:
        raise SystemExit(f"geen controleblad voor {org} in {folder}")
    return found[0].relative_to(folder).as_posix().removesuffix("index.html") + ("/" if found[0].is_dir() else "")


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


def median_audit(binary: Path, url: str, runs: int) -> dict[str, float]:
    """The median of each figure over several runs: one run moves by 10 points on a busy machine."""
    found = [audit(binary, url) for _ in range(runs)]
    return {key: statistics.median(run[key] for run in found) for key in found[0]}


def run_site(binary: Path, site: str, runs: int, only: str | None) -> list[str]:
    port = free_port()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "site"
        build(site, folder, port)
        handler = functools.partial(Published, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            rows = []
            for kind, path in page_kinds(site, folder).items():
                if only and only != kind:
                    continue
                load = os.getloadavg()[0]
                found = median_audit(binary, f"http://127.0.0.1:{port}/{path}", runs)
                rows.append(f"| {site} | {kind} | {found['score']:.0f} | {found['cls']:.3f} | {found['lcp']:.1f} s "
                            f"| {found['tbt']:.0f} ms | {load:.1f} |")
                print(rows[-1], file=sys.stderr, flush=True)
            return rows
        finally:
            server.shutdown()
            server.server_close()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="Lighthouse per page kind")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="one page kind, e.g. 'search with results'")
    parser.add_argument("sites", nargs="*", metavar="demo|real")
    args = parser.parse_args(argv)
    binary = install()
    print("| site | page | performance | CLS | LCP | TBT | load |\n| --- | --- | --- | --- | --- | --- | --- |")
    for site in args.sites or list(CONFIGS):
        print("\n".join(run_site(binary, site, args.runs, args.only)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
