"""A raw table plus its column mapping → canonical application rows and exclusions.

:func:`normalise_table` is the per-table step of the importer. It reads every mapped
column as a whole (the value parsers in :mod:`data.values` work on unique values, so a
million-row column costs about as much as its distinct values), then combines the
columns of each row:

- **Stage** is cumulative: the furthest of the status word, stage-date columns, stage
  flag columns (``Y``/``1``/``ja``…, or any other mark that is not a "no") and the
  outcome (an offer implies the offer stage). A final "Rejected" never lowers it.
- **Outcome**: an outcome column (``Result``) first, then a status column, then outcome
  flag columns (``Rejected``, ``Ghosted``, ``Offer Declined``…); ``offer``/``hired``
  when that stage was reached and nothing final was said; else ``pending``.
- **Follow-ups**: in a follow-up column where the person marks follow-ups, a blank cell
  means "no"; a column blank throughout (or absent) means "unknown" (NA). A follow-up
  date column implies the flag. A status word such as ``follow_up`` means followed up
  after applying.
- ``responded_on`` is the response-date column where filled, else the earliest of the
  intro call, interview, offer and a rejection's date. A yes/no in that column
  ("Heard back? yes") is ``responded``: an answer whose day and kind are not given.
  ``last_activity_on`` is the latest dated activity in the row.
- A row with no company, no role, no application date (and no id) is excluded with an
  actionable reason; so are rows not applied for yet (``Saved``, ``Wishlist``…). An
  unreadable application date does not exclude a row that has a company or role: the
  cell is named in a warning. Duplicates are kept.

Event logs and transition lists are folded with :mod:`data.events`.

Examples
--------
>>> from data.read import read_tables
>>> from data.formats import detect_format
>>> log = b"Company,Date Applied,Status\\nAcme,2026-01-05,Interview\\n,,Saved\\n"
>>> t = read_tables("me.csv", log)[0][0]
>>> out = normalise_table(t, detect_format(t.header, t.rows), participant="me")
>>> str(out.applications.loc[0, "stage_reached"]), out.rows_read, len(out.exclusions)
('interview', 2, 1)
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data import rules, vocab
from data import values as V
from data.columns import FieldGuess
from data.events import fold_events
from data.formats import TableFormat
from data.read import RawTable
from data.schema import (
    APPLICATION_COLUMNS,
    EVENT_KINDS,
    OUTCOME_DTYPE,
    OUTCOMES,
    SOURCE_DTYPE,
    STAGE_DTYPE,
    STAGES,
    Exclusion,
    UnreadValues,
)

__all__ = ["TableOutcome", "normalise_table", "clean_text", "shown_value"]

_DATE_FIELDS = (
    "applied_on",
    "followup_after_apply_on",
    "responded_on",
    "outcome_on",
    "last_activity_on",
)
_STAGE_FIELDS = {col: STAGES.index(st) for st, col in rules.STAGE_DATE_COLUMNS.items()}
_STATUS_FIELDS = ("status", "outcome", "stage_reached")
_NAT = np.datetime64("NaT", "ns")
_O = {o: i for i, o in enumerate(OUTCOMES)}
_PENDING = _O["pending"]
_MAX_LISTED = 10
_FLAG_ASSUMED = "counted as a follow-up made (filled cell)"
_TOTAL_WORDS = frozenset(
    {"total", "totals", "sum", "gesamt", "gesamtergebnis", "summe", "合计", "总计", "grand total"}
)


@dataclass
class TableOutcome:
    """What one table contributed: its applications, exclusions and notes for the report."""

    applications: pd.DataFrame
    exclusions: list[Exclusion] = field(default_factory=list)
    rows_read: int = 0
    rows_analysed: int = 0
    warnings: list[str] = field(default_factory=list)
    unknown_status_words: dict[str, int] = field(default_factory=dict)
    ambiguous_dates: list[str] = field(default_factory=list)
    unread: list[UnreadValues] = field(default_factory=list)


# --------------------------------------------------------------------------- cells
def _clean_one(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:
            return None
        if value.is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return (
            value.isoformat()[:10]
            if not isinstance(value, _dt.datetime)
            or (value.hour == value.minute == value.second == 0)
            else value.isoformat(sep=" ")
        )
    text = " ".join(str(value).split())
    if not text:
        return None
    # placeholders (null, n/a, -, TBD, 待定…) are short; a plain ASCII word without a
    # letter run (nuuull) normalises to its lower case, so it is looked up directly
    if len(text) <= 24:
        if text.isascii() and text.isalnum() and not _RUN3.search(text):
            if text.lower() in vocab.BLANK_WORDS:
                return None
        elif vocab.is_blank_word(text):
            return None
    if text.casefold().startswith(("not provided", "not specified", "unknown")):
        return None
    return text


class _Col:
    """One raw column, factorised once: every parser runs on its distinct values only.

    ``codes`` index ``uniq`` (whose last entry is the missing value) for every row.
    """

    def __init__(self, series: pd.Series, pos: int | None = None) -> None:
        self.n = len(series)
        self.pos = pos  # the column's position in its table, when known
        self._arrow = pa.array(series.array) if _is_arrow_text(series) else None
        codes, uniq = _factorize(series)
        if len(codes) and codes.min() < 0:
            codes = codes.copy()
            codes[codes < 0] = len(uniq)  # missing -> the sentinel appended below
        self.codes = codes
        self.uniq = pd.Series([*uniq.tolist(), None], dtype=object)
        self._text: np.ndarray | None = None
        self._dates: tuple[np.ndarray, np.ndarray, object] | None = None

    def take(self, per_unique: object) -> np.ndarray:
        return np.asarray(per_unique)[self.codes]

    def text_u(self) -> np.ndarray:
        if self._text is None:
            self._text = np.array([_clean_one(u) for u in self.uniq], dtype=object)
        return self._text

    def text(self) -> pd.Series:
        """Trimmed text per row (categorical, NA for blanks and placeholders)."""
        tu = self.text_u()
        cats, inv = pd.factorize(pd.Series(tu, dtype=object), use_na_sentinel=True)
        return pd.Series(
            pd.Categorical.from_codes(
                np.asarray(cats)[self.codes], categories=pd.Index(inv, dtype=object)
            )
        )

    def as_is_string(self) -> pd.Series | None:
        """The raw Arrow column itself as pandas ``string`` when cleaning changes no cell
        (no blanks, placeholders or stray spaces: the usual export), else ``None``. Saves
        decoding 1M cells through a dictionary."""
        if self._arrow is None or self.codes.max(initial=-1) >= len(self.uniq) - 1:
            return None  # not Arrow, or a missing cell
        tu = self.text_u()[:-1]
        raw = self.uniq.to_numpy(dtype=object)[:-1]
        if len(tu) != len(raw) or not all(
            a is not None and a == b for a, b in zip(tu, raw, strict=False)
        ):
            return None
        return pd.Series(pd.array(self._arrow, dtype="string"))

    def nonblank_u(self) -> np.ndarray:
        if self._text is None and self._dates is not None:
            # a parsed date is not blank: clean only the cells that are not dates
            nb = ~np.isnat(self._dates[0])
            rest = np.flatnonzero(~nb)
            nb[rest] = [_clean_one(u) is not None for u in self.uniq.to_numpy(dtype=object)[rest]]
            return nb
        return pd.notna(self.text_u())

    def nonblank(self) -> np.ndarray:
        return self.take(self.nonblank_u())

    def raw(self) -> np.ndarray:
        return self.take(self.uniq.to_numpy(dtype=object))

    def dates_u(self) -> tuple[np.ndarray, np.ndarray, object]:
        if self._dates is None:
            dc = V.parse_dates(self.uniq)
            vals = pd.to_datetime(pd.Series(np.asarray(dc.values)), errors="coerce")
            vals = vals.astype("datetime64[ns]").dt.normalize().to_numpy()
            self._dates = (vals, np.asarray(dc.failed, dtype=bool), dc)
        return self._dates

    def month_only_u(self) -> np.ndarray:
        """Per distinct value: the date was given only as a month (``2025-08``)."""
        dc = self.dates_u()[2]
        month = getattr(dc, "month_only", None)
        if month is None:
            return np.zeros(len(self.uniq), dtype=bool)
        return np.asarray(month, dtype=bool)

    def examples(self, mask_u: np.ndarray) -> tuple[int, tuple[tuple[str, int], ...]]:
        """(cells, up to five (value, count) most frequent first) for the distinct values in
        ``mask_u``."""
        counts = np.bincount(self.codes, minlength=len(self.uniq))
        sel = np.flatnonzero(np.asarray(mask_u, dtype=bool) & (counts > 0))
        if not len(sel):
            return 0, ()
        order = sel[np.argsort(-counts[sel], kind="stable")]
        raw = self.uniq.to_numpy(dtype=object)
        shown = tuple((shown_value(raw[i]), int(counts[i])) for i in order[:5])
        return int(counts[sel].sum()), shown

    def dates(self) -> tuple[np.ndarray, np.ndarray, object]:
        """(datetime64[ns] per row, failed mask per row, DateColumn of the distinct values)."""
        vals, failed, dc = self.dates_u()
        return self.take(vals), self.take(failed), dc

    def yes_no_u(self, dates: bool = False) -> np.ndarray:
        """Per distinct value: 1 yes / 0 no / -1 blank or not understood. ``parse_yes_no``
        reads a date as "yes"; with ``dates=True`` a cell holding a date is a date (-1)."""
        u = np.full(len(self.uniq), -1, dtype=np.int8)
        sel = np.isnat(self.dates_u()[0]) if dates else np.ones(len(self.uniq), dtype=bool)
        if sel.any():
            flags, _ = V.parse_yes_no(self.uniq[sel].reset_index(drop=True))
            f = pd.array(flags, dtype="boolean")
            u[sel] = np.where(f.isna(), -1, f.fillna(False).to_numpy(dtype=bool).astype(np.int8))
        return u

    def yes_no(self, dates: bool = False) -> np.ndarray:
        """:meth:`yes_no_u` per row."""
        return self.take(self.yes_no_u(dates))

    def status(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, int]]:
        """(stage code per row (-1 none), outcome code per row (index in ``OUTCOMES``, -1
        none), followed_up (bool), not_applied (bool), unknown words -> cells)."""
        st = V.parse_status(self.uniq)
        stage = pd.Series(st.stage).astype(STAGE_DTYPE).cat.codes.to_numpy().astype(np.int8)
        oc = pd.Series(st.outcome).astype(OUTCOME_DTYPE).cat.codes.to_numpy().astype(np.int8)
        fu = pd.array(st.followed_up, dtype="boolean").fillna(False).to_numpy(dtype=bool)
        na = np.asarray(st.not_applied, dtype=bool)
        tu = self.text_u()
        unknown_u = pd.notna(tu) & (stage < 0) & (oc < 0) & ~na
        unknown: dict[str, int] = {}
        if unknown_u.any():
            counts = np.bincount(self.codes, minlength=len(tu))
            for i in np.flatnonzero(unknown_u):
                unknown[str(tu[i])] = unknown.get(str(tu[i]), 0) + int(counts[i])
        used = (
            np.bincount(self.codes, minlength=len(self.uniq)) > 0
            if (fu.any() or na.any())
            else None
        )
        fu_rows = (
            self.take(fu)
            if used is not None and (fu & used).any()
            else np.zeros(self.n, dtype=bool)
        )
        na_rows = (
            self.take(na)
            if used is not None and (na & used).any()
            else np.zeros(self.n, dtype=bool)
        )
        return self.take(stage), self.take(oc), fu_rows, na_rows, unknown

    def source(self) -> pd.Categorical:
        codes = pd.Series(V.parse_source(self.uniq)).astype(SOURCE_DTYPE).cat.codes.to_numpy()
        return pd.Categorical.from_codes(self.take(codes.astype(np.int8)), dtype=SOURCE_DTYPE)

    def count(self) -> pd.arrays.IntegerArray:
        cnt, _ = V.parse_count(self.uniq)
        return pd.array(
            self.take(pd.array(cnt, dtype="Int64").to_numpy(dtype=object, na_value=pd.NA)),
            dtype="Int64",
        )

    def event_kind(self) -> np.ndarray:
        k = pd.Series(pd.array(V.parse_event_kind(self.uniq), dtype=object))
        return self.take(k.where(k.isin(EVENT_KINDS), None).to_numpy(dtype=object))


#: The mapped columns of a table, by field: (how the column was understood, its cells).
_By = dict[str, list[tuple[FieldGuess, _Col]]]


def _is_arrow_text(series: pd.Series) -> bool:
    return isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow"


def _factorize(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(int32 codes, -1 for missing; distinct values as an object array). Arrow-backed text
    is dictionary-encoded in Arrow, without one Python ``str`` per cell."""
    if _is_arrow_text(series):
        enc = pc.dictionary_encode(pa.array(series.array))
        enc = enc.combine_chunks() if isinstance(enc, pa.ChunkedArray) else enc
        codes = enc.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        uniq = np.asarray(enc.dictionary.to_pylist(), dtype=object)
    else:
        codes, uniq = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    return np.asarray(codes).astype(np.int32, copy=False), np.asarray(uniq, dtype=object)


