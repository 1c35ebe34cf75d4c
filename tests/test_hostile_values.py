"""Values that look harmless and are not (issue 25): e-mail addresses that smuggle mail headers
into every mailto: link (#8), bidi controls and invisible characters in names, ids and
addresses (#9). `check` refuses each with a Dutch line that names what is wrong."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import ROOT

from generator.editors.cli import main
from generator.site.render import mailto

DEMO_MAP = ROOT / "demo" / "map"
WOONLOKET = "organisations/woonloket.yaml"


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))


def line_in(relative: str, text: str) -> int:
    """The line of the demo file that holds ``text`` (the files are in the form editor's form)."""
    lines = (DEMO_MAP / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def check_after(demo_copy: Path, capsys, relative: str, old: str, new: str) -> tuple[int, str]:
    path = demo_copy / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code = main(["check", str(demo_copy)])
    return code, capsys.readouterr().out


# --- #8 e-mail addresses are addresses, mailto: links are encoded ----------------------------

INJECTED = {
    "a header": ("woonloket@example.org?subject=x&bcc=spion%40evil.example", "een vraagteken"),
    "a second recipient": ("woonloket@example.org,spion@evil.example", "een komma"),
    "an encoded @": ("spion%40evil.example@example.org", "een %-teken"),
    "a space": ("woonloket@example.org spion@evil.example", "een spatie"),
    "only an ampersand": ("woon&loket@example.org", "een &-teken"),
}


@pytest.mark.parametrize("case", list(INJECTED))
def test_check_refuses_an_email_that_is_more_than_an_address(case, demo_copy, capsys):
    value, why = INJECTED[case]
    code, out = check_after(demo_copy, capsys, WOONLOKET, "email: woonloket@example.org", f'email: "{value}"')
    assert code == 1
    line = line_in(WOONLOKET, "email: ")
    assert re.search(rf"{WOONLOKET}:{line}: email: '.*' is geen geldig e-mailadres \({why} hoort niet in een "
                     r"e-mailadres\); schrijf alleen het adres, bv\. info@mechelen\.be", out), out


def test_check_refuses_an_injected_editorial_email(demo_copy, capsys):
    code, out = check_after(demo_copy, capsys, "site.yaml", "editorial_email: redactie@example.org",
                            'editorial_email: "redactie@example.org?bcc=spion@evil.example"')
    line = line_in("site.yaml", "editorial_email:")
    assert code == 1 and f"site.yaml:{line}: editorial_email: " in out and "een vraagteken" in out


@pytest.mark.parametrize("address", ["o'brien@example.be", "a.b+c@sub.voor-beeld.example.org", "X_Y@ex.org"])
def test_ordinary_addresses_still_pass(address, demo_copy, capsys):
    code, out = check_after(demo_copy, capsys, WOONLOKET, "email: woonloket@example.org", f'email: "{address}"')
    assert code == 0, out


def recipients_and_headers(link: str) -> tuple[list[str], set[str]]:
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    return unquote(parts.path).split(","), set(parse_qs(parts.query))


def test_mailto_encodes_every_part():
    link = mailto("a@x.org?bcc=spion@evil.example&cc=b@y.org", "Titel & meer?bcc=c@z.org", "regel 1\nbcc: d@w.org")
    assert link.count("?") == 1 and link.count("&") == 1
    recipients, headers = recipients_and_headers(link)
    assert recipients == ["a@x.org?bcc=spion@evil.example&cc=b@y.org"]  # one odd address, not three
    assert headers == {"subject", "body"}
    assert mailto("info@mechelen.be") == "mailto:info@mechelen.be"


def test_every_mailto_link_of_the_demo_has_one_recipient_and_only_subject_and_body(demo_site):
    links = {href for page in demo_site.rglob("*.html")
             for href in re.findall(r'href="(mailto:[^"]*)"', page.read_text(encoding="utf-8"))}
    assert len(links) > 10  # the organisations' addresses and the correction links
    for link in links:
        recipients, headers = recipients_and_headers(link.replace("&amp;", "&"))
        assert len(recipients) == 1 and "@" in recipients[0], link
        assert headers <= {"subject", "body"}, link


# --- #9 bidi controls and invisible characters -----------------------------------------------

HIDDEN = {
    "\u202e": "een teken dat de leesrichting omdraait (U+202E, RIGHT-TO-LEFT OVERRIDE)",
    "\u2066": "een teken dat de leesrichting omdraait (U+2066, LEFT-TO-RIGHT ISOLATE)",
    "\u200f": "een teken dat de leesrichting omdraait (U+200F, RIGHT-TO-LEFT MARK)",
    "\u200b": "een onzichtbaar teken (U+200B, ZERO WIDTH SPACE)",
    "\u200d": "een onzichtbaar teken (U+200D, ZERO WIDTH JOINER)",
    "\u2060": "een onzichtbaar teken (U+2060, WORD JOINER)",
    "\ufeff": "een onzichtbaar teken (U+FEFF, ZERO WIDTH NO-BREAK SPACE)",
}

PLACES = {  # file, text in it, field as reported
    "organisation name": (WOONLOKET, "name: Woonloket Verzinnegem", "name"),
    "organisation id": (WOONLOKET, "parent_organisation: sociaal-huis", "parent_organisation"),
    "e-mail": (WOONLOKET, "email: woonloket@example.org", "email"),
    "street": ("locations/sociaal-huis.yaml", "street: Kerkstraat 1", "address.street"),
    "site name": ("site.yaml", "name: Sociaal Huis Verzinnegem", "name"),
}


@pytest.mark.parametrize("char", list(HIDDEN))
@pytest.mark.parametrize("place", list(PLACES))
def test_check_refuses_bidi_and_invisible_characters_naming_them(char, place, demo_copy, capsys):
    relative, text, field = PLACES[place]
    line = line_in(relative, text)
    key, value = text.split(": ", 1)
    changed = f'{key}: "{value[:3]}{char}{value[3:]}"'
    code, out = check_after(demo_copy, capsys, relative, text, changed)
    assert code == 1
    assert f"{relative}:{line}: {field}: bevat {HIDDEN[char]} op positie 4; verwijder het" in out, out
    assert char not in out  # the report itself is never turned around


def test_a_description_may_hold_a_right_to_left_mark(demo_copy, capsys):
    """Arabic or Hebrew in a description needs direction marks; only names, ids and addresses refuse them."""
    first = 'description: "Verzinnegem is een verzonnen gemeente. Het Woonloket'
    code, out = check_after(demo_copy, capsys, WOONLOKET, first,
                            'description: "\u0645\u0631\u062d\u0628\u0627\u200f (Arabisch). ' + first[14:])
    assert code == 0, out
