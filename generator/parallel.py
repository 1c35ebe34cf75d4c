"""The second core: the one way sociale-kaart runs work in another process.

One strategy for every use: fork a helper with the standard library's
`multiprocessing` "fork" context, while this process still runs a single
thread; the helper sends its results back through a `multiprocessing` pipe
(one pickled message per result); work both processes may take is handed out
by a counter in shared memory (`Turns`).

Fork, not spawn: the helper starts with everything this process has read
(the map, MkDocs' pages and navigation, the templates) at no cost, and
nothing of it is pickled on the way out. Fork is only safe while no other
thread runs (`mkdocs serve` runs its server in threads), so `worth_forking`
says no then, and callers fall back to doing all the work here.

Two users, both one-off commands (never `serve`):
- reading the map (`map_in_two`): `sociale-kaart check` and the build read
  the organisation files in two processes (the data stage itself only reads
  files; the callers pass `map_in_two` to it);
- drawing pages (`Helper`, `Turns`): `mkdocs build` of a large map draws its
  generated pages in two processes (generator/assemble/split.py).

Package-neutral (like resources.py): the build and the editors both use it.
`SOCIALE_KAART_PROCESSES=1` keeps everything in one process; `=2` forks
wherever it is safe, however small the work (for tests).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Send = Callable[[Any], None]

PROCESSES_VARIABLE = "SOCIALE_KAART_PROCESSES"
FORK = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def cores() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worth_forking(work: int, worth_from: int) -> bool:
    """Whether `work` units (files, pages) go to two processes: when it is safe, and pays from `worth_from` on."""
    wanted = os.environ.get(PROCESSES_VARIABLE, "")
    if wanted == "1" or FORK is None or threading.active_count() != 1 or work < 2:
        return False
    return wanted == "2" or (cores() > 1 and work >= worth_from)


def release_memory() -> None:
    """Collect what was let go and hand free heap back to the system (glibc keeps it otherwise).

    Unfreezes first: objects frozen before a fork (Helper) are never collected while frozen."""
    gc.unfreeze()
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class Helper:
    """A forked process running `work(send)`; whatever it sends arrives here, in order, in a thread.

    `work` returns the helper's exit code. An exception in it ends the helper with
    code 1 and its traceback on stderr (callers that can say it better catch it first).
    """

    def __init__(self, work: Callable[[Send], int]) -> None:
        receiving, sending = FORK.Pipe(duplex=False)
        sys.stdout.flush()
        sys.stderr.flush()
        # Out of the cycle collector's sight: neither process scans (and so copies) the
        # objects they share; reference counting still frees what is let go.
        gc.freeze()
        self._process = FORK.Process(target=_run_helper, args=(work, sending, receiving),
                                     name="sociale-kaart-helper", daemon=True)
        self._process.start()
        sending.close()  # the helper holds the only sending end: its exit ends the stream
        self._receiving = receiving
        self._thread: threading.Thread | None = None
        self.failure: Exception | None = None  # what went wrong in `receive` (e.g. Pagefind stopped)

    def receive_in_thread(self, receive: Callable[[Any], None], at_end: Callable[[], None] = lambda: None) -> None:
        """Pass each message to `receive`, from a thread of this process; `at_end()` once the helper has ended."""
        self._thread = threading.Thread(target=self._receive, args=(receive, at_end), name="helper-messages",
                                        daemon=True)
        self._thread.start()

    def _receive(self, receive: Callable[[Any], None], at_end: Callable[[], None]) -> None:
        """After a failure keep reading, so that the helper never blocks on a full pipe."""
        try:
            with self._receiving:
                while True:
                    try:
                        message = self._receiving.recv()
                    except EOFError:
                        return
                    if self.failure is None:
                        try:
                            receive(message)
                        except Exception as error:  # raised in the main thread by the caller
                            self.failure = error
        finally:
            at_end()

    def wait(self) -> int:
        """Wait for the helper; its exit code (0: all well)."""
        self._process.join()
        if self._thread is not None:
            self._thread.join()
        return self._process.exitcode

    def stop(self) -> None:
        """End the helper now (the work failed elsewhere)."""
        self._process.terminate()
        self.wait()


def _run_helper(work: Callable[[Send], int], sending, receiving) -> None:
    """In the helper: run the work; its return value is the exit code."""
    receiving.close()
    with sending:
        code = work(sending.send)
    sys.exit(code)


class Turns:
    """Numbers 0, 1, 2, ... each taken by exactly one process: a counter in shared memory (made before the fork).

    One process meets the numbers in its own order and takes n unless the other is
    already past it; the other always takes the next untaken number. Both stay busy
    until the last number, whatever each one costs.
    """

    def __init__(self) -> None:
        self._next = FORK.Value("q", 0)  # with its own lock

    def take(self, number: int) -> bool:
        """Take `number` if nobody has taken it yet (skipping what lies before it)."""
        with self._next.get_lock():
            if self._next.value <= number:
                self._next.value = number + 1
                return True
            return False

    def take_next(self) -> int:
        """Take the lowest number nobody has taken yet."""
        with self._next.get_lock():
            number = self._next.value
            self._next.value = number + 1
            return number


def map_in_two(function: Callable[[T], R], items: Sequence[T], second_share: float) -> list[R]:
    """`[function(item) for item in items]`, the last `second_share` of them computed by a helper.

    The helper pickles its results back (pickling costs about twice what
    unpickling does, so its share is best a little under half). Whatever goes
    wrong there, the result is the same: the items it did not deliver are
    computed here. An interrupt here ends the helper at once.
    """
    split = min(len(items) - 1, max(1, round(len(items) * (1 - second_share))))
    mine, theirs = items[:split], items[split:]
    results: list[list[R]] = []
    helper = Helper(lambda send: _send_all(function, theirs, send))
    helper.receive_in_thread(results.append)
    try:
        here = [function(item) for item in mine]
    except BaseException:
        helper.stop()
        raise
    code = helper.wait()
    if code != 0 or helper.failure is not None or len(results) != 1 or len(results[0]) != len(theirs):
        return here + [function(item) for item in theirs]
    return here + results[0]


def _send_all(function: Callable[[T], R], items: Sequence[T], send: Send) -> int:
    """In map_in_two's helper: all results in one message; 1, silently, if that fails (the parent redoes them)."""
    try:
        send([function(item) for item in items])
    except Exception:
        return 1
    return 0


# Reading a map in two processes pays off from about this many files (below, starting
# a process and sending the records back cost more than they save).
READ_IN_TWO_FROM = 500
# The share of the files the helper reads: less than half, because it also pickles its
# records and starts on a copy of the first one's memory. With 0.46 the first process
# still waited 0.2-0.4 s for the second at 10,000 files; with 0.40, 0.02-0.05 s.
READ_SECOND_SHARE = 0.42


def read_in_two(read: Callable[[T], R], paths: Sequence[T]) -> list[R]:
    """`read` for every path, in order; in two processes when that is safe and pays off.

    For the data stage's `load_dataset(..., read_all=read_in_two)`: the stage
    itself stays plain functions over files."""
    if not worth_forking(len(paths), READ_IN_TWO_FROM):
        return [read(path) for path in paths]
    return map_in_two(read, paths, READ_SECOND_SHARE)