def clean_text(series: pd.Series) -> pd.Series:
    """Cells as trimmed text (inner whitespace collapsed); blanks and placeholders NA.

    Works on the distinct values, so repetitive columns are cheap.

    Examples
    --------
    >>> clean_text(pd.Series([" Acme  Corp ", "null", "-", None, 3.0])).tolist()
    ['Acme Corp', <NA>, <NA>, <NA>, '3']
    """
    return _Col(series).text().astype("string").set_axis(series.index)


def shown_value(value: object) -> str:
    """A cell as a report shows it: whitespace collapsed, at most 40 characters.

    Examples
    --------
    >>> shown_value("  Rejected   after call "), len(shown_value("x" * 60))
    ('Rejected after call', 40)
    """
    text = " ".join(str(value).split())
    return text if len(text) <= 40 else text[:39] + "…"


def _note_unread(
    out: TableOutcome,
    table: RawTable,
    column: str,
    field_: str,
    col: _Col,
    mask_u: np.ndarray,
    assumed: str,
) -> None:
    """Record the non-blank values of one column that could not be read (never silently)."""
    cells, shown = col.examples(mask_u)
    if cells:
        out.unread.append(
            UnreadValues(table.file, table.sheet, column, field_, cells, shown, assumed)
        )


def _cells_listed(where: str, column: str, rows: np.ndarray, cells: np.ndarray, what: str) -> str:
    shown = ", ".join(
        f"row {r} ({c!r})" for r, c in zip(rows[:_MAX_LISTED], cells[:_MAX_LISTED], strict=False)
    )
    more = f" and {len(rows) - _MAX_LISTED} more" if len(rows) > _MAX_LISTED else ""
    return f"{where}, column {column!r}: {what}: {shown}{more}"


