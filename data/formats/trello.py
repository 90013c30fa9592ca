"""Trello board export (Board menu → Print, export and share → Export as CSV): one card per
application, its list the current stage. ``Card Name`` names the application (usually the
company, often with the role); the export has no application date unless the card has a
start date, so a card without one is dated by when it was created (its id says when).

Examples
--------
>>> f = FORMAT.detect(["Card ID", "Card Name", "List Name", "Board Name"], [], None)
>>> f.name, f.dated_by_id
('trello', True)
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.columns import FieldGuess
from data.formats.base import Format, TableFormat, header_set, preset

REQUIRED = frozenset({"card name", "list name"})
COLUMNS = {
    "card id": "application_id",
    "card name": "company",
    "card url": "ignore",
    "card description": "notes",
    "labels": "notes",
    "members": "ignore",
    "due date": "ignore",  # a reminder or an interview: which one, the export cannot say
    "due complete": "ignore",
    "start date": "applied_on",
    "attachment count": "ignore",
    "attachment links": "ignore",
    "checklist item total count": "ignore",
    "checklist item completed count": "ignore",
    "vote count": "ignore",
    "comment count": "ignore",
    "last activity date": "last_activity_on",
    "list id": "ignore",
    "list name": "status",
    "board id": "ignore",
    "board name": "ignore",
    "archived": "ignore",
}


def detect(
    headers: Sequence[str], guesses: list[FieldGuess], rows: pd.DataFrame | None
) -> TableFormat | None:
    """The Trello export, by its ``Card Name`` and ``List Name`` headers."""
    if not REQUIRED <= header_set(headers):
        return None
    return preset("trello", COLUMNS, guesses, dated_by_id=True)


FORMAT = Format("trello", detect)
