"""Event logs: one row per dated event (applied, follow up, interview, …), folded into one
application each by :mod:`data.events`.

Recognised by a column named like an event (``Event``, ``Action``, ``Step``…) next to a
company, role or id column, or by shape: a generic ``Date`` column, a status column, and
applications that repeat with several different event kinds (``applied`` among them).

Examples
--------
>>> from data.columns import map_columns
>>> hdr = ["Date", "Company", "Event"]
>>> FORMAT.detect(hdr, map_columns(hdr), None).shape
'events'
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.columns import FieldGuess, normalise_header
from data.formats.base import Format, TableFormat

#: Headers that name an event column outright.
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
_IDENTIFYING = frozenset({"company", "role", "application_id"})
#: rows looked at to judge the shape (it shows in the first rows; keeps big files fast)
SHAPE_ROWS = 5000


def _event_columns_as_status(guesses: list[FieldGuess]) -> list[FieldGuess]:
    return [
        FieldGuess(g.column, "status", 0.9, "header")
        if g.how != "override" and normalise_header(g.column) in EVENT_HEADERS
        else g
        for g in guesses
    ]


def looks_like_event_log(rows: pd.DataFrame, guesses: list[FieldGuess]) -> bool:
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
    rows = rows.head(SHAPE_ROWS)
    kinds = pd.Series(
        pd.array(V.parse_event_kind(rows[status_col]), dtype=object), index=rows.index
    )
    nonblank = rows[status_col].astype(str).str.strip().ne("") & rows[status_col].notna()
    if nonblank.sum() == 0 or kinds[nonblank].notna().mean() < 0.7:
        return False
    if not (kinds == "applied").any():
        return False
    key = rows[keys].astype(str).apply(lambda s: s.str.strip().str.casefold())
    k = key.assign(kind=kinds.to_numpy()).dropna(subset=["kind"])
    per_key = k.groupby(keys)["kind"].nunique()
    return bool(len(per_key) and (per_key >= 2).mean() >= 0.2)


def detect(
    headers: Sequence[str], guesses: list[FieldGuess], rows: pd.DataFrame | None
) -> TableFormat | None:
    """An event log by its event column or by its shape. Tried last: a column named like
    an event column is read as status even when the table turns out to be one row per
    application (then a generic format with that reading is returned)."""
    relabeled = _event_columns_as_status(guesses)
    fields = {g.field for g in relabeled}
    named = relabeled != guesses
    if named and "status" in fields and _IDENTIFYING & fields:
        return TableFormat("events", relabeled, shape="events")
    if rows is not None and _shape_says_events(rows, relabeled):
        return TableFormat("events", relabeled, shape="events")
    return TableFormat("generic", relabeled) if named else None


def _shape_says_events(rows: pd.DataFrame, guesses: list[FieldGuess]) -> bool:
    try:
        return looks_like_event_log(rows, guesses)
    except (ValueError, TypeError, KeyError):  # shape sniffing never breaks an import
        return False


FORMAT = Format("events", detect)
