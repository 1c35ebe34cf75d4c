"""Fault injection: whatever fails during a real `mkdocs build`, the previous site/ stays whole.

A killed build, a failing or hanging Pagefind, a full disk, a read-only folder, strict-mode
warnings: each run starts from a copy of the session's demo site (the "previous" site) and
checks, file by file, that it is byte-identical afterwards, that no temporary folder is left
beside it after a clean failure, and that the user read one or a few Dutch lines, no traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import DEMO_CONFIG, ROOT, build_env, limited, mkdocs_build, small_tmpfs
from processes import running, start, stop, wait_until_gone

KEPT = "De vorige versie van de site is ongewijzigd gebleven."
STUB = Path(__file__).with_name("pagefind_stub.py")


def hashes(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def beside(site: Path) -> list[str]:
    """What stands next to site/ (a clean failure leaves nothing but site/ itself)."""
    return sorted(p.name for p in site.parent.iterdir())


@pytest.fixture
def previous(demo_site: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A published site (a copy of the demo build) in its own folder, and its file hashes."""
    site = tmp_path / "out" / "site"
    shutil.copytree(demo_site, site)
    return site, hashes(site)


def assert_failed_cleanly(result: subprocess.CompletedProcess[str], site: Path, before: dict[str, str]) -> None:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout, result.stdout
    assert KEPT in result.stdout, result.stdout
    assert hashes(site) == before, "the previous site changed"
    assert beside(site) == ["site"]


def stub_binary(tmp_path: Path, script: str) -> str:
    binary = tmp_path / "pagefind-stub"
    binary.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    binary.chmod(0o755)
    return str(binary)


# --- Pagefind as a component that can fail ---------------------------------------------------

PAGEFIND_FAILURES = {
    "missing": ("/nonexistent/pagefind", "Pagefind kan niet starten: /nonexistent/pagefind"),
    "exits at once": ("echo 'kapot' >&2; exit 3", "Pagefind is onverwacht gestopt (Pagefind: kapot)"),
    "never answers": ("exec sleep 600", "Pagefind antwoordt niet meer (na 2 s gewacht)"),
    "hangs writing": ("PY", "Pagefind antwoordt niet meer"),
    "writes nothing": ("PY", "Pagefind heeft geen zoekindex geschreven (de map pagefind/"),
}


@pytest.mark.parametrize("case", list(PAGEFIND_FAILURES))
def test_a_failing_pagefind_fails_the_build_in_dutch_and_keeps_the_site(case, previous, tmp_path):
    site, before = previous
    script, message = PAGEFIND_FAILURES[case]
    env = {"SOCIALE_KAART_PAGEFIND_SECONDS": "2"}
    if script.startswith("/"):
        env["PAGEFIND_BINARY_PATH"] = script
    elif script == "PY":
        env["PAGEFIND_BINARY_PATH"] = stub_binary(tmp_path, f'exec "{sys.executable}" "{STUB}"')
        env["PAGEFIND_STUB"] = "hang-on-write" if case == "hangs writing" else "silent"
    else:
        env["PAGEFIND_BINARY_PATH"] = stub_binary(tmp_path, script)
    started = time.monotonic()
    result = mkdocs_build(DEMO_CONFIG, site, extra_env=env)
    assert time.monotonic() - started < 120, "the time limit did not stop the build"
    assert_failed_cleanly(result, site, before)
    assert f"De zoekindex kon niet gemaakt worden: {message}" in result.stdout


# --- the machine -----------------------------------------------------------------------------


def test_a_full_disk_fails_in_dutch_and_keeps_the_site(demo_site, tmp_path):
    """A tmpfs with room for one site but not two: the new build runs out of space (ENOSPC)."""
    one_site = sum(path.stat().st_size for path in demo_site.rglob("*") if path.is_file())
    room = one_site * 3 // 2 // 1024 + 512  # KiB: the site, its folders, half a second site
    with small_tmpfs(tmp_path / "disk", f"{room}k") as disk:
        site = disk / "site"
        shutil.copytree(demo_site, site)
        before = hashes(site)
        result = mkdocs_build(DEMO_CONFIG, site)
        assert_failed_cleanly(result, site, before)
        assert "de schijf is vol; maak ruimte vrij en bouw opnieuw." in result.stdout


