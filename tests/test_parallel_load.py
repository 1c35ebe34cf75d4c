"""Reading a big map in two processes says exactly what reading it in one says."""

from __future__ import annotations

import functools
import os
import pickle
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT

from generator import parallel
from generator.data import dataset
from generator.data.schema import Organisation

DEMO_MAP = ROOT / "demo" / "map"
COPIES = 40  # per demo organisation: 640 files, above READ_IN_TWO_FROM

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")


def big_map(tmp_path: Path) -> Path:
    """The demo map with every organisation copied under new ids."""
    root = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    folder = root / "organisations"
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for n in range(COPIES):
            new_id = f"{path.stem}-{n:02d}"
            (folder / f"{new_id}.yaml").write_text(re.sub(rf"(?m)^id: {path.stem}$", f"id: {new_id}", text),
                                                   encoding="utf-8")
    return root


def theme_added(theme: str):
    """A re.sub replacement that puts an unknown theme first: a line from a good file."""
    return lambda match: f"themes:{match[1]}{theme}, " if "[" in match[1] else f"themes:{match[1]}{theme}\n  - "


def damage(root: Path) -> None:
    """Broken files at the start, the middle and the end of the sorted list."""
    folder = root / "organisations"
    paths = sorted(folder.glob("*.yaml"))
    assert len(paths) >= parallel.READ_IN_TWO_FROM

    def edit(path: Path, old: str, new: str) -> None:
        """Replace the first match of the pattern ``old`` (hand-written or `format`ted files alike)."""
        text = path.read_text(encoding="utf-8")
        assert re.search(old, text), (path, old)
        path.write_text(re.sub(old, new, text, count=1), encoding="utf-8")

    first_theme = r"(?m)^themes:( \[|\n  - )"  # a flow list or a block list
    edit(paths[0], "\nname:", "\nname: [niet gesloten\nname:")  # YAML syntax
    edit(paths[5], first_theme, theme_added("bestaat-niet"))
    edit(paths[len(paths) // 2 - 1], "\nkind:", "\nkind: dubbel\nkind:")  # duplicate key
    edit(paths[len(paths) // 2 + 2], "\nname:", "\nname:\nnaam:")  # schema errors
    edit(paths[-30], first_theme, theme_added("nog-een-onbekend"))
    edit(paths[-3], "(?m)^id: ", "id: verkeerd-")  # id does not match the file name
    paths[-2].write_bytes(b"id: \xff\xfe\n")  # not UTF-8
    paths[-1].write_text("", encoding="utf-8")  # empty


# Runs `sociale-kaart check` in a fresh process (pytest may have threads running,
# and then reading stays in one process); counts the forks on stderr.
CHECK = """
import os, pickle, sys
forks, real_fork = [], os.fork
def fork():
    forks.append(1)
    return real_fork()
os.fork = fork
if sys.argv[2] == "broken":  # only the second process sends
    import multiprocessing.connection
    def send(*args, **kwargs):
        raise RuntimeError("the second process cannot send")
    multiprocessing.connection.Connection.send = send
from generator.editors.cli import main
code = main(["check", sys.argv[1]])
sys.stdout.flush()
print(len(forks), file=sys.stderr)
sys.exit(code)
"""


def check_output(folder: Path, processes: str, broken: bool = False) -> tuple[int, str, int]:
    """Exit code, output and number of forks of `sociale-kaart check folder`."""
    env = {**os.environ, parallel.PROCESSES_VARIABLE: processes, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHECK, folder.name, "broken" if broken else "-"],
                          cwd=folder.parent, env=env, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, done.stdout, int(done.stderr.split()[-1])


def test_two_processes_report_the_same_problems(tmp_path) -> None:
    root = big_map(tmp_path)
    damage(root)
    sequential = check_output(root, "1")
    in_two = check_output(root, "")  # decided by size: more than READ_IN_TWO_FROM
    assert sequential[2] == 0 and in_two[2] == 1
    assert in_two[:2] == sequential[:2]
    assert sequential[0] == 1 and sequential[1].count("\n") >= 8, sequential[1]


def test_two_processes_read_a_clean_map_the_same(tmp_path, monkeypatch, single_thread) -> None:
    root = big_map(tmp_path)
    code, out, forks = check_output(root, "")
    assert (code, forks) == (0, 1) and f"{16 * (COPIES + 1)} organisaties" in out
    monkeypatch.setenv(parallel.PROCESSES_VARIABLE, "2")
    in_two = dataset.load_dataset(root, parallel.read_in_two)
    sequential = dataset.load_dataset(root)
    assert list(in_two.organisations) == list(sequential.organisations)
    assert in_two.organisations == sequential.organisations
    for org_id, org in in_two.organisations.items():
        doc, expected = in_two.document(org), sequential.document(sequential.organisations[org_id])
        assert doc.path == expected.path and in_two.source_path(org) == sequential.source_path(
            sequential.organisations[org_id])
        assert doc.data == expected.data and doc.lines == expected.lines and doc.plain == expected.plain


@pytest.mark.parametrize("name", ["kledingwinkel", "werkpunt"])
def test_forced_two_processes_on_the_demo(tmp_path, name) -> None:
    root = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    path = root / "organisations" / f"{name}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nname:", "\nname: 1\nname:", 1), encoding="utf-8")
    sequential = check_output(root, "1")
    in_two = check_output(root, "2")
    assert in_two[2] >= 1 and in_two[:2] == sequential[:2] and sequential[0] == 1


def test_a_failing_second_process_changes_nothing(tmp_path) -> None:
    root = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    path = root / "organisations" / "werkpunt.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nname:", "\nname: 1\nname:", 1), encoding="utf-8")
    sequential = check_output(root, "1")
    broken = check_output(root, "2", broken=True)
    assert broken[2] >= 1 and broken[:2] == sequential[:2] and sequential[0] == 1


