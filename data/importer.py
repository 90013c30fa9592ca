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
>>> res = import_files([("anna.csv", b"Company,Date Applied,Follow up?\\nAcme,2026-01-05,yes\\nBeta,2026-01-06,\\n")])
>>> res.report.rows_read, res.report.rows_analysed, res.applications["followup_after_apply"].tolist()
(2, 2, [True, False])
>>> res.applications["participant"].iloc[0]
'anna'
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath

import pandas as pd

from data import vocab
from data.formats import TableFormat, detect_format
from data.normalise import TableOutcome, normalise_table
from data.read import RawTable, read_tables
from data.schema import ColumnMapping, ImportReport, ImportResult, InputError, coerce_applications

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
    >>> [looks_like_person(s) for s in ("Anna", "P07", "Maria K.", "Sheet1", "Intern", "2024", "Summary")]
    [True, True, True, False, False, False, False]
    """
    s = str(sheet).strip()
    if not s or _GENERIC_SHEET.match(s) or _MONTH_OR_YEAR.match(s):
        return False
    if re.fullmatch(r"[A-Za-z]{0,3}[ _\-]?\d{1,4}", s):  # P07, ID-12, 3
        return True
    return bool(
        re.fullmatch(r"[^\W\d_][\w.'’\- ]{0,40}", s)
    )  # a word or two, starting with a letter


def _label(file: str, sheet: str | None) -> str:
    return file if sheet is None else f"{file}:{sheet}"


def _usable(fmt: TableFormat) -> bool:
    fields = {g.field for g in fmt.guesses}
    if fmt.name in ("events", "transitions"):
        return bool({"company", "role", "application_id"} & fields)
    return bool(_IDENTIFYING & fields) or ("application_id" in fields and bool(_PROGRESS & fields))


_NUMBERED = re.compile(r"^\s*\d+\s*[.)]\s*(\S.*)$", re.S)


def _looks_transposed(table: RawTable) -> bool:
    """A one-column-per-day layout: the chosen header is a row of dates or of numbered
    entries (``1. Acme``) rather than column names."""
    from data import values as V

    cells = [h for h in table.header if not re.fullmatch(r"Column \d+", h)]
    if len(cells) < 5:
        return False
    numbered = sum(bool(_NUMBERED.match(h)) for h in cells)
    if numbered / len(cells) >= 0.6:
        return True
    try:
        dc = V.parse_dates(pd.Series([re.sub(r" \(\d+\)$", "", h) for h in cells], dtype=object))
        return bool(dc.values.notna().mean() >= 0.6)
    except Exception:  # noqa: BLE001
        return False


def _col_letter(j: int) -> str:
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def untranspose(filename: str, data: bytes, sheet: str) -> RawTable | None:
    """Read a one-column-per-day sheet (dates across the top, ``N. Company`` cells below)
    as one application per filled cell.

    Returns a table with columns ``Cell``, ``Company``, ``Date Applied`` (one row per filled
    cell, ``row_numbers`` the cell's spreadsheet row), or ``None`` when the sheet is not
    laid out that way. Filled cells under a column whose top cell is not a date (such as a
    ``Total`` column) become rows with company ``Total`` so that they are accounted for
    (excluded as a total line).
    """
    import io

    from python_calamine import CalamineWorkbook

    from data import values as V

    try:
        grid = (
            CalamineWorkbook.from_filelike(io.BytesIO(data))
            .get_sheet_by_name(sheet)
            .to_python(skip_empty_area=False)
        )
    except Exception:  # noqa: BLE001 - not readable this way: leave it refused
        return None
    top = next((i for i, r in enumerate(grid) if any(c not in ("", None) for c in r)), None)
    if top is None:
        return None
    head = pd.Series(list(grid[top]), dtype=object)
    dc = V.parse_dates(head)
    is_date = dc.values.notna().to_numpy()
    if is_date.sum() < 3:
        return None
    recs: list[tuple[str, str, object, int]] = []
    for i in range(top + 1, len(grid)):
        for j, cell in enumerate(grid[i]):
            if cell in ("", None) or (isinstance(cell, str) and not cell.strip()):
                continue
            ref = f"{_col_letter(j)}{i + 1}"
            if j < len(is_date) and is_date[j]:
                text = str(cell).strip()
                m = _NUMBERED.match(text)
                recs.append((ref, (m.group(1) if m else text).strip(), dc.values.iloc[j], i + 1))
            else:
                recs.append((ref, "Total", None, i + 1))
    if not recs:
        return None
    rows = pd.DataFrame(
        [(r[0], r[1], r[2]) for r in recs],
        columns=["Cell", "Company", "Date Applied"],
        dtype=object,
    )
    return RawTable(
        file=filename,
        sheet=sheet,
        header=["Cell", "Company", "Date Applied"],
        rows=rows,
        row_numbers=[r[3] for r in recs],
        header_row=top + 1,
        encoding=None,
        delimiter=None,
    )


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
        ``applications`` (canonical dtypes) and ``report`` (rows read/analysed/excluded
        with reasons, mappings, formats, warnings, skipped sheets).

    Raises
    ------
    InputError
        One line naming the file(s), only when nothing usable could be read from any file.

    Examples
    --------
    >>> csv = b"Date,Company,Role,Event\\n2026-01-05,Acme,Dev,applied\\n2026-01-09,Acme,Dev,follow up\\n"
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
    plans: list[tuple[RawTable, TableFormat]] = []

    for name, data in files:
        report.files.append(str(name))
        try:
            tables, skipped = read_tables(name, data)
        except InputError as exc:
            problems.append(str(exc))
            report.warnings.append(str(exc))
            report.files_failed.append((str(name), str(exc)))
            continue
        for sheet, why in skipped:
            report.sheets_skipped.append((str(name), sheet, why))
        file_plans = []
        for t in tables:
            why = None
            if t.sheet is not None and _looks_transposed(t):
                flat = untranspose(t.file, data, t.sheet)
                if flat is None:
                    why = (
                        "laid out one column per day (dates across the top, companies below) and could "
                        "not be read that way; put one application per row with its company and date"
                    )
                else:
                    fmt = detect_format(
                        flat.header, flat.rows, {"Cell": "application_id", **(mapping or {})}
                    )
                    user = mapping or {}
                    guesses = [
                        dataclasses.replace(g, how="format")
                        if g.column == "Cell" and "Cell" not in user
                        else g
                        for g in fmt.guesses
                    ]
                    fmt = TableFormat("transposed", guesses, fmt.constants)
                    report.warnings.append(
                        f"{t.file}, sheet {t.sheet!r}: laid out one column per day; each filled cell below a "
                        f"date was read as one application made that day ({len(flat.rows)} cells)"
                    )
                    file_plans.append((flat, fmt))
                    continue
            if why is None:
                try:
                    fmt = detect_format(t.header, t.rows, mapping)
                except InputError:
                    raise
                except Exception as exc:  # noqa: BLE001 - one odd table must not sink the import
                    why = f"could not be understood ({type(exc).__name__}: {exc})"
                else:
                    if not _usable(fmt):
                        why = (
                            "no column looks like a company, role or application date "
                            f"(headers: {', '.join(t.header[:8])}{'…' if len(t.header) > 8 else ''}); "
                            "a summary or notes sheet? Map the columns to import it"
                        )
            if why is not None:
                label = t.sheet if t.sheet is not None else ""
                if t.sheet is None:
                    problems.append(f"{t.file}: {why}")
                    report.warnings.append(f"{t.file}: {why}")
                report.sheets_skipped.append((t.file, label, why))
                continue
            file_plans.append((t, fmt))
        if (
            len(file_plans) >= 2
        ):  # a "Summary"/"Pivot" sheet next to the data sheet: not applications
            data_plans = [(t, f) for t, f in file_plans if not _SUMMARY_SHEET.search(str(t.sheet))]
            if data_plans:
                for t, f in file_plans:
                    if (t, f) not in data_plans:
                        report.sheets_skipped.append(
                            (
                                t.file,
                                str(t.sheet),
                                "looks like a summary of the other "
                                "sheets (by its name), not a list of applications",
                            )
                        )
                file_plans = data_plans
        if not file_plans and tables and all(t.sheet is not None for t in tables):
            problems.append(
                f"{name}: no sheet holds applications "
                f"({'; '.join(f'{s}: {w}' for f_, s, w in report.sheets_skipped if f_ == name)})"
            )
        plans.extend(file_plans)

    if not plans:
        msg = "; ".join(dict.fromkeys(problems)) or "nothing could be read from the file(s)."
        raise InputError(" ".join(msg.split()))

    # ---- participants
    names = {t.file for t, _ in plans}
    per_file_sheets: dict[str, list[tuple[RawTable, TableFormat]]] = {}
    for t, f in plans:
        per_file_sheets.setdefault(t.file, []).append((t, f))
    outcomes: list[TableOutcome] = []
    for t, fmt in plans:
        has_col = any(g.field == "participant" for g in fmt.guesses)
        mode = participants_from
        if mode == "auto":
            if has_col:
                mode = "column"
            else:
                siblings = per_file_sheets[t.file]
                shapes = {
                    frozenset(g.field for g in f.guesses if g.field != "ignore")
                    for _, f in siblings
                }
                if (
                    len(siblings) >= 2
                    and len(shapes) == 1
                    and all(s.sheet is not None and looks_like_person(s.sheet) for s, _ in siblings)
                ):
                    mode = "sheet"
                elif len({participant_name(n) for n in names}) >= 2:
                    mode = "file"
                else:
                    mode = "single"
        if mode == "column" and not has_col and participants_from == "column":
            report.warnings.append(
                f"{_label(t.file, t.sheet)}: no participant column found; "
                "rows are attributed to the file's name"
            )
        if mode == "sheet" and t.sheet is not None:
            who = t.sheet
        else:
            who = participant_name(t.file)
        try:
            out = normalise_table(
                t,
                fmt,
                participant=who,
                participant_from_column=(mode == "column"),
                values=value_map,
            )
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - never a traceback: the table is excluded row by row
            out = _failed_table(t, exc)
        outcomes.append(out)
        report.formats[_label(t.file, t.sheet)] = fmt.name
        if t.sheet is not None:
            report.sheets_used.append((t.file, t.sheet))
        for g in fmt.guesses:
            if g.field == "ignore" and g.how == "content" and g.value == "yes/no":
                report.warnings.append(
                    f"{_label(t.file, t.sheet)}, column {g.column!r}: holds yes/no marks but its header does not "
                    "say what they record; map it (for example to followup_after_apply) to use it"
                )
            report.mappings.append(
                ColumnMapping(t.file, t.sheet, g.column, g.field, float(g.confidence), g.how)
            )  # type: ignore[arg-type]

    # ---- assemble
    frames = []
    for (t, _), out in zip(plans, outcomes, strict=False):
        where = t.file if t.sheet is None else f"{t.file}, sheet {t.sheet!r}"
        report.rows_read += out.rows_read
        report.rows_analysed += out.rows_analysed
        report.excluded.extend(out.exclusions)
        report.warnings.extend(out.warnings)
        report.ambiguous_dates.extend(out.ambiguous_dates)
        report.unread.extend(out.unread)
        for w, c in out.unknown_status_words.items():
            report.unknown_status_words[w] = report.unknown_status_words.get(w, 0) + c
        if out.unknown_status_words:
            words = sorted(out.unknown_status_words.items(), key=lambda kv: -kv[1])
            shown = ", ".join(f"{w!r} ({c})" for w, c in words[:10])
            report.warnings.append(
                f"{where}: status words not understood (outcome left pending): {shown}"
                + (f" and {len(words) - 10} more" if len(words) > 10 else "")
            )
        if len(out.applications):
            frames.append(out.applications)
    apps = _concat(frames)
    report.month_only_dates = int(apps["date_precision"].eq("month").sum())
    if report.month_only_dates:
        report.warnings.append(
            f"{report.month_only_dates} application(s) are dated only to the month (e.g. "
            "2025-08): they count in month views but are not placed on a day or a week"
        )
    if (
        report.rows_read != report.rows_analysed + report.rows_excluded
    ):  # pragma: no cover - invariant
        raise RuntimeError("importer bug: rows do not add up")
    return ImportResult(applications=apps, report=report)


def _failed_table(t: RawTable, exc: Exception) -> TableOutcome:
    from data.schema import Exclusion, empty_applications

    why = f"could not be read ({type(exc).__name__}: {exc})"
    where = _label(t.file, t.sheet)
    out = TableOutcome(applications=empty_applications(), rows_read=len(t.rows))
    out.exclusions = [
        Exclusion(t.file, t.sheet, int(r), f"row {int(r)}: {why}") for r in t.row_numbers
    ]
    out.warnings.append(f"{where}: {why}")
    return out


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """``coerce_applications`` restricted to the canonical columns; a frame whose columns
    already have the canonical dtypes is only reordered (same result, no copies)."""
    from data.schema import APPLICATION_COLUMNS

    cols = list(APPLICATION_COLUMNS)
    if all(c in frame.columns for c in cols):
        want = {c: pd.Series([], dtype=t).dtype for c, t in APPLICATION_COLUMNS.items()}
        if all(frame[c].dtype == want[c] for c in cols):
            if (
                list(frame.columns) == cols
                and isinstance(frame.index, pd.RangeIndex)
                and frame.index.start == 0
            ):
                return frame
            return frame[cols].reset_index(drop=True)
    return coerce_applications(frame)[cols]


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    from data.schema import APPLICATION_COLUMNS, empty_applications

    if not frames:
        return empty_applications()
    typed = [_canonical(f) for f in frames]
    if len(typed) == 1:
        return typed[0]
    return coerce_applications(pd.concat(typed, ignore_index=True))[list(APPLICATION_COLUMNS)]
