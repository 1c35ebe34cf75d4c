"""Records written as YAML that `check` reads back as written: no anchors, the fields in order."""

from __future__ import annotations

import yaml


class _PlainDumper(yaml.SafeDumper):
    """Writes a value used twice (a date object) twice: `check` refuses anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(record: dict) -> str:
    """A record as YAML in the order the editor guide explains its fields."""
    return yaml.dump(record, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
