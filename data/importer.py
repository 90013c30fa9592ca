"""``import_files``: spreadsheet bytes in, canonical Applications table + ImportReport out.

The importer orchestrates the steps of ``data/``: :func:`data.read.read_tables` (bytes →
raw tables), :func:`data.formats.detect_format` (which export or shape, which column is
which field), :func:`data.normalise.normalise_table` (canonical rows and exclusions), and
fills the :class:`data.schema.ImportReport` so that every non-blank input row is either
analysed or excluded with a reason: ``rows_read == rows_analysed + rows_excluded``.

Participants (``participants_from``):

- ``"auto"``: a participant column when one is mapped; else one participant per sheet
  when a workbook has several sheets of the same shape whose names look like people
  (``Anna``, ``P07``, not ``Sheet1``/``Fulltime``/``2024``); else one per file when several
  files are given (``Job Applications_1.csv``, ``_2.csv`` … count as one person); else one
  participant named after the file.
- ``"column"``, ``"sheet"``, ``"file"`` force one of these.

Examples
--------
>>> log = b"Company,Date Applied,Follow up?\\nAcme,2026-01-05,yes\\nBeta,2026-01-06,\\n"
>>> res = import_files([("anna.csv", log)])
>>> res.report.rows_read, res.report.rows_analysed
(2, 2)
>>> res.applications["followup_after_apply"].tolist()
[True, False]
>>> res.applications["participant"].iloc[0]
'anna'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import PurePath

import pandas as pd

from data import rules, vocab
from data.columns import CONTENT_COLUMNS, NOT_EXAMINED, REPEATED_WORDS, TWO_WORDS, FieldGuess
from data.formats import TableFormat, detect_format, transposed
from data.normalise import TableOutcome, normalise_table, shown_value
from data.read import RawTable, read_tables
from data.schema import (
    ColumnMapping,
    Exclusion,
    ImportReport,
    ImportResult,
    InputError,
    UnreadValues,
    empty_applications,
    validate_applications,
)

__all__ = ["import_files", "participant_name", "looks_like_person"]

_PARTICIPANT_MODES = ("auto", "column", "sheet", "file")
_IDENTIFYING = {"company", "role", "applied_on"}
_PROGRESS = {"status", "outcome", "stage_reached", "intro_call_on", "interview_on", "offer_on"}
_GENERIC_SHEET = re.compile(
    r"^(sheet|tabelle|blatt|feuille|hoja|foglio|工作表|table|tab|data|daten|raw ?data|raw_data|"
    r"applications?|bewerbungen|jobs?|log|tracker|summary|overview|dashboard|pivot\w*|"
    r"full ?time|part ?time|intern(ship)?s?|contract|remote|events?|archive|old|new|"
    r"template|instructions?|notes|readme|q[1-4]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec|\w+uary|\w+ber|march|april|june|july|august)[ _\-]*\d*$",
    re.IGNORECASE,
)
_SUMMARY_SHEET = re.compile(
    r"summary|pivot|dashboard|overview|statistic|stats|chart|totals?\b|übersicht|"
    r"auswertung|zusammenfassung|统计|汇总|概览",
    re.IGNORECASE,
)
_MONTH_OR_YEAR = re.compile(r"^\s*(\d{4}([-_/ ]\d{1,2})?|\d{1,2}[-_/ ]\d{4})\s*$")


def participant_name(filename: str) -> str:
    """Participant named after a file: its stem, without a split suffix (``_1``, `` (2)``).

    Examples
    --------
    >>> participant_name("Job Applications_2.csv"), participant_name("data/anna (1).xlsx")
    ('Job Applications', 'anna')
    """
    stem = PurePath(str(filename).replace("\\", "/")).stem
    stem = re.sub(r"(?:[_\- ]\d{1,3}| ?\(\d{1,3}\))$", "", stem).strip()
    return stem or str(filename)


def looks_like_person(sheet: str) -> bool:
    """Whether a sheet name looks like a person's name or id rather than a topic.

    Examples
    --------
    >>> [looks_like_person(s) for s in ("Anna", "P07", "Maria K.", "Sheet1", "Intern", "2024")]
    [True, True, True, False, False, False]
    """
    s = str(sheet).strip()
    if not s or _GENERIC_SHEET.match(s) or _MONTH_OR_YEAR.match(s):
        return False
    if re.fullmatch(r"[A-Za-z]{0,3}[ _\-]?\d{1,4}", s):  # P07, ID-12, 3
        return True
    return bool(
        re.fullmatch(r"[^\W\d_][\w.'’\- ]{0,40}", s)
    )  # a word or two, starting with a letter


Plan = tuple[RawTable, TableFormat]


def _label(file: str, sheet: str | None) -> str:
    return file if sheet is None else f"{file}:{sheet}"


def _usable(fmt: TableFormat) -> bool:
    fields = {g.field for g in fmt.guesses}
    if fmt.shape != "rows":
        return bool({"company", "role", "application_id"} & fields)
    return bool(_IDENTIFYING & fields) or ("application_id" in fields and bool(_PROGRESS & fields))


def import_files(
    files: Sequence[tuple[str, bytes]],
    *,
    participants_from: str = "auto",
    mapping: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
) -> ImportResult:
    """Import application logs into the canonical Applications table.

    Parameters
    ----------
    files
        ``(filename, bytes)`` pairs: CSV/TSV/TXT or XLSX/XLSM workbooks, tracker exports
        (LinkedIn, Simplify, Huntr, Teal), event logs.
    participants_from
        ``"auto"`` (default), ``"column"``, ``"sheet"`` or ``"file"``.
    mapping
        ``{"Header as written": field}`` override applied wherever that header occurs
        (``"ignore"`` drops the column).
    values
        ``{"cell as written": meaning}``: what an unknown word or mark means (``yes``,
        ``no``, ``followed_up``, a stage or an outcome: ``data.vocab.VALUE_MEANINGS``),
        applied in yes/no, status and stage columns, e.g. ``{"★": "yes"}``.

    Returns
    -------
    ImportResult
        ``applications`` (validated against ``data.schema.ApplicationsModel``) and
        ``report`` (rows read/analysed/excluded with reasons, mappings, formats, warnings,
        skipped sheets, values not understood).

    Raises
    ------
    InputError
        One line naming the file(s), only when nothing usable could be read from any file.

    Examples
    --------
    >>> csv = (b"Date,Company,Role,Event\\n2026-01-05,Acme,Dev,applied\\n"
    ...        b"2026-01-09,Acme,Dev,follow up\\n")
    >>> r = import_files([("log.csv", csv)])
    >>> r.report.formats, len(r.applications), bool(r.applications.loc[0, "followup_after_apply"])
    ({'log.csv': 'events'}, 1, True)
    """
    if participants_from not in _PARTICIPANT_MODES:
        raise InputError(
            f"participants_from must be one of {', '.join(_PARTICIPANT_MODES)}, "
            f"not {participants_from!r}"
        )
    try:
        value_map = vocab.check_value_mapping(dict(values or {}))
    except ValueError as exc:
        raise InputError(str(exc)) from None
    files = list(files)
    if not files:
        raise InputError("no file given: upload at least one spreadsheet.")
    report = ImportReport()
    problems: list[str] = []
    plans: list[Plan] = []
    for name, data in _distinct_files(files, report):
        plans.extend(_plan_file(str(name), data, mapping, report, problems))
    if not plans:
        msg = "; ".join(dict.fromkeys(problems)) or "nothing could be read from the file(s)."
        raise InputError(" ".join(msg.split()))
    for t, fmt in plans:
        _read_by_given_meanings(t, fmt, value_map)
    outcomes = [
        _normalise(t, fmt, _participant_mode(t, fmt, plans, participants_from, report), value_map)
        for t, fmt in plans
    ]
    for t, fmt in plans:
        _report_mapping(t, fmt, report)
    apps = _assemble(plans, outcomes, report)
    return ImportResult(applications=apps, report=report)


# --------------------------------------------------------------------------- planning
def _distinct_files(
    files: Sequence[tuple[str, bytes]], report: ImportReport
) -> Iterator[tuple[str, bytes]]:
    """The files, each content once, in order: the same file uploaded twice ("log.csv" and
    "log (1).csv") would count every application twice. A copy is said, not read."""
    first: dict[bytes, str] = {}
    for name, data in files:
        key = hashlib.sha256(data).digest()
        if key in first:
            report.files.append(str(name))  # looked at (and named in presenter mode's codes)
            report.copies.append((str(name), first[key]))
            report.warnings.append(
                f"{name} is the same file as {first[key]} (identical content): read once"
            )
            continue
        first[key] = str(name)
        yield name, data


def _plan_file(
    name: str,
    data: bytes,
    mapping: Mapping[str, str] | None,
    report: ImportReport,
    problems: list[str],
) -> list[Plan]:
    """The tables of one file worth normalising, with their formats (the rest reported)."""
    report.files.append(name)
    try:
        tables, skipped = read_tables(name, data)
    except InputError as exc:
        problems.append(str(exc))
        report.warnings.append(str(exc))
        report.files_failed.append((name, str(exc)))
        return []
    for sheet, why in skipped:
        report.sheets_skipped.append((name, sheet, why))
    plans: list[Plan] = []
    for t in tables:
        plan = _plan_table(t, data, mapping, report)
        if isinstance(plan, str):
            if t.sheet is None:
                problems.append(f"{t.file}: {plan}")
                report.warnings.append(f"{t.file}: {plan}")
            report.sheets_skipped.append((t.file, t.sheet or "", plan))
        else:
            plans.append(plan)
    plans = _drop_summary_sheets(plans, report)
    if not plans and tables and all(t.sheet is not None for t in tables):
        why = "; ".join(f"{s}: {w}" for f_, s, w in report.sheets_skipped if f_ == name)
        problems.append(f"{name}: no sheet holds applications ({why})")
    return plans


_NOT_TRANSPOSABLE = (
    "laid out one column per day (dates across the top, companies below) and could not be "
    "read that way; put one application per row with its company and date"
)


def _plan_table(
    t: RawTable, data: bytes, mapping: Mapping[str, str] | None, report: ImportReport
) -> Plan | str:
    """``(table, format)`` to normalise, or the reason the table is skipped."""
    if t.sheet is not None and _looks_transposed(t):
        flat = transposed.read(t, data, mapping)
        if flat is None:
            return _NOT_TRANSPOSABLE
        report.warnings.append(
            f"{t.file}, sheet {t.sheet!r}: laid out one column per day; each filled cell "
            f"below a date was read as one application made that day ({len(flat[0].rows):,} "
            "cells)"
        )
        return flat
    try:
        fmt = detect_format(t.header, t.rows, mapping)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - one odd table must not sink the import
        return f"could not be understood ({type(exc).__name__}: {exc})"
    if not _usable(fmt):
        more = "…" if len(t.header) > 8 else ""
        return (
            "no column looks like a company, role or application date "
            f"(headers: {', '.join(t.header[:8])}{more}); "
            "a summary or notes sheet? Map the columns to import it"
        )
    return t, fmt


def _looks_transposed(t: RawTable) -> bool:
    try:
        return transposed.looks_transposed(t.header)
    except (ValueError, TypeError):
        return False


def _drop_summary_sheets(plans: list[Plan], report: ImportReport) -> list[Plan]:
    """A "Summary"/"Pivot" sheet next to the data sheet is not a list of applications."""
    if len(plans) < 2:
        return plans
    data_plans = [(t, f) for t, f in plans if not _SUMMARY_SHEET.search(str(t.sheet))]
    if not data_plans:
        return plans
    for t, _f in plans:
        if not any(t is d for d, _ in data_plans):
            report.sheets_skipped.append(
                (
                    t.file,
                    str(t.sheet),
                    "looks like a summary of the other sheets (by its name), not a list of "
                    "applications",
                )
            )
    return data_plans


# --------------------------------------------------------------------------- participants
def _participant_mode(
    t: RawTable, fmt: TableFormat, plans: list[Plan], participants_from: str, report: ImportReport
) -> tuple[str, str]:
    """``(mode, participant)`` for one table: whose rows these are."""
    has_col = any(g.field == "participant" for g in fmt.guesses)
    mode = participants_from
    if mode == "auto":
        mode = "column" if has_col else _auto_mode(t, plans)
    if mode == "column" and not has_col and participants_from == "column":
        report.warnings.append(
            f"{_label(t.file, t.sheet)}: no participant column found; "
            "rows are attributed to the file's name"
        )
    who = t.sheet if mode == "sheet" and t.sheet is not None else participant_name(t.file)
    return mode, who


def _auto_mode(t: RawTable, plans: list[Plan]) -> str:
    siblings = [(s, f) for s, f in plans if s.file == t.file]
    shapes = {frozenset(g.field for g in f.guesses if g.field != "ignore") for _, f in siblings}
    if (
        len(siblings) >= 2
        and len(shapes) == 1
        and all(s.sheet is not None and looks_like_person(s.sheet) for s, _ in siblings)
    ):
        return "sheet"
    if len({participant_name(p.file) for p, _ in plans}) >= 2:
        return "file"
    return "single"


# --------------------------------------------------------------------------- normalising
def _normalise(
    t: RawTable, fmt: TableFormat, mode_who: tuple[str, str], value_map: dict[str, str]
) -> TableOutcome:
    mode, who = mode_who
    try:
        return normalise_table(
            t, fmt, participant=who, participant_from_column=(mode == "column"), values=value_map
        )
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - never a traceback: the table is excluded row by row
        return _failed_table(t, exc)


def _failed_table(t: RawTable, exc: Exception) -> TableOutcome:
    why = f"could not be read ({type(exc).__name__}: {exc})"
    out = TableOutcome(applications=empty_applications(), rows_read=len(t.rows))
    out.exclusions = [
        Exclusion(t.file, t.sheet, int(r), f"row {int(r)}: {why}") for r in t.row_numbers
    ]
    out.warnings.append(f"{_label(t.file, t.sheet)}: {why}")
    return out


def _report_mapping(t: RawTable, fmt: TableFormat, report: ImportReport) -> None:
    report.formats[_label(t.file, t.sheet)] = fmt.name
    if t.sheet is not None:
        report.sheets_used.append((t.file, t.sheet))
    unexamined = [g.column for g in fmt.guesses if g.value == NOT_EXAMINED]
    if unexamined:
        report.columns_not_examined.extend(f"{_label(t.file, t.sheet)}: {c}" for c in unexamined)
        shown = ", ".join(repr(c) for c in unexamined[:5])
        report.warnings.append(
            f"{_label(t.file, t.sheet)}: {len(unexamined):,} columns with headers that say "
            f"nothing were not examined by their content (only the first {CONTENT_COLUMNS} "
            f"are), so they are not used: {shown}{', …' if len(unexamined) > 5 else ''}; "
            "map them on the Import check page if they hold something"
        )
    samples = _first_values(t, len(fmt.guesses))
    for i, g in enumerate(fmt.guesses):
        if g.field == "ignore" and g.how == "content" and g.value == "yes/no":
            report.warnings.append(
                f"{_label(t.file, t.sheet)}, column {g.column!r}: holds yes/no marks but its "
                "header does not say what they record; map it (for example to "
                "followup_after_apply) to use it"
            )
        report.mappings.append(
            ColumnMapping(
                t.file,
                t.sheet,
                g.column,
                g.field,
                float(g.confidence),
                g.how,
                samples[i],
            )
        )
    _report_unread_words(t, fmt, report)


#: How many values of each column the Import check shows (each as ``shown_value`` has it).
SAMPLE_VALUES = 3
#: Rows looked at for them (a very wide or long table stays quick to report).
SAMPLE_ROWS = 50


def _first_values(t: RawTable, n_columns: int) -> list[tuple[str, ...]]:
    """Per column (in order), its first few distinct non-blank values as written,
    shortened; empty for every column when the table's columns are not its guesses'."""
    if t.rows.shape[1] != n_columns:
        return [()] * n_columns
    out: list[tuple[str, ...]] = []
    for cells in t.rows.head(SAMPLE_ROWS).to_numpy(dtype=object).T:  # one pass, any width
        seen: list[str] = []
        for v in cells:
            text = shown_value(v) if v is not None and v == v else ""
            if text and text not in seen:
                seen.append(text)
                if len(seen) == SAMPLE_VALUES:
                    break
        out.append(tuple(seen))
    return out


#: Meanings a person can give that are status words (not yes/no, not blank).
_STATUS_MEANINGS = frozenset(vocab.VALUE_MEANINGS) - {"yes", "no", "blank"}
#: An unread column is read as the status once this share of its cells has a status meaning.
GIVEN_MEANINGS_SHARE = 0.6


def _word_counts(t: RawTable, column: str) -> pd.Series:
    """Non-blank cells of one column, counted, most frequent first (ties as they come)."""
    col = t.rows[column]
    cells = (col.iloc[:, 0] if isinstance(col, pd.DataFrame) else col).dropna().astype(str)
    counts = cells[cells.str.strip() != ""].value_counts(sort=False)  # in order of appearance
    return counts.sort_values(ascending=False, kind="stable")  # ties stay in that order


#: Fields that record a follow-up: each step's flag and date, and the number of follow-ups.
_FOLLOWUP_FIELDS = frozenset(
    {"followups"}
    | {tp.flag for tp in rules.TOUCHPOINTS.values()}
    | {tp.followup_date for tp in rules.TOUCHPOINTS.values() if tp.followup_date}
)


def _records_no_answers(fmt: TableFormat) -> bool:
    return not any(g.field in rules.ANSWER_FIELDS for g in fmt.guesses)


def _records_no_followups(fmt: TableFormat) -> bool:
    return not any(g.field in _FOLLOWUP_FIELDS for g in fmt.guesses)


def _read_by_given_meanings(t: RawTable, fmt: TableFormat, value_map: dict[str, str]) -> None:
    """A column of unknown repeated words whose words the person gave status meanings
    (Import check, ``--values``) is read as the table's status column from then on."""
    if not value_map or not _records_no_answers(fmt):
        return
    for i, g in enumerate(fmt.guesses):
        if g.value != REPEATED_WORDS or g.column not in t.rows.columns:
            continue
        counts = _word_counts(t, g.column)
        meant = [value_map.get(vocab.value_key(w)) in _STATUS_MEANINGS for w in counts.index]
        if counts[meant].sum() >= GIVEN_MEANINGS_SHARE * counts.sum():
            fmt.guesses[i] = FieldGuess(g.column, "status", 0.5, "content")
            return