# --------------------------------------------------------------------------- main
def normalise_table(
    table: RawTable,
    fmt: TableFormat,
    *,
    participant: str,
    participant_from_column: bool = True,
    values: dict[str, str] | None = None,
) -> TableOutcome:
    """Turn one raw table into canonical application rows.

    Parameters
    ----------
    table : data.read.RawTable
        The table (not mutated).
    fmt : data.formats.TableFormat
        Its detected format and column mapping.
    participant : str
        Participant for rows that name none (sheet, file or person).
    participant_from_column : bool
        Use a mapped participant column (``False`` ignores it).
    values : dict, optional
        The person's value mapping, ``{cell: meaning}`` as checked by
        ``data.vocab.check_value_mapping``: applied to yes/no, status and stage columns.

    Returns
    -------
    TableOutcome
        ``applications`` has the canonical columns (not yet dtype-coerced) plus
        ``source_file``/``source_sheet``/``source_row``; ``rows_read ==
        rows_analysed + len(exclusions)``.

    Examples
    --------
    >>> from data.read import read_tables
    >>> from data.formats import detect_format
    >>> t = read_tables("a.csv", b"Company,Phone Screen,Status\\nAcme,Y,Rejected\\n")[0][0]
    >>> out = normalise_table(t, detect_format(t.header, t.rows), participant="me")
    >>> str(out.applications.loc[0, "stage_reached"]), str(out.applications.loc[0, "outcome"])
    ('intro_call', 'rejected')
    """
    where = table.file if table.sheet is None else f"{table.file}, sheet {table.sheet!r}"
    rows = _apply_values(table.rows.reset_index(drop=True), fmt, values)
    rownums = _row_array(table)
    if fmt.shape == "events":
        out = _normalise_events(
            table, rows, rownums, fmt, where, participant, participant_from_column
        )
    elif fmt.shape == "transitions":
        out = _normalise_transitions(table, rows, rownums, fmt, where, participant)
    else:
        out = _normalise_rows(
            table, rows, rownums, fmt, where, participant, participant_from_column, not values
        )
    app = out.applications
    m = len(app)
    app["source_file"] = _constant_string(table.file, m)
    app["source_sheet"] = _constant_string(table.sheet, m)
    order = [c for c in APPLICATION_COLUMNS if c in app.columns]
    if list(app.columns) != order:
        out.applications = app[order + [c for c in app.columns if c not in APPLICATION_COLUMNS]]
    return out


#: Fields whose cells a value mapping applies to (yes/no flags, statuses, stage columns).
_VALUE_FIELDS = frozenset(
    {
        "followup_after_apply",
        "followup_after_intro",
        "thank_you_after_interview",
        "status",
        "outcome",
        "stage_reached",
        "intro_call_on",
        "interview_on",
        "offer_on",
    }
)


def _apply_values(
    rows: pd.DataFrame, fmt: TableFormat, values: dict[str, str] | None
) -> pd.DataFrame:
    """Cells the person gave a meaning to replaced by the word the parsers read for it."""
    if not values:
        return rows
    out = rows.copy()
    for i, g in enumerate(fmt.guesses):
        if i >= out.shape[1] or g.field not in _VALUE_FIELDS:
            continue
        col = out.iloc[:, i]
        keys = col.map(vocab.value_key, na_action="ignore")
        hit = keys.isin(list(values))
        if hit.any():
            words = keys[hit].map(lambda k: vocab.VALUE_MEANINGS[values[k]] or None)
            col = col.astype(object)
            col[hit] = words
            out.isetitem(i, col)
    return out


def _row_array(table: RawTable) -> np.ndarray:
    """``table.row_numbers`` as int64; the reader's own array when it still matches."""
    arr = getattr(table, "row_array", None)
    nums = table.row_numbers
    if (
        isinstance(arr, np.ndarray)
        and len(arr) == len(nums)
        and (not len(nums) or (arr[0] == nums[0] and arr[-1] == nums[-1]))
    ):
        return arr
    return np.asarray(nums, dtype=np.int64)


def _constant_string(value: str | None, n: int) -> pd.Series:
    """``n`` copies of one text (or NA) as a ``string`` Series, built from Arrow buffers."""
    if value is None:
        return pd.Series(pd.array(pa.nulls(n, pa.large_string()), dtype="string"))
    raw = str(value).encode("utf-8")
    offsets = np.arange(n + 1, dtype=np.int64) * len(raw)
    arr = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(raw * n))
    return pd.Series(pd.array(arr, dtype="string"))


def _columns(fmt: TableFormat, rows: pd.DataFrame) -> dict[str, list[tuple[FieldGuess, _Col]]]:
    by: dict[str, list[tuple[FieldGuess, _Col]]] = {}
    wanted = [
        (i, g) for i, g in enumerate(fmt.guesses) if g.field != "ignore" and i < rows.shape[1]
    ]
    for i, g in wanted:
        by.setdefault(g.field, []).append((g, _Col(rows.iloc[:, i], pos=i)))
    return by


def _text_field(by: _By, f: str, n: int) -> pd.Series:
    """First column of field ``f`` as text, later columns fill its gaps (categorical)."""
    if f not in by:
        return pd.Series(pd.Categorical([None] * n, categories=pd.Index([], dtype=object)))
    out = by[f][0][1].text()
    for _, c in by[f][1:]:
        nxt = c.text()
        if out.isna().any():
            out = pd.Series(
                np.where(out.isna(), nxt.astype(object), out.astype(object)), dtype=object
            )
    return out


def _as_is(by: _By, f: str) -> pd.Series | None:
    """Field ``f`` as pandas ``string`` straight from its only column when cleaning changes
    nothing (see :meth:`_Col.as_is_string`); ``None`` otherwise."""
    cols = by.get(f, [])
    return cols[0][1].as_is_string() if len(cols) == 1 else None


def _participants(by: _By, n: int, participant: str, use_column: bool) -> pd.Series:
    if use_column and "participant" in by:
        col = by["participant"][0][1].text()
        if col.isna().any():
            col = (
                col.cat.add_categories([participant])
                if participant not in col.cat.categories
                else col
            )
            col = col.fillna(participant)
        return col
    return pd.Series(
        pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[participant])
    )


