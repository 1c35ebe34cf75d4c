"""The second process (generator/parallel.py, used by generator/assemble/split.py): messages arrive
in order, pages reach the index in page order, failures are reported by exit code, each shared
page is drawn once, and only generator/parallel.py forks. The whole build in two processes is
compared with a one-process build in test_build.py; reading in two in test_parallel_load.py."""

from __future__ import annotations

import re
import time
from collections import Counter

from conftest import ROOT

from generator.assemble.index_part import OrderedFeed
from generator.parallel import Helper, Turns


def test_pages_reach_the_index_in_page_order_whoever_built_them():
    added = []
    feed = OrderedFeed(lambda html, url: added.append((url, html)))
    feed.put(2, "/c/", "<c>")
    feed.put(1, "/b/", None)  # built, not indexed
    assert added == [] and feed.waiting == 2
    feed.put(0, "/a/", "<a>")
    assert added == [("/a/", "<a>"), ("/c/", "<c>")] and feed.waiting == 0
    feed.put(5, "/f/", "<f>")  # 3 and 4 never come (a --dirty build skips unchanged pages)
    feed.flush()
    assert added[-1] == ("/f/", "<f>") and feed.waiting == 0


def test_the_helper_sends_back_through_the_pipe(single_thread):
    added, ended = [], []
    feed = OrderedFeed(lambda html, url: added.append((url, html)))

    def work(send) -> int:
        send((1, "/organisaties/ä/", "<p>één</p>" * 5000))  # bigger than a pipe buffer
        send((0, "/", None))
        return 2

    helper = Helper(work)
    helper.receive_in_thread(lambda message: feed.put(*message), at_end=lambda: ended.append(True))
    assert helper.wait() == 2 and ended == [True]
    assert added == [("/organisaties/ä/", "<p>één</p>" * 5000)] and feed.waiting == 0


def test_a_failing_helper_says_so_by_its_exit_code(single_thread, capfd):
    def work(send) -> int:
        raise ValueError("kapot")

    helper = Helper(work)
    helper.receive_in_thread(lambda message: None)
    assert helper.wait() == 1
    assert "ValueError: kapot" in capfd.readouterr().err


def test_a_failure_on_this_side_keeps_the_helper_going(single_thread):
    """When passing a message on fails here (Pagefind stopped), the helper is still read to its end."""
    def work(send) -> int:
        for _ in range(2000):
            send("x" * 1000)
        return 0

    def receive(message) -> None:
        raise RuntimeError("Pagefind stopped")

    helper = Helper(work)
    helper.receive_in_thread(receive)
    assert helper.wait() == 0 and str(helper.failure) == "Pagefind stopped"


def test_only_generator_parallel_forks_or_pipes():
    """One way to use the second core: nothing else in generator/ forks, pipes or pools processes
    (import-linter holds the imports of multiprocessing and concurrent.futures)."""
    pattern = re.compile(r"\bos\.(fork|pipe|forkpty|spawn\w*|posix_spawn\w*)\(")
    found = [str(path.relative_to(ROOT)) for path in (ROOT / "generator").rglob("*.py")
             if path.name != "parallel.py" and pattern.search(path.read_text(encoding="utf-8"))]
    assert found == []


def test_each_shared_page_is_drawn_by_exactly_one_process(single_thread):
    """Both processes take pages as they go (generator/parallel.py, Turns): none is drawn
    twice or left out, and the helper takes pages while the parent is busy elsewhere."""
    pages = 400
    turns = Turns()
    feed_seen: list[tuple[int, str]] = []
    feed = OrderedFeed(lambda html, url: feed_seen.append((int(url), html)))

    def work(send) -> int:
        while (number := turns.take_next()) < pages:
            time.sleep(0.001)  # drawing a page
            send((number, str(number), "helper"))
        return 0

    helper = Helper(work)
    helper.receive_in_thread(lambda message: feed.put(*message))
    for number in range(pages):
        if turns.take(number):
            time.sleep(0.001)
            feed.put(number, str(number), "parent")
        if number == 100:
            time.sleep(0.2)  # the parent draws a long list page; the helper goes on meanwhile
    assert helper.wait() == 0
    assert [number for number, _ in feed_seen] == list(range(pages))
    drawn_by = Counter(who for _, who in feed_seen)
    assert drawn_by["helper"] > 50 and drawn_by["parent"] > 50, drawn_by
