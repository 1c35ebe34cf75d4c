"""The command line for editors and CI: check, format, schema, new, stale, werklijst, diff, init, import.

Never imports MkDocs.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..data.dataset import load_dataset
from ..data.errors import DataError, display_path, shown
from ..parallel import read_in_two
from ..site.describe import plural
from ..when.clock import ClockError
from ..when.freshness import DEFAULT_AGE
from .annotations import annotations, under_github_actions

# The modules of the other commands are imported by those commands: `check`
# runs often (editors, CI, a pre-commit hook) and needs none of them.


def check(args: argparse.Namespace) -> int:
    """Check one or more map folders; print every problem; 0 when all are clean."""
    failed = 0
    for folder in args.folders:
        try:
            data = load_dataset(Path(folder), read_in_two)
        except DataError as error:
            print(error.report())
            if under_github_actions():
                print("\n".join(annotations(error.problems)))
            failed += 1
            continue
        counts = ", ".join([
            plural(len(data.organisations), "organisatie", "organisaties"),
            plural(len(data.locations), "locatie", "locaties"),
            plural(len(data.themes), "thema", "thema's"),
        ])
        print(f"{shown(folder)}: geen problemen gevonden ({counts}).")
    return 1 if failed else 0


def schema(args: argparse.Namespace) -> int:
    """Write the JSON Schema files that editors' YAML tools read."""
    from ..data.cmsconfig import write_cms_config
    from ..data.jsonschema import write_schemas

    for path in [*write_schemas(Path(args.folder)), write_cms_config(Path(args.map), Path(args.folder))]:
        print(f"geschreven: {path}")
    return 0


def new(args: argparse.Namespace) -> int:
    """Write a new organisation file from the template."""
    from .editing import EditError, new_organisation

    try:
        path = new_organisation(Path(args.map), args.id)
    except EditError as error:
        print(f"Niet gelukt: {error}")
        return 1
    print(f"geschreven: {path}\nVul het bestand aan en controleer met: sociale-kaart check {args.map}")
    return 0


