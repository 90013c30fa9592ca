"""Recognise what a table is: a tracker export, an event log, a transition list, or rows.

:func:`detect_format` looks at a table's headers (and, for event logs, at how its rows
repeat) and returns a :class:`TableFormat`: the format name reported in
``ImportReport.formats`` and the column mapping to use. Tracker exports are recognised
by their exact headers:

- ``linkedin``: LinkedIn "Get a copy of your data" ``Job Applications.csv``
  (no status column: every row was applied through LinkedIn, outcome pending);
- ``simplify``: Simplify Jobs export (``SAVED`` is not an application);
- ``huntr``: Huntr job export (``listName`` is the current stage; ``wishlist`` is not
  an application; ``-`` means missing);
- ``teal``: Teal "Download Data" (``Bookmarked`` or no ``applied_at`` is not an application).

Other shapes: ``events`` (one row per dated event, folded by :mod:`data.events`),
``transitions`` (``Company, Source, Target`` edge lists drawn as Sankey diagrams, company
written only on the first row of a block), and ``generic`` (one row per application).

Examples
--------
>>> hdr = ["Application Date", "Contact Email", "Contact Phone Number", "Company Name",
...        "Job Title", "Job Url", "Resume Name", "Question And Answers"]
>>> detect_format(hdr).name
'linkedin'
>>> detect_format(["Company", "Source", "Target"]).name
'transitions'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from data.columns import FieldGuess, map_columns, normalise_header

__all__ = ["TableFormat", "detect_format", "EXPORT_PRESETS", "EVENT_HEADERS"]


@dataclass(frozen=True)
class TableFormat:
    """What a table is and how its columns are read.

    ``constants`` are field values that hold for every row (LinkedIn's ``source``).
    """

    name: str  # generic/linkedin/simplify/huntr/teal/events/transitions
    guesses: list[FieldGuess]
    constants: dict[str, str] = field(default_factory=dict)


#: Per export: normalised header -> field, and the headers that must all be present.
EXPORT_PRESETS: dict[str, tuple[frozenset[str], dict[str, str]]] = {
    "linkedin": (
        frozenset({"application date", "contact email", "company name", "job title", "job url"}),
        {
            "application date": "applied_on",
            "company name": "company",
            "job title": "role",
            "contact email": "ignore",
            "contact phone number": "ignore",
            "job url": "ignore",
            "resume name": "ignore",
            "question and answers": "ignore",
        },
    ),
    "simplify": (
        frozenset(
            {"job title", "company name", "applied date", "status", "status date", "archived"}
        ),
        {
            "job title": "role",
            "company name": "company",
            "job url": "ignore",
            "applied date": "applied_on",
            "status": "status",
            "status date": "outcome_on",
            "archived": "ignore",
            "date archived": "ignore",
            "notes": "notes",
        },
    ),
    "huntr": (
        frozenset({"list name", "company name"}),
        {
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
        },
    ),
    "teal": (
        frozenset({"company name", "applied at"}),
        {
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
        },
    ),
}

#: Headers that name an event column outright (an event log, one row per event).
EVENT_HEADERS: frozenset[str] = frozenset(
    {
        "event",
        "event type",
        "events",
        "kind",
        "event kind",
        "activity",
        "action",
        "type",
        "what happened",
        "step",
        "touchpoint",
        "ereignis",
        "aktion",
        "事件",
    }
)
_GENERIC_DATE = frozenset({"date", "event date", "datum", "日期", "when", "day"})


def _preset(name: str, header: Sequence[str], guesses: list[FieldGuess]) -> list[FieldGuess]:
    table = EXPORT_PRESETS[name][1]
    out = []
    for g in guesses:
        f = table.get(normalise_header(g.column))
        if f is not None and g.how != "override":
            out.append(FieldGuess(g.column, f, 1.0, "format", g.value if g.field == f else None))
        else:
            out.append(g)
    return out


def _looks_like_event_log(rows: pd.DataFrame, guesses: list[FieldGuess]) -> bool:
    """A generic ``Date`` column, a status column, and applications that repeat with
    several different event kinds (``applied`` among them)."""
    from data import values as V

    by = {g.field: g.column for g in reversed(guesses)}
    date_col, status_col = by.get("applied_on"), by.get("status") or by.get("outcome")
    keys = [by[f] for f in ("company", "role") if f in by]
    if date_col is None or status_col is None or not keys or len(rows) < 4:
        return False
    if normalise_header(date_col) not in _GENERIC_DATE:
        return False
    rows = rows.head(5000)  # the shape shows in the first rows; keeps big files fast
    kinds = V.parse_event_kind(rows[status_col])
    kinds = pd.Series(pd.array(kinds, dtype=object), index=rows.index)
    nonblank = rows[status_col].astype(str).str.strip().ne("") & rows[status_col].notna()
    if nonblank.sum() == 0 or kinds[nonblank].notna().mean() < 0.7:
        return False
    if not (kinds == "applied").any():
        return False
    key = rows[keys].astype(str).apply(lambda s: s.str.strip().str.casefold())
    k = key.assign(kind=kinds.to_numpy()).dropna(subset=["kind"])
    per_key = k.groupby(keys)["kind"].nunique()
    return bool(len(per_key) and (per_key >= 2).mean() >= 0.2)


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
        User mapping, passed to :func:`data.columns.map_columns` (it wins everywhere).

    Returns
    -------
    TableFormat

    Examples
    --------
    >>> detect_format(["Job Title", "Company Name", "Job URL", "Applied Date", "Status",
    ...                "Status Date", "Archived", "Date Archived", "Notes"]).name
    'simplify'
    >>> detect_format(["Company", "Date Applied", "Status"]).name
    'generic'
    """
    cols = ["" if h is None else str(h) for h in header]
    norm = {normalise_header(c) for c in cols}
    guesses = map_columns(cols, overrides, rows)

    if {"source", "target"} <= norm and len(norm - {"source", "target"}) <= 2:
        out = []
        for g in guesses:
            h = normalise_header(g.column)
            if g.how == "override":
                out.append(g)
            elif h in ("source", "target"):
                out.append(FieldGuess(g.column, "status", 1.0, "format"))
            elif g.field == "company" or h in ("company", "company name", "employer"):
                out.append(FieldGuess(g.column, "company", 1.0, "format"))
            else:
                out.append(g)
        return TableFormat("transitions", out)

    for name, (required, _table) in EXPORT_PRESETS.items():
        if required <= norm:
            constants = {"source": "LinkedIn"} if name == "linkedin" else {}
            return TableFormat(name, _preset(name, cols, guesses), constants)

    if norm & EVENT_HEADERS:
        out = []
        for g in guesses:
            if g.how != "override" and normalise_header(g.column) in EVENT_HEADERS:
                out.append(FieldGuess(g.column, "status", 0.9, "header"))
            else:
                out.append(g)
        fields = {g.field for g in out}
        if "status" in fields and ({"company", "role", "application_id"} & fields):
            return TableFormat("events", out)
        guesses = out

    if rows is not None:
        try:
            if _looks_like_event_log(rows, guesses):
                return TableFormat("events", guesses)
        except Exception:  # noqa: BLE001 - shape sniffing must never break an import
            pass
    return TableFormat("generic", guesses)
