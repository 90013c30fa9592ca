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
  intro call, interview, offer and a rejection's date. ``last_activity_on`` is the
  latest dated activity in the row.
- A row with no company, no role, no application date (and no id) is excluded with an
  actionable reason; so are rows not applied for yet (``Saved``, ``Wishlist``…). An
  unreadable application date does not exclude a row that has a company or role: the
  cell is named in a warning. Duplicates are kept.

Event logs and transition lists are folded with :mod:`data.events`.

Examples
--------
>>> from data.read import read_tables
>>> from data.formats import detect_format
>>> t = read_tables("me.csv", b"Company,Date Applied,Status\\nAcme,2026-01-05,Interview\\n,,Saved\\n")[0][0]
>>> out = normalise_table(t, detect_format(t.header, t.rows), participant="me")
>>> str(out.applications.loc[0, "stage_reached"]), out.rows_read, len(out.exclusions)
('interview', 2, 1)
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data import values as V
from data import vocab
from data.columns import FieldGuess
from data.events import fold_events, group_keys
from data.formats import TableFormat
from data.schema import EVENT_KINDS, STAGE_DTYPE, Exclusion

__all__ = ["TableOutcome", "normalise_table", "clean_text"]

_TEXT_FIELDS = ("participant", "application_id", "company", "role", "notes")
_DATE_FIELDS = ("applied_on", "followup_after_apply_on", "responded_on", "outcome_on",
                "last_activity_on")
_STAGE_FIELDS = {"intro_call_on": 1, "interview_on": 2, "offer_on": 3}
_FLAG_FIELDS = ("followup_after_apply", "followup_after_intro", "thank_you_after_interview")
_STATUS_FIELDS = ("status", "outcome", "stage_reached")
_NAT = np.datetime64("NaT", "ns")
_MAX_LISTED = 10
_TOTAL_WORDS = frozenset({"total", "totals", "sum", "gesamt", "gesamtergebnis", "summe",
                          "合计", "总计", "grand total"})


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
        return value.isoformat()[:10] if not isinstance(value, _dt.datetime) or (
            value.hour == value.minute == value.second == 0) else value.isoformat(sep=" ")
    text = " ".join(str(value).split())
    if not text or vocab.is_blank_word(text):
        return None
    if text.casefold().startswith(("not provided", "not specified", "unknown")):
        return None
    return text


def clean_text(series: pd.Series) -> pd.Series:
    """Cells as trimmed text (inner whitespace collapsed); blanks and placeholders NA.

    Works on the distinct values, so repetitive columns are cheap.

    Examples
    --------
    >>> clean_text(pd.Series([" Acme  Corp ", "null", "-", None, 3.0])).tolist()
    ['Acme Corp', <NA>, <NA>, <NA>, '3']
    """
    codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    cleaned = np.array([_clean_one(u) for u in uniques] + [None], dtype=object)
    out = cleaned[np.where(codes < 0, len(uniques), codes)]
    return pd.Series(out, index=series.index, dtype="string")


def _nonblank(series: pd.Series) -> np.ndarray:
    return clean_text(series).notna().to_numpy()


def _dates(series: pd.Series) -> tuple[np.ndarray, np.ndarray, object]:
    """(datetime64[ns] values, failed mask, DateColumn) for a raw column."""
    dc = V.parse_dates(series)
    vals = pd.to_datetime(pd.Series(np.asarray(dc.values)), errors="coerce")
    vals = vals.astype("datetime64[ns]").dt.normalize().to_numpy()
    return vals, np.asarray(dc.failed, dtype=bool), dc