def test_a_file_size_limit_fails_in_dutch_and_keeps_the_site(previous):
    """The disk-full simulation that needs no root: RLIMIT_FSIZE in the build's process makes
    writing beyond 500 kB fail (EFBIG, not ENOSPC: the same path through the code)."""
    site, before = previous
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(DEMO_CONFIG), "-d", str(site)]
    result = subprocess.run(limited(command, RLIMIT_FSIZE=500_000), cwd=ROOT, env=build_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300, check=False)
    assert_failed_cleanly(result, site, before)
    assert "een bestand wordt groter dan het systeem toelaat." in result.stdout


def test_a_read_only_target_fails_in_dutch_and_keeps_the_site(demo_site, tmp_path):
    # Root writes anywhere: only a read-only file system stops it.
    as_root = os.geteuid() == 0
    with small_tmpfs(tmp_path / "disk", "16m") if as_root else contextlib.nullcontext(tmp_path / "disk") as disk:
        disk.mkdir(exist_ok=True)
        site = disk / "site"
        shutil.copytree(demo_site, site)
        before = hashes(site)
        if as_root:
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        else:
            disk.chmod(0o555)
        try:
            result = mkdocs_build(DEMO_CONFIG, site)
        finally:
            if not as_root:
                disk.chmod(0o755)
        assert_failed_cleanly(result, site, before)
        assert "Schrijven van de site in " in result.stdout


