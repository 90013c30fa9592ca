"""Tracker formats: recognise what a table is, one small module per format.

:func:`detect_format` maps a table's columns (:func:`data.columns.map_columns`), then asks
each format of :data:`REGISTRY` in order whether the table is in its format; the first
that says yes wins, else the table is ``generic`` (one row per application). Every
difference a format makes is a field of its :class:`TableFormat` (``shape``,
``constants``, ``undated_means_not_applied``), so no other module tests a format's name.

=================  ==========================================================
module             format
=================  ==========================================================
``transitions``    ``Company, Source, Target`` Sankey edge lists
``linkedin``       LinkedIn's "Get a copy of your data" ``Job Applications.csv``
``simplify``       Simplify Jobs export
``huntr``          Huntr job export
``teal``           Teal "Download Data"
``trello``         Trello board export (CSV): one card per application
``events``         one row per dated event (folded per application)
``transposed``     one column per day, read from the workbook's cells (not by headers:
                   the importer asks :func:`data.formats.transposed.read` for it)
=================  ==========================================================

``docs/ADDING_A_FORMAT.md`` shows how to add one, with its test.

Examples
--------
>>> hdr = ["Application Date", "Contact Email", "Contact Phone Number", "Company Name",
...        "Job Title", "Job Url", "Resume Name", "Question And Answers"]
>>> detect_format(hdr).name
'linkedin'
>>> detect_format(["Company", "Source", "Target"]).shape
'transitions'
>>> detect_format(["Company", "Date Applied", "Status"]).name
'generic'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from data.columns import map_columns
from data.formats import events, huntr, linkedin, simplify, teal, transitions, trello
from data.formats.base import Format, Shape, TableFormat

__all__ = ["TableFormat", "Format", "Shape", "REGISTRY", "detect_format"]

#: Formats recognised by their headers (and rows), tried in this order.
REGISTRY: tuple[Format, ...] = (
    transitions.FORMAT,
    linkedin.FORMAT,
    simplify.FORMAT,
    huntr.FORMAT,
    teal.FORMAT,
    trello.FORMAT,
    events.FORMAT,
)


def detect_format(
    header: Sequence[object],
    rows: pd.DataFrame | None = None,
    overrides: Mapping[str, str] | None = None,
) -> TableFormat:
    """Recognise a table's format and map its columns.

    Parameters
    ----------
    header
        Headers as written.
    rows
        The table's cells (columns named as ``header``); used to judge unnamed columns
        and to tell an event log from one row per application.
    overrides
        The person's column mapping (it wins everywhere).

    Returns
    -------
    TableFormat

    Examples
    --------
    >>> detect_format(["Job Title", "Company Name", "Job URL", "Applied Date", "Status",
    ...                "Status Date", "Archived", "Date Archived", "Notes"]).name
    'simplify'
    """
    cols = ["" if h is None else str(h) for h in header]
    guesses = map_columns(cols, overrides, rows)
    for fmt in REGISTRY:
        found = fmt.detect(cols, guesses, rows)
        if found is not None:
            return found
    return TableFormat("generic", guesses)
