"""Hand the log back in its own shape, with the edits made in the app.

:func:`write_back` takes the person's own files (name, bytes), the import's report (which
header was read as which field, per file and sheet) and the edit log
(:mod:`data.edits`), and returns the same files with the edits placed:

* **xlsx / xlsm**: opened with openpyxl, so sheets, column order, cell formatting, widths,
  frozen panes and formulas stay as they were; each edit goes to the row the application
  came from (``source_sheet``/``source_row``) and the column the importer read that field
  from. New applications go below the last row of the sheet the first row came from.
* **CSV / TSV / TXT**: re-written with the same encoding (byte-order mark included), the
  same delimiter and the same line ending; rows and columns stay in place.
* A field the file has no column for gets one new column at the right end (a header the
  importer reads back as that field); nothing else is added.
* A snooze ("remind me later" on Follow up today) is written as the row's date in a
  "Snoozed until" column: the log's own column of that name, else one added at the right
  end. The importer leaves that column out of the analysis (the numbers do not change);
  :func:`person_columns` reads it back, so a snoozed reminder stays hidden after re-upload.
* Text written into cells is formula-neutralised (``data.export.neutralise_cell``).

Re-importing the result gives the same canonical table as ``apply_edits(import, edits)``
(tested on the template, a CSV and real logs). Layouts where one row is not one application
(event logs, stage transitions, transposed sheets) and old ``.xls``/``.ods`` workbooks are
refused with :class:`WritebackError` (one line naming the file), never written wrongly.

Examples
--------
>>> import datetime as dt
>>> from data import import_files
>>> from data.edits import Edit
>>> csv = "Company;Date Applied;Status\\nAcme;2026-01-05;Applied\\n".encode("cp1252")
>>> res = import_files([("log.csv", csv)])
>>> out = write_back([("log.csv", csv)], res.report, [Edit("log.csv||2", "status", "Rejected")])
>>> out[0][1].decode("cp1252").splitlines()
['Company;Date Applied;Status', 'Acme;2026-01-05;Rejected']
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from data.edits import FLAG_FIELDS, NEW_PREFIX, Edit, latest_edits
from data.export import neutralise_cell
from data.read import _detect_encoding, _header_text, read_tables
from data.schema import ImportReport, InputError

__all__ = [
    "write_back",
    "files_written",
    "not_kept",
    "WritebackError",
    "person_columns",
    "looks_like_email",
    "is_contact_column",
    "is_snooze_column",
    "NEW_HEADERS",
    "SNOOZE_HEADER",
    "with_probe_row",
    "backup_name",
    "save_with_backup",
]

#: One plain address: no spaces, angle brackets, quotes, commas or query characters.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")


def looks_like_email(text: object) -> bool:
    """Whether ``text`` is one plain e-mail address (nothing else in the cell).

    Examples
    --------
    >>> looks_like_email("jobs@acme.example"), looks_like_email("Bob <bob@x.com>")
    (True, False)
    """
    return isinstance(text, str) and bool(_EMAIL.match(text.strip()))


#: The column a snooze is written to (and read back from, by :func:`person_columns`).
SNOOZE_HEADER = "Snoozed until"
#: Header of a column added for a field the file had none for (each one the importer
#: reads back as that field).
NEW_HEADERS: dict[str, str] = {
    "company": "Company",
    "role": "Role",
    "applied_on": "Date Applied",
    "followup_after_apply": "Followed up?",
    "followup_after_apply_on": "Follow-up date",
    "followup_after_intro": "Follow-up after call",
    "thank_you_after_interview": "Thank-you sent",
    "responded_on": "Response date",
    "status": "Status",
    "notes": "Notes",
    "snoozed_until": SNOOZE_HEADER,
}
_ROW_FORMATS = {"generic", "linkedin", "simplify", "huntr", "teal"}
_TEXT_EXT = {".csv", ".tsv", ".txt", ""}
_BOOK_EXT = {".xlsx", ".xlsm"}


class WritebackError(ValueError):
    """The log cannot be handed back with the edits; ``str(err)`` is one line naming the file."""


@dataclass
class _Sheet:
    """Where each field lives in one table (1-based column positions), and what to add."""

    columns: dict[str, int]  # field -> column position
    header_row: int
    width: int  # last used column position of the header row
    added: list[str] = field(default_factory=list)  # fields given a new column


# --------------------------------------------------------------------------- cell values
def _is_date(value: object) -> bool:
    return isinstance(value, (dt.date, pd.Timestamp))


def _date(value: object) -> dt.date:
    return pd.Timestamp(value).date()


def _cells(field_: str, value: object, sheet: _Sheet) -> dict[str, object]:
    """``{target field: cell value}`` for one edit (what to write, and where)."""
    if field_ in FLAG_FIELDS:
        return _flag_cells(field_, value, sheet)
    if field_ == "responded_on":
        return {"responded_on": _date(value) if _is_date(value) else None}
    if field_ in ("status", "notes"):
        return {field_: None if value is None else neutralise_cell(str(value))}
    if field_ == "snoozed_until":
        return {field_: _date(value) if _is_date(value) else None}
    raise WritebackError(f"cannot write the field {field_!r}")


def _flag_cells(field_: str, value: object, sheet: _Sheet) -> dict[str, object]:
    """Cells for a follow-up marked done (a date or ``True``) or not done.

    A known date goes into the log's follow-up date column (one is added after applying
    when the log has none); the yes/no column gets "Yes". Without a date column for the step
    (after an intro call or interview), the yes/no column gets "Yes" when the log has one,
    else a new column gets the date (a date in a follow-up column reads as yes).
    """
    done = value is True or _is_date(value)
    date_col = FLAG_FIELDS[field_]
    has_flag = field_ in sheet.columns
    if not done:
        out: dict[str, object] = {field_: None} if has_flag else {}
        if date_col is not None and date_col in sheet.columns:
            out[date_col] = None
        return out
    if date_col is not None and _is_date(value):
        out = {date_col: _date(value)}
        if has_flag:
            out[field_] = "Yes"
        return out
    if has_flag or not _is_date(value):
        return {field_: "Yes"}
    return {field_: _date(value)}


def _new_cells(values: dict[str, Any]) -> dict[str, object]:
    out: dict[str, object] = {}
    for f in ("company", "role"):
        if values.get(f):
            out[f] = neutralise_cell(str(values[f]))
    if values.get("applied_on"):
        out["applied_on"] = _date(values["applied_on"])
    out["status"] = str(values.get("status") or "Applied")
    return out


# --------------------------------------------------------------------------- planning
def _locate_fields(report: ImportReport, file: str, sheet: str | None) -> dict[str, str]:
    """field -> header as written, for one table (the first column read as each field)."""
    out: dict[str, str] = {}
    for m in report.mappings:
        if m.file == file and (m.sheet or None) == (sheet or None) and m.field != "ignore":
            out.setdefault(m.field, m.column)
    return out


def _positions(cells: list[object]) -> dict[str, int]:
    """Header as the importer names it -> 1-based position (see ``data.read``)."""
    out: dict[str, int] = {}
    seen: set[str] = set()
    for p, v in enumerate(cells):
        text = _header_text(v.strip() if isinstance(v, str) else v)
        name = text or f"Column {p + 1}"
        candidate, k = name, 1
        while candidate in seen:
            k += 1
            candidate = f"{name} ({k})"
        seen.add(candidate)
        out[candidate] = p + 1
    return out


def _plan(
    report: ImportReport, file: str, sheet: str | None, header_cells: list[object], header_row: int
) -> _Sheet:
    by_header = _positions(header_cells)
    columns = {
        f: by_header[h] for f, h in _locate_fields(report, file, sheet).items() if h in by_header
    }
    for h, pos in by_header.items():  # the log's own snooze column (not analysed)
        if h.casefold() == SNOOZE_HEADER.casefold():
            columns.setdefault("snoozed_until", pos)
    width = max((p for p, v in enumerate(header_cells, 1) if v not in (None, "")), default=0)
    return _Sheet(columns=columns, header_row=header_row, width=width)


def _column_for(sheet: _Sheet, target: str) -> int:
    """The column of ``target``, adding one at the right end when the file has none."""
    if target not in sheet.columns:
        sheet.width += 1
        sheet.columns[target] = sheet.width
        sheet.added.append(target)
    return sheet.columns[target]


def _check_format(report: ImportReport, name: str, sheet: str | None) -> None:
    key = f"{name}:{sheet}" if sheet is not None else name
    fmt = report.formats.get(key, report.formats.get(name, "generic"))
    if fmt not in _ROW_FORMATS:
        where = f"{name!r}" + (f" (sheet {sheet!r})" if sheet else "")
        raise WritebackError(
            f"{where} is laid out as {fmt} (not one row per application), so the edits cannot "
            "be written into it; download the updated applications as a table instead."
        )


def _split(key: str) -> tuple[str, str | None, int] | None:
    parts = key.rsplit("|", 2)
    if len(parts) != 3 or not parts[2].isdigit():
        return None
    return parts[0], (parts[1] or None), int(parts[2])


def _group(
    edits: Sequence[Edit], first_table: dict[str, str | None]
) -> dict[tuple[str, str | None], dict[object, dict[str, Any]]]:
    """``{(file, sheet): {row number or new key: {field: value}}}`` from the edit log."""
    out: dict[tuple[str, str | None], dict[object, dict[str, Any]]] = {}
    for (row, f), value in _with_snoozes(latest_edits(edits)).items():
        if row.startswith(NEW_PREFIX):
            if not first_table:
                continue
            file = next(iter(first_table))
            target: tuple[str, str | None] = (file, first_table[file])
            out.setdefault(target, {}).setdefault(row, {})[f] = value
            continue
        where = _split(row)
        if where is None:
            continue
        out.setdefault((where[0], where[1]), {}).setdefault(where[2], {})[f] = value
    return out


def _with_snoozes(latest: dict[tuple[str, str], Any]) -> dict[tuple[str, str], Any]:
    """The edits with each row's snoozes as one ``snoozed_until`` (the latest date)."""
    out: dict[tuple[str, str], Any] = {}
    for (row, f), value in latest.items():
        if not f.startswith("snooze:"):
            out[(row, f)] = value
        elif _is_date(value):
            now = out.get((row, "snoozed_until"))
            out[(row, "snoozed_until")] = value if now is None else max(now, value)
    return out