_NOT_READ_STATUS = (
    "not read: neither its header nor its words are known, and nothing else in this table "
    "says how applications went. If this column does, say what its words mean and it is "
    "read as the status"
)
_NOT_READ_TWO_WORDS = (
    "not read: neither its header nor its words are known, and nothing else in this table "
    "records follow-ups. If its two words mean yes and no, map the column to the follow-up "
    "it records and say which word means yes"
)


def _report_unread_words(t: RawTable, fmt: TableFormat, report: ImportReport) -> None:
    """A column of a few repeated words the importer could not read, in a table that
    records no answers (it likely says how applications went) or, for two words, no
    follow-ups (likely a yes/no): reported with its words, for the person to say what
    they mean."""
    said = {  # the field the column likely holds, and what was assumed
        REPEATED_WORDS: ("status", _NOT_READ_STATUS) if _records_no_answers(fmt) else None,
        TWO_WORDS: ("followup_after_apply", _NOT_READ_TWO_WORDS)
        if _records_no_followups(fmt)
        else None,
    }
    for g in fmt.guesses:
        likely = said.get(g.value or "")
        if likely is None or g.column not in t.rows.columns:
            continue
        field, assumed = likely
        counts = _word_counts(t, g.column)
        report.unread.append(
            UnreadValues(
                t.file,
                t.sheet,
                g.column,
                field,
                int(counts.sum()),
                tuple((shown_value(w), int(n)) for w, n in counts.head(5).items()),
                assumed,
                column_left_out=True,
            )
        )


