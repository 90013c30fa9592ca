"""Simplify Jobs export. ``SAVED`` is not an application; ``Status Date`` is when the status
was set (the outcome's date when final, else the last activity).

Examples
--------
>>> FORMAT.detect(["Job Title", "Company Name", "Job URL", "Applied Date", "Status",
...                "Status Date", "Archived", "Date Archived", "Notes"], [], None).name
'simplify'
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.columns import FieldGuess
from data.formats.base import Format, TableFormat, header_set, preset

REQUIRED = frozenset(
    {"job title", "company name", "applied date", "status", "status date", "archived"}
)
COLUMNS = {
    "job title": "role",
    "company name": "company",
    "job url": "ignore",
    "applied date": "applied_on",
    "status": "status",
    "status date": "outcome_on",
    "archived": "ignore",
    "date archived": "ignore",
    "notes": "notes",
}


def detect(
    headers: Sequence[str], guesses: list[FieldGuess], rows: pd.DataFrame | None
) -> TableFormat | None:
    """The Simplify export, by its exact headers."""
    if not REQUIRED <= header_set(headers):
        return None
    return preset("simplify", COLUMNS, guesses)


FORMAT = Format("simplify", detect)