# --------------------------------------------------------------------------- a blank log
#: The importer's words for a file with a header row and nothing under it.
_HEADER_ONLY = "has a header row but no data rows"
#: The placeholder put in the first cell of the row :func:`with_probe_row` adds.
PROBE = "(probe)"


def with_probe_row(name: str, data: bytes) -> bytes | None:
    """``data`` with one placeholder row under the header of each sheet that has only a
    header (a CSV: one line), so the importer reads its columns (which header is which
    field); None when that cannot be done (not UTF-8 text, not an xlsx workbook).

    A blank log (the template, say) is otherwise refused by the reader ("has a header row
    but no data rows"); the app opens it empty and writes new applications under its header.

    Examples
    --------
    >>> with_probe_row("log.csv", b"Company,Status\\n")
    b'Company,Status\\n(probe)\\n'
    """
    ext = os.path.splitext(name)[1].lower()
    if ext in _TEXT_EXT:
        encoding = _detect_encoding(data)[0]  # the reader's own guess, BOM or not
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            return None
        newline = "\r\n" if "\r\n" in text else "\n"
        sep = "" if text.endswith(("\n", "\r")) else newline
        return data + f"{sep}{PROBE}{newline}".encode(_appending(encoding, data))
    if ext not in _BOOK_EXT:
        return None
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), keep_vba=ext == ".xlsm")
    except Exception:  # noqa: BLE001 - not a workbook openpyxl reads
        return None
    for ws in wb.worksheets:
        if ws.max_row == 1 and ws.max_column >= 2:
            ws.cell(row=2, column=1, value=PROBE)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _appending(encoding: str, data: bytes) -> str:
    """The codec that continues text already in ``encoding``: no second byte-order mark.

    Examples
    --------
    >>> _appending("utf-16", codecs.BOM_UTF16_BE + "Company".encode("utf-16-be"))
    'utf-16-be'
    >>> _appending("utf-8-sig", b"\\xef\\xbb\\xbfCompany")
    'utf-8'
    """
    if encoding == "utf-8-sig":
        return "utf-8"
    if encoding in ("utf-16", "utf-32"):
        big = data.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))
        return f"{encoding}-{'be' if big else 'le'}"
    return encoding


