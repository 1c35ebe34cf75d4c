"""Scale benchmark for sociale-kaart: 100, 1,000 and 10,000 organisations.

Run from anywhere:  python benchmarks/run.py [--sizes 100,1000,10000] [--no-browser]

Writes benchmarks/results.md and benchmarks/results.json. Work files go to
benchmarks/out/ (gitignored). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEMO = ROOT / "demo"
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))

HOUSE = "sociaal-huis"
QUERY = "huurwaarborg aanvragen"
MIB = 1024 * 1024

TARGETS = {
    "build_10k_s": 60.0,       # full build incl. Pagefind, 10,000 orgs
    "peak_10k_mib": 1024.0,    # peak RSS of that build
    "check_10k_s": 5.0,        # sociale-kaart check on 10,000 orgs
    "overhead": 1.3,           # our build / plain Material build, at 10,000 orgs
    "search_10k_kib": 350.0,   # bytes under /pagefind/ for one two-word search
}

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# --------------------------------------------------------------------------- generate

def clone_org(text: str, base_id: str, n: int) -> str:
    """A demo organisation file as a new organisation `<id>-<n>`, name + ' <n>', under the house."""
    new_id = f"{base_id}-{n}"
    text, k = re.subn(rf"(?m)^id: {re.escape(base_id)}\s*$", f"id: {new_id}", text, count=1)
    assert k == 1, base_id

    def rename(m: re.Match) -> str:
        value = m.group(1).rstrip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            return f"name: {value[:-1]} {n}{value[-1]}"
        return f"name: {value} {n}"

    text, k = re.subn(r"(?m)^name: (.+)$", rename, text, count=1)
    assert k == 1, base_id
    if re.search(r"(?m)^parent_organisation:", text):
        text = re.sub(r"(?m)^parent_organisation: .*$", f"parent_organisation: {HOUSE}", text, count=1)
    elif base_id == HOUSE:
        # A copy of the house becomes a team under the house (one house per map).
        text = re.sub(r"(?m)^(kind: .*)$", rf"\1\nparent_organisation: {HOUSE}", text, count=1)
    return text


def mkdocs_config(demo_cfg: str) -> str:
    """demo/mkdocs.yml with absolute paths to the shared docs, overrides and templates."""
    cfg = demo_cfg
    for key, target in (("docs_dir", ROOT / "docs"), ("custom_dir", ROOT / "overrides"),
                        ("templates", ROOT / "site_templates")):
        cfg, k = re.subn(rf"(?m)^(\s*{key}:\s*)\S+\s*$", rf"\g<1>{target}", cfg, count=1)
        if k != 1:
            raise SystemExit(f"demo/mkdocs.yml: no '{key}:' line to adapt")
    cfg, k = re.subn(r"(?m)^(\s*map:\s*)\S+\s*$", r"\g<1>map", cfg, count=1)
    return cfg


def generate(size: int) -> Path:
    root = OUT / f"orgs-{size}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copytree(DEMO / "map", root / "map")
    org_dir = root / "map" / "organisations"
    bases = sorted(org_dir.glob("*.yaml"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in bases]
    for n in range(1, size - len(bases) + 1):
        base_id, text = texts[(n - 1) % len(texts)]
        (org_dir / f"{base_id}-{n}.yaml").write_text(clone_org(text, base_id, n), encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs_config((DEMO / "mkdocs.yml").read_text(encoding="utf-8")),
                                     encoding="utf-8")
    return root


# --------------------------------------------------------------------------- measure

def _tree_rss(root_pid: int) -> int:
    """Summed RSS (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # fields[1]: parent pid
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")  # fields[21]: rss in pages
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run_measured(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, str, dict]:
    """Wall time (s), peak memory (MiB) and output of a command.

    Peak memory is the highest sum of RSS over the command and all its
    descendants at one moment (sampled every 50 ms), because the build runs the
    Pagefind binary beside MkDocs. Also returned: the largest single process
    (ru_maxrss) and CPU seconds (user + system, descendants included).
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.05):
            peak = max(peak, _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = proc.stdout.read()
    stop.set()
    sampler.join()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = out.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{text[-4000:]}")
    largest = usage.ru_maxrss / 1024
    extra = {"cpu_s": usage.ru_utime + usage.ru_stime, "largest_process_mib": largest}
    return wall, max(peak / MIB, largest), text, extra


def tree_size(path: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(dirpath, name))
            files += 1
    return total, files


def plain_project(root: Path) -> tuple[Path, dict[str, float]]:
    """The same pages as ordinary Markdown, built by Material without our plugin."""
    from generator.data.dataset import load_dataset
    from generator.site.pages import plan_pages
    from generator.site.render import render_all

    phases = {}
    t = time.perf_counter()
    data = load_dataset(root / "map")
    phases["load_dataset"] = time.perf_counter() - t
    t = time.perf_counter()
    pages = plan_pages(data)
    phases["plan_pages"] = time.perf_counter() - t
    t = time.perf_counter()
    rendered = render_all(ROOT / "site_templates", pages)
    phases["render_all"] = time.perf_counter() - t

    import yaml
    plain = root / "plain"
    if plain.exists():
        shutil.rmtree(plain)
    docs = plain / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for uri, content in rendered.items():
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")

    ours = yaml.load((DEMO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    in_nav = set()
    for plugin in ours.get("plugins", []):
        if isinstance(plugin, dict) and "sociale-kaart" in plugin:
            in_nav = set(plugin["sociale-kaart"].get("in_nav", []))
    globs = sorted({(uri.rsplit("/", 1)[0] + "/*") if "/" in uri else uri
                    for uri in rendered if uri not in in_nav})
    theme = dict(ours["theme"])
    theme.pop("custom_dir", None)   # the overrides only load Pagefind; plain Material has its own search
    theme["font"] = False
    theme["language"] = "nl"
    cfg = {
        "site_name": ours["site_name"],
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": "docs",
        "strict": False,
        "theme": theme,
        "plugins": ["search"],
        "extra_css": ours.get("extra_css", []),
        "nav": ours.get("nav"),
        "not_in_nav": "\n".join(globs),
        "validation": ours.get("validation"),
        "markdown_extensions": ours.get("markdown_extensions"),
    }
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plain, phases


import yaml as _yaml  # noqa: E402


class _EnvLoader(_yaml.SafeLoader):
    pass


_EnvLoader.add_constructor("!ENV", lambda loader, node: None)


def time_pagefind(site: Path) -> float:
    from generator.assemble.search import index_site
    t = time.perf_counter()
    index_site(site)
    return time.perf_counter() - t


# --------------------------------------------------------------------------- browser

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def search_bytes(site: Path, words: str) -> dict:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    responses = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            page = browser.new_page()
            page.on("response", lambda r: responses.append(r))
            url = f"http://127.0.0.1:{port}/zoeken/?q={words.replace(' ', '+')}"
            page.goto(url)
            page.wait_for_selector(".sk-result", timeout=60_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            results = page.locator(".sk-result").count()
            sizes = []
            for r in responses:
                try:
                    body = len(r.body())
                except Exception:
                    body = 0
                sizes.append((r.url, body))
            browser.close()
    finally:
        server.shutdown()
    pf = [(u, b) for u, b in sizes if f":{port}/pagefind/" in u]
    return {
        "query": words, "results_shown": results,
        "pagefind_bytes": sum(b for _, b in pf), "pagefind_requests": len(pf),
        "page_bytes": sum(b for _, b in sizes), "page_requests": len(sizes),
    }


# --------------------------------------------------------------------------- report

def fmt_bytes(n: float) -> str:
    return f"{n / MIB:.1f} MiB" if n >= MIB else f"{n / 1024:.0f} KiB"


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("PASS" if ok else "MISS")


def report(results: dict) -> str:
    sizes = results["sizes"]
    cols = [str(s["organisations"]) for s in sizes]
    lines = ["# Benchmark results", "",
             f"Run {results['date']} on {results['machine']}. Generated by `python benchmarks/run.py`.", "",
             "| | " + " | ".join(f"{c} orgs" for c in cols) + " |",
             "|---|" + "---|" * len(cols)]

    def row(label, fn):
        lines.append(f"| {label} | " + " | ".join(fn(s) for s in sizes) + " |")

    row("pages generated", lambda s: f"{s['pages']:,}")
    row("`sociale-kaart check`", lambda s: f"{s['check_s']:.2f} s")
    row("full build (pages + Pagefind)", lambda s: f"{s['build_s']:.1f} s")
    row("CPU time of build (user + system, all processes)", lambda s: f"{s['build_cpu_s']:.1f} s")
    row("peak memory of build (all processes together)", lambda s: f"{s['build_peak_mib']:.0f} MiB")
    row("site/ size", lambda s: f"{fmt_bytes(s['site_bytes'])}, {s['site_files']:,} files")
    row("Pagefind index", lambda s: f"{fmt_bytes(s['pagefind_bytes'])}, {s['pagefind_files']:,} files")
    row("plain Material build (same pages, `search` plugin)", lambda s: f"{s['plain_build_s']:.1f} s")
    row("plain build CPU time", lambda s: f"{s['plain_cpu_s']:.1f} s")
    row("plain build peak memory", lambda s: f"{s['plain_peak_mib']:.0f} MiB")
    row("generator overhead (ours / plain)", lambda s: f"{s['overhead']:.2f}×")
    row("Material `search_index.json`", lambda s: fmt_bytes(s["search_index_bytes"]))
    row("phases: load / plan / render (in-process)",
        lambda s: (f"{s['phases']['load_dataset']:.1f} / {s['phases']['plan_pages']:.1f}"
                   f" / {s['phases']['render_all']:.1f} s"))
    row("phase: Pagefind alone (re-run)",
        lambda s: f"{s['phases']['pagefind']:.1f} s" if "pagefind" in s["phases"] else "—")

    big = max(sizes, key=lambda s: s["organisations"])
    sr = results.get("search")
    for c in results.get("check_only", []):
        lines += ["", f"`sociale-kaart check` on {c['organisations']:,} organisations (no build at this size): "
                  f"{c['check_s']:.2f} s, peak {c['check_peak_mib']:.0f} MiB."]
    chk = max([big, *results.get("check_only", [])], key=lambda s: s["organisations"])
    t = TARGETS
    is_10k = big["organisations"] >= 10_000
    checks = [
        (f"build of {big['organisations']:,} orgs incl. search < {t['build_10k_s']:.0f} s",
         f"{big['build_s']:.1f} s", big["build_s"] < t["build_10k_s"] if is_10k else None),
        ("peak memory of that build < 1 GB", f"{big['build_peak_mib']:.0f} MiB",
         big["build_peak_mib"] < t["peak_10k_mib"] if is_10k else None),
        (f"`check` on {chk['organisations']:,} orgs < {t['check_10k_s']:.0f} s", f"{chk['check_s']:.2f} s",
         chk["check_s"] < t["check_10k_s"] if chk["organisations"] >= 10_000 else None),
        (f"generator overhead < {t['overhead']}× (at {big['organisations']:,} orgs)", f"{big['overhead']:.2f}×",
         big["overhead"] < t["overhead"]),
        (f"one two-word search on {big['organisations']:,} orgs < {t['search_10k_kib']:.0f} KiB under /pagefind/",
         f"{sr['pagefind_bytes'] / 1024:.0f} KiB" if sr else "not measured",
         (sr["pagefind_bytes"] / 1024 < t["search_10k_kib"]) if (sr and is_10k) else None),
    ]
    checks = [(a + ("" if c is not None or "overhead" in a else " (target is for 10,000; indicative)"), b, c)
              for a, b, c in checks
    ]
    lines += ["", "## Targets", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {verdict(c)} |" for a, b, c in checks]
    if sr:
        lines += ["", f"Search \"{sr['query']}\" on the {big['organisations']:,}-organisation site: "
                  f"{sr['results_shown']} results shown; {sr['pagefind_requests']} requests under /pagefind/ "
                  f"= {sr['pagefind_bytes'] / 1024:.0f} KiB; whole page load {sr['page_requests']} requests "
                  f"= {sr['page_bytes'] / 1024:.0f} KiB (uncompressed, python http.server)."]
    results["targets"] = [{"target": a, "measured": b, "verdict": verdict(c)} for a, b, c in checks]
    return "\n".join(lines) + "\n"


NOTES_MARK = "<!-- notes: kept when run.py rewrites this file -->"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium search measurement")
    ap.add_argument("--no-phases", action="store_true", help="skip re-running Pagefind alone")
    ap.add_argument("--check-only", default="", help="extra sizes for which only `check` is timed, e.g. 10000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    check_only = [int(s) for s in args.check_only.split(",") if s]

    import platform
    results = {"date": dt.datetime.now().isoformat(timespec="seconds"),
               "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
               "targets_def": TARGETS, "sizes": []}
    for size in sizes:
        print(f"== {size} organisations", flush=True)
        root = generate(size)
        r = {"organisations": size}
        r["check_s"], r["check_peak_mib"], _, extra = run_measured(["sociale-kaart", "check", str(root / "map")])
        r["check_cpu_s"] = extra["cpu_s"]
        print(f"   check {r['check_s']:.2f} s", flush=True)
        shutil.rmtree(root / "site", ignore_errors=True)
        r["build_s"], r["build_peak_mib"], _, extra = run_measured(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")])
        r["build_cpu_s"], r["build_largest_mib"] = extra["cpu_s"], extra["largest_process_mib"]
        print(f"   build {r['build_s']:.1f} s, {r['build_peak_mib']:.0f} MiB", flush=True)
        r["site_bytes"], r["site_files"] = tree_size(root / "site")
        r["pagefind_bytes"], r["pagefind_files"] = tree_size(root / "site" / "pagefind")

        plain, phases = plain_project(root)
        r["pages"] = sum(1 for _ in (plain / "docs").rglob("*.md"))
        r["plain_build_s"], r["plain_peak_mib"], _, extra = run_measured(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml")])
        r["plain_cpu_s"] = extra["cpu_s"]
        print(f"   plain build {r['plain_build_s']:.1f} s", flush=True)
        r["plain_site_bytes"], r["plain_site_files"] = tree_size(plain / "site")
        r["search_index_bytes"] = (plain / "site" / "search" / "search_index.json").stat().st_size
        r["overhead"] = r["build_s"] / r["plain_build_s"]
        if not args.no_phases:
            phases["pagefind"] = time_pagefind(root / "site")
        r["phases"] = phases
        results["sizes"].append(r)

    for size in check_only:
        print(f"== {size} organisations (check only)", flush=True)
        root = generate(size)
        wall, peak, _, _ = run_measured(["sociale-kaart", "check", str(root / "map")])
        results.setdefault("check_only", []).append({"organisations": size, "check_s": wall, "check_peak_mib": peak})
        print(f"   check {wall:.2f} s", flush=True)

    if not args.no_browser:
        big = max(sizes)
        print(f"== browser search on {big} organisations", flush=True)
        results["search"] = search_bytes(OUT / f"orgs-{big}" / "site", QUERY)

    text = report(results)
    md = HERE / "results.md"
    notes = ""
    if md.exists() and NOTES_MARK in md.read_text(encoding="utf-8"):
        notes = md.read_text(encoding="utf-8").split(NOTES_MARK, 1)[1]
    md.write_text(text + "\n" + NOTES_MARK + notes, encoding="utf-8")
    (HERE / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
