"""The search page does not jump when its results arrive (issue 22: CLS 0.28-0.67 in Lighthouse,
the footer pushed down): the layout shifts a visitor sees, summed by the browser's own
PerformanceObserver, stay under 0.1 (Lighthouse's 'good'), on a phone and a desk, for a few and
for many results, with instant navigation on, on the demo and the real site."""

from __future__ import annotations

import pytest
from test_search import results

CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 800}],
                         ids=["phone", "desk"])
@pytest.mark.parametrize("site, query", [("demo", "verzinnegem"), ("demo", "huurwaarborg"), ("real", "huur")])
def test_results_render_without_layout_shift(browser, request, viewport, site, query):
    base = request.getfixturevalue(f"{site}_server")
    context = browser.new_context(viewport=viewport, locale="nl-BE", service_workers="block")
    try:
        tab = context.new_page()
        tab.goto(base + f"zoeken/?q={query}")
        assert results(tab)
        tab.wait_for_function("() => document.fonts.status === 'loaded'")
        shift = tab.evaluate(CLS)
        assert shift < 0.1, f"layout shift {shift:.3f}"
    finally:
        context.close()
