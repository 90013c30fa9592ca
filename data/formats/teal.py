"""Teal "Download Data". ``Bookmarked``, or no ``applied_at`` date, is not an application yet.

Examples
--------
>>> f = FORMAT.detect(["company_name", "role", "applied_at", "status name"], [], None)
>>> f.name, f.undated_means_not_applied
('teal', True)
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.columns import FieldGuess
from data.formats.base import Format, TableFormat, header_set, preset

REQUIRED = frozenset({"company name", "applied at"})
COLUMNS = {
    "company name": "company",
    "role": "role",
    "source": "source",
    "added at": "ignore",
    "applied at": "applied_on",
    "follow up at": "followup_after_apply_on",
    "updated at": "last_activity_on",
    "archived at": "ignore",
    "status name": "status",
    "status": "status",
    "url": "ignore",
    "notes": "notes",
}


def detect(
    headers: Sequence[str], guesses: list[FieldGuess], rows: pd.DataFrame | None
) -> TableFormat | None:
    """The Teal export, by its ``company_name`` and ``applied_at`` headers."""
    if not REQUIRED <= header_set(headers):
        return None
    return preset("teal", COLUMNS, guesses, undated_means_not_applied=True)


FORMAT = Format("teal", detect)