def reporting_problems(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Bad arguments (ValueError) exit 2 with a sentence; data problems exit 1 with the report."""
    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except ValueError as error:
            print(f"Niet gelukt: {error}")
            return 2
        except DataError as error:
            print(error.report())
            return 1
    return run


@reporting_problems
def stale(args: argparse.Namespace) -> int:
    """List records not checked for longer than --older-than; always 0 (it is a to-do list)."""
    from ..when.clock import build_date
    from ..when.freshness import age_text, cutoff, stale_records

    before = cutoff(args.older_than, build_date())
    data = load_dataset(Path(args.map), read_in_two)
    records = stale_records(data, before)
    for record in records:
        print(f"{record.path}: {record.name} (laatst gecontroleerd op {record.assured_date})")
    print(f"{plural(len(records), 'record', 'records')} langer dan {age_text(args.older_than)} "
          f"niet gecontroleerd (vóór {before}).")
    return 0


@reporting_problems
def diff(args: argparse.Namespace) -> int:
    """Print in plain Dutch what changes for citizens between two map folders or git revisions."""
    from .mapdiff import diff_datasets, extract_revision

    with tempfile.TemporaryDirectory() as temp:
        if args.git:
            folders = [extract_revision(rev, args.map, Path(temp) / str(i)) for i, rev in enumerate(args.git)]
        else:
            folders = [Path(args.old), Path(args.new)]
        old, new = (load_dataset(folder, read_in_two) for folder in folders)
    changes = diff_datasets(old, new)
    print("\n".join(f"- {shown(change)}" for change in changes) if changes else "Geen wijzigingen voor burgers.")
    return 0


@reporting_problems
def werklijst(args: argparse.Namespace) -> int:
    """Print what is still unknown or overdue, most useful first; always 0 (it is a to-do list)."""
    from ..site.worklist import work_list
    from .worktext import site_url_beside, worklist_lines

    folder = Path(args.map)
    data = load_dataset(folder, read_in_two)
    site_url = args.site_url or site_url_beside(folder.resolve())
    print("\n".join(worklist_lines(data, work_list(data), site_url)))
    return 0


@reporting_problems
def format_(args: argparse.Namespace) -> int:
    """Write the map files as the form editor saves them; --check only lists the others (exit 1)."""
    from .formatting import FormatError, format_map, write_formatted

    try:
        results = [result for folder in args.folders for result in format_map(Path(folder))]
    except FormatError as error:
        print(f"Niet gelukt: {error}")
        return 2
    changed = [result for result in results if result.changed]
    for result in changed:
        print(format_line(result, args.check))
    if args.check:
        if changed:
            print(f"{plural(len(changed), 'bestand staat', 'bestanden staan')} niet in de vorm waarin het "
                  "formulier ze bewaart. Herstel met: sociale-kaart format " + " ".join(args.folders))
        if not changed:
            print(f"Alle {plural(len(results), 'bestand staat', 'bestanden staan')} in de vorm van het formulier.")
        return 1 if changed else 0
    write_formatted(results)
    print(f"{plural(len(changed), 'bestand', 'bestanden')} herschreven, {len(results) - len(changed)} al in orde.")
    return 0


def format_line(result, checking: bool) -> str:
    """One file: not in the form's form (--check) or rewritten; comment lines it loses."""
    text = f"{display_path(result.path)}: {'niet in de vorm van het formulier' if checking else 'herschreven'}"
    if result.comments_dropped > 0:
        lines = plural(result.comments_dropped, "regel", "regels")
        text += (f" (zonder de opmerkingen (#) op {lines}: het formulier bewaart geen opmerkingen; "
                 "zet wat een lezer moet weten in een veld, bv. data_note)")
    return text


def init(args: argparse.Namespace) -> int:
    """Scaffold a social map for a new municipality."""
    from .editing import SPREADSHEET, EditError, Scaffold, init_municipality, repository_of
    from .empty_map import House, municipality_name

    folder = Path(args.folder)
    house = House(args.name, args.street, args.postal_code, args.city, args.phone)
    try:
        scaffold = Scaffold(folder, municipality_name(folder, args.municipality), args.empty, house,
                            repository_of(folder, args.repo))
        init_municipality(scaffold)
    except EditError as error:
        print(f"Niet gelukt: {error}")
        return 1
    what = "alleen het huis" if args.empty else "het fictieve voorbeeld"
    repo = (f"Het formulier bewaart wijzigingen in github.com/{scaffold.repo}." if scaffold.repo else
            "Zet de GitHub-repository van de site in map/site.yaml (repository: https://github.com/EIGENAAR/NAAM) "
            "of geef --repo EIGENAAR/NAAM: het formulier /admin/ heeft ze nodig.")
    print(f"Klaar: {folder} bevat mkdocs.yml, map/ ({what}), {SPREADSHEET} (om uw lijst in "
          "te vullen), README.md, .github/workflows/publish.yml en .pre-commit-config.yaml.\n"
          f"Ga naar de map (cd {folder}) en controleer met: sociale-kaart check map\n"
          "Bouw de site met: mkdocs build --strict\n"
          f"Uw lijst inlezen: sociale-kaart import {SPREADSHEET} (en daarna met --write)\n{repo}")
    return 0


@reporting_problems
def import_(args: argparse.Namespace) -> int:
    """Read a spreadsheet or an HSDS export into map/: report only, or --write."""
    from ..when.clock import build_date
    from .importing import ImportFailure, run_import
    from .sheets import SheetError

    source = Path(args.source)
    if not source.exists():
        raise ValueError(f"{source} bestaat niet")
    try:
        outcome = run_import(source, Path(args.map), write=args.write, partial=args.partial, today=build_date(),
                             house=args.house, themes=Path(args.themes) if args.themes else None)
    except SheetError as error:
        print(f"Niet gelukt: {error}")
        return 1
    except ImportFailure as error:
        print(error)
        return 1
    print("\n".join(outcome.lines))
    return outcome.code


def add_import_command(commands) -> None:
    import_parser = commands.add_parser("import", help="lees een rekenblad of een HSDS-export in map/")
    import_parser.add_argument("source", help="een .xlsx-, .ods- of .csv-bestand, of een HSDS-map of index.json")
    import_parser.add_argument("--map", default="map", help="de map met de gegevens (standaard: map)")
    import_parser.add_argument("--write", action="store_true",
                               help="schrijf de bestanden (zonder --write: alleen tonen wat er verandert)")
    import_parser.add_argument("--partial", action="store_true",
                               help="lees alleen de rijen zonder fouten in (de andere worden overgeslagen)")
    import_parser.add_argument("--house", metavar="ID", help="in een nieuwe map: de id van de organisatie die het "
                               "huis is (standaard: wie de HSDS-export publiceert)")
    import_parser.add_argument("--themes", metavar="BESTAND", help="bij HSDS van anderen: een bestand met per regel "
                               "'term: thema-id' (de termen van de export, de thema's van map/themes.yaml)")
    import_parser.set_defaults(run=import_)


def add_editing_commands(commands) -> None:
    """The parsers of new, stale, werklijst, diff and init."""
    new_parser = commands.add_parser("new", help="maak een nieuw bestand voor een organisatie")
    new_parser.add_argument("kind", choices=["organisation"], help="wat u wilt maken: organisation")
    new_parser.add_argument("id", help="de id, bv. huis-van-het-kind")
    new_parser.add_argument("--map", default="map", help="de map met de gegevens (standaard: map)")
    new_parser.set_defaults(run=new)
    stale_parser = commands.add_parser("stale", help="toon gegevens die lang niet gecontroleerd zijn")
    stale_parser.add_argument("map", nargs="?", default="map", help="de map met de gegevens (standaard: map)")
    stale_parser.add_argument("--older-than", default=DEFAULT_AGE,
                              help="ouder dan, bv. 12m (maanden) of 90d (dagen); standaard 12m")
    stale_parser.set_defaults(run=stale)
    work_parser = commands.add_parser("werklijst", help="wat is nog niet bekend of te lang niet gecontroleerd?")
    work_parser.add_argument("map", nargs="?", default="map", help="de map met de gegevens (standaard: map)")
    work_parser.add_argument("--site-url", help="adres van de site, voor de links naar het formulier "
                             "(standaard: site_url uit de mkdocs.yml naast de map)")
    work_parser.set_defaults(run=werklijst)
    diff_parser = commands.add_parser("diff", help="wat verandert er voor burgers tussen twee versies?")
    diff_parser.add_argument("old", nargs="?", help="de oude map")
    diff_parser.add_argument("new", nargs="?", help="de nieuwe map")
    diff_parser.add_argument("--git", nargs=2, metavar=("REV1", "REV2"), help="vergelijk twee git-versies")
    diff_parser.add_argument("--map", default="map", help="bij --git: de map in de repository (standaard: map)")
    diff_parser.set_defaults(run=diff)
    init_parser = commands.add_parser("init", help="begin een sociale kaart voor een andere gemeente")
    init_parser.add_argument("folder", help="een nieuwe, lege map")
    init_parser.add_argument("--empty", action="store_true",
                             help="alleen het huis, zonder het fictieve voorbeeld (geen organisaties, geen mentoring)")
    init_parser.add_argument("--municipality", help="de naam van de gemeente, bv. Lier (standaard: de naam van de map)")
    init_parser.add_argument("--repo", help="de GitHub-repository, EIGENAAR/NAAM (standaard: git remote origin)")
    for option, what in (("--name", "de naam van het huis"), ("--street", "straat en huisnummer van het huis"),
                         ("--postal-code", "de postcode van het huis"), ("--city", "de gemeente van het huis"),
                         ("--phone", "het telefoonnummer van het huis")):
        init_parser.add_argument(option, help=f"bij --empty: {what} (anders: 'VUL IN', dat check meldt)")
    init_parser.set_defaults(run=init)


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="sociale-kaart", description="Werk met de gegevens van de sociale kaart."
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="opdracht")
    check_parser = commands.add_parser("check", help="controleer de YAML-bestanden en toon alle fouten")
    check_parser.add_argument("folders", nargs="*", default=["map"], metavar="map",
                              help="de map met de gegevens (standaard: map)")
    check_parser.set_defaults(run=check)
    schema_parser = commands.add_parser("schema", help="schrijf het JSON Schema en de instellingen van het formulier")
    schema_parser.add_argument("folder", nargs="?", default="schema", help="doelmap (standaard: schema)")
    schema_parser.add_argument("--map", default="map", help="de map voor het formulier (standaard: map)")
    schema_parser.set_defaults(run=schema)
    format_parser = commands.add_parser("format", help="schrijf de bestanden zoals het formulier ze bewaart")
    format_parser.add_argument("folders", nargs="*", default=["map"], metavar="map",
                               help="de map met de gegevens (standaard: map)")
    format_parser.add_argument("--check", action="store_true",
                               help="schrijf niets; toon de bestanden die anders zijn (fout als er één is)")
    format_parser.set_defaults(run=format_)
    add_editing_commands(commands)
    add_import_command(commands)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `sociale-kaart` console script."""
    main_parser = parser()
    args = main_parser.parse_args(argv)
    if args.command == "diff" and not args.git and not (args.old and args.new):
        main_parser.error("geef twee mappen, of --git REV1 REV2")
    try:
        return args.run(args)
    except ClockError as error:  # a SOURCE_DATE_EPOCH that is no time: one line, never a traceback
        print(f"Niet gelukt: {error}")
        return 1
    except BrokenPipeError:  # `sociale-kaart werklijst | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