def _tables(name: str, data: bytes) -> list[Any]:
    """The raw tables of a file; a header-only one is read through :func:`with_probe_row`
    (the placeholder row left out: no data rows, the header where it is)."""
    try:
        return read_tables(name, data)[0]
    except InputError as err:
        probed = with_probe_row(name, data) if _HEADER_ONLY in str(err) else None
        if probed is None:
            raise
    tables = read_tables(name, probed)[0]
    return [replace(t, rows=t.rows.iloc[0:0], row_numbers=[]) for t in tables]


# --------------------------------------------------------------------------- writers
def _write_book(
    name: str, data: bytes, report: ImportReport, tables: dict[str | None, dict[object, dict]]
) -> bytes:
    from openpyxl import load_workbook

    keep_vba = os.path.splitext(name)[1].lower() == ".xlsm"
    wb = load_workbook(io.BytesIO(data), keep_vba=keep_vba, rich_text=True)
    raw = {t.sheet: t for t in _tables(name, data)}
    for sheet_name, rows in tables.items():
        if sheet_name not in wb.sheetnames or sheet_name not in raw:
            raise WritebackError(f"{name!r} has no sheet {sheet_name!r} any more")
        ws = wb[sheet_name]
        h = raw[sheet_name].header_row
        cells = [c.value for c in ws[h]]
        plan = _plan(report, name, sheet_name, cells, h)
        last_row = max(raw[sheet_name].row_numbers, default=h)
        for target, _new, values in _targets(rows, plan, last_row):
            for f, v in values.items():
                _put(ws, h, target, _column_for(plan, f), v)
        for f in plan.added:
            col = plan.columns[f]
            head = ws.cell(row=h, column=col, value=NEW_HEADERS.get(f, f))
            left = ws.cell(row=h, column=max(col - 1, 1))
            if left.has_style:
                head._style = left._style
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _put(ws: Any, header_row: int, row: int, col: int, value: object) -> None:
    cell = ws.cell(row=row, column=col)
    if _is_date(value):
        cell.value = _date(value)
        if cell.number_format in ("General", "@"):
            above = ws.cell(row=max(row - 1, header_row + 1), column=col)
            fmt = above.number_format if above.is_date else "yyyy-mm-dd"
            cell.number_format = fmt
    else:
        cell.value = value