# --------------------------------------------------------------------------- assembling
def _assemble(
    plans: list[Plan], outcomes: list[TableOutcome], report: ImportReport
) -> pd.DataFrame:
    """Every table's rows and notes into the one table and report; validated once."""
    frames = []
    for (t, _), out in zip(plans, outcomes, strict=True):
        report.rows_read += out.rows_read
        report.rows_analysed += out.rows_analysed
        report.excluded.extend(out.exclusions)
        report.warnings.extend(out.warnings)
        report.ambiguous_dates.extend(out.ambiguous_dates)
        report.unread.extend(out.unread)
        _report_unknown_words(t, out, report)
        if len(out.applications):
            frames.append(out.applications)
    if report.rows_read != report.rows_analysed + report.rows_excluded:
        raise RuntimeError("importer bug: rows do not add up")  # pragma: no cover
    apps = validate_applications(pd.concat(frames, ignore_index=True) if frames else None)
    report.month_only_dates = int(apps["date_precision"].eq("month").sum())
    if report.month_only_dates:
        report.warnings.append(
            f"{report.month_only_dates} application(s) are dated only to the month (e.g. "
            "2025-08): they count in month views but are not placed on a day or a week"
        )
    return apps


def _report_unknown_words(t: RawTable, out: TableOutcome, report: ImportReport) -> None:
    for w, c in out.unknown_status_words.items():
        report.unknown_status_words[w] = report.unknown_status_words.get(w, 0) + c
    if out.unknown_status_words:
        words = sorted(out.unknown_status_words.items(), key=lambda kv: -kv[1])
        shown = ", ".join(f"{w!r} ({c})" for w, c in words[:10])
        more = f" and {len(words) - 10} more" if len(words) > 10 else ""
        where = t.file if t.sheet is None else f"{t.file}, sheet {t.sheet!r}"
        report.warnings.append(
            f"{where}: status words not understood (outcome left pending): {shown}{more}"
        )