def test_threads_keep_reading_in_one_process(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(parallel.PROCESSES_VARIABLE, "2")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.worth_forking(10_000, parallel.READ_IN_TWO_FROM)
    finally:
        stop.set()
        thread.join()
    monkeypatch.setenv(parallel.PROCESSES_VARIABLE, "1")
    assert not parallel.worth_forking(10_000, parallel.READ_IN_TWO_FROM)


def test_what_the_second_process_sends_reads_back_the_same(tmp_path) -> None:
    """The round trip of one file's reading through the pipe (pickled as the helper sends it), without
    forking (runs also while pytest has threads): a good file's document goes as its text alone."""
    root = big_map(tmp_path)
    damage(root)
    paths = sorted((root / "organisations").glob("*.yaml"))
    for path in paths[::7] + paths[-3:]:
        record, doc, problems = dataset.read_file(path, Organisation)
        back, back_doc, back_problems = pickle.loads(pickle.dumps(dataset.read_file(path, Organisation)))
        assert back == record and back_problems == problems
        if doc is None:
            assert back_doc is None
            continue
        assert back_doc.path == path and back_doc.name == doc.name
        assert back_doc.data == doc.data and back_doc.lines == doc.lines and back_doc.plain == doc.plain
        assert back_doc.problem(("themes", 0), "x") == doc.problem(("themes", 0), "x")


def test_an_interrupted_first_process_ends_the_second(tmp_path, monkeypatch, single_thread) -> None:
    root = big_map(tmp_path)
    paths = sorted((root / "organisations").glob("*.yaml"))
    first, real_read, forks = os.getpid(), dataset.read_file, []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        forks.append(pid)
        return pid

    def read_file(path, model):
        if os.getpid() == first and path == paths[10]:
            raise KeyboardInterrupt
        return real_read(path, model)

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setattr(dataset, "read_file", read_file)
    with pytest.raises(KeyboardInterrupt):
        parallel.map_in_two(functools.partial(dataset._read_as, Organisation), paths, parallel.READ_SECOND_SHARE)
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):  # reaped: no process left behind
        os.waitpid(forks[0], os.WNOHANG)
