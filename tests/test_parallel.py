"""The second build process (generator/build/parallel.py): reports arrive in page order, failures
are reported by exit code. The whole build in two processes is compared with a one-process
build in test_build.py."""

from __future__ import annotations

from generator.build.parallel import Helper, OrderedFeed


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
