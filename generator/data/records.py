"""What could be read from a map folder: the input of the cross-record checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from .load import Document
from .schema import Location, Organisation


@dataclass
class Records:
    """What could be read from a map folder, even when some files have problems.

    Cross-record checks run on this, so that one run reports every problem:
    references to a file that exists but has its own problems are not reported
    again as unknown (hence the ``*_ids`` sets, taken from the file names).
    """

    root: Path
    singles: dict[str, BaseModel | None]
    single_docs: dict[str, Document]
    locations: dict[str, Location]
    organisations: dict[str, Organisation]
    location_ids: set[str]
    organisation_ids: set[str]
    documents: dict[int, Document]

    def document(self, record: BaseModel) -> Document:
        return self.documents[id(record)]