def _targets(
    rows: dict[object, dict], plan: _Sheet, last_row: int
) -> list[tuple[int, bool, dict[str, object]]]:
    """``(row number, is new, {field: cell value})`` for every edited or new row."""
    out: list[tuple[int, bool, dict[str, object]]] = []
    for row, fields in _rows_in_order(rows):
        if isinstance(row, int):
            target, values = row, {}
        else:  # a new application, below the last row
            last_row += 1
            target, values = last_row, _new_cells(fields.get("new") or {})
        for f, v in fields.items():
            if f != "new":
                values.update(_cells(f, v, plan))
        out.append((target, not isinstance(row, int), values))
    return out


def _rows_in_order(rows: dict[object, dict]) -> list[tuple[object, dict]]:
    old = sorted((r, v) for r, v in rows.items() if isinstance(r, int))
    new = [(r, v) for r, v in rows.items() if isinstance(r, str) and v.get("new")]
    return old + sorted(new, key=lambda kv: int(str(kv[0])[len(NEW_PREFIX) :] or 0))


def _text_cell(v: object) -> str:
    if v is None:
        return ""
    if _is_date(v):
        return _date(v).isoformat()
    return str(v)


def _write_text(name: str, data: bytes, report: ImportReport, rows: dict[object, dict]) -> bytes:
    table = _tables(name, data)[0]
    encoding = table.encoding or "utf-8"
    delimiter = table.delimiter or ","
    text = data.decode(encoding, errors="strict" if encoding == "utf-8" else "replace")
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        text = text.lstrip("\ufeff")
    newline = "\r\n" if "\r\n" in text[:65536] else "\n"
    ends_with_newline = text.endswith(("\n", "\r"))
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    h = table.header_row
    header = records[h - 1] if h - 1 < len(records) else []
    plan = _plan(report, name, None, list(header), h)
    last_row = max(table.row_numbers, default=h)
    for target, new, values in _targets(rows, plan, last_row):
        if new:
            records.insert(min(target - 1, len(records)), [])
        rec = records[target - 1]
        for f, v in values.items():
            col = _column_for(plan, f)
            rec.extend([""] * (col - len(rec)))
            rec[col - 1] = _text_cell(v)
    for f in plan.added:
        while len(header) < plan.columns[f]:
            header.append("")
        header[plan.columns[f] - 1] = NEW_HEADERS.get(f, f)
    records[h - 1] = header
    if plan.added:  # a rectangular table stays rectangular: every row gets the new cells
        for rec in records[h:]:
            if any(rec) and len(rec) < len(header):
                rec.extend([""] * (len(header) - len(rec)))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    for rec in records:
        writer.writerow(rec)
    result = out.getvalue()
    if not ends_with_newline and result.endswith(newline):
        result = result[: -len(newline)]
    return result.encode(encoding, errors="replace")


