"""The second build process (generator/assemble/parallel.py): reports arrive in page order, failures
are reported by exit code, each shared page is drawn once. The whole build in two processes is
compared with a one-process build in test_build.py."""

from __future__ import annotations

import time
from collections import Counter

from generator.assemble.parallel import Helper, OrderedFeed
from generator.assemble.split import Claims


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


def test_the_helper_reports_back_through_the_pipe(single_thread):
    added = []
    feed = OrderedFeed(lambda html, url: added.append((url, html)))

    def work(report) -> int:
        report(1, "/organisaties/ä/", "<p>één</p>" * 5000)  # bigger than a pipe buffer
        report(0, "/", None)
        return 0

    helper = Helper(work)
    helper.forward(feed)
    assert helper.wait() == 0
    assert added == [("/organisaties/ä/", "<p>één</p>" * 5000)] and feed.waiting == 0


def test_a_failing_helper_says_so_by_its_exit_code(single_thread, capfd):
    def work(report) -> int:
        raise ValueError("kapot")

    helper = Helper(work)
    helper.forward(OrderedFeed(lambda html, url: None))
    assert helper.wait() == 1
    assert "ValueError: kapot" in capfd.readouterr().err


def test_each_shared_page_is_drawn_by_exactly_one_process(single_thread):
    """Both processes take pages as they go (generator/assemble/split.py, Claims): none is drawn
    twice or left out, and the helper takes pages while the parent is busy elsewhere."""
    pages = 400
    claims = Claims()
    feed_seen: list[tuple[int, str]] = []
    feed = OrderedFeed(lambda html, url: feed_seen.append((int(url), html)))

    def work(report) -> int:
        while (number := claims.helper_takes()) < pages:
            time.sleep(0.001)  # drawing a page
            report(number, str(number), "helper")
        return 0

    helper = Helper(work)
    helper.forward(feed)
    for number in range(pages):
        if claims.parent_takes(number):
            time.sleep(0.001)
            feed.put(number, str(number), "parent")
        if number == 100:
            time.sleep(0.2)  # the parent draws a long list page; the helper goes on meanwhile
    assert helper.wait() == 0
    assert [number for number, _ in feed_seen] == list(range(pages))
    drawn_by = Counter(who for _, who in feed_seen)
    assert drawn_by["helper"] > 50 and drawn_by["parent"] > 50, drawn_by
