"""The corpus of broken files: every mistake an editor could make gets a clear Dutch line.

A case is either

* ``corpus/<case>.yaml``: one file, written as is (header comments included, so
  its line numbers are the ones in the corpus file) into a copy of
  ``fixtures/minimal/map`` at the path named by ``# target:``; or
* ``corpus/<case>/``: a folder whose files are written at the same paths into
  the copy (several files broken at once).

Directives, as comment lines in a case file:

``# target: organisations/kapot.yaml``  where the file goes in the map folder
``# expect: organisations/kapot.yaml:12: field: Dutch message``
    a printed problem line must start with ``map/`` + this text; `` ... ``
    stands for any text. The run must report exactly as many problems as
    there are ``expect`` lines.
``# delete: themes.yaml``  remove this file from the copy first
``# encoding: latin-1``    write the file in this encoding instead of UTF-8
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import limited
from processes import start, stop

from generator.editors.cli import main

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS / "corpus"
FIXTURE = TESTS / "fixtures" / "minimal" / "map"

DIRECTIVE = re.compile(r"^# (target|expect|delete|encoding): (.*?)\s*$", re.MULTILINE)


@dataclass
class Case:
    """One corpus case: the files to write, the files to delete, the lines to expect."""

    name: str
    files: dict[str, bytes] = field(default_factory=dict)
    delete: list[str] = field(default_factory=list)
    expects: list[str] = field(default_factory=list)

    def add(self, text: str, target: str | None) -> None:
        directives: dict[str, list[str]] = {}
        for key, value in DIRECTIVE.findall(text):
            directives.setdefault(key, []).append(value)
        self.expects += directives.get("expect", [])
        self.delete += directives.get("delete", [])
        target = target or next(iter(directives.get("target", [])), None)
        if target is not None:
            encoding = directives.get("encoding", ["utf-8"])[0]
            self.files[target] = text.encode(encoding)


def read_case(path: Path) -> Case:
    case = Case(path.stem if path.is_file() else path.name)
    if path.is_file():
        case.add(path.read_text(encoding="utf-8"), None)
    else:
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            case.add(file.read_text(encoding="utf-8"), file.relative_to(path).as_posix())
    return case


CASES = sorted([*CORPUS.glob("*.yaml"), *(p for p in CORPUS.iterdir() if p.is_dir())])


def build_map(case: Case, workdir: Path) -> Path:
    """A copy of the minimal map with the case applied; returns the map folder."""
    root = workdir / "map"
    shutil.copytree(FIXTURE, root)
    for name in case.delete:
        (root / name).unlink()
    for name, data in case.files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def count_line(count: int) -> str:
    return "1 probleem gevonden." if count == 1 else f"{count} problemen gevonden."


def assert_reported(case: Case, output: str) -> None:
    """Every expected line printed, nothing else wrong, no traceback, the right count."""
    assert "Traceback" not in output
    lines = output.strip().splitlines()
    for expect in case.expects:
        pattern = re.compile("^map/" + ".*".join(re.escape(part) for part in expect.split(" ... ")))
        assert any(pattern.match(line) for line in lines), f"{case.name}: missing\n  {expect}\nin\n{output}"
    assert lines[-1] == count_line(len(case.expects)), output


def test_corpus_is_large_enough():
    assert len(CASES) >= 30
    for path in CASES:
        case = read_case(path)
        assert case.expects, f"{path.name} has no '# expect:' line"
        assert case.files or case.delete, f"{path.name} changes nothing"


def test_fixture_is_valid(monkeypatch, capsys, tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "map")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "map"]) == 0
    assert "map: geen problemen gevonden" in capsys.readouterr().out


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path, tmp_path, monkeypatch, capsys):
    case = read_case(path)
    root = build_map(case, tmp_path)
    before = snapshot(root)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "map"]) != 0
    captured = capsys.readouterr()
    assert_reported(case, captured.out)
    assert "Traceback" not in captured.err
    assert snapshot(root) == before, "check must never change a file"


SUBPROCESS_CASES = ["several-files", "non-utf8", "syntax-tab-indentation", "missing-themes-file"]


def console_script() -> list[str]:
    """The installed `sociale-kaart` command (next to this Python, or on PATH)."""
    script = Path(sys.executable).with_name("sociale-kaart")
    found = str(script) if script.exists() else shutil.which("sociale-kaart")
    assert found, "the sociale-kaart command is not installed (pip install -e .)"
    return [found]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_case_as_command(name, tmp_path):
    path = CORPUS / name if (CORPUS / name).is_dir() else CORPUS / f"{name}.yaml"
    case = read_case(path)
    root = build_map(case, tmp_path)
    before = snapshot(root)
    result = subprocess.run([*console_script(), "check", "map"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert_reported(case, result.stdout)
    assert snapshot(root) == before


def test_several_files_in_one_run(tmp_path, monkeypatch, capsys):
    """Problems in different files, of different kinds, all come out of one run."""
    case = read_case(CORPUS / "several-files")
    assert len({expect.split(":")[0] for expect in case.expects}) >= 4
    build_map(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "map"]) == 1
    assert capsys.readouterr().out.strip().endswith(f"{len(case.expects)} problemen gevonden.")


def test_several_folders_one_broken(tmp_path, monkeypatch, capsys):
    """`check a b`: the clean folder is reported clean, the broken one fails the run."""
    shutil.copytree(FIXTURE, tmp_path / "good")
    build_map(read_case(CORPUS / "duplicate-key.yaml"), tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "good", "map"]) == 1
    out = capsys.readouterr().out
    assert "good: geen problemen gevonden" in out
    assert "1 probleem gevonden." in out


def test_missing_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "nergens"]) == 1
    assert "nergens:1: (bestand): deze map bestaat niet" in capsys.readouterr().out


ODD_VALUES = ["~", "[]", "{}", "yes", "12", "2026-01-01", "[a, b]"]
ENGLISH = ("ongeldige waarde (", "Input should", "Field required", "Value error", "Extra inputs")


def mutations(text: str):
    """Every line of ``text`` deleted, doubled, or given an odd value."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        yield lines[:i] + lines[i + 1:]
        yield lines[:i + 1] + lines[i:]
        if ": " in line:
            key = line[:line.index(": ") + 2]
            for value in ODD_VALUES:
                yield [*lines[:i], key + value, *lines[i + 1:]]