def _as_string(s: pd.Series) -> pd.Series:
    """A text Series as pandas' ``string`` dtype; categoricals decoded in Arrow (fast)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        cats = pa.array([str(c) for c in s.cat.categories], type=pa.large_string())
        codes = s.cat.codes.to_numpy().astype(np.int32)
        idx = (
            pa.array(codes, type=pa.int32(), mask=codes < 0)
            if (codes < 0).any()
            else pa.array(codes)
        )
        taken = pc.take(cats, idx)
        return pd.Series(pd.array(taken, dtype="string"))
    return s.astype("string").reset_index(drop=True)


def _derived_ids(table: RawTable, rownums: np.ndarray) -> pa.Array:
    """``file:row`` (``file:sheet:row``) per row: the prefix spliced into the row numbers'
    text in Arrow."""
    prefix = table.file if table.sheet is None else f"{table.file}:{table.sheet}"
    return pc.utf8_replace_slice(pc.cast(pa.array(rownums), pa.large_string()), 0, 0, prefix + ":")


def _app_ids(by: _By, rownums: np.ndarray, table: RawTable) -> pd.Series:
    derived = _derived_ids(table, rownums)
    if "application_id" in by:
        ids = pa.array(_as_string(by["application_id"][0][1].text()).array)
        derived = pc.coalesce(ids, derived)
    return pd.Series(pd.array(derived, dtype="string"))


@dataclass
class _StatusAcc:
    stage: np.ndarray
    outcome: np.ndarray  # int8: index in OUTCOMES, -1 none
    followed: np.ndarray  # bool: a status word says followed up
    not_applied: np.ndarray
    not_applied_word: np.ndarray  # object: the status word
    tracked_followup: bool = False


def _read_status(by: _By, n: int, out: TableOutcome, table: RawTable) -> _StatusAcc:
    acc = _StatusAcc(
        stage=np.zeros(n, dtype=np.int8),
        outcome=np.full(n, -1, dtype=np.int8),
        followed=np.zeros(n, dtype=bool),
        not_applied=np.zeros(n, dtype=bool),
        not_applied_word=np.full(n, None, dtype=object),
    )
    # precedence: outcome column, status column, outcome flags; a final word beats "pending"
    groups: dict[str, list[np.ndarray]] = {"text": [], "status": [], "flags": []}
    for f in _STATUS_FIELDS:
        for g, col in by.get(f, []):
            flags = _outcome_flag_column(acc, g, col)
            if flags is not None:
                groups["flags"].extend(flags)
                continue
            groups["text" if f == "outcome" else "status"].append(
                _status_column(acc, out, table, f, g, col)
            )
    for arr in groups["text"] + groups["status"] + groups["flags"]:
        take = acc.outcome <= _PENDING
        final = arr > _PENDING
        acc.outcome = np.where(take & final, arr, acc.outcome)
        acc.outcome = np.where((acc.outcome < 0) & (arr == _PENDING), _PENDING, acc.outcome)
        acc.outcome = acc.outcome.astype(np.int8)
    return acc


#: An outcome flag column whose header names a stage too: "Offer Declined", "No Offer".
_FLAG_STAGES = {"hired": 4, "withdrawn": 3, "rejected": 2}


def _outcome_flag_column(acc: _StatusAcc, g: FieldGuess, col: _Col) -> list[np.ndarray] | None:
    """A yes/no column named after an outcome (``Rejected``, ``Ghosted``, ``Offer
    Declined``): its outcome codes per row, or ``None`` when the column is not one."""
    nb = col.nonblank()
    if g.value is None or not nb.any():
        return None
    yn = col.yes_no()
    if (yn[nb] >= 0).mean() < 0.8:
        return None
    hit = (yn == 1) | ((yn < 0) & nb)
    stage = _FLAG_STAGES.get(g.value)
    if stage is not None and (g.value == "hired" or "offer" in g.column.casefold()):
        acc.stage = np.maximum(acc.stage, np.where(hit, stage, 0).astype(np.int8))
    if g.value == "pending" or g.value not in OUTCOMES:
        return []
    return [np.where(hit, OUTCOMES.index(g.value), -1).astype(np.int8)]


def _status_column(
    acc: _StatusAcc, out: TableOutcome, table: RawTable, f: str, g: FieldGuess, col: _Col
) -> np.ndarray:
    """A free-text status column: stage, follow-up and not-applied words into ``acc``;
    returns the outcome codes per row. Words not understood are reported."""
    stage, oc, fu, na, unknown = col.status()
    acc.stage = np.maximum(acc.stage, np.maximum(stage, 0).astype(np.int8))
    if fu.any():
        acc.tracked_followup = True
        acc.followed |= fu
    if na.any():
        acc.not_applied |= na
        words = col.take(col.text_u())
        acc.not_applied_word = np.where(
            na & pd.isna(acc.not_applied_word), words, acc.not_applied_word
        )
    for w, c in unknown.items():
        out.unknown_status_words[w] = out.unknown_status_words.get(w, 0) + c
    if unknown:
        top = sorted(unknown.items(), key=lambda kv: -kv[1])
        shown = tuple((shown_value(w), c) for w, c in top[:5])
        out.unread.append(
            UnreadValues(
                table.file,
                table.sheet,
                g.column,
                f,
                sum(unknown.values()),
                shown,
                "outcome left pending",
            )
        )
    return oc


def _flag_column(
    col: _Col, with_dates: bool = True
) -> tuple[np.ndarray, np.ndarray | None, bool, np.ndarray]:
    """Follow-up flag column -> (1/0/-1 per row, date per row (``None`` unless
    ``with_dates``), tracked?, per distinct value: not read as yes/no or a date).

    Yes → 1, no → 0, a date → 1 (with the date), a mark (``✓``) by its meaning, other text
    → 1 (and reported); blank → 0 when the column holds anything, else -1 (not tracked).
    Blank, mark and yes/no are decided by the same vocabulary (``data.vocab``).
    """
    nb = col.nonblank_u()
    dvals, _, _ = col.dates_u()
    yn = col.yes_no_u(dates=True)
    odd = nb & (yn < 0) & np.isnat(dvals)
    val = np.where(yn >= 0, yn, np.where(nb, 1, -1)).astype(np.int8)
    tracked = bool(nb[:-1].any())  # the last distinct value is the missing sentinel
    if tracked:
        val = np.where(val < 0, 0, val).astype(np.int8)
    return col.take(val), (col.take(dvals) if with_dates else None), tracked, odd


@dataclass
class _Rows:
    """One table read as one application per row: its columns and what was read so far."""

    table: RawTable
    rownums: np.ndarray
    where: str
    by: dict[str, list[tuple[FieldGuess, _Col]]]
    out: TableOutcome
    dates: dict[str, np.ndarray] = field(default_factory=dict)
    #: the columns' cells are the table's own (no meanings given to values replaced any)
    cells_as_read: bool = True

    def __post_init__(self) -> None:
        n = len(self.rownums)
        self.n = n
        self.stage = np.zeros(n, dtype=np.int8)
        self.month_only = np.zeros(n, dtype=bool)
        self.not_applied = np.zeros(n, dtype=bool)
        self.not_applied_reason = np.full(n, None, dtype=object)
        self.followed: np.ndarray | None = None  # a status column said "follow up"
        self.responded = np.full(n, -1, dtype=np.int8)  # "Heard back?" 1 yes, 0 no, -1 unsaid

    def date(self, f: str) -> np.ndarray:
        return self.dates.get(f, np.full(self.n, _NAT))

    def mark_not_applied(self, rows: np.ndarray, reason: object) -> None:
        """Rows not applied for yet, with the reason (a first reason is kept)."""
        first = rows & pd.isna(self.not_applied_reason)
        self.not_applied_reason = np.where(
            first, np.asarray(reason, dtype=object), self.not_applied_reason
        )
        self.not_applied |= rows


def _normalise_rows(
    table: RawTable,
    rows: pd.DataFrame,
    rownums: np.ndarray,
    fmt: TableFormat,
    where: str,
    participant: str,
    use_pcol: bool,
    rows_as_read: bool = True,
) -> TableOutcome:
    out = TableOutcome(applications=pd.DataFrame(), rows_read=len(rows))
    r = _Rows(table, rownums, where, _columns(fmt, rows), out, cells_as_read=rows_as_read)
    app, company, role = _identity(r, fmt, participant, use_pcol)
    _read_plain_dates(r)
    if fmt.dated_by_id:
        _dates_from_ids(r)
    _read_stage_columns(r)
    oc = _read_statuses(r, fmt)
    app.update(_read_followups(r))
    app.update(_dates_and_stage(r, oc))
    app["source_row"] = pd.arrays.IntegerArray(rownums.astype(np.int64), np.zeros(r.n, dtype=bool))
    frame = pd.DataFrame({c: app[c] for c in APPLICATION_COLUMNS if c in app}, copy=False)
    out.applications = _analysed_rows(r, frame, company, role, fmt.warn_repeats)
    out.rows_analysed = len(out.applications)
    return out


def _identity(
    r: _Rows, fmt: TableFormat, participant: str, use_pcol: bool
) -> tuple[dict[str, object], pd.Series, pd.Series]:
    """Participant, id, company, role and source columns (and the company/role text)."""
    by, n = r.by, r.n
    app: dict[str, object] = {}
    company, role = _text_field(by, "company", n), _text_field(by, "role", n)
    app["participant"] = _as_is(by, "participant") if use_pcol else None
    if app["participant"] is None:
        app["participant"] = _as_string(_participants(by, n, participant, use_pcol))
    app["application_id"] = _app_ids(by, r.rownums, r.table)
    for f, text in (("company", company), ("role", role)):
        as_is = _as_is(by, f)
        app[f] = as_is if as_is is not None else _as_string(text)
    if "source" in by:
        app["source"] = by["source"][0][1].source()
    elif "source" in fmt.constants:
        app["source"] = pd.Categorical(np.full(n, fmt.constants["source"]), dtype=SOURCE_DTYPE)
    else:
        app["source"] = pd.Categorical.from_codes(np.full(n, -1, dtype=np.int8), dtype=SOURCE_DTYPE)
    return app, company, role


def _read_plain_dates(r: _Rows) -> None:
    """Applied, follow-up, response, outcome and last-activity dates (first column each)."""
    for f in _DATE_FIELDS:
        if f in r.by:
            g, col = r.by[f][0]
            r.dates[f] = _read_date_column(r, f, g, col)


_OBJECT_ID = re.compile(r"[0-9a-f]{24}")
#: Object ids older than this are not creation times (Trello started in 2011).
_FIRST_ID_TIME = np.datetime64("2011-01-01", "s")


def _dates_from_ids(r: _Rows) -> None:
    """Rows without an application date, dated by when their id says they were created
    (the first eight hex digits of a 24-digit object id are the Unix time): said once."""
    if "application_id" not in r.by:
        return
    col = r.by["application_id"][0][1]
    secs = np.array(
        [
            int(u[:8], 16) if isinstance(u, str) and _OBJECT_ID.fullmatch(u.strip()) else -1
            for u in col.uniq
        ],
        dtype=np.int64,
    )
    when_u = np.where(secs >= 0, secs, 0).astype("datetime64[s]")
    ok_u = (secs >= 0) & (when_u >= _FIRST_ID_TIME) & (when_u <= np.datetime64("now", "s"))
    created = np.where(ok_u, when_u.astype("datetime64[D]"), np.datetime64("NaT", "D"))
    dated = col.take(created).astype("datetime64[ns]")
    applied = r.date("applied_on")
    fill = np.isnat(applied) & ~np.isnat(dated)
    if fill.any():
        r.dates["applied_on"] = np.where(fill, dated, applied)
        r.out.warnings.append(
            f"{r.where}: {int(fill.sum()):,} card(s) had no start date; each is dated by "
            "when its card was created (the export keeps no application date)"
        )


_YES_NO_NOT_A_DATE = "a yes/no, not a date: it says nothing of when or what, so left empty"


def _read_date_column(r: _Rows, f: str, g: FieldGuess, col: _Col) -> np.ndarray:
    vals_u, failed_u, dc = col.dates_u()
    yn_u = col.yes_no_u(dates=True)
    if f == "applied_on":
        if (yn_u == 0).any():
            # an "Applied" column of flags: yes = applied (no date), no = not applied yet
            r.mark_not_applied(col.take(yn_u == 0), f"not applied yet ({g.column!r} is no)")
    elif f == "responded_on":
        # "Heard back? yes": an answer whose day and kind are not given (``responded``)
        r.responded = col.take(yn_u).astype(np.int8)
    elif f != "followup_after_apply_on" and (yn_u >= 0).any():
        # "Outcome date: yes" says neither when nor what: said, not guessed (a follow-up
        # date's yes/no is read with the follow-ups, in _read_followups)
        _note_unread(r.out, r.table, g.column, f, col, yn_u >= 0, _YES_NO_NOT_A_DATE)
    failed_u = failed_u & (yn_u < 0)
    r.month_only |= col.take(col.month_only_u())
    if getattr(dc, "ambiguous", False):
        note = getattr(dc, "note", "") or "day and month order is ambiguous"
        r.out.ambiguous_dates.append(f"{r.where}, column {g.column!r}: {note}")
    if failed_u.any():
        _note_unread(r.out, r.table, g.column, f, col, failed_u, "date left empty")
        failed = col.take(failed_u)
        msg = "unreadable date" + (
            "s (rows still analysed, date left empty)" if f == "applied_on" else "s"
        )
        r.out.warnings.append(
            _cells_listed(r.where, g.column, r.rownums[failed], col.raw()[failed], msg)
        )
    return col.take(vals_u)


_STAGE_CELL = "not a yes/no or a date, so the filled cell was taken to mean this stage was reached"


def _read_stage_columns(r: _Rows) -> None:
    """Intro-call, interview and offer columns: a date, a yes or a mark means reached."""
    for f, code in _STAGE_FIELDS.items():
        first = np.full(r.n, _NAT)
        for g, col in r.by.get(f, []):
            vals = _read_stage_column(r, f, code, g, col)
            first = np.where(np.isnat(first) | (vals < first), vals, first)
        if f in r.by:
            r.dates[f] = first


def _read_stage_column(r: _Rows, f: str, code: int, g: FieldGuess, col: _Col) -> np.ndarray:
    vals_u, _, _ = col.dates_u()
    yn_u = col.yes_no_u(dates=True)
    nb_u = col.nonblank_u()
    has_date_u = ~np.isnat(vals_u)
    reached_u = (yn_u == 1) | has_date_u | ((yn_u < 0) & nb_u)
    odd_u = nb_u & (yn_u < 0) & ~has_date_u
    r.month_only |= col.take(col.month_only_u())
    if odd_u.any():
        _note_unread(r.out, r.table, g.column, f, col, odd_u, "counted as this stage reached")
        odd = col.take(odd_u)
        r.out.warnings.append(
            _cells_listed(r.where, g.column, r.rownums[odd], col.raw()[odd], _STAGE_CELL)
        )
    r.stage = np.maximum(r.stage, col.take(np.where(reached_u, code, 0).astype(np.int8)))
    return col.take(vals_u)


def _read_statuses(r: _Rows, fmt: TableFormat) -> np.ndarray:
    """Status/outcome/progress columns: stage, outcome (codes into ``OUTCOMES``) and rows
    not applied for yet. Any sign of a later stage means the application was made."""
    acc = _read_status(r.by, r.n, r.out, r.table)
    r.stage = np.maximum(r.stage, acc.stage)
    r.mark_not_applied(acc.not_applied, _not_applied_reasons(acc.not_applied_word))
    # the stage each outcome implies (-1: none), worked out once per outcome; a row without
    # an outcome (code -1) takes the appended None
    names = np.array([*OUTCOMES, None], dtype=object)
    implied = rules.raise_to_outcome(np.full(len(names), -1, dtype=np.int64), names)
    r.stage = np.maximum(r.stage, implied[acc.outcome]).astype(np.int8)
    oc = rules.settle_outcome_codes(r.stage, acc.outcome).astype(np.int8)
    r.not_applied &= r.stage <= 0
    if fmt.undated_means_not_applied and "applied_on" in r.dates:  # no application date yet
        miss = np.isnat(r.dates["applied_on"]) & (r.stage <= 0)
        r.mark_not_applied(miss, "not applied yet (no applied_at date)")
    r.followed = acc.followed if acc.tracked_followup else None
    return oc


def _not_applied_reasons(words: np.ndarray) -> np.ndarray:
    """Per row, "not applied yet (status 'word')" for a status word, else ``None`` (the
    sentence is written once per distinct word)."""
    codes, uniq = pd.factorize(words, use_na_sentinel=True)
    said = np.array([*(f"not applied yet (status {w!r})" for w in uniq), None], dtype=object)
    return said[codes]


def _merge_flag(current: np.ndarray, val: np.ndarray) -> np.ndarray:
    return np.where(current < 0, val, np.maximum(current, val)).astype(np.int8)


def _boolean(v: np.ndarray) -> pd.arrays.BooleanArray:
    return pd.arrays.BooleanArray(v == 1, v < 0)


def _read_followups(r: _Rows) -> dict[str, object]:
    """The three follow-up flags, the after-applying date and the number of follow-ups."""
    fu, fu_on = np.full(r.n, -1, dtype=np.int8), r.date("followup_after_apply_on")
    for g, col in r.by.get("followup_after_apply", []):
        val, dv, tracked, odd_u = _flag_column(col)
        if odd_u.any():
            _note_unread(r.out, r.table, g.column, g.field, col, odd_u, _FLAG_ASSUMED)
        if tracked and dv is not None:
            fu, fu_on = _merge_flag(fu, val), np.where(np.isnat(fu_on), dv, fu_on)
    if "followup_after_apply_on" in r.by:
        # "Follow-up date: yes": followed up, on a day not given; "no": not followed up
        said = r.by["followup_after_apply_on"][0][1].yes_no(dates=True)
        has = ~np.isnat(r.dates["followup_after_apply_on"]) | (said == 1)
        if has.any() or (said == 0).any():
            fu = np.where(has, 1, np.where(fu < 0, 0, fu)).astype(np.int8)
    counts = r.by["followups"][0][1].count() if "followups" in r.by else None
    if counts is not None:
        c = counts.fillna(-1).to_numpy(dtype=np.int64)
        if (c >= 0).any():
            fu = np.where(c > 0, 1, np.where(fu < 0, np.where(c == 0, 0, -1), fu)).astype(np.int8)
    if r.followed is not None:
        # a current-status column shows only the latest state: "follow up" says this row
        # was followed up; on the other rows the follow-up is unknown, not "no"
        fu = np.where(r.followed, 1, fu).astype(np.int8)
    r.dates["followup_after_apply_on"] = np.where(fu == 1, fu_on, _NAT)
    return {
        "followup_after_apply": _boolean(fu),
        "followup_after_apply_on": r.dates["followup_after_apply_on"],
        "followups": counts
        if counts is not None
        else pd.arrays.IntegerArray(np.zeros(r.n, dtype=np.int64), np.ones(r.n, dtype=bool)),
        "followup_after_intro": _boolean(_other_flag(r, "followup_after_intro")),
        "thank_you_after_interview": _boolean(_other_flag(r, "thank_you_after_interview")),
    }


def _other_flag(r: _Rows, f: str) -> np.ndarray:
    v = np.full(r.n, -1, dtype=np.int8)
    for g, col in r.by.get(f, []):
        val, _, tracked, odd_u = _flag_column(col, with_dates=False)
        if odd_u.any():
            _note_unread(r.out, r.table, g.column, f, col, odd_u, _FLAG_ASSUMED)
        if tracked:
            v = _merge_flag(v, val)
    return v


def _dates_and_stage(r: _Rows, oc: np.ndarray) -> dict[str, object]:
    """Step dates, response and outcome dates, last activity, stage, outcome, precision."""
    intro, interview, offer = (r.date(k) for k in ("intro_call_on", "interview_on", "offer_on"))
    outcome_on = r.date("outcome_on")
    final = oc > _PENDING
    activity_only = np.where(final, _NAT, outcome_on)
    outcome_on = np.where(final, outcome_on, _NAT)
    rejected = oc == _O["rejected"]
    responded = r.date("responded_on")
    earliest = _row_min([intro, interview, offer, np.where(rejected, outcome_on, _NAT)])
    responded = np.where(np.isnat(responded), earliest, responded)
    # a rejection logged with a response date and no later stage: that was the rejection
    outcome_on = np.where(rejected & np.isnat(outcome_on) & (r.stage == 0), responded, outcome_on)
    last = _row_max(
        [r.date("applied_on"), r.date("followup_after_apply_on"), responded, intro, interview]
        + [offer, outcome_on, activity_only, r.date("last_activity_on")]
    )
    return {
        "applied_on": r.date("applied_on"),
        "responded_on": responded,
        "responded": _boolean(r.responded),
        "intro_call_on": intro,
        "interview_on": interview,
        "offer_on": offer,
        "stage_reached": pd.Categorical.from_codes(r.stage.astype(np.int8), dtype=STAGE_DTYPE),
        "outcome": pd.Categorical.from_codes(oc, dtype=OUTCOME_DTYPE),
        "outcome_on": outcome_on,
        "last_activity_on": last,
        "date_precision": _precision(r.month_only, last),
    }


#: Seed of the odd 64-bit multiplier drawn for each column position: rows are compared by a
#: sum of their cells' codes times these (mod 2**64); only rows whose sums agree are then
#: compared cell by cell. Fixed, so a result never depends on the run.
_ROW_KEY_SEED = 20261202


def _copies(table: RawTable, known: dict[int, np.ndarray] | None = None) -> np.ndarray:
    """Per row, the index of the earlier row it equals in every cell, or -1.

    ``known`` gives the codes of columns already factorised (by position, from this very
    table's cells); the others are factorised here. Rows are grouped by a key made from
    their codes, and a row is called a copy only when every code equals its group's first
    row's (two different rows whose keys collide, about one chance in 10**7 for a million
    rows, would leave a true copy unsaid, never call a row a copy wrongly).

    Examples
    --------
    >>> rows = pd.DataFrame({"Company": ["A", "B", "A"], "Role": ["x", "y", "x"]})
    >>> t = RawTable("a.csv", None, ["Company", "Role"], rows, [2, 3, 4], 1, None, None)
    >>> _copies(t).tolist()
    [-1, -1, 0]
    """
    rows = table.rows
    n, width = rows.shape
    out = np.full(n, -1, dtype=np.int64)
    if n < 2 or width == 0:
        return out
    known = known or {}
    try:
        codes = [known[i] if i in known else _factorize(rows.iloc[:, i])[0] for i in range(width)]
    except TypeError:  # a cell that cannot be compared: no row is called a copy
        return out
    multipliers = np.random.default_rng(_ROW_KEY_SEED).integers(1, 2**63, width, np.uint64) | 1
    key = np.zeros(n, dtype=np.uint64)
    for c, m in zip(codes, multipliers, strict=True):
        key += c.astype(np.uint64) * m  # wraps around: a hash of the row's codes
    groups, _ = pd.factorize(key)  # in order of first appearance
    first = np.full(groups.max() + 1, n, dtype=np.int64)
    np.minimum.at(first, groups, np.arange(n))
    later = np.flatnonzero(first[groups] != np.arange(n))
    if len(later):
        earlier = first[groups[later]]
        same = np.ones(len(later), dtype=bool)
        for c in codes:
            same &= c[later] == c[earlier]
        out[later[same]] = earlier[same]
    return out


def _analysed_rows(
    r: _Rows, frame: pd.DataFrame, company: pd.Series, role: pd.Series, repeats: bool = True
) -> pd.DataFrame:
    """The rows that are applications; the others excluded with a reason (rows equal to
    an earlier one in every cell are said when ``repeats``)."""
    by = r.by
    has_id = (
        by["application_id"][0][1].nonblank() if "application_id" in by else np.zeros(r.n, bool)
    )
    identified = (
        company.notna().to_numpy()
        | role.notna().to_numpy()
        | ~np.isnat(r.date("applied_on"))
        | has_id
    )
    total_row = _total_rows(company)
    excluded = r.not_applied | ~identified | total_row
    if repeats:  # the same row twice may be a copy, or two postings with one title: said
        known = {c.pos: c.codes for cols in r.by.values() for _, c in cols if c.pos is not None}
        copy_of = _copies(r.table, known if r.cells_as_read else None)
        _say_repeats(r, np.where(excluded | excluded[np.maximum(copy_of, 0)], -1, copy_of))
    for i in np.flatnonzero(excluded):
        row = int(r.rownums[i])
        if total_row[i]:
            reason = f"row {row}: a total line, not an application"
        elif r.not_applied[i]:
            reason = f"row {row}: {r.not_applied_reason[i]}"
        else:
            reason = f"row {row}: no company, role or application date — add the company name"
        r.out.exclusions.append(_excl(r.table, row, reason))
    return frame.loc[~excluded].reset_index(drop=True) if excluded.any() else frame


def _say_repeats(r: _Rows, copy_of: np.ndarray) -> None:
    """Rows equal to an earlier row in every cell: each counted, and said (up to five)."""
    repeats = np.flatnonzero(copy_of >= 0)
    if not len(repeats):
        return
    pairs = [(int(r.rownums[copy_of[i]]), int(r.rownums[i])) for i in repeats]
    shown = ", ".join(f"row {b} = row {a}" for a, b in pairs[:5])
    more = f" and {len(pairs) - 5:,} more" if len(pairs) > 5 else ""
    r.out.warnings.append(
        f"{r.where}: {len(pairs):,} row(s) the same as an earlier row in every cell "
        f"({shown}{more}): each counted as an application; if one is a copy (pasted twice), "
        "delete it, and if they are two applications, tell them apart (a link or a note)"
    )


def _total_rows(company: pd.Series) -> np.ndarray:
    """Rows whose company cell says "Total" (a sum line under the list)."""
    if isinstance(company.dtype, pd.CategoricalDtype):
        cu = company.cat.categories
        tot_u = np.array([str(c).casefold() in _TOTAL_WORDS for c in cu] + [False])
        cc = company.cat.codes.to_numpy()
        return tot_u[np.where(cc < 0, len(cu), cc)]
    return company.astype("string").str.casefold().isin(_TOTAL_WORDS).fillna(False).to_numpy(bool)


def _precision(month_only: np.ndarray, any_date: np.ndarray) -> pd.Series:
    """``date_precision`` per row: "month" where a date was given only as a month, "day"
    where the row has dates, NA without any date."""
    has = ~np.isnat(any_date) | month_only
    codes = np.where(month_only, 1, np.where(has, 0, -1)).astype(np.int8)
    return _as_string(pd.Series(pd.Categorical.from_codes(codes, categories=["day", "month"])))


def _excl(table: RawTable, row: int, reason: str) -> Exclusion:
    return Exclusion(file=table.file, sheet=table.sheet, row=row, reason=reason)


_RUN3 = re.compile(r"(.)\1\1")
_IMIN, _IMAX = np.iinfo(np.int64).min, np.iinfo(np.int64).max  # NaT is int64 min


def _row_min(arrays: list[np.ndarray]) -> np.ndarray:
    """Earliest date per row across arrays, ignoring NaT."""
    m = np.full(len(arrays[0]), _IMAX, dtype=np.int64)
    for a in arrays:
        v = np.asarray(a, dtype="datetime64[ns]").view(np.int64)
        np.minimum(m, np.where(v == _IMIN, _IMAX, v), out=m)
    m[m == _IMAX] = _IMIN
    return m.view("datetime64[ns]")


def _row_max(arrays: list[np.ndarray]) -> np.ndarray:
    """Latest date per row across arrays, ignoring NaT (NaT is the smallest int64)."""
    m = np.full(len(arrays[0]), _IMIN, dtype=np.int64)
    for a in arrays:
        np.maximum(m, np.asarray(a, dtype="datetime64[ns]").view(np.int64), out=m)
    return m.view("datetime64[ns]")


# --------------------------------------------------------------------------- event logs
def _normalise_events(
    table: RawTable,
    rows: pd.DataFrame,
    rownums: np.ndarray,
    fmt: TableFormat,
    where: str,
    participant: str,
    use_pcol: bool,
) -> TableOutcome:
    n = len(rows)
    out = TableOutcome(applications=pd.DataFrame(), rows_read=n)
    by = _columns(fmt, rows)
    found = by.get("status") or by.get("outcome")
    scol = found[0][1] if found else _Col(pd.Series([None] * n, dtype=object))
    kinds = scol.event_kind()
    _, oc, _, not_applied, unknown = scol.status()
    hint = np.where(oc == _O["ghosted"], "ghosted", np.array(None, dtype=object)).astype(object)
    words = scol.take(scol.text_u())
    for w, c in unknown.items():
        if vocab.event_kind(w) is None:  # event words (thank_you…) are understood here
            out.unknown_status_words[w] = out.unknown_status_words.get(w, 0) + c
    dvals = _event_dates(by, n, out, table, where, rownums)
    ev = pd.DataFrame(
        {
            "participant": _participants(by, n, participant, use_pcol).astype(object),
            "company": _text_field(by, "company", n).astype(object),
            "role": _text_field(by, "role", n).astype(object),
            "date": dvals,
            "kind": kinds,
            "outcome_hint": hint,
            "row": rownums,
        }
    )
    if "application_id" in by:
        ev["app_id"] = by["application_id"][0][1].text().astype(object)
    if "source" in by:
        ev["source"] = by["source"][0][1].source()
    keep = _event_rows_kept(ev, out, table, words, not_applied)
    ev = ev.loc[keep].reset_index(drop=True)
    if len(ev) == 0:
        out.applications = pd.DataFrame(columns=["participant", "company", "role", "source_row"])
        return out
    out.applications = _fold_events(ev, table)
    out.rows_analysed = int(keep.sum())
    return out


def _event_dates(
    by: _By, n: int, out: TableOutcome, table: RawTable, where: str, rownums: np.ndarray
) -> np.ndarray:
    """The event log's date column (NaT per row without one); unreadable dates reported."""
    if "applied_on" not in by:
        return np.full(n, _NAT)
    g, dcol = by["applied_on"][0]
    dvals, failed, dc = dcol.dates()
    if failed.any():
        _note_unread(out, table, g.column, "applied_on", dcol, dcol.dates_u()[1], "date left empty")
        cells = dcol.raw()[failed]
        out.warnings.append(
            _cells_listed(where, g.column, rownums[failed], cells, "unreadable dates")
        )
    if getattr(dc, "ambiguous", False):
        out.ambiguous_dates.append(f"{where}, column {g.column!r}: {getattr(dc, 'note', '')}")
    return dvals


