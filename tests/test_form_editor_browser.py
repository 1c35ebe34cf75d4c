"""The form editor end to end: Decap CMS in Chromium against its local backend.

`decap-server` (from package-lock.json, started and stopped here) serves a
scratch git repository holding a copy of demo/map/. The test opens /admin/,
changes an organisation's phone and adds weekly hours to a service, saves
(editorial workflow: a branch cms/organisations/<id>, as a pull request would
be), and checks the file, `sociale-kaart check` and `sociale-kaart diff`.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from conftest import mkdocs_build
from processes import running

from generator.assemble.form_editor import write_form_editor
from generator.data.dataset import load_dataset

ROOT = Path(__file__).resolve().parent.parent
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
ORG = "sociaal-verhuurkantoor"
ORG_FILE = f"demo/map/organisations/{ORG}.yaml"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}

pytestmark = pytest.mark.skipif(not DECAP_SERVER.exists() and not os.environ.get("CI"),
                                reason="npm ci has not installed decap-server")


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV},
                            capture_output=True, text=True, check=True)
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml"}

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture()
def scratch_repo(tmp_path: Path) -> Path:
    """A git repository (branch main) with a copy of the demo map, as a clone would be."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "demo" / "map", repo / "demo" / "map")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")
    return repo


@pytest.fixture()
def decap_server(scratch_repo: Path):
    """`decap-server` in git mode (editorial workflow) on a free port; stopped afterwards."""
    port = free_port()
    env = {**os.environ, **GIT_ENV, "PORT": str(port), "MODE": "git", "BIND_HOST": "127.0.0.1",
           "GIT_REPO_DIRECTORY": str(scratch_repo)}
    with running(["node", str(DECAP_SERVER)], cwd=scratch_repo, env=env,
                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
        line = process.stdout.readline()
        assert "listening" in line, line
        yield f"http://127.0.0.1:{port}/api/v1"


@pytest.fixture()
def admin_url(tmp_path: Path, scratch_repo: Path, decap_server: str):
    """/admin/ as the build writes it, served on 127.0.0.1, pointed at the local backend."""
    site = tmp_path / "site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    admin = write_form_editor(load_dataset(scratch_repo / "demo" / "map").site, site, base)
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    config["local_backend"] = {"url": decap_server}
    (admin / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base + "admin/"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def cms_page(browser, admin_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    tab = context.new_page()
    tab.console_errors, tab.requests = [], []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(f"JS error: {error}"))
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.goto(admin_url)
    tab.get_by_role("button", name="Inloggen").click()
    tab.get_by_text("Organisaties").first.wait_for()
    yield tab
    context.close()


def choose(page, field_id_prefix: str, option: str, index: int = -1) -> None:
    """Pick an option in one of Decap's select widgets (react-select)."""
    control = page.locator(f"[id^='{field_id_prefix}-field-']").nth(index)
    control.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_form_loads_without_errors_or_other_hosts(cms_page, admin_url):
    assert cms_page.console_errors == []
    hosts = {url.split("/")[2] for url in cms_page.requests}
    assert hosts <= {admin_url.split("/")[2], cms_page.requests[-1].split("/")[2]}, hosts
    assert all(url.startswith("http://127.0.0.1:") for url in cms_page.requests)


def test_edit_phone_and_hours(cms_page, admin_url, scratch_repo, artifacts):
    page = cms_page
    page.goto(admin_url + f"#/collections/organisations/entries/{ORG}")
    number = page.get_by_label("Nummer", exact=True).first
    number.wait_for()
    page.screenshot(path=str(artifacts / "form-editor-top.png"))
    number.fill("099 00 00 55")
    unknown = page.get_by_text("Nog niet bekend. Voeg een regel toe zodra u het weet.").last
    unknown.scroll_into_view_if_needed()
    page.mouse.wheel(0, -250)
    page.screenshot(path=str(artifacts / "form-editor-hours-unknown.png"))
    page.get_by_role("button", name="Voeg vaste uren toe").last.click()
    choose(page, "repeat", "Elke week")
    choose(page, "days", "dinsdag")
    page.get_by_role("button", name="Voeg uren toe").last.click()
    page.locator("input[id^='times-field-']").last.fill("09:00-12:00")
    page.locator("input[id^='repeat-field-']").last.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "form-editor-hours.png"))
    page.get_by_role("button", name="Opslaan").click()
    branch = f"cms/organisations/{ORG}"
    page.wait_for_function("() => document.body.textContent.includes('Wijzigingen opgeslagen')", timeout=20000)
    page.screenshot(path=str(artifacts / "form-editor-saved.png"))
    assert git(scratch_repo, "branch", "--list", branch).strip(), "no branch (pull request) was made"
    changed = yaml.safe_load(git(scratch_repo, "show", f"{branch}:{ORG_FILE}"))
    assert changed["phones"][0]["number"] == "099 00 00 55"
    assert changed["services"][0]["locations"][0]["hours"] == [
        {"repeat": "weekly", "days": ["tu"], "times": ["09:00-12:00"]}]
    report = git(scratch_repo, "diff", "main", branch, "--", ORG_FILE)
    (artifacts / "form-editor.diff").write_text(report, encoding="utf-8")
    print(report)
    git(scratch_repo, "checkout", "-q", branch)
    check = subprocess.run([sys.executable, "-m", "generator", "check", "demo/map"], cwd=scratch_repo,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    described = subprocess.run([sys.executable, "-m", "generator", "diff", "--git", "main", branch,
                                "--map", "demo/map"], cwd=scratch_repo, capture_output=True, text=True)
    print(described.stdout)
    assert "nieuw telefoonnummer 099 00 00 55" in described.stdout, described.stdout
    assert "elke dinsdag 09:00–12:00 (Sociaal Huis Verzinnegem) is nieuw" in described.stdout
    git(scratch_repo, "checkout", "-q", "main")


def test_one_field_edit_changes_one_line(cms_page, admin_url, scratch_repo, artifacts):
    """Once a file is in the form's style, changing one field changes only its line.

    (The first save of a hand-written file also rewrites comments, '>-' blocks and
    [a, b] lists in the style of Decap's YAML writer; see docs/redactie.md.)"""
    page, branch = cms_page, f"cms/organisations/{ORG}"
    for number in ("099 00 00 55", "099 00 00 56"):
        page.goto(admin_url + f"#/collections/organisations/entries/{ORG}")
        field = page.get_by_label("Nummer", exact=True).first
        field.wait_for()
        field.fill(number)
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_function("() => document.body.textContent.includes('Wijzigingen opgeslagen')", timeout=20000)
        page.wait_for_timeout(500)
    report = git(scratch_repo, "diff", f"{branch}~1", branch, "--", ORG_FILE)
    changed = [line for line in report.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    print(f"git diff of the one-field edit: {len(changed)} changed lines")
    assert changed == ["-  - number: 099 00 00 55", "+  - number: 099 00 00 56"]


def entry_urls(repo: Path) -> list[str]:
    """The form of every record: each organisation, each location, each settings file."""
    folder = repo / "demo" / "map"
    urls = [f"#/collections/organisations/entries/{p.stem}" for p in sorted(folder.glob("organisations/*.yaml"))]
    urls += [f"#/collections/locations/entries/{p.stem}" for p in sorted(folder.glob("locations/*.yaml"))]
    return urls + [f"#/collections/settings/entries/{name}" for name in ("site", "themes", "closures", "mentoring")]


def not_found_lookups(errors: list[str]) -> list[str]:
    """Decap asks the backend for an open change of each entry; 'none yet' is a 404."""
    return [e for e in errors if not e.startswith("Failed to load resource: the server responded with a status of 404")]


def test_every_record_opens_in_the_form(cms_page, admin_url, scratch_repo, artifacts):
    page = cms_page
    for url in entry_urls(scratch_repo):
        page.goto(admin_url + "#/collections/settings")  # as an editor would: through the list
        page.get_by_text("Voor besturen").first.wait_for()
        page.goto(admin_url + url)
        page.locator("label").first.wait_for()
        page.get_by_role("button", name="Opslaan").wait_for()
        assert not_found_lookups(page.console_errors) == [], url
    assert page.get_by_label("Titel", exact=True).first.input_value().startswith("Voor besturen")
    page.screenshot(path=str(artifacts / "form-editor-mentoring.png"))


def test_emptied_field_is_left_out(cms_page, admin_url, scratch_repo):
    """An optional text emptied in the form disappears from the file (check refuses '')."""
    page, branch = cms_page, f"cms/organisations/{ORG}"
    page.goto(admin_url + f"#/collections/organisations/entries/{ORG}")
    field = page.get_by_label("Andere naam of afkorting (optioneel)", exact=True)
    field.wait_for()
    field.fill("")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_function("() => document.body.textContent.includes('Wijzigingen opgeslagen')", timeout=20000)
    changed = yaml.safe_load(git(scratch_repo, "show", f"{branch}:{ORG_FILE}"))
    assert "alternate_name" not in changed
    assert changed["services"][0]["languages"] == "unknown"
    git(scratch_repo, "checkout", "-q", branch)
    check = subprocess.run([sys.executable, "-m", "generator", "check", "demo/map"], cwd=scratch_repo,
                           capture_output=True, text=True)
    git(scratch_repo, "checkout", "-q", "main")
    assert check.returncode == 0, check.stdout


def test_settings_file_saves_and_passes_check(cms_page, admin_url, scratch_repo):
    """mentoring.yaml: one texts and lists of texts, optional groups left empty."""
    page, branch, path = cms_page, "cms/settings/mentoring", "demo/map/mentoring.yaml"
    page.goto(admin_url + "#/collections/settings")
    page.get_by_text("Voor besturen").first.click()
    title = page.get_by_label("Titel", exact=True).first
    title.wait_for()
    title.fill("Voor besturen: zo werkt het Sociaal Huis Verzinnegem (proef)")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_function("() => document.body.textContent.includes('Wijzigingen opgeslagen')", timeout=20000)
    before = yaml.safe_load((scratch_repo / path).read_text(encoding="utf-8"))
    after = yaml.safe_load(git(scratch_repo, "show", f"{branch}:{path}"))
    assert after.pop("title").endswith("(proef)")
    before.pop("title")
    assert after == before
    git(scratch_repo, "checkout", "-q", branch)
    check = subprocess.run([sys.executable, "-m", "generator", "check", "demo/map"], cwd=scratch_repo,
                           capture_output=True, text=True)
    git(scratch_repo, "checkout", "-q", "main")
    assert check.returncode == 0, check.stdout


TOKEN = "github_pat_11TEST0000000000000000_scratch"


def serve_site(site: Path, base: str):
    """Playwright route handler: the built site at ``base``, as the web host would serve it."""
    def serve(route):
        path = site / route.request.url.removeprefix(base).split("#")[0].split("?")[0]
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return route.fulfill(status=404, body="")
        kind = {".html": "text/html", ".js": "text/javascript", ".yml": "text/yaml"}.get(path.suffix, "text/plain")
        return route.fulfill(status=200, body=path.read_bytes(), content_type=kind)
    return serve


def test_published_form_asks_nothing_of_other_hosts(browser, tmp_path, scratch_repo, artifacts):
    """On the published site (https, not localhost) the form shows its token sign-in and loads
    everything from the site itself: no CDN, no fonts, no trackers before sign-in.

    The site is served by Playwright's request routing at https://sociale-kaart.test/;
    a request for any other host is recorded and refused."""
    base = "https://sociale-kaart.test/"
    site = tmp_path / "published"
    write_form_editor(load_dataset(scratch_repo / "demo" / "map").site, site, base)
    requests, elsewhere, errors = [], [], []

    def refuse(route):
        elsewhere.append(route.request.url)
        return route.abort()

    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 720})
    context.route("**/*", refuse)
    context.route(f"{base}**", serve_site(site, base))
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{base}admin/")
        page.get_by_label("Toegangssleutel").wait_for()
        page.screenshot(path=str(artifacts / "form-editor-sign-in.png"))
    finally:
        context.close()
    assert errors == []
    assert elsewhere == []
    assert requests and all(url.startswith(base) for url in requests), requests