# --------------------------------------------------------------------------- entry points
def _edits_by_file(
    files: Sequence[tuple[str, bytes]], report: ImportReport, edits: Sequence[Edit]
) -> dict[str, dict[str | None, dict[object, dict[str, Any]]]]:
    """``{file: {sheet: {row number or new key: {field: value}}}}`` for the files the edits
    change (new applications go to the first file's first table), after refusing what
    cannot be written: a file type other than CSV/text and .xlsx/.xlsm, or a layout that is
    not one row per application."""
    names = [n for n, _ in files]
    first_table: dict[str, str | None] = {}
    for file, sheet in report.sheets_used:
        first_table.setdefault(file, sheet)
    for n in names:
        if n not in first_table and os.path.splitext(n)[1].lower() in _TEXT_EXT:
            first_table.setdefault(n, None)
    first = {names[0]: first_table.get(names[0])} if names else {}
    grouped = _group(edits, first)
    out: dict[str, dict[str | None, dict[object, dict[str, Any]]]] = {}
    for name, data in files:
        tables = {sheet: rows for (f, sheet), rows in grouped.items() if f == name}
        if not tables:
            continue
        ext = os.path.splitext(name)[1].lower()
        if ext in _BOOK_EXT:
            for in_sheet in tables:
                _check_format(report, name, in_sheet)
        elif ext in _TEXT_EXT and data[:4] != b"PK\x03\x04":
            _check_format(report, name, None)
        else:
            raise WritebackError(
                f"{name!r} is an {ext or 'unknown'} file, which cannot be written back; "
                "save it as .xlsx (or CSV), upload that, and make the edits again."
            )
        out[name] = tables
    return out