def _event_rows_kept(
    ev: pd.DataFrame,
    out: TableOutcome,
    table: RawTable,
    words: np.ndarray,
    not_applied: np.ndarray,
) -> np.ndarray:
    """Rows that are an understood event of an identified application; the others
    excluded with a reason."""
    ident = ev["company"].notna() | ev["role"].notna()
    if "app_id" in ev:
        ident |= ev["app_id"].notna()
    understood = ev["kind"].notna() | ev["outcome_hint"].notna()
    keep = (ident & understood).to_numpy()
    for i in np.flatnonzero(~keep):
        r = int(ev["row"].iloc[i])
        if not ident.iloc[i]:
            reason = f"row {r}: no company or role — add the company name"
        elif not_applied[i]:
            reason = f"row {r}: not applied yet (event {words[i]!r})"
        elif words[i] is None:
            reason = f"row {r}: no event — write what happened (applied, follow_up, interview…)"
        else:
            kinds = ", ".join(EVENT_KINDS)
            reason = f"row {r}: event {words[i]!r} not understood — use one of {kinds}"
        out.exclusions.append(_excl(table, r, reason))
    return keep


def _fold_events(ev: pd.DataFrame, table: RawTable) -> pd.DataFrame:
    """Events folded into one application each (by id where given, else company + role)."""
    prefix = table.file if table.sheet is None else f"{table.file}:{table.sheet}"
    if "app_id" in ev:  # group by the id where one is given
        orig = ev.set_index("row")[["company", "role", "app_id"]]
        keyed = ev.assign(
            company=ev["app_id"].fillna(ev["company"]), role=ev["role"].where(ev["app_id"].isna())
        )
        folded = fold_events(keyed)
        first = orig.reindex(folded["source_row"])
        folded["company"], folded["role"] = first["company"].to_numpy(), first["role"].to_numpy()
        derived = prefix + ":" + folded["source_row"].astype(str)
        folded["application_id"] = np.where(first["app_id"].isna(), derived, first["app_id"])
    else:
        folded = fold_events(ev)
        folded["application_id"] = prefix + ":" + folded["source_row"].astype(str)
    return folded.drop(columns=["events"])