@pytest.fixture()
def published_form(browser, tmp_path, scratch_repo):
    """/admin/ as published, its git host a double of GitHub's API, both on 127.0.0.1.

    (Both on loopback: Chromium's Local Network Access refuses a request from a
    public address to 127.0.0.1.) The config differs from the published one in
    two keys: ``api_root`` points at the double, and ``local_backend`` is off, as
    it is on any host but localhost. Every request the browser makes is recorded;
    one to any host but the site and the git host is refused and recorded in
    ``elsewhere``."""
    from github_double import GitHubDouble, start

    double = GitHubDouble(scratch_repo, "sociale-kaart/sociale-kaart", TOKEN)
    api, api_root = start(double)
    site = tmp_path / "published"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    admin = write_form_editor(load_dataset(scratch_repo / "demo" / "map").site, site, base)
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    config["backend"]["api_root"] = api_root
    config.pop("local_backend")
    (admin / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests, page.elsewhere, page.errors, page.double = [], [], [], double

    def refuse(route):
        page.elsewhere.append(route.request.url)
        return route.abort()

    context.route("**/*", refuse)
    for allowed in (api_root + "/", base):
        context.route(f"{allowed}**", lambda route: route.continue_())
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    try:
        page.goto(f"{base}admin/")
        yield page, base, api_root
    finally:
        context.close()
        for running in (server, api):
            running.shutdown()
            running.server_close()


def test_sign_in_with_a_token_and_save_a_pull_request(published_form, scratch_repo, artifacts):
    """The published form: token sign-in, an edit, saved as a branch and pull request on the git host."""
    page, base, api_root = published_form
    field = page.get_by_label("Toegangssleutel")
    field.wait_for()
    page.screenshot(path=str(artifacts / "form-editor-token-sign-in.png"))
    field.fill(TOKEN)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Organisaties").first.wait_for()
    page.goto(f"{base}admin/#/collections/organisations/entries/{ORG}")
    number = page.get_by_label("Nummer", exact=True).first
    number.wait_for()
    number.fill("099 00 00 57")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_function("() => document.body.textContent.includes('Wijzigingen opgeslagen')", timeout=20000)
    branch = f"cms/organisations/{ORG}"
    changed = yaml.safe_load(git(scratch_repo, "show", f"{branch}:{ORG_FILE}"))
    assert changed["phones"][0]["number"] == "099 00 00 57"
    assert [pull["head"]["ref"] for pull in page.double.pulls] == [branch]
    assert page.double.pulls[0]["labels"] == [{"name": "decap-cms/draft"}]
    assert {auth for _method, _path, auth in page.double.requests} == {f"token {TOKEN}"}
    assert page.errors == []
    assert page.elsewhere == []
    hosts = {url.split("/")[2] for url in page.requests}
    assert hosts == {base.split("/")[2], api_root.split("/")[2]}, hosts


def test_wrong_token_is_refused_in_dutch(published_form):
    page, _base, _api_root = published_form
    page.get_by_label("Toegangssleutel").fill("github_pat_wrong")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("alert").filter(has_text="Inloggen lukte niet").wait_for()
    assert page.elsewhere == []


def shows(page, text: str) -> None:
    """Wait until the form shows ``text`` (an error message at a field)."""
    page.get_by_text(text).first.wait_for()


def test_form_refuses_what_check_refuses_at_the_field(cms_page, admin_url, scratch_repo, artifacts):
    """Phone 'abc', '25:00', '12:00-09:00', a source without url/file/confirmation, a future check
    date: each refused at the field in Dutch; a date typed on the keyboard is saved as typed."""
    page, branch = cms_page, f"cms/organisations/{ORG}"
    page.goto(admin_url + f"#/collections/organisations/entries/{ORG}")
    number = page.get_by_label("Nummer", exact=True).first
    number.wait_for()
    number.fill("abc")
    number.blur()
    shows(page, "Nummer: schrijf het volledige nummer met zone")
    number.fill("")
    number.fill("099 00 00 58")
    assured = page.get_by_label("Laatst gecontroleerd op", exact=True)
    assured.fill("2098-01-01")
    assured.blur()
    shows(page, "Deze datum ligt in de toekomst.")
    assured.fill("2025-03-01")
    page.get_by_role("button", name="Voeg vaste uren toe").last.click()
    choose(page, "repeat", "Elke week")
    choose(page, "days", "dinsdag")
    page.get_by_role("button", name="Voeg uren toe").last.click()
    times = page.locator("input[id^='times-field-']").last
    times.fill("25:00-26:99")
    times.blur()
    shows(page, "Uren: schrijf begin en einde als uu:mm-uu:mm, tussen 00:00 en 23:59")
    times.fill("")  # Decap's text field keeps its text when Playwright fills it at once
    times.fill("12:00-09:00")
    times.blur()
    shows(page, "Het einde (09:00) moet na het begin (12:00) liggen.")
    page.screenshot(path=str(artifacts / "form-editor-refuses-hours.png"))
    times.fill("")
    times.fill("09:00-12:00")
    times.blur()
    page.get_by_role("button", name=re.compile("Voeg bronnen toe", re.I)).first.click()
    page.get_by_label("Wat bevestigt deze bron?", exact=True).last.fill("Telefoon met het onthaal")
    date = page.get_by_label("Gelezen op (optioneel)", exact=True).last  # a date field (Datum is a text: a year)
    date.click()
    # Digit by digit, as a person types; headless Chromium shows mm/dd/yyyy whatever the page's locale.
    page.keyboard.type("03152026")
    assert date.input_value() == "2026-03-15"
    page.get_by_role("button", name="Opslaan").click()
    shows(page, "Geef een webadres, een bestand of wie het bevestigde")
    page.get_by_text("Geef een webadres, een bestand of wie het bevestigde").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "form-editor-refuses-source.png"))
    assert not git(scratch_repo, "branch", "--list", branch).strip(), "saved despite the errors"
    page.get_by_label("Bestand (optioneel)", exact=True).last.fill("telefoon met het onthaal")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_function("() => document.body.textContent.includes('Wijzigingen opgeslagen')", timeout=20000)
    changed = yaml.safe_load(git(scratch_repo, "show", f"{branch}:{ORG_FILE}"))
    assert changed["phones"][0]["number"] == "099 00 00 58"
    assert changed["sources"][-1] == {"file": "telefoon met het onthaal", "supports": "Telefoon met het onthaal",
                                      "read": dt.date(2026, 3, 15)}
    git(scratch_repo, "checkout", "-q", branch)
    check = subprocess.run([sys.executable, "-m", "generator", "check", "demo/map"], cwd=scratch_repo,
                           capture_output=True, text=True)
    git(scratch_repo, "checkout", "-q", "main")
    assert check.returncode == 0, check.stdout


