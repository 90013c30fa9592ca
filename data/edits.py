"""Edits made in the app, applied on top of an import.

The person logs follow-ups, answers, status changes, notes and new applications in the
app. Each change is one :class:`Edit` in an ordered *edit log* (kept in the session);
:func:`apply_edits` replays the log over the imported canonical table, so every number is
recomputed from "the file + my edits" and the file itself is only written when the person
asks (:mod:`data.writeback`).

Rows are addressed by :func:`row_key`: the file, sheet and row the application came from
(so an edit lands on the same spreadsheet row when the log is handed back), or
``"new:N"`` for an application added in the app.

Examples
--------
>>> import datetime as dt
>>> from data.schema import coerce_applications
>>> apps = coerce_applications(pd.DataFrame({"company": ["Acme", "Bolt"],
...     "applied_on": ["2026-01-05", "2026-01-06"], "stage_reached": ["applied"] * 2,
...     "outcome": ["pending"] * 2, "source_file": ["log.csv"] * 2, "source_row": [2, 3]}))
>>> key = row_key(apps.iloc[0])
>>> key
'log.csv||2'
>>> out = apply_edits(apps, [Edit(key, "followup_after_apply", dt.date(2026, 1, 12))])
>>> out["followup_after_apply"].tolist()   # the other row of that file: "no", not unknown
[True, False]
>>> str(out.loc[0, "followup_after_apply_on"].date())
'2026-01-12'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from data import vocab
from data.schema import STAGES, coerce_applications

__all__ = [
    "Edit",
    "EDIT_FIELDS",
    "FLAG_FIELDS",
    "STATUS_CHOICES",
    "NEW_PREFIX",
    "apply_edits",
    "row_key",
    "row_keys",
    "status_word",
    "latest_edits",
    "snoozes",
    "extends_by_marks",
]

#: Follow-up fields: value is the date it was done, ``True`` (done, date unknown) or
#: ``None``/``False`` (not done).
FLAG_FIELDS: dict[str, str | None] = {
    "followup_after_apply": "followup_after_apply_on",
    "followup_after_intro": None,
    "thank_you_after_interview": None,
}
#: Every field an edit may set. ``snooze:<touchpoint>`` (a date) hides a reminder until
#: then; ``new`` adds an application (value: dict of ``company, role, applied_on, status``).
EDIT_FIELDS: tuple[str, ...] = (
    *FLAG_FIELDS,
    "responded_on",
    "status",
    "notes",
    "new",
)
#: Status words offered in the app (each one the importer reads back the same way).
STATUS_CHOICES: tuple[str, ...] = (
    "Applied",
    "Intro call",
    "Interview",
    "Offer",
    "Hired",
    "Rejected",
    "Withdrawn",
    "Ghosted",
)
#: Row keys of applications added in the app start with this.
NEW_PREFIX = "new:"
_SEP = "|"


@dataclass(frozen=True)
class Edit:
    """One change made in the app.

    Attributes
    ----------
    row : str
        :func:`row_key` of the application (``"new:N"`` for one added in the app).
    field : str
        One of :data:`EDIT_FIELDS`, or ``"snooze:<touchpoint>"``.
    value : object
        A ``datetime.date``, ``bool``, ``str``, ``None``, or for ``new`` a dict.
    """

    row: str
    field: str
    value: Any = None

    def __post_init__(self) -> None:
        if not isinstance(self.row, str) or not self.row:
            raise ValueError(f"an edit needs the row it changes, got {self.row!r}")
        if self.field not in EDIT_FIELDS and not self.field.startswith("snooze:"):
            raise ValueError(
                f"cannot edit {self.field!r}: editable fields are {', '.join(EDIT_FIELDS)}"
            )
        if self.field == "status" and self.value is not None:
            if vocab.status_meaning(self.value, fuzzy=False) is None:
                raise ValueError(f"status {self.value!r} is not one of {', '.join(STATUS_CHOICES)}")


def status_word(choice: str, current_stage: object) -> str:
    """The status word to log for ``choice`` without losing how far the application got.

    A rejection, withdrawal or ghosting after an intro call or an interview is written as
    "Rejected after interview" (the importer reads the stage back from it).

    Examples
    --------
    >>> status_word("Rejected", "interview"), status_word("Rejected", "applied")
    ('Rejected after interview', 'Rejected')
    >>> status_word("Interview", "offer")
    'Interview'
    """
    if choice not in STATUS_CHOICES:
        raise ValueError(f"status {choice!r} is not one of {', '.join(STATUS_CHOICES)}")
    stage = str(current_stage) if isinstance(current_stage, str) else "applied"
    if choice in ("Rejected", "Withdrawn", "Ghosted") and stage in ("intro_call", "interview"):
        return f"{choice} after {'intro call' if stage == 'intro_call' else 'interview'}"
    return choice


def row_key(row: Any) -> str:
    """The key of one application row (a Series or a record with the provenance columns).

    Examples
    --------
    >>> row_key(pd.Series({"source_file": "a.xlsx", "source_sheet": "Log", "source_row": 7}))
    'a.xlsx|Log|7'
    >>> row_key(pd.Series({"application_id": "new:1", "source_file": None}))
    'new:1'
    """
    app_id = row.get("application_id")
    if isinstance(app_id, str) and app_id.startswith(NEW_PREFIX):
        return app_id
    srow = row.get("source_row")
    if srow is None or pd.isna(srow):
        return f"id{_SEP}{'' if app_id is None or pd.isna(app_id) else app_id}"
    sheet = row.get("source_sheet")
    sheet = "" if sheet is None or pd.isna(sheet) else str(sheet)
    return f"{row.get('source_file')}{_SEP}{sheet}{_SEP}{int(srow)}"


def row_keys(apps: pd.DataFrame) -> pd.Series:
    """:func:`row_key` of every row, as a string Series aligned with ``apps``.

    Examples
    --------
    >>> t = pd.DataFrame({"source_file": ["a.csv", "a.csv"], "source_sheet": [None, None],
    ...                   "source_row": pd.array([2, 3], dtype="Int64"),
    ...                   "application_id": ["x", "y"]})
    >>> row_keys(t).tolist()
    ['a.csv||2', 'a.csv||3']
    """
    if len(apps) == 0:
        return pd.Series([], index=apps.index, dtype="object")

    def col(name: str) -> pd.Series:
        if name in apps.columns:
            return apps[name].astype("object")
        return pd.Series(None, index=apps.index, dtype="object")

    srow = col("source_row")
    file = col("source_file").where(col("source_file").notna(), "None").astype(str)
    sheet = col("source_sheet").where(col("source_sheet").notna(), "").astype(str)
    has_row = srow.notna()
    rows = srow.where(has_row, 0).astype("int64").astype(str)
    keys = file + _SEP + sheet + _SEP + rows
    app_id = col("application_id").where(col("application_id").notna(), "").astype(str)
    new = app_id.str.startswith(NEW_PREFIX)
    keys = keys.where(has_row & ~new, np.where(new, app_id, "id" + _SEP + app_id))
    return keys.astype("object")


def latest_edits(edits: Iterable[Edit]) -> dict[tuple[str, str], Any]:
    """The last value given to each ``(row, field)``; later edits replace earlier ones.

    Examples
    --------
    >>> latest_edits([Edit("r", "notes", "a"), Edit("r", "notes", "b")])
    {('r', 'notes'): 'b'}
    """
    out: dict[tuple[str, str], Any] = {}
    for e in edits:
        if not isinstance(e, Edit):
            raise ValueError(f"expected an Edit, got {type(e).__name__}")
        out[(e.row, e.field)] = e.value
    return out


def snoozes(edits: Iterable[Edit]) -> dict[tuple[str, str], dt.date]:
    """``{(row, touchpoint): until}`` for every reminder snoozed (and not un-snoozed).

    Examples
    --------
    >>> snoozes([Edit("r", "snooze:after_applying", dt.date(2026, 1, 9))])
    {('r', 'after_applying'): datetime.date(2026, 1, 9)}
    """
    return {
        (row, f.split(":", 1)[1]): v
        for (row, f), v in latest_edits(edits).items()
        if f.startswith("snooze:") and isinstance(v, dt.date)
    }


def extends_by_marks(old: Sequence[Edit], new: Sequence[Edit]) -> bool:
    """Whether ``new`` is ``old`` plus snoozes and follow-up marks of ``(row, field)`` pairs
    that ``old`` never set: then ``apply_edits(apply_edits(apps, old), new[len(old):])``
    equals ``apply_edits(apps, new)``, so one Done applies as a delta instead of replaying
    the whole log. (A status, an answer date or a second value for the same follow-up can
    depend on what came before: those replay the log.)

    Examples
    --------
    >>> a = Edit("f||2", "followup_after_apply", dt.date(2026, 1, 9))
    >>> b = Edit("f||3", "followup_after_apply", dt.date(2026, 1, 9))
    >>> extends_by_marks([a], [a, b]), extends_by_marks([a], [a, a])
    (True, False)
    >>> extends_by_marks([a], [a, Edit("f||3", "status", "Rejected")])
    False
    """
    if len(new) < len(old) or list(new[: len(old)]) != list(old):
        return False
    seen = {(e.row, e.field) for e in old}
    for e in new[len(old) :]:
        if e.field.startswith("snooze:"):  # a snooze never changes the table
            continue
        if e.field not in FLAG_FIELDS or (e.row, e.field) in seen:
            return False
        seen.add((e.row, e.field))
    return True


def _as_ts(value: object) -> pd.Timestamp | None:
    if value is None or value is True or value is False:
        return None
    if isinstance(value, (dt.date, pd.Timestamp, str)):
        ts = pd.Timestamp(value)
        return None if pd.isna(ts) else ts.normalize()
    raise ValueError(f"expected a date, got {value!r}")


def _done(value: object) -> bool:
    return value is True or isinstance(value, (dt.date, pd.Timestamp))


def _new_rows(apps: pd.DataFrame, new: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """Canonical rows for the applications added in the app."""
    first = apps.iloc[0] if len(apps) else pd.Series(dtype="object")
    records = []
    for key, v in new.items():
        if not isinstance(v, dict):
            raise ValueError(f"a new application needs a dict of fields, got {v!r}")
        status = v.get("status") or "Applied"
        meaning = vocab.status_meaning(status, fuzzy=False)
        if meaning is None:
            raise ValueError(f"status {status!r} is not one of {', '.join(STATUS_CHOICES)}")
        records.append(
            {
                "participant": first.get("participant"),
                "application_id": key,
                "company": v.get("company") or None,
                "role": v.get("role") or None,
                "applied_on": _as_ts(v.get("applied_on")),
                "stage_reached": meaning.stage or "applied",
                "outcome": meaning.outcome or "pending",
                "source_file": first.get("source_file"),
                "source_sheet": first.get("source_sheet"),
            }
        )
    return coerce_applications(pd.DataFrame.from_records(records))


def _locate(apps: pd.DataFrame, keys: set[str]) -> dict[str, int]:
    """Positions of the rows whose key is in ``keys`` (keys are only built for candidates)."""
    if not keys or len(apps) == 0:
        return {}
    cand = np.ones(len(apps), dtype=bool)
    if "source_row" in apps.columns:
        wanted = set()
        for k in keys:
            tail = k.rsplit(_SEP, 1)[-1]
            if tail.isdigit():
                wanted.add(int(tail))
        has = apps["source_row"].notna().to_numpy()
        in_rows = apps["source_row"].isin(list(wanted)).fillna(False).to_numpy(dtype=bool)
        cand = in_rows | ~has
    pos = np.flatnonzero(cand)
    sub = row_keys(apps.iloc[pos])
    return {k: int(p) for k, p in zip(sub.tolist(), pos.tolist(), strict=True) if k in keys}


def _raise_stage(current: object, stage: str | None) -> object:
    if stage is None:
        return current
    if current is None or pd.isna(current):
        return stage
    return STAGES[max(STAGES.index(str(current)), STAGES.index(stage))]


def apply_edits(apps: pd.DataFrame, edits: Sequence[Edit]) -> pd.DataFrame:
    """Return ``apps`` with the edit log applied (``apps`` itself is never changed).

    Parameters
    ----------
    apps : DataFrame
        Canonical Applications table (``data.import_files(...).applications``).
    edits : sequence of Edit
        The edit log, oldest first; the last edit of a ``(row, field)`` wins.

    Returns
    -------
    DataFrame
        The canonical table with the edits in place, new applications appended, and a
        ``notes`` column when a note was written. A follow-up marked for the first time in
        a file or sheet that never recorded that follow-up makes the column exist there:
        the other rows of that file/sheet read "not followed up" (blank in a column the
        person marks means no), exactly as the handed-back file reads on re-upload.
        Edits of rows that are no longer in ``apps`` are ignored. Snoozes do not change
        the table (see :func:`snoozes`).

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> apps = coerce_applications(pd.DataFrame({"company": ["Acme"], "applied_on": ["2026-01-05"],
    ...     "stage_reached": ["interview"], "outcome": ["pending"], "source_file": ["a.csv"],
    ...     "source_row": [2]}))
    >>> out = apply_edits(apps, [Edit("a.csv||2", "status", "Rejected")])
    >>> str(out.loc[0, "stage_reached"]), str(out.loc[0, "outcome"])   # the stage is kept
    ('interview', 'rejected')
    >>> new = Edit("new:1", "new", {"company": "Bolt", "applied_on": "2026-02-01"})
    >>> len(apply_edits(apps, [new]))
    2
    """
    if not isinstance(apps, pd.DataFrame):
        raise ValueError(f"expected a DataFrame, got {type(apps).__name__}")
    latest = latest_edits(edits)
    table = {k: v for k, v in latest.items() if not k[1].startswith("snooze:")}
    if not table:
        return apps
    new = {row: v for (row, f), v in table.items() if f == "new" and v is not None}
    out = apps.copy()
    if new:
        added = _new_rows(apps, new)
        extra = [c for c in out.columns if c not in added.columns]
        for c in extra:
            added[c] = pd.Series(pd.NA, index=added.index).astype(out[c].dtype)
        out = pd.concat([out, added[list(out.columns)]], ignore_index=True)
        out = _blank_means_no(out, len(apps))
    where = _locate(out, {row for row, f in table if f != "new"})
    touched: set[int] = set(range(len(apps), len(out)))  # the new applications
    for (row, f), value in table.items():
        if f != "new" and row in where:
            out = _apply_one(out, where[row], f, value)
            touched.add(where[row])
    return _derive(out, sorted(touched))


def _derive(out: pd.DataFrame, rows: list[int]) -> pd.DataFrame:
    """The importer's derived dates, again for the edited rows (``data.normalise`` does the
    same on re-import): a final outcome keeps its date, an open one has none; a rejection
    straight after applying was the answer; the latest date is the last activity."""
    if not rows:
        return out
    sub = out.loc[rows]
    oc = sub["outcome"].astype("object")
    final = oc.ne("pending") & oc.notna()
    outcome_on = sub["outcome_on"].where(final.to_numpy(), pd.NaT)
    rejected_early = (
        oc.eq("rejected") & outcome_on.isna() & sub["stage_reached"].astype("object").eq("applied")
    )
    outcome_on = outcome_on.where(~rejected_early.to_numpy(), sub["responded_on"])
    out.loc[rows, "outcome_on"] = outcome_on.to_numpy()
    dates = [
        "last_activity_on",
        "applied_on",
        "followup_after_apply_on",
        "responded_on",
        "intro_call_on",
        "interview_on",
        "offer_on",
        "outcome_on",
    ]
    last = out.loc[rows, dates].max(axis=1)
    out.loc[rows, "last_activity_on"] = last.to_numpy()
    return out


def _apply_one(out: pd.DataFrame, i: int, f: str, value: object) -> pd.DataFrame:
    """Apply one field edit to row position ``i`` of ``out`` (in place; returns ``out``)."""
    if f in FLAG_FIELDS:
        _set_flag(out, i, f, value)
    elif f == "responded_on":
        out.loc[i, "responded_on"] = _as_ts(value)
    elif f == "status" and value:
        m = vocab.status_meaning(value, fuzzy=False)
        if m is not None:  # always: checked in Edit.__post_init__
            out.loc[i, "outcome"] = m.outcome
            out.loc[i, "stage_reached"] = _raise_stage(out.loc[i, "stage_reached"], m.stage)
    elif f == "notes":
        if "notes" not in out.columns:
            out["notes"] = pd.Series(pd.NA, index=out.index, dtype="string")
        out.loc[i, "notes"] = None if value is None else str(value)
    return out


def _blank_means_no(out: pd.DataFrame, n_old: int) -> pd.DataFrame:
    """New rows read "not followed up" where their file/sheet records that follow-up (a
    blank cell in a column the person marks means no), as they will on re-import."""
    groups = _groups(out)
    new = np.arange(len(out)) >= n_old
    for f in FLAG_FIELDS:
        flags = out[f].astype("boolean")
        tracked_groups = set(groups[~new & flags.notna().to_numpy()].tolist())
        fill = new & np.isin(groups, list(tracked_groups)) & flags.isna().to_numpy()
        if fill.any():
            flags[fill] = False
            out[f] = flags
    return out


def _groups(apps: pd.DataFrame) -> np.ndarray:
    """Group code per row: one group per (source file, sheet)."""
    if len(apps) == 0:
        return np.zeros(0, dtype=np.int64)
    cols = [c for c in ("source_file", "source_sheet") if c in apps.columns]
    if not cols:
        return np.zeros(len(apps), dtype=np.int64)
    frame = apps[cols].astype("object").fillna("")
    codes, _ = pd.factorize(pd.MultiIndex.from_frame(frame))
    return np.asarray(codes, dtype=np.int64)


def _same_table(apps: pd.DataFrame, i: int) -> np.ndarray:
    """Rows from the same file and sheet as row position ``i``."""
    same = np.ones(len(apps), dtype=bool)
    for c in ("source_file", "source_sheet"):
        if c in apps.columns:
            col = apps[c]
            v = col.iloc[i]
            same &= col.isna().to_numpy() if pd.isna(v) else col.eq(v).fillna(False).to_numpy()
    return same


def _set_flag(out: pd.DataFrame, i: int, f: str, value: object) -> None:
    date_col = FLAG_FIELDS[f]
    flags = out[f].astype("boolean")
    same = _same_table(out, i)
    if flags[same].isna().all():  # the first follow-up of this kind marked in that file/sheet
        flags[same] = False
    flags.iloc[i] = _done(value)
    out[f] = flags
    if date_col is not None:
        out.loc[i, date_col] = _as_ts(value) if _done(value) else pd.NaT
