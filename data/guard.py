"""Checks made *before* a file is read, so a small hostile file cannot make the reader
allocate gigabytes or run for minutes.

The workbook reader (calamine, native code) builds each sheet as one rectangle from A1
to the far-corner cell, and holds the shared strings in memory; a 2 KB workbook with
cells A1 and XFD1048576 asks it for 17 billion cells. Those sizes are written in the
file's zip entries and XML, so they can be checked cheaply first. The limits sit near
Excel's own: a sheet holds at most 1,048,576 rows and 16,384 columns, a cell at most
32,767 characters. Every refusal is one line naming the file (and sheet), the limit,
and how to get under it. What cannot be checked cheaply (a damaged ``.xls``) is left to
the worker process's memory and time limits (:mod:`data.sandbox`).

Limits (documented in the README):

* :data:`MAX_CELLS` cells in a sheet's used range (A1 to the far corner, rows × columns);
* :data:`MAX_ROWS` rows and :data:`MAX_COLUMNS` columns (Excel's limits);
* :data:`MAX_CELL_CHARS` characters in a cell (Excel's limit);
* :data:`MAX_UNPACKED_BYTES` bytes inside a workbook once unpacked, and no entry larger
  than :data:`RATIO_FLOOR_BYTES` that unpacks to more than :data:`MAX_RATIO` times its
  packed size (a "zip bomb");
* :data:`MAX_ZIP_ENTRIES` entries in a workbook.

Examples
--------
>>> check_file("log.csv", b"Company,Applied\\nAcme,2026-01-05\\n")
>>> try:
...     check_file("log.csv", b"a" * 40000)
... except InputError as err:
...     print(str(err)[:60])
'log.csv' has a cell of more than 32,767 characters (Excel's
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator

from data.schema import InputError

__all__ = [
    "check_file",
    "MAX_CELLS",
    "MAX_ROWS",
    "MAX_COLUMNS",
    "MAX_CELL_CHARS",
    "MAX_UNPACKED_BYTES",
    "MAX_RATIO",
    "RATIO_FLOOR_BYTES",
    "MAX_ZIP_ENTRIES",
]

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767
#: Cells in one sheet's used range (rows × columns from A1). 1M rows × 20 columns.
MAX_CELLS = 20_000_000
#: Bytes inside one workbook once unpacked (all entries together).
MAX_UNPACKED_BYTES = 1_000_000_000
#: Packed-to-unpacked ratio above which a big entry is refused (spreadsheet XML packs
#: 5-30×; even a sheet of one repeated value stays under 100×).
MAX_RATIO = 200
#: Entries smaller than this unpacked are not held to the ratio.
RATIO_FLOOR_BYTES = 20_000_000
MAX_ZIP_ENTRIES = 10_000

_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 20
#: One cell's text in the XML: 32,767 characters, each up to 4 UTF-8 bytes or a 6-byte
#: entity such as ``&quot;``. A run of bytes without ``<`` longer than this is a cell
#: (or attribute) over Excel's limit.
_MAX_TEXT_RUN = MAX_CELL_CHARS * 6
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,4})([0-9]{1,9})"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,9})"')
_SEPARATOR = re.compile(rb"[,;\t|\r\n]")
#: A run of more than MAX_CELL_CHARS bytes without a separator, matched only from the
#: run's first byte (the look-behind), so a search is linear in the text it scans.
_LONG_RUN = re.compile(rb"(?<![^,;\t|\r\n])[^,;\t|\r\n]{%d,}" % (MAX_CELL_CHARS + 1))
#: A run longer than MAX_CELL_CHARS covers at least one whole block of this size that
#: starts at a multiple of it, so only blocks without a separator need a closer look.
_RUN_BLOCK = (MAX_CELL_CHARS + 1) // 2


def check_file(filename: str, data: bytes) -> None:
    """Refuse, before reading, a file whose content would exceed the limits above.

    Parameters
    ----------
    filename : str
        The file's name (used in the message only: the content decides the checks).
    data : bytes
        The file's content.

    Raises
    ------
    data.schema.InputError
        One line naming the file, the limit and how to get under it.

    Examples
    --------
    >>> check_file("log.csv", b"Company;Status\\nAcme;open\\n") is None
    True
    """
    name = repr(" ".join(str(filename).split()))
    if data[:4] == _ZIP_MAGIC:
        _check_zip(name, data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        _check_xls(name, data)  # the rest of .xls is left to the worker process's limits
    else:
        _check_text(name, data)


# --------------------------------------------------------------------------- text
def _check_text(name: str, data: bytes) -> None:
    """Columns per line (first 50 lines) and cell length (whole file, without decoding)."""
    if len(data) > 2 and data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:3] == b"\x00\x00\xfe":
        step = 4 if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") else 2
        sample = data[: 1 << 16].decode("utf-16" if step == 2 else "utf-32", "replace")
        text = sample.encode("utf-8", "replace")
    else:
        text = data
    for line in text[: 1 << 22].split(b"\n", 50)[:50]:  # the first lines (up to 4 MiB)
        fields = max(line.count(d) for d in (b",", b";", b"\t", b"|")) + 1
        if fields > MAX_COLUMNS:
            raise InputError(
                f"{name} has a row of {fields:,} cells, more than the {MAX_COLUMNS:,} columns "
                "a spreadsheet can hold; keep only the columns of your log and upload again."
            )
    at = _long_cell_at(text)
    if at is not None:
        raise InputError(
            f"{name} has a cell of more than {MAX_CELL_CHARS:,} characters (Excel's limit for "
            f"one cell) near byte {at:,}; shorten that cell or remove it and upload again."
        )


def _long_cell_at(text: bytes) -> int | None:
    """Where the first run of more than ``MAX_CELL_CHARS`` bytes without a separator starts
    (``None``: there is none).

    Each block of :data:`_RUN_BLOCK` bytes is searched for a separator (found within a few
    bytes in a normal file); only a block without one is looked at closely, together with
    a cell's length on either side of it.

    Examples
    --------
    >>> _long_cell_at(b"a,b\\n" * 10), _long_cell_at(b"x," + b"a" * 32_768 + b",y")
    (None, 2)
    >>> _long_cell_at(b"x," + b"a" * 32_767 + b",y") is None
    True
    """
    for start in range(0, len(text), _RUN_BLOCK):
        if _SEPARATOR.search(text, start, start + _RUN_BLOCK) is None:
            lo = max(0, start - MAX_CELL_CHARS)
            run = _LONG_RUN.search(text[lo : start + _RUN_BLOCK + MAX_CELL_CHARS])
            if run is not None:
                return lo + run.start()
    return None


# --------------------------------------------------------------------------- .xls
#: BIFF8 (Excel 97-2003) sheets hold at most 65,536 rows and 256 columns.
XLS_ROWS, XLS_COLUMNS = 65_536, 256
#: A DIMENSIONS record: type 0x0200, 14 bytes: first row, last row + 1 (4 bytes each),
#: first column, last column + 1, reserved (2 bytes each).
_XLS_DIMENSIONS = re.compile(rb"\x00\x02\x0e\x00(.{4})(.{4})(.{2})(.{2})\x00\x00", re.DOTALL)


def _check_xls(name: str, data: bytes) -> None:
    """A sheet's DIMENSIONS record beyond what an .xls can hold means a damaged file (the
    reader would ask for that many cells at once, and abort)."""
    for m in _XLS_DIMENSIONS.finditer(data):
        r0, r1, c0, c1 = (int.from_bytes(g, "little") for g in m.groups())
        if r0 <= r1 and c0 <= c1 and (r1 > XLS_ROWS or c1 > XLS_COLUMNS):
            raise InputError(
                f"{name} is a damaged .xls: a sheet claims {r1:,} rows × {c1:,} columns, more "
                f"than the {XLS_ROWS:,} × {XLS_COLUMNS} an .xls can hold; open it in your "
                "spreadsheet program, save it as XLSX or CSV and upload that."
            )


# --------------------------------------------------------------------------- workbooks
def _check_zip(name: str, data: bytes) -> None:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        infos = book.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return  # not a readable zip: the reader says "damaged" in its own words
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InputError(
            f"{name} holds {len(infos):,} packed parts, more than the {MAX_ZIP_ENTRIES:,} a "
            "workbook needs; open it in your spreadsheet program and save it again as XLSX."
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{name} unpacks to {total / 1e9:.1f} GB, more than the "
            f"{MAX_UNPACKED_BYTES / 1e9:.0f} GB limit; split the log into smaller files "
            "(e.g. one per year) or save it as CSV."
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
            1, info.compress_size
        ):
            raise InputError(
                f"{name} is packed suspiciously tightly (a 'zip bomb'): its part "
                f"{info.filename!r} unpacks to "
                f"{info.file_size / 1e6:,.0f} MB from {info.compress_size / 1e3:,.0f} KB "
                f"(more than {MAX_RATIO}× — no real spreadsheet packs that tightly); "
                "open it in your spreadsheet program, save it again and upload that."
            )
    sheets = _sheet_names(book)
    for info in infos:
        path = info.filename
        low = path.lower()
        if low.endswith("sharedstrings.xml"):
            _check_text_runs(name, book, info, "its shared text")
        elif low.startswith("xl/worksheets/") and low.endswith(".xml"):
            _check_sheet(name, book, info, sheets.get(path, path))
        elif low == "content.xml":
            _check_ods(name, book, info)


def _sheet_names(book: zipfile.ZipFile) -> dict[str, str]:
    """``xl/worksheets/sheet1.xml`` → sheet name as the person sees it (best effort)."""
    try:
        wb = _small(book, "xl/workbook.xml")
        rels = _small(book, "xl/_rels/workbook.xml.rels")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return {}
    targets: dict[bytes, bytes] = {}
    for m in re.finditer(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        rid = re.search(rb'\sId="([^"]+)"', m.group(0))
        where = re.search(rb'\sTarget="([^"]+)"', m.group(0))
        if rid and where:
            targets[rid.group(1)] = where.group(1)
    out: dict[str, str] = {}
    for m in re.finditer(rb"<(?:\w+:)?sheet\b[^>]*>", wb):
        sheet_name = re.search(rb'\sname="([^"]*)"', m.group(0))
        rid = re.search(rb'\sr:id="([^"]+)"', m.group(0))
        found = targets.get(rid.group(1)) if rid else None
        if sheet_name is None or found is None:
            continue
        t = found.decode("utf-8", "replace").lstrip("/")
        path = t if t.startswith("xl/") else "xl/" + t
        out[path] = html.unescape(sheet_name.group(1).decode("utf-8", "replace"))
    return out


def _small(book: zipfile.ZipFile, path: str) -> bytes:
    with book.open(path) as fh:
        return fh.read(1 << 20)


def _chunks(book: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The entry's unpacked bytes, 1 MiB at a time (with 64 bytes of overlap), never more
    in total than :data:`MAX_UNPACKED_BYTES` whatever its header claims."""
    seen = 0
    tail = b""
    try:
        with book.open(info) as fh:
            while True:
                block = fh.read(_CHUNK)
                if not block:
                    return
                seen += len(block)
                if seen > MAX_UNPACKED_BYTES:
                    return
                yield tail + block
                tail = block[-64:]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return  # damaged or encrypted part: the reader reports it