def _yes_no(series: pd.Series, dates: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(values: 1 yes / 0 no / -1 blank-or-unrecognised, unrecognised mask).

    ``parse_yes_no`` reads a date as "yes"; where ``dates`` holds a date the cell is a
    date, not a flag (-1 here).
    """
    flags, unrec = V.parse_yes_no(series)
    f = pd.array(flags, dtype="boolean")
    out = np.where(f.isna(), -1, f.fillna(False).to_numpy(dtype=bool).astype(int))
    if dates is not None:
        out = np.where(np.isnat(dates), out, -1)
    return out, np.asarray(unrec, dtype=bool)


def _cells_listed(where: str, column: str, rows: np.ndarray, cells: np.ndarray, what: str) -> str:
    shown = ", ".join(f"row {r} ({c!r})" for r, c in zip(rows[:_MAX_LISTED], cells[:_MAX_LISTED]))
    more = f" and {len(rows) - _MAX_LISTED} more" if len(rows) > _MAX_LISTED else ""
    return f"{where}, column {column!r}: {what}: {shown}{more}"


# --------------------------------------------------------------------------- main
def normalise_table(table, fmt: TableFormat, *, participant: str,
                    participant_from_column: bool = True) -> TableOutcome:
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

    Returns
    -------
    TableOutcome
        ``applications`` has the canonical columns (not yet dtype-coerced) plus
        ``source_file``/``source_sheet``/``source_row``; ``rows_read ==
        rows_analysed + len(exclusions)``.
    """
    where = table.file if table.sheet is None else f"{table.file}, sheet {table.sheet!r}"
    rows = table.rows.reset_index(drop=True)
    rownums = np.asarray(table.row_numbers, dtype=np.int64)
    if fmt.name == "events":
        out = _normalise_events(table, rows, rownums, fmt, where, participant, participant_from_column)
    elif fmt.name == "transitions":
        out = _normalise_transitions(table, rows, rownums, fmt, where, participant)
    else:
        out = _normalise_rows(table, rows, rownums, fmt, where, participant, participant_from_column)
    out.applications["source_file"] = table.file
    out.applications["source_sheet"] = table.sheet
    return out


def _columns(fmt: TableFormat, rows: pd.DataFrame) -> dict[str, list[tuple[FieldGuess, pd.Series]]]:
    by: dict[str, list[tuple[FieldGuess, pd.Series]]] = {}
    for i, g in enumerate(fmt.guesses):
        if g.field == "ignore" or i >= rows.shape[1]:
            continue
        by.setdefault(g.field, []).append((g, rows.iloc[:, i]))
    return by


def _participants(by, n: int, participant: str, use_column: bool) -> pd.Series:
    base = pd.Series([participant] * n, dtype="string")
    if use_column and "participant" in by:
        col = clean_text(by["participant"][0][1]).reset_index(drop=True)
        return col.fillna(participant)
    return base


def _app_ids(by, rownums: np.ndarray, table) -> pd.Series:
    prefix = table.file if table.sheet is None else f"{table.file}:{table.sheet}"
    derived = pd.Series(rownums, dtype="string").radd(prefix + ":")
    if "application_id" in by:
        ids = clean_text(by["application_id"][0][1]).reset_index(drop=True)
        return ids.fillna(derived)
    return derived


@dataclass
class _StatusAcc:
    stage: np.ndarray
    outcome: np.ndarray          # object: outcome word or None
    followed: np.ndarray         # int: 1 / 0 / -1 unknown
    not_applied: np.ndarray
    not_applied_word: np.ndarray  # object: the status word
    tracked_followup: bool = False


def _read_status(by, n: int, where: str, out: TableOutcome) -> _StatusAcc:
    acc = _StatusAcc(stage=np.zeros(n, dtype=np.int8), outcome=np.full(n, None, dtype=object),
                     followed=np.full(n, -1, dtype=np.int8), not_applied=np.zeros(n, dtype=bool),
                     not_applied_word=np.full(n, None, dtype=object))
    outcome_text: list[np.ndarray] = []
    outcome_status: list[np.ndarray] = []
    outcome_flags: list[np.ndarray] = []
    for f in _STATUS_FIELDS:
        for g, col in by.get(f, []):
            col = col.reset_index(drop=True)
            nb = _nonblank(col)
            if g.value is not None and nb.any():
                yn, _ = _yes_no(col)
                if (yn[nb] >= 0).mean() >= 0.8:   # a flag column named after an outcome
                    hit = (yn == 1) | ((yn < 0) & nb)
                    arr = np.where(hit, g.value, None).astype(object)
                    if g.value in ("hired",):
                        acc.stage = np.maximum(acc.stage, np.where(hit, 4, 0).astype(np.int8))
                    if g.value in ("withdrawn",) and "offer" in g.column.casefold():
                        acc.stage = np.maximum(acc.stage, np.where(hit, 3, 0).astype(np.int8))
                    if g.value == "rejected" and "offer" in g.column.casefold():  # "No Offer"
                        acc.stage = np.maximum(acc.stage, np.where(hit, 2, 0).astype(np.int8))
                    if g.value != "pending":
                        outcome_flags.append(arr)
                    continue
            st = V.parse_status(col)
            stage = pd.Series(st.stage).astype(STAGE_DTYPE).cat.codes.to_numpy()
            acc.stage = np.maximum(acc.stage, np.maximum(stage, 0).astype(np.int8))
            oc = pd.Series(st.outcome).astype(object)
            oc = oc.where(oc.notna(), None).to_numpy()
            (outcome_text if f == "outcome" else outcome_status).append(oc)
            fu = pd.array(st.followed_up, dtype="boolean")
            if fu.fillna(False).any():
                acc.tracked_followup = True
                acc.followed = np.where(fu.fillna(False).to_numpy(dtype=bool), 1, acc.followed).astype(np.int8)
            na = np.asarray(st.not_applied, dtype=bool)
            if na.any():
                acc.not_applied |= na
                words = clean_text(col).to_numpy(dtype=object)
                acc.not_applied_word = np.where(na & (acc.not_applied_word == None), words,  # noqa: E711
                                                acc.not_applied_word)
            for w, c in dict(st.unknown).items():
                out.unknown_status_words[str(w)] = out.unknown_status_words.get(str(w), 0) + int(c)
    # precedence: outcome text, status, flags; a final word beats "pending"
    for group in (outcome_text, outcome_status, outcome_flags):
        for arr in group:
            take = (acc.outcome == None) | (acc.outcome == "pending")  # noqa: E711
            final = (arr != None) & (arr != "pending")  # noqa: E711
            acc.outcome = np.where(take & final, arr, acc.outcome)
            acc.outcome = np.where((acc.outcome == None) & (arr == "pending"), "pending", acc.outcome)  # noqa: E711
    return acc


def _flag_column(col: pd.Series) -> tuple[np.ndarray, np.ndarray, bool]:
    """Follow-up flag column -> (1/0/-1 per row, date per row, tracked?).

    Yes → 1, no → 0, a date → 1 (with the date), other text → 1; blank → 0 when the
    column holds any mark, else -1 (not tracked).
    """
    nb = _nonblank(col)
    dvals, _, _ = _dates(col)
    yn, _ = _yes_no(col, dvals)
    dvals = np.where(yn >= 0, _NAT, dvals)
    val = np.where(yn >= 0, yn, np.where(nb, 1, -1))
    tracked = bool(nb.any())
    if tracked:
        val = np.where(val < 0, 0, val)
    return val.astype(np.int8), dvals, tracked


def _normalise_rows(table, rows: pd.DataFrame, rownums: np.ndarray, fmt: TableFormat, where: str,
                    participant: str, use_pcol: bool) -> TableOutcome:
    n = len(rows)
    out = TableOutcome(applications=pd.DataFrame(), rows_read=n)
    by = _columns(fmt, rows)
    app: dict[str, object] = {}

    text = {f: clean_text(by[f][0][1]).reset_index(drop=True) if f in by else
            pd.Series(pd.NA, index=range(n), dtype="string") for f in ("company", "role")}
    for f in ("company", "role"):
        for g, col in by.get(f, [])[1:]:
            text[f] = text[f].fillna(clean_text(col).reset_index(drop=True))
    app["participant"] = _participants(by, n, participant, use_pcol)
    app["application_id"] = _app_ids(by, rownums, table)
    app["company"], app["role"] = text["company"], text["role"]

    if "source" in by:
        app["source"] = pd.Series(V.parse_source(by["source"][0][1].reset_index(drop=True))).to_numpy()
    elif "source" in fmt.constants:
        app["source"] = np.full(n, fmt.constants["source"], dtype=object)

    # ---- plain date columns
    dates: dict[str, np.ndarray] = {}
    not_applied = np.zeros(n, dtype=bool)
    not_applied_reason = np.full(n, None, dtype=object)
    applied_flag = np.zeros(n, dtype=bool)
    for f in _DATE_FIELDS:
        if f not in by:
            continue
        g, col = by[f][0]
        col = col.reset_index(drop=True)
        vals, failed, dc = _dates(col)
        yn, _ = _yes_no(col, vals)
        if f == "applied_on":
            # an "Applied" column of flags: yes = applied (no date), no = not applied yet
            applied_flag = yn == 1
            no = (yn == 0) & ~(~np.isnat(vals))
            not_applied |= no
            not_applied_reason = np.where(no, f"not applied yet ({g.column!r} is no)", not_applied_reason)
        failed = failed & (yn < 0)
        vals = np.where(yn >= 0, _NAT, vals)
        dates[f] = vals
        if getattr(dc, "ambiguous", False):
            note = getattr(dc, "note", "") or "day and month order is ambiguous"
            out.ambiguous_dates.append(f"{where}, column {g.column!r}: {note}")
        if failed.any():
            cells = col.to_numpy(dtype=object)[failed]
            msg = "unreadable date" + ("s (rows still analysed, date left empty)" if f == "applied_on" else "s")
            out.warnings.append(_cells_listed(where, g.column, rownums[failed], cells, msg))

    # ---- stages from stage columns (dates or flags or marks)
    stage = np.zeros(n, dtype=np.int8)
    for f, code in _STAGE_FIELDS.items():
        first = np.full(n, _NAT)
        for g, col in by.get(f, []):
            col = col.reset_index(drop=True)
            vals, failed, _ = _dates(col)
            yn, _ = _yes_no(col, vals)
            nb = _nonblank(col)
            vals = np.where(yn >= 0, _NAT, vals)
            reached = (yn == 1) | (~np.isnat(vals)) | ((yn < 0) & nb)
            odd = nb & (yn < 0) & np.isnat(vals)
            if odd.any():
                cells = col.to_numpy(dtype=object)[odd]
                out.warnings.append(_cells_listed(where, g.column, rownums[odd], cells,
                                                  "marks read as 'stage reached'"))
            stage = np.maximum(stage, np.where(reached, code, 0).astype(np.int8))
            first = np.where(np.isnat(first) | (vals < first), vals, first)
        if f in by:
            dates[f] = first

    # ---- statuses and outcome flags
    acc = _read_status(by, n, where, out)
    stage = np.maximum(stage, acc.stage)
    not_applied |= acc.not_applied
    not_applied_reason = np.where(acc.not_applied & (not_applied_reason == None),  # noqa: E711
                                  pd.Series(acc.not_applied_word).map(
                                      lambda w: f"not applied yet (status {w!r})").to_numpy(),
                                  not_applied_reason)
    outcome = acc.outcome.copy()
    stage = np.where(outcome == "offer", np.maximum(stage, 3), stage)
    stage = np.where(outcome == "hired", np.maximum(stage, 4), stage)
    outcome = np.where(outcome == None, "pending", outcome)  # noqa: E711
    outcome = np.where((outcome == "pending") & (stage == 3), "offer", outcome)
    outcome = np.where((outcome == "pending") & (stage == 4), "hired", outcome)
    # Teal: no applied_at = not applied yet
    if fmt.name == "teal" and "applied_on" in dates:
        miss = np.isnat(dates["applied_on"]) & ~not_applied
        not_applied |= miss
        not_applied_reason = np.where(miss, "not applied yet (no applied_at date)", not_applied_reason)

    # ---- follow-ups
    fu_apply = np.full(n, -1, dtype=np.int8)
    fu_apply_on = dates.get("followup_after_apply_on", np.full(n, _NAT))
    for g, col in by.get("followup_after_apply", []):
        val, dv, tracked = _flag_column(col.reset_index(drop=True))
        if tracked:
            fu_apply = np.where(fu_apply < 0, val, np.maximum(fu_apply, val)).astype(np.int8)
            fu_apply_on = np.where(np.isnat(fu_apply_on), dv, fu_apply_on)
    if "followup_after_apply_on" in by and (~np.isnat(dates["followup_after_apply_on"])).any():
        has = ~np.isnat(dates["followup_after_apply_on"])
        fu_apply = np.where(has, 1, np.where(fu_apply < 0, 0, fu_apply)).astype(np.int8)
    counts = None
    if "followups" in by:
        cnt, _ = V.parse_count(by["followups"][0][1].reset_index(drop=True))
        counts = pd.array(cnt, dtype="Int64")
        c = counts.fillna(-1).to_numpy(dtype=np.int64)
        if (c >= 0).any():
            fu_apply = np.where(fu_apply < 0, np.where(c > 0, 1, np.where(c == 0, 0, -1)), fu_apply).astype(np.int8)
            fu_apply = np.where(c > 0, 1, fu_apply).astype(np.int8)
    if acc.tracked_followup:
        fu_apply = np.where(acc.followed == 1, 1, np.where(fu_apply < 0, 0, fu_apply)).astype(np.int8)
    other_flags = {}
    for f in ("followup_after_intro", "thank_you_after_interview"):
        v = np.full(n, -1, dtype=np.int8)
        for g, col in by.get(f, []):
            val, _, tracked = _flag_column(col.reset_index(drop=True))
            if tracked:
                v = np.where(v < 0, val, np.maximum(v, val)).astype(np.int8)
        other_flags[f] = v

    def boolean(v: np.ndarray) -> pd.arrays.BooleanArray:
        return pd.arrays.BooleanArray(v == 1, v < 0)

    # ---- dates derived
    nat = np.full(n, _NAT)
    intro, interview, offer = (dates.get(k, nat) for k in ("intro_call_on", "interview_on", "offer_on"))
    outcome_on = dates.get("outcome_on", nat)
    final = np.isin(outcome, ["rejected", "withdrawn", "offer", "hired", "ghosted"])
    activity_only = np.where(final, _NAT, outcome_on)
    outcome_on = np.where(final, outcome_on, _NAT)
    responded = dates.get("responded_on", nat)
    rej_on = np.where(outcome == "rejected", outcome_on, _NAT)
    earliest = _row_min([intro, interview, offer, rej_on])
    responded = np.where(np.isnat(responded), earliest, responded)
    # a rejection logged with a response date and no later stage: that was the rejection
    outcome_on = np.where((outcome == "rejected") & np.isnat(outcome_on) & (stage == 0), responded, outcome_on)
    applied = dates.get("applied_on", nat)
    last = _row_max([applied, fu_apply_on, responded, intro, interview, offer, outcome_on,
                     activity_only, dates.get("last_activity_on", nat)])

    app.update({
        "applied_on": applied,
        "followup_after_apply": boolean(fu_apply),
        "followup_after_apply_on": np.where(fu_apply == 1, fu_apply_on, _NAT),
        "followups": counts if counts is not None else pd.array([pd.NA] * n, dtype="Int64"),
        "responded_on": responded,
        "intro_call_on": intro,
        "followup_after_intro": boolean(other_flags["followup_after_intro"]),
        "interview_on": interview,
        "thank_you_after_interview": boolean(other_flags["thank_you_after_interview"]),
        "offer_on": offer,
        "stage_reached": pd.Categorical.from_codes(stage.astype(np.int8), dtype=STAGE_DTYPE),
        "outcome": outcome.astype(object),
        "outcome_on": outcome_on,
        "last_activity_on": last,
        "source_row": rownums,
    })
    frame = pd.DataFrame(app)

    # ---- which rows are analysed
    has_id = _nonblank(by["application_id"][0][1].reset_index(drop=True)) if "application_id" in by \
        else np.zeros(n, dtype=bool)
    identified = (frame["company"].notna() | frame["role"].notna()).to_numpy() | ~np.isnat(applied) | has_id
    total_row = frame["company"].str.casefold().isin(_TOTAL_WORDS).fillna(False).to_numpy()
    excluded = not_applied | ~identified | total_row
    if excluded.any():
        idx = np.flatnonzero(excluded)
        for i in idx:
            r = int(rownums[i])
            if total_row[i]:
                reason = f"row {r}: a total line, not an application"
            elif not_applied[i]:
                reason = f"row {r}: {not_applied_reason[i]}"
            else:
                reason = f"row {r}: no company, role or application date — add the company name"
            out.exclusions.append(_excl(table, r, reason))
        frame = frame.loc[~excluded].reset_index(drop=True)
    out.applications = frame
    out.rows_analysed = len(frame)
    return out


def _excl(table, row: int, reason: str) -> Exclusion:
    return Exclusion(file=table.file, sheet=table.sheet, row=row, reason=reason)


def _row_min(arrays: list[np.ndarray]) -> np.ndarray:
    stack = np.vstack([a.astype("datetime64[ns]") for a in arrays])
    big = np.where(np.isnat(stack), np.datetime64("2262-01-01", "ns"), stack)
    m = big.min(axis=0)
    return np.where(m == np.datetime64("2262-01-01", "ns"), _NAT, m)


def _row_max(arrays: list[np.ndarray]) -> np.ndarray:
    stack = np.vstack([a.astype("datetime64[ns]") for a in arrays])
    small = np.where(np.isnat(stack), np.datetime64("1678-01-01", "ns"), stack)
    m = small.max(axis=0)
    return np.where(m == np.datetime64("1678-01-01", "ns"), _NAT, m)


# --------------------------------------------------------------------------- event logs
def _normalise_events(table, rows, rownums, fmt, where, participant, use_pcol) -> TableOutcome:
    n = len(rows)
    out = TableOutcome(applications=pd.DataFrame(), rows_read=n)
    by = _columns(fmt, rows)
    status_col = (by.get("status") or by.get("outcome") or [(None, pd.Series([None] * n))])[0][1]
    status_col = status_col.reset_index(drop=True)
    kinds = pd.Series(pd.array(V.parse_event_kind(status_col), dtype=object)).where(
        lambda s: s.isin(EVENT_KINDS), None)
    st = V.parse_status(status_col)
    hint = pd.Series(st.outcome).astype(object)
    hint = hint.where(hint.isin(["ghosted"]), None)
    for w, c in dict(st.unknown).items():
        out.unknown_status_words[str(w)] = out.unknown_status_words.get(str(w), 0) + int(c)
    if "applied_on" in by:
        g, dcol = by["applied_on"][0]
        dvals, failed, dc = _dates(dcol.reset_index(drop=True))
        if failed.any():
            cells = dcol.to_numpy(dtype=object)[failed]
            out.warnings.append(_cells_listed(where, g.column, rownums[failed], cells, "unreadable dates"))
        if getattr(dc, "ambiguous", False):
            out.ambiguous_dates.append(f"{where}, column {g.column!r}: {getattr(dc, 'note', '')}")
    else:
        dvals = np.full(n, _NAT)
    ev = pd.DataFrame({
        "participant": _participants(by, n, participant, use_pcol),
        "company": clean_text(by["company"][0][1]).reset_index(drop=True) if "company" in by
        else pd.Series(pd.NA, index=range(n), dtype="string"),
        "role": clean_text(by["role"][0][1]).reset_index(drop=True) if "role" in by
        else pd.Series(pd.NA, index=range(n), dtype="string"),
        "date": dvals, "kind": kinds.to_numpy(), "outcome_hint": hint.to_numpy(), "row": rownums,
    })
    if "application_id" in by:
        ev["app_id"] = clean_text(by["application_id"][0][1]).reset_index(drop=True)
    if "source" in by:
        ev["source"] = pd.Series(V.parse_source(by["source"][0][1].reset_index(drop=True))).astype(object).to_numpy()
    ident = ev["company"].notna() | ev["role"].notna()
    if "app_id" in ev:
        ident |= ev["app_id"].notna()
    understood = ev["kind"].notna() | ev["outcome_hint"].notna()
    not_applied = pd.Series(np.asarray(st.not_applied, dtype=bool))
    words = clean_text(status_col)
    keep = ident & understood
    for i in np.flatnonzero(~keep.to_numpy()):
        r = int(rownums[i])
        if not ident.iloc[i]:
            reason = f"row {r}: no company or role — add the company name"
        elif not_applied.iloc[i]:
            reason = f"row {r}: not applied yet (event {words.iloc[i]!r})"
        elif pd.isna(words.iloc[i]):
            reason = f"row {r}: no event — write what happened (applied, follow_up, interview…)"
        else:
            reason = (f"row {r}: event {words.iloc[i]!r} not understood — use one of "
                      f"{', '.join(EVENT_KINDS)}")
        out.exclusions.append(_excl(table, r, reason))
    ev = ev.loc[keep].reset_index(drop=True)
    prefix = table.file if table.sheet is None else f"{table.file}:{table.sheet}"
    if "app_id" in ev:   # group by the id where one is given
        orig = ev.set_index("row")[["company", "role"]]
        keyed = ev.assign(company=ev["app_id"].fillna(ev["company"]),
                          role=ev["role"].where(ev["app_id"].isna()))
        folded = fold_events(keyed)
        ids = ev.set_index("row")["app_id"].reindex(folded["source_row"]).to_numpy()
        folded["company"] = orig["company"].reindex(folded["source_row"]).to_numpy()
        folded["role"] = orig["role"].reindex(folded["source_row"]).to_numpy()
        derived = prefix + ":" + folded["source_row"].astype(str)
        folded["application_id"] = pd.Series(ids, dtype="string").fillna(derived)
    else:
        folded = fold_events(ev)
        folded["application_id"] = prefix + ":" + folded["source_row"].astype(str)
    out.applications = folded.drop(columns=["events"])
    out.rows_analysed = int(keep.sum())
    return out


# --------------------------------------------------------------------------- transitions
def _normalise_transitions(table, rows, rownums, fmt, where, participant) -> TableOutcome:
    n = len(rows)
    out = TableOutcome(applications=pd.DataFrame(), rows_read=n)
    by = _columns(fmt, rows)
    cols = {normalise(g.column): col.reset_index(drop=True) for g, col in
            [(g, rows.iloc[:, i]) for i, g in enumerate(fmt.guesses)]}
    company = clean_text(by["company"][0][1]).reset_index(drop=True) if "company" in by \
        else pd.Series(pd.NA, index=range(n), dtype="string")
    block = company.notna().cumsum().to_numpy()
    src = cols.get("source", pd.Series([None] * n))
    tgt = cols.get("target", pd.Series([None] * n))
    s_st, t_st = V.parse_status(src), V.parse_status(tgt)
    for st in (s_st, t_st):
        for w, c in dict(st.unknown).items():
            out.unknown_status_words[str(w)] = out.unknown_status_words.get(str(w), 0) + int(c)
    s_stage = pd.Series(s_st.stage).astype(STAGE_DTYPE).cat.codes.to_numpy()
    t_stage = pd.Series(t_st.stage).astype(STAGE_DTYPE).cat.codes.to_numpy()
    t_out = pd.Series(t_st.outcome).astype(object)
    t_out = t_out.where(t_out.notna() & (t_out != "pending"), None)
    df = pd.DataFrame({"block": block, "row": rownums,
                       "stage": np.maximum(np.maximum(s_stage, t_stage), 0), "out": t_out.to_numpy()})
    for i in np.flatnonzero(block == 0):
        out.exclusions.append(_excl(table, int(rownums[i]),
                                    f"row {int(rownums[i])}: no company above this line — add the company name"))
    df = df[df["block"] > 0]
    grp = df.groupby("block", sort=True)
    stage = grp["stage"].max()
    outc = df.dropna(subset=["out"]).groupby("block")["out"].last().reindex(stage.index)
    first_row = grp["row"].min()
    comp = company.groupby(block).first().reindex(stage.index)
    codes = stage.to_numpy().astype(np.int8)
    oc = outc.to_numpy(dtype=object)
    codes = np.where(oc == "offer", np.maximum(codes, 3), codes)
    codes = np.where(oc == "hired", np.maximum(codes, 4), codes)
    oc = np.where(pd.isna(oc), np.where(codes == 3, "offer", np.where(codes == 4, "hired", "pending")), oc)
    prefix = table.file if table.sheet is None else f"{table.file}:{table.sheet}"
    m = len(stage)
    nat = np.full(m, _NAT)
    out.applications = pd.DataFrame({
        "participant": [participant] * m,
        "application_id": [f"{prefix}:{r}" for r in first_row.to_numpy()],
        "company": comp.to_numpy(), "role": [None] * m,
        "applied_on": nat, "responded_on": nat, "intro_call_on": nat, "interview_on": nat,
        "offer_on": nat, "outcome_on": nat, "last_activity_on": nat,
        "followup_after_apply": pd.array([pd.NA] * m, dtype="boolean"),
        "stage_reached": pd.Categorical.from_codes(codes, dtype=STAGE_DTYPE),
        "outcome": oc, "source_row": first_row.to_numpy(),
    })
    out.rows_analysed = int(len(df))
    return out


def normalise(header: str) -> str:
    """Header folding used for transition columns (see :func:`data.columns.normalise_header`)."""
    from data.columns import normalise_header
    return normalise_header(header)