def branch_project(repo: Path, branch: str, folder: Path) -> Path:
    """A project folder holding the demo map of ``branch`` (read with git archive: the form's
    local backend works in the repository meanwhile) and the site's own folders."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", branch, "demo/map"], cwd=repo, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    shutil.copy2(ROOT / "demo" / "mkdocs.yml", folder / "demo" / "mkdocs.yml")
    for name in ("docs", "overrides", "site_templates"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


# Where a citizen meets the Juridisch Spreekuur's dates: its page, the agenda and the week of
# 2 December 2026 (its 1st Wednesday), seen from the tests' build date (23 November 2026).
SURFACES = ("organisaties/juridisch-advies", "agenda", "week/2026-11-30")


def built_pages(project: Path) -> dict[str, str]:
    """The pages of SURFACES of the demo site built from ``project`` at the tests' build date."""
    result = mkdocs_build(project / "demo" / "mkdocs.yml", project / "site", cwd=project)
    assert result.returncode == 0, result.stdout
    return {uri: (project / "site" / uri / "index.html").read_text(encoding="utf-8") for uri in SURFACES}


def test_a_returned_sheet_is_entered_as_a_confirmation_and_shown(cms_page, admin_url, scratch_repo, tmp_path):
    """The ID-team phones the partner (or gets the sheet back) and enters 'yes, that is right' as a
    source confirmed_by; in the pull request's site its page, the agenda and the week no longer say
    that its source is old."""
    org, page = "juridisch-advies", cms_page
    before = built_pages(branch_project(scratch_repo, "main", tmp_path / "before"))
    assert all("olgens een bron uit 2019" in text and "Juridisch Spreekuur" in text for text in before.values())
    page.goto(admin_url + f"#/collections/organisations/entries/{org}")
    page.get_by_label("Nummer", exact=True).first.wait_for()
    page.get_by_role("button", name="Voeg bronnen toe").first.click()
    page.get_by_label(re.compile("^Bevestigd door")).last.fill("Juridisch Spreekuur Verzinnegem, telefonisch")
    page.get_by_label(re.compile("^Wat bevestigt deze bron")).last.fill("dagen en uren van het spreekuur")
    page.get_by_label(re.compile("^Datum")).last.fill("2026-11-20")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_function("() => document.body.textContent.includes('Wijzigingen opgeslagen')", timeout=20000)
    branch = f"cms/organisations/{org}"
    saved = yaml.safe_load(git(scratch_repo, "show", f"{branch}:demo/map/organisations/{org}.yaml"))
    assert {"confirmed_by": "Juridisch Spreekuur Verzinnegem, telefonisch", "date": "2026-11-20",
            "supports": "dagen en uren van het spreekuur"} in [
        {key: str(value) for key, value in source.items()} for source in saved["sources"]]
    project = branch_project(scratch_repo, branch, tmp_path / "after")
    check = subprocess.run([sys.executable, "-m", "generator", "check", "demo/map"], cwd=project,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    after = built_pages(project)
    assert not [uri for uri, text in after.items() if "olgens een bron uit 2019" in text]
    assert all("Juridisch Spreekuur" in text for text in after.values())
    shown = after[f"organisaties/{org}"]
    assert "bevestigd door Juridisch Spreekuur Verzinnegem, telefonisch op 20 november 2026" in shown
    assert "Laatst bevestigd op 20 november 2026." in shown
