"""LinkedIn "Get a copy of your data" ``Job Applications.csv``.

No status column: every row was applied through LinkedIn, the outcome is pending.

Examples
--------
>>> hdr = ["Application Date", "Contact Email", "Contact Phone Number", "Company Name",
...        "Job Title", "Job Url", "Resume Name", "Question And Answers"]
>>> FORMAT.detect(hdr, [], None).constants
{'source': 'LinkedIn'}
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.columns import FieldGuess
from data.formats.base import Format, TableFormat, header_set, preset

REQUIRED = frozenset({"application date", "contact email", "company name", "job title", "job url"})
COLUMNS = {
    "application date": "applied_on",
    "company name": "company",
    "job title": "role",
    "contact email": "ignore",
    "contact phone number": "ignore",
    "job url": "ignore",
    "resume name": "ignore",
    "question and answers": "ignore",
}


def detect(
    headers: Sequence[str], guesses: list[FieldGuess], rows: pd.DataFrame | None
) -> TableFormat | None:
    """The LinkedIn export, by its exact headers."""
    if not REQUIRED <= header_set(headers):
        return None
    return preset("linkedin", COLUMNS, guesses, constants={"source": "LinkedIn"})


FORMAT = Format("linkedin", detect)