def _check_text_runs(name: str, book: zipfile.ZipFile, info: zipfile.ZipInfo, what: str) -> None:
    """Refuse a text node longer than Excel's cell limit (a run of bytes without ``<``)."""
    run = 0
    for chunk in _chunks(book, info):
        body = chunk[64:] if run else chunk  # the 64-byte overlap was counted already
        parts = body.split(b"<")
        run += len(parts[0])
        too_long = run > _MAX_TEXT_RUN or (len(parts) > 1 and _over_limit(parts[0]))
        if not too_long:
            too_long = any(len(p) > MAX_CELL_CHARS and _over_limit(p) for p in parts[1:-1])
        if len(parts) > 1:
            run = len(parts[-1])
        if too_long or run > _MAX_TEXT_RUN:
            raise InputError(
                f"{name} has a cell in {what} of more than {MAX_CELL_CHARS:,} characters "
                "(Excel's limit for one cell); shorten that cell or save the log as CSV and "
                "upload again."
            )


def _over_limit(part: bytes) -> bool:
    """Does this piece of XML (``t>text``) hold more than MAX_CELL_CHARS characters of text?"""
    if len(part) <= MAX_CELL_CHARS:
        return False
    text = part.split(b">", 1)[-1].decode("utf-8", "replace")
    return len(html.unescape(text)) > MAX_CELL_CHARS


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _check_sheet(name: str, book: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str) -> None:
    """Far-corner cell of the sheet: the largest row and column any cell or row names."""
    max_row = max_col = 0
    for chunk in _chunks(book, info):
        refs = _CELL_REF.findall(chunk)
        rows = {r for _, r in refs}
        rows.update(_ROW_REF.findall(chunk))
        if rows:
            max_row = max(max_row, max(int(r) for r in rows))
        cols = {c for c, _ in refs}
        if cols:
            max_col = max(max_col, max(_col_number(c) for c in cols))
        _refuse_area(name, sheet, max_row, max_col)