@pytest.mark.parametrize("name", ["organisations/team-geld.yaml", "locations/huis.yaml"])
def test_any_small_edit_gives_dutch_problems_never_a_crash(name, tmp_path):
    """Hundreds of small edits: the checker either accepts them or reports Dutch lines."""
    from generator.data.dataset import load_dataset
    from generator.data.errors import DataError

    root = tmp_path / "map"
    shutil.copytree(FIXTURE, root)
    for lines in mutations((FIXTURE / name).read_text(encoding="utf-8")):
        (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            load_dataset(root)
        except DataError as error:
            report = error.report()
            assert not any(word in report for word in ENGLISH), report
            assert all(re.match(r"^\S+\.yaml:\d+: \S+: \S", line) for line in report.splitlines()[:-1]), report


# --- what a file in map/ may not be: a symlink, a folder, too large, a bomb (generator/data/limits.py)

SECRET = "GEHEIM-uit-een-bestand-buiten-de-kaart"


def check_output(tmp_path: Path) -> tuple[int, str]:
    result = subprocess.run([*console_script(), "check", "map"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result.returncode, result.stdout


@pytest.mark.parametrize("where", ["organisations/extern.yaml", "site.yaml", "locations"])
def test_a_symlink_is_refused_without_showing_its_target(where, tmp_path):
    root = build_map(Case("symlink"), tmp_path)
    outside = tmp_path / "elders"
    outside.mkdir()
    secret = (FIXTURE / "organisations" / "team-geld.yaml").read_text(encoding="utf-8")
    secret = secret.replace("name: ", f"name: {SECRET} ", 1)
    (outside / "extern.yaml").write_text(secret, encoding="utf-8")
    target = outside / "extern.yaml"
    if where == "locations":  # a whole folder
        shutil.copytree(root / "locations", outside / "locations")
        shutil.rmtree(root / "locations")
        target = outside / "locations"
    elif where == "site.yaml":
        (outside / "extern.yaml").write_bytes((root / "site.yaml").read_bytes() + f"# {SECRET}\n".encode())
        (root / "site.yaml").unlink()
    (root / where).symlink_to(target)
    code, out = check_output(tmp_path)
    assert code == 1
    assert SECRET not in out and str(outside) not in out, out
    assert f"map/{where}:1: (bestand): dit is een symbolische koppeling (symlink)" in out, out


def test_the_map_folder_itself_may_not_be_a_symlink(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "echt")
    (tmp_path / "map").symlink_to(tmp_path / "echt")
    code, out = check_output(tmp_path)
    assert code == 1
    assert out.startswith("map:1: (bestand): dit is een symbolische koppeling (symlink)"), out


def test_a_file_larger_than_any_record_is_not_read(tmp_path):
    from generator.data.limits import MAX_BYTES

    root = build_map(Case("groot"), tmp_path)
    record = (root / "organisations" / "team-geld.yaml").read_text(encoding="utf-8")
    (root / "organisations" / "team-geld.yaml").write_text(record + "#" * MAX_BYTES + "\n", encoding="utf-8")
    code, out = check_output(tmp_path)
    assert code == 1
    assert out.startswith("map/organisations/team-geld.yaml:1: (bestand): het bestand is groter dan 1 MB"), out


def run_limited(tmp_path: Path) -> tuple[int, str, float, int]:
    """`sociale-kaart check map` under hard limits (so a regression fails, never takes the
    machine down): its exit code, output, CPU seconds and peak memory (bytes), measured by the kernel."""
    command = limited([*console_script(), "check", "map"], RLIMIT_CPU=20, RLIMIT_AS=3 << 30)
    with open(tmp_path / "out.txt", "w+b") as out:
        process = start(command, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
                        env={**os.environ, "SOCIALE_KAART_PROCESSES": "1"})
        try:
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
        finally:
            stop(process)
        out.seek(0)
        text = out.read().decode()
    return process.returncode, text, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def test_the_alias_bomb_costs_check_under_a_second_and_100_mb(tmp_path):
    """340 bytes that expand to 387 million values: check reports them without expanding any."""
    baseline_dir, bomb_dir = tmp_path / "good", tmp_path / "bomb"
    build_map(Case("good"), baseline_dir)
    build_map(read_case(CORPUS / "alias-bomb.yaml"), bomb_dir)
    good_code, _, good_cpu, good_memory = run_limited(baseline_dir)
    code, out, cpu, memory = run_limited(bomb_dir)
    assert good_code == 0 and code == 1, out
    assert "ankers ('&naam') worden niet ondersteund" in out
    assert cpu - good_cpu < 1.0, f"{cpu:.2f} s CPU against {good_cpu:.2f} s for a good map"
    assert memory - good_memory < 100 << 20, f"{memory >> 20} MiB against {good_memory >> 20} MiB"


def test_ten_thousand_nested_lists_are_one_problem(tmp_path):
    root = build_map(Case("diep"), tmp_path)
    path = root / "organisations" / "team-geld.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "x_diep: " + "[" * 10_000 + "]" * 10_000 + "\n",
                    encoding="utf-8")
    code, out = check_output(tmp_path)
    assert code == 1
    assert "x_diep: de gegevens zijn hier dieper dan 20 niveaus genest" in out, out
