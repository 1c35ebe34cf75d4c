"""What Pagefind gets of a page (generator/assemble/index_part.py): elements it would skip anyway
are left out before sending; anything it reads inside an ignored element stays. That the index
stays the same is checked on the whole demo in test_build.py (streamed against a directory index)."""

from __future__ import annotations

from generator.assemble.index_part import without_ignored


def test_skipped_elements_are_left_out_nested_or_not():
    html = ('<p>Huur</p><div data-pagefind-ignore><div><p>uren</p></div><br></div>'
            '<p class="x" data-pagefind-ignore="all">bron</p><p>Waarborg</p><img data-pagefind-ignore src="a">')
    assert without_ignored(html) == "<p>Huur</p><p>Waarborg</p>"


def test_what_pagefind_reads_inside_an_ignored_element_stays():
    kept = ['<div hidden data-pagefind-ignore="index"><span data-pagefind-filter="type">Organisatie</span></div>',
            '<section data-pagefind-ignore><h3 id="uren">Uren</h3></section>',
            '<div data-pagefind-ignore><span data-pagefind-meta="soort">Partner</span></div>']
    for html in kept:
        assert without_ignored(html) == html


def test_an_attribute_that_only_looks_alike_is_not_ignored():
    html = '<p data-pagefind-ignored-not="x">tekst</p><p data-pagefind-weight="0.5">woorden</p>'
    assert without_ignored(html) == html
