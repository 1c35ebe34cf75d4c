"""Starting and stopping the processes a test runs (servers, builds), whatever happens and
however the suite itself was started.

A suite started in the background by a non-interactive shell (`bash scripts/test > log &`, as
many job runners do) inherits SIGINT and SIGQUIT as *ignored*, and so does every child: a
`mkdocs serve` told to stop with SIGINT would then run on for ever. So every child starts with
both signals at their defaults, in a session of its own (its process group is its pid), and is
stopped in `finally` with its whole group: the polite signal first, SIGKILL after a grace period.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

_DEFAULT_SIGNALS = ("import os, signal, sys; "
                    "[signal.signal(s, signal.SIG_DFL) for s in (signal.SIGINT, signal.SIGQUIT)]; "
                    "os.execvp(sys.argv[1], sys.argv[1:])")


def with_default_signals(command: list[str]) -> list[str]:
    """``command`` run with SIGINT and SIGQUIT at their defaults: a small Python resets them and
    becomes the command (exec keeps default dispositions; preexec_fn may deadlock under threads)."""
    return [sys.executable, "-c", _DEFAULT_SIGNALS, *command]


def start(command: list[str], **popen) -> subprocess.Popen:
    """Popen of ``command`` with default signals, in a session (and process group) of its own."""
    return subprocess.Popen(with_default_signals(command), start_new_session=True, **popen)


def group_alive(pgid: int) -> bool:
    """Whether any process of the process group ``pgid`` still runs (zombies do not count)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False


def wait_until_gone(pgid: int, seconds: float = 60) -> bool:
    """Wait (polling) until every process of the group has ended; False if some still run."""
    deadline = time.monotonic() + seconds
    while group_alive(pgid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def stop(process: subprocess.Popen, first: int = signal.SIGTERM, grace: float = 30) -> None:
    """Stop ``process`` (``first`` to it alone, so it can shut down cleanly), then SIGKILL its whole
    group, whether it ended or not: nothing it started outlives the test."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(first)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    wait_until_gone(process.pid, 10)


@contextlib.contextmanager
def running(command: list[str], *, first: int = signal.SIGTERM, **popen) -> Iterator[subprocess.Popen]:
    """``command`` running for the body of the ``with``; stopped with its group afterwards."""
    process = start(command, **popen)
    try:
        yield process
    finally:
        stop(process, first)