# --------------------------------------------------------------------------- transitions
def _normalise_transitions(
    table: RawTable,
    rows: pd.DataFrame,
    rownums: np.ndarray,
    fmt: TableFormat,
    where: str,
    participant: str,
) -> TableOutcome:
    from data.columns import normalise_header

    n = len(rows)
    out = TableOutcome(applications=pd.DataFrame(), rows_read=n)
    by = _columns(fmt, rows)
    cols = {normalise_header(g.column): _Col(rows.iloc[:, i]) for i, g in enumerate(fmt.guesses)}
    company = _text_field(by, "company", n).astype(object)
    block = company.notna().cumsum().to_numpy()
    empty = _Col(pd.Series([None] * n))
    s_stage, _, _, _, unk_s = cols.get("source", empty).status()
    t_stage, t_out, _, _, unk_t = cols.get("target", empty).status()
    for unknown in (unk_s, unk_t):
        for w, c in unknown.items():
            out.unknown_status_words[w] = out.unknown_status_words.get(w, 0) + c
    names = np.array(OUTCOMES, dtype=object)
    t_out = np.where(t_out > _PENDING, names[np.maximum(t_out, 0)], np.array(None, dtype=object))
    df = pd.DataFrame(
        {
            "block": block,
            "row": rownums,
            "stage": np.maximum(np.maximum(s_stage, t_stage), 0),
            "out": t_out,
        }
    )
    for i in np.flatnonzero(block == 0):
        r = int(rownums[i])
        out.exclusions.append(
            _excl(table, r, f"row {r}: no company above this line — add the company name")
        )
    df = df[df["block"] > 0]
    grp = df.groupby("block", sort=True)
    stage = grp["stage"].max()
    outc = df.dropna(subset=["out"]).groupby("block")["out"].last().reindex(stage.index)
    first_row = grp["row"].min()
    comp = company.groupby(block).first().reindex(stage.index)
    codes = stage.to_numpy().astype(np.int8)
    oc = outc.to_numpy(dtype=object)
    codes = rules.raise_to_outcome(codes, oc).astype(np.int8)
    oc = rules.settle_outcome(pd.Series(np.asarray(STAGES, dtype=object)[codes]), pd.Series(oc))
    oc = oc.astype(object).to_numpy()
    prefix = table.file if table.sheet is None else f"{table.file}:{table.sheet}"
    m = len(stage)
    nat = np.full(m, _NAT)
    out.applications = pd.DataFrame(
        {
            "participant": [participant] * m,
            "application_id": [f"{prefix}:{r}" for r in first_row.to_numpy()],
            "company": comp.to_numpy(),
            "role": [None] * m,
            "applied_on": nat,
            "responded_on": nat,
            "intro_call_on": nat,
            "interview_on": nat,
            "offer_on": nat,
            "outcome_on": nat,
            "last_activity_on": nat,
            "stage_reached": pd.Categorical.from_codes(codes, dtype=STAGE_DTYPE),
            "outcome": oc,
            "source_row": first_row.to_numpy(),
        }
    )
    out.rows_analysed = int(len(df))
    return out