def _refuse_area(name: str, sheet: str, rows: int, cols: int) -> None:
    corner = f"{_col_letters(cols)}{rows}" if rows and cols else ""
    if rows > MAX_ROWS or cols > MAX_COLUMNS:
        raise InputError(
            f"{name}, sheet {sheet!r}: a cell at {corner} lies beyond a spreadsheet's "
            f"{MAX_ROWS:,} rows × {MAX_COLUMNS:,} columns; the file is damaged or not from a "
            "spreadsheet program — save it again from one and upload that."
        )
    if rows * cols > MAX_CELLS:
        raise InputError(
            f"{name}, sheet {sheet!r}: its used range runs from A1 to {corner} "
            f"({rows * cols:,} cells, the limit is {MAX_CELLS:,}); delete the empty rows "
            f"and columns around the far-corner cell {corner} (select them, Delete, save) "
            "or split the log into smaller files, and upload again."
        )


def _col_letters(n: int) -> str:
    """1 → A, 16384 → XFD.

    Examples
    --------
    >>> _col_letters(1), _col_letters(28), _col_letters(16384)
    ('A', 'AB', 'XFD')
    """
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _check_ods(name: str, book: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """OpenDocument: the cell length, and that the sheets' XML is whole. Its sheets write
    empty rows and columns as one element with a repeat count (LibreOffice writes a million
    empty rows that way in ordinary files), which the reader skips; the rest is left to
    the worker process's limits.

    The reader (calamine) can loop for minutes on a sheet whose closing tags are damaged
    (an 868-byte file ran into the worker's two-minute limit), so the XML is first read
    through expat, which stops at the first broken tag in milliseconds.
    """
    _check_text_runs(name, book, info, "a sheet")
    _check_well_formed(name, book, info)


class _NotASheet(Exception):
    """A document type declaration: no spreadsheet has one (entities could expand)."""


def _check_well_formed(name: str, book: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse an XML part that is not well formed (read 1 MiB at a time, at most
    :data:`MAX_UNPACKED_BYTES`)."""
    from xml.parsers import expat

    def no_doctype(*_args: object) -> None:
        raise _NotASheet

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = no_doctype
    seen = 0
    try:
        with book.open(info) as fh:
            while block := fh.read(_CHUNK):
                seen += len(block)
                if seen > MAX_UNPACKED_BYTES:
                    return  # the size check refuses it
                parser.Parse(block, False)
            parser.Parse(b"", True)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return  # damaged or encrypted part: the reader reports it
    except (expat.ExpatError, _NotASheet) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, expat.ExpatError) else ""
        raise InputError(
            f"{name} is damaged: the text of its sheets is not whole{where}. Open it in "
            "your spreadsheet program (LibreOffice, Excel, Numbers), save it again and "
            "upload that."
        ) from None
