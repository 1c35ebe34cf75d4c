"""The command line for editors and CI: `sociale-kaart check`, `sociale-kaart schema`.

Never imports MkDocs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .dataset import load_dataset
from .errors import DataError
from .jsonschema import write_schemas


def check(args: argparse.Namespace) -> int:
    """Check one or more map folders; print every problem; 0 when all are clean."""
    failed = 0
    for folder in args.folders:
        try:
            data = load_dataset(Path(folder))
        except DataError as error:
            print(error.report())
            failed += 1
            continue
        counts = ", ".join([
            plural(len(data.organisations), "organisatie", "organisaties"),
            plural(len(data.locations), "locatie", "locaties"),
            plural(len(data.themes), "thema", "thema's"),
        ])
        print(f"{folder}: geen problemen gevonden ({counts}).")
    return 1 if failed else 0


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def schema(args: argparse.Namespace) -> int:
    """Write the JSON Schema files that editors' YAML tools read."""
    for path in write_schemas(Path(args.folder)):
        print(f"geschreven: {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="sociale-kaart", description="Werk met de gegevens van de sociale kaart."
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="opdracht")
    check_parser = commands.add_parser("check", help="controleer de YAML-bestanden en toon alle fouten")
    check_parser.add_argument("folders", nargs="*", default=["map"], metavar="map",
                              help="de map met de gegevens (standaard: map)")
    check_parser.set_defaults(run=check)
    schema_parser = commands.add_parser("schema", help="schrijf het JSON Schema voor YAML-editors")
    schema_parser.add_argument("folder", nargs="?", default="schema", help="doelmap (standaard: schema)")
    schema_parser.set_defaults(run=schema)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `sociale-kaart` console script."""
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
