"""`bash scripts/edit`: the form editor tried on this computer, as docs/redactie.md says.

The script builds the real site, serves it under site_url's path on 127.0.0.1,
starts the pinned decap-server (git mode: the review step) on 127.0.0.1 and prints
one address. The test opens it, asks the local backend, reads /proc/net/tcp* for
every socket the script's processes listen on (all on loopback), then presses
Ctrl-C (SIGINT to the process group) and sees both stop.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import processes
import pytest

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1 as /proc/net writes them

pytestmark = pytest.mark.skipif(not (ROOT / "node_modules" / "decap-server").exists() and not os.environ.get("CI"),
                                reason="npm ci has not installed decap-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_until(process: subprocess.Popen, marker: str, seconds: float) -> str:
    """The script's output up to the line holding ``marker`` (fails after ``seconds``)."""
    deadline, seen = time.monotonic() + seconds, ""
    while marker not in seen:
        left = deadline - time.monotonic()
        assert left > 0 and process.poll() is None, seen
        if select.select([process.stdout], [], [], left)[0]:
            line = process.stdout.readline()
            assert line, seen
            seen += line
    return seen


def session_pids(session: int) -> list[int]:
    """Every process of the script's session (it was started as a session leader)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.getsid(int(entry.name)) == session:
                pids.append(int(entry.name))
        except ProcessLookupError:
            pass
    return pids


def socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def listening_addresses(inodes: set[str]) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp*) of the listening sockets among ``inodes``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                found.append(fields[1])
    return found


@pytest.mark.slow
def test_edit_script_serves_form_and_backend_on_loopback_only():
    site_port, cms_port = free_port(), free_port()
    env = {**os.environ, "SOCIALE_KAART_NO_INSTALL": "1", "EDIT_PORT": str(site_port), "EDIT_CMS_PORT": str(cms_port)}
    process = processes.start(["bash", "scripts/edit"], cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    try:
        output = read_until(process, "Open in uw browser:", 300)
        address = output.split("Open in uw browser:")[1].split()[0]
        assert address == f"http://127.0.0.1:{site_port}/sociale-kaart/admin/"  # under site_url's path
        with urllib.request.urlopen(address) as answer:
            assert "Gegevens aanpassen" in answer.read().decode()
        with urllib.request.urlopen(address + "config.yml") as answer:
            assert f"url: http://127.0.0.1:{cms_port}/api/v1" in answer.read().decode()
        ask = urllib.request.Request(f"http://127.0.0.1:{cms_port}/api/v1", data=b'{"action":"info"}',
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(ask) as answer:
            assert "editorial_workflow" in answer.read().decode()
        inodes = set().union(*(socket_inodes(pid) for pid in session_pids(process.pid)))
        listening = listening_addresses(inodes)
        assert len(listening) >= 2, listening
        assert {address.split(":")[0] for address in listening} <= LOOPBACK, listening
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C
        assert process.wait(timeout=30) == 130
        assert processes.wait_until_gone(process.pid, 30)
        for port in (site_port, cms_port):
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
    finally:
        processes.stop(process)
