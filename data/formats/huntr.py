"""Huntr job export. ``listName`` is the current stage (``wishlist`` is not an application);
``-`` means missing.

Examples
--------
>>> FORMAT.detect(["id", "createdAt", "title", "listName", "companyName"], [], None).name
'huntr'
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.columns import FieldGuess
from data.formats.base import Format, TableFormat, header_set, preset

REQUIRED = frozenset({"list name", "company name"})
COLUMNS = {
    "id": "application_id",
    "created at": "applied_on",
    "title": "role",
    "list name": "status",
    "company name": "company",
    "url": "ignore",
    "description": "notes",
    "location": "ignore",
    "salary": "ignore",
    "board name": "ignore",
    "updated at": "last_activity_on",
    "applied at": "applied_on",
    "date applied": "applied_on",
}


def detect(
    headers: Sequence[str], guesses: list[FieldGuess], rows: pd.DataFrame | None
) -> TableFormat | None:
    """The Huntr export, by its ``listName`` and ``companyName`` headers."""
    if not REQUIRED <= header_set(headers):
        return None
    return preset("huntr", COLUMNS, guesses)


FORMAT = Format("huntr", detect)