def test_strict_warnings_fail_the_build_before_it_replaces_the_site(previous, tmp_path):
    """MkDocs counts strict-mode warnings only after every plugin's on_post_build:
    the swap must not have happened by then."""
    site, before = previous
    (tmp_path / "demo").mkdir()
    shutil.copy2(DEMO_CONFIG, tmp_path / "demo" / "mkdocs.yml")
    shutil.copytree(ROOT / "demo" / "map", tmp_path / "demo" / "map")
    for folder in ("docs", "overrides", "site_templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "docs" / "over-deze-kaart.md").write_text("# Over\n\n[weg](nergens.md)\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "demo" / "mkdocs.yml", site, cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert "Aborted with 1 warnings in strict mode!" in result.stdout
    assert "Traceback" not in result.stdout
    assert hashes(site) == before
    assert beside(site) == ["site"]


# --- a killed build --------------------------------------------------------------------------


def files_in(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def fresh_folder(site: Path) -> Path | None:
    return next((p for p in site.parent.iterdir() if p.name.startswith(".site-new-")), None)


# Moments to kill the build at, by what its fresh folder holds (a build that finishes first is
# checked all the same): just made; assets being copied; pages being written; open data;
# the search index being written.
KILL_WHEN = {
    "folder made": lambda fresh: True,
    "first files": lambda fresh: files_in(fresh) >= 5,
    "half the pages": lambda fresh: files_in(fresh) >= 90,
    "open data": lambda fresh: (fresh / "data").is_dir(),
    "search index": lambda fresh: (fresh / "pagefind").is_dir(),
}


def kill_build_when(site: Path, moment, env: dict[str, str]) -> int | None:
    """Start a real build of the demo, SIGKILL it at ``moment``; its exit code if it ended first."""
    with running([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(DEMO_CONFIG), "-d", str(site)],
                 cwd=ROOT, env={**build_env(site_url="http://kaart.example/"), **env},
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            fresh = fresh_folder(site)
            with contextlib.suppress(OSError):
                if fresh is not None and moment(fresh):
                    os.kill(process.pid, signal.SIGKILL)  # the build alone, as `kill -9` would
                    break
            time.sleep(0.002)
        code = process.wait()
        # What the killed build started (Pagefind, the page helper) ends by itself once its pipes close.
        assert wait_until_gone(process.pid), "a killed build left processes running"
    return code


def stable(name: str) -> bool:
    """Whether a file's name is the same in every build (Pagefind's filter and meta files are not)."""
    return "/filter/" not in name and not name.endswith(".pf_meta")


def test_a_killed_build_never_harms_the_previous_site(previous):
    site, before = previous
    for number, (name, moment) in enumerate(KILL_WHEN.items()):
        env = {"SOCIALE_KAART_PROCESSES": "2"} if number % 2 else {}  # with the helper process too
        code = kill_build_when(site, moment, env)
        now = hashes(site)
        if code == -signal.SIGKILL:
            assert now == before, f"killed at '{name}': the previous site changed"
        else:  # the build won the race: then the site is the whole new one (Pagefind's filter
            # files are named by content hashes of a HashMap-ordered index: compare their number)
            assert code == 0 and len(now) == len(before), name
            assert [n for n in now if stable(n)] == [n for n in before if stable(n)], name
            assert "http://kaart.example/" in (site / "index.html").read_text(encoding="utf-8")
            before = now
    result = mkdocs_build(DEMO_CONFIG, site)
    assert result.returncode == 0, result.stdout
    assert beside(site) == ["site"], "the next build removes what killed builds left"


def test_a_leftover_of_a_running_build_is_kept(previous):
    """Folders of killed builds go; the folder of a build that still runs (it holds a lock) stays."""
    from generator.assemble.publish_site import FreshSite, remove_leftovers

    site, _ = previous
    dead = site.parent / ".site-new-killed"
    dead.mkdir()
    running = FreshSite(site)
    try:
        remove_leftovers(site)
        assert beside(site) == sorted(["site", running.path.name])
    finally:
        running.discard()
    assert beside(site) == ["site"]


def test_a_build_killed_between_two_renames_gets_its_site_back(previous):
    """Where one atomic exchange is not available, the swap is two renames; a build killed
    between them leaves site/ under its old name, and the next build puts it back."""
    from generator.assemble.publish_site import remove_leftovers

    site, before = previous
    site.rename(site.parent / ".site-old-abc")
    remove_leftovers(site)
    assert hashes(site) == before
    assert beside(site) == ["site"]


# --- mkdocs serve ----------------------------------------------------------------------------


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def wait_for(condition, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if condition():
                return
        time.sleep(0.2)
    raise AssertionError("gave up waiting")


def test_serve_rebuilds_and_a_failed_rebuild_keeps_the_preview(tmp_path):
    """`mkdocs serve` builds aside as well: it keeps serving and reloading, and a rebuild
    that fails (bad data) leaves the last good preview in place."""
    (tmp_path / "demo").mkdir()
    shutil.copy2(DEMO_CONFIG, tmp_path / "demo" / "mkdocs.yml")
    shutil.copytree(ROOT / "demo" / "map", tmp_path / "demo" / "map")
    for folder in ("docs", "overrides", "site_templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page = f"http://127.0.0.1:{port}/over-deze-kaart/"
    about = tmp_path / "docs" / "over-deze-kaart.md"
    record = tmp_path / "demo" / "map" / "organisations" / "pensioenpunt.yaml"
    temp = tmp_path / "tmp"  # serve builds in a temporary folder: here, to look at
    temp.mkdir()
    log = tmp_path / "serve.log"
    with open(log, "wb") as output:
        server = start([sys.executable, "-m", "mkdocs", "serve", "-f", str(tmp_path / "demo" / "mkdocs.yml"),
                        "-a", f"127.0.0.1:{port}"], cwd=tmp_path, env={**build_env(), "TMPDIR": str(temp)},
                       stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: "Over" in fetch(page))
        about.write_text(about.read_text(encoding="utf-8") + "\nEerste-wijziging-zichtbaar\n", encoding="utf-8")
        wait_for(lambda: "Eerste-wijziging-zichtbaar" in fetch(page))
        (preview,) = [p for p in temp.iterdir() if p.name.startswith("mkdocs_")]
        record.write_text(record.read_text(encoding="utf-8") + "fax: 099 00 00 99\n", encoding="utf-8")
        about.write_text(about.read_text(encoding="utf-8") + "\nTweede-wijziging\n", encoding="utf-8")
        wait_for(lambda: "de site is niet gebouwd" in log.read_text(encoding="utf-8"))
        shown = (preview / "over-deze-kaart" / "index.html").read_text(encoding="utf-8")
        assert "Eerste-wijziging-zichtbaar" in shown and "Tweede-wijziging" not in shown
        assert beside(preview) == [preview.name], "the failed rebuild left its folder"
        record.write_text(record.read_text(encoding="utf-8").replace("fax: 099 00 00 99\n", ""), encoding="utf-8")
        wait_for(lambda: "Tweede-wijziging" in fetch(page))
        assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        stop(server, signal.SIGINT)  # Ctrl-C, as a user stops it