def files_written(
    files: Sequence[tuple[str, bytes]], report: ImportReport, edits: Sequence[Edit]
) -> list[str]:
    """The names of the files :func:`write_back` changes, in upload order, without writing
    them (the page shows what the download will be before anyone asks for it).

    Raises
    ------
    WritebackError
        The same refusals as :func:`write_back` makes before writing (file type, layout).

    Examples
    --------
    >>> from data import import_files
    >>> files = [("a.csv", b"Company\\nAcme\\n"), ("b.csv", b"Company\\nBeta\\n")]
    >>> report = import_files(files).report
    >>> files_written(files, report, [Edit("b.csv||2", "notes", "called")])
    ['b.csv']
    """
    return list(_edits_by_file(files, report, edits))


def write_back(
    files: Sequence[tuple[str, bytes]], report: ImportReport, edits: Sequence[Edit]
) -> list[tuple[str, bytes]]:
    """The person's files with the edits written into them (files without edits unchanged).

    Parameters
    ----------
    files : sequence of (str, bytes)
        The files as uploaded (the same names the import saw).
    report : ImportReport
        The import's report of those files (which header was read as which field).
    edits : sequence of Edit
        The edit log (``data.edits``); a row's snoozes become its "Snoozed until" date.

    Returns
    -------
    list of (str, bytes)
        One entry per input file, same names, same order.

    Raises
    ------
    WritebackError
        One line naming the file: a layout that is not one row per application, an
        ``.xls``/``.ods`` workbook, or a sheet that is gone.
    """
    by_file = _edits_by_file(files, report, edits)
    out: list[tuple[str, bytes]] = []
    for name, data in files:
        tables = by_file.get(name)
        if not tables:
            out.append((name, data))
            continue
        try:
            if os.path.splitext(name)[1].lower() in _BOOK_EXT:
                out.append((name, _write_book(name, data, report, tables)))
            else:
                out.append((name, _write_text(name, data, report, tables.get(None, {}))))
        except WritebackError:
            raise
        except Exception as exc:  # an unexpected layout must not give a traceback
            raise WritebackError(
                f"{name!r} could not be written back ({type(exc).__name__}); nothing was changed."
            ) from exc
    return out


#: What a workbook may hold that the writer (openpyxl) does not keep, found by part name
#: (prefix) and, in worksheets, by the URI of the Excel extension that holds it (the same
#: whatever namespace prefix the file uses): (words for a person, part prefix, URI or None).
_NOT_KEPT = (
    ("sparklines", "xl/worksheets/sheet", b"{05C60535-1F16-4FD2-B633-F4F36F0B64E0}"),
    ("data bars or icon sets", "xl/worksheets/sheet", b"{78C0D931-6437-407D-A8EE-F0AAD7539E65}"),
    ("drop-down lists that read another sheet", "xl/worksheets/sheet",
     b"{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}"),
    ("slicers", "xl/slicers/", None),
    ("timelines", "xl/timelines/", None),
    ("form controls (buttons, check boxes)", "xl/ctrlProps/", None),
)  # fmt: skip
#: Drawing elements other than charts and pictures: text boxes, shapes, groups, connectors.
_SHAPE_TAGS = {
    "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}" + t
    for t in ("sp", "grpSp", "cxnSp")
}
_SHAPES = "text boxes or shapes"


def not_kept(name: str, data: bytes) -> list[str]:
    """What the written-back copy of workbook ``name`` will not have, in words (empty for
    text files and for workbooks that hold none of it).

    The writer keeps sheets, cell formatting, widths, formulas, tables, comments, charts
    and pictures; openpyxl drops text boxes and shapes and the Excel extensions in
    :data:`_NOT_KEPT` when it saves. The person is told before downloading, so they keep
    their original.

    Examples
    --------
    >>> not_kept("log.csv", b"Company\\nAcme\\n")
    []
    """
    import zipfile
    from xml.etree import ElementTree

    if os.path.splitext(name)[1].lower() not in _BOOK_EXT:
        return []
    found: set[str] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for part in z.namelist():
                if part.startswith("xl/drawings/drawing") and part.endswith(".xml"):
                    root = ElementTree.fromstring(z.read(part))  # drawings are small
                    if any(el.tag in _SHAPE_TAGS for el in root.iter()):
                        found.add(_SHAPES)
                    continue
                rules = [(w, uri) for w, prefix, uri in _NOT_KEPT if part.startswith(prefix)]
                found.update(w for w, uri in rules if uri is None)
                uris = [(w, uri) for w, uri in rules if uri is not None and w not in found]
                if uris and part.endswith(".xml"):
                    xml = z.read(part).upper()  # one read per sheet for all its extensions
                    found.update(w for w, uri in uris if uri in xml)
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, KeyError):
        return []
    order = [_SHAPES, *dict.fromkeys(w for w, _, _ in _NOT_KEPT)]
    return [w for w in order if w in found]


def person_columns(files: Sequence[tuple[str, bytes]]) -> pd.DataFrame:
    """The contact address, notes and snooze date the log keeps per row, by row key.

    The importer does not analyse these columns; the app shows them (My log), uses a
    contact e-mail address for a ``mailto:`` link and keeps a snoozed reminder hidden. A
    contact column is one whose header says e-mail or contact and whose cells hold e-mail
    addresses; notes are a column whose header says note(s) or comment(s); the snooze date
    is the column :data:`SNOOZE_HEADER` (written by :func:`write_back`).

    Returns
    -------
    DataFrame
        Columns ``row`` (``data.edits.row_key`` form), ``contact``, ``notes`` (strings,
        missing where blank) and ``snoozed_until`` (ISO date string, missing where blank or
        not a date); only rows with one of them.

    Examples
    --------
    >>> csv = (b"Company,Contact Email,Notes,Snoozed until\\n"
    ...        b"Acme,hr@acme.example,call Kim,2026-02-03\\n")
    >>> person_columns([("a.csv", csv)]).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'row': 'a.csv||2', 'contact': 'hr@acme.example', 'notes': 'call Kim',
      'snoozed_until': '2026-02-03'}]
    """
    parts = []
    for name, data in files:
        try:
            tables = read_tables(name, data)[0]
        except Exception:  # noqa: BLE001 - the import already reported unreadable files
            continue
        for t in tables:
            contact, notes, snoozed = _person_cols(t)
            if contact is None and notes is None and snoozed is None:
                continue
            frame = pd.DataFrame(
                {
                    "row": [f"{name}|{t.sheet or ''}|{r}" for r in t.row_numbers],
                    "contact": _strings(contact, len(t.rows)),
                    "notes": _strings(notes, len(t.rows)),
                    "snoozed_until": _iso_dates(snoozed, len(t.rows)),
                }
            )
            keep = frame[["contact", "notes", "snoozed_until"]].notna().any(axis=1)
            parts.append(frame[keep])
    if not parts:
        return pd.DataFrame({c: pd.Series([], dtype="string") for c in _PERSON_COLUMNS})
    return pd.concat(parts, ignore_index=True).astype("string")


_PERSON_COLUMNS = ("row", "contact", "notes", "snoozed_until")


def is_snooze_column(header: str) -> bool:
    """Whether a column is the one snoozes are written to (:data:`SNOOZE_HEADER`).

    Examples
    --------
    >>> is_snooze_column(" snoozed until"), is_snooze_column("Snooze")
    (True, False)
    """
    return header.casefold().strip() == SNOOZE_HEADER.casefold()


def is_contact_column(header: str, values: Callable[[], Sequence[object]]) -> bool:
    """Whether a column holds the contact to write to: its header says e-mail or contact,
    and at least half of its non-blank cells (``values()``, asked only then) are e-mail
    addresses.

    Examples
    --------
    >>> is_contact_column("Contact email", lambda: ["hr@acme.example", "n/a"])
    True
    >>> is_contact_column("Notes", lambda: ["hr@acme.example"])
    False
    """
    low = header.casefold()
    if "mail" not in low and "contact" not in low:
        return False
    vals = values()
    return bool(len(vals)) and 2 * sum(bool(looks_like_email(v)) for v in vals) >= len(vals)


def _person_cols(t: Any) -> tuple[pd.Series | None, pd.Series | None, pd.Series | None]:
    """The contact, notes and snooze columns of one raw table (None where it has none)."""
    contact = notes = snoozed = None
    for h in t.header:
        low = h.casefold()
        col = t.rows[h]
        if snoozed is None and is_snooze_column(h):
            snoozed = col
            continue
        if contact is None and is_contact_column(h, partial(_nonblank, col)):
            contact = col
        if notes is None and any(w in low for w in ("note", "comment", "remark")):
            notes = col
    return contact, notes, snoozed


def _nonblank(col: pd.Series) -> list[str]:
    vals = col.dropna().astype(str).str.strip()
    return vals[vals != ""].tolist()


def _iso_dates(col: pd.Series | None, n: int) -> pd.Series:
    """Cells read as dates (ISO text, or a workbook's date), as ISO strings; else missing."""
    text = _strings(col, n).astype("object").where(lambda t: t.notna(), None)
    ts = pd.to_datetime(text, errors="coerce", format="mixed")
    return pd.Series([None if pd.isna(v) else v.date().isoformat() for v in ts], dtype="string")


def _strings(col: pd.Series | None, n: int) -> pd.Series:
    """Cells as stripped text; blank cells missing."""
    if col is None:
        return pd.Series([pd.NA] * n, dtype="string")
    s = (
        col.reset_index(drop=True)
        .astype("object")
        .map(
            lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v).strip()
        )
    )
    return s.where(s.astype(bool), None).astype("string")


def save_with_backup(
    path: str | os.PathLike[str], data: bytes, expected: bytes, now: dt.datetime
) -> Path:
    """Write ``data`` to ``path`` after keeping the current file as a timestamped backup.

    ``expected`` is what the app believes is on disk (what it opened, or last saved): if the
    file changed since (edited in another program), nothing is written and ``ValueError``
    says so. Returns the backup's path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d) / "jobs.csv"
    ...     _ = p.write_bytes(b"old")
    ...     b = save_with_backup(p, b"new", b"old", dt.datetime(2026, 12, 1, 9, 0, 0))
    ...     p.read_bytes(), b.name, b.read_bytes()
    (b'new', 'jobs.backup-20261201-090000.csv', b'old')
    """
    target = Path(path)
    current = target.read_bytes()
    if current != expected:
        raise ValueError(
            f"{target.name} changed on disk since it was opened here; nothing was written. "
            "Download your updated log instead, or restart the app on the file."
        )
    backup = Path(backup_name(str(target), now))
    k = 1
    while backup.exists():
        k += 1
        backup = Path(backup_name(str(target), now).replace(".backup-", f".backup{k}-", 1))
    backup.write_bytes(current)
    tmp = target.with_name(f".{target.name}.saving")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return backup


def backup_name(path: str, now: dt.datetime) -> str:
    """The timestamped backup kept beside a file before Save overwrites it.

    Examples
    --------
    >>> backup_name("/home/me/jobs.xlsx", dt.datetime(2026, 12, 1, 17, 5, 9))
    '/home/me/jobs.backup-20261201-170509.xlsx'
    """
    root, ext = os.path.splitext(path)
    return f"{root}.backup-{now:%Y%m%d-%H%M%S}{ext}"
