"""Read an uploaded file's bytes into raw tables (one per sheet that holds data).

This is the first step of the importer: it knows about bytes, encodings, delimiters,
workbooks, title rows and blank rows, and nothing about job applications. What the
columns *mean* is decided later (``data/columns.py`` and friends).

Design notes (choices and measurements)
---------------------------------------
* **Workbooks** (``.xlsx .xlsm .xlsb .xls .ods``) are read with python-calamine
  directly (``CalamineWorkbook.from_filelike(...).to_python(skip_empty_area=False)``),
  not through ``pandas.read_excel``: it is several times faster than openpyxl (see
  ``bench/``), opens workbooks openpyxl crashes on (a broken stylesheet) and returns the
  cached value of formula cells.
* **Text files** (``.csv .tsv .txt``) are parsed by pandas' C engine with
  ``na_filter=False`` (every cell text, ``''`` when empty) and ``skip_blank_lines=False``
  so that frame position == record number, into pandas' default Arrow-backed ``str``
  columns. Columns pandas infers as numbers or booleans (a numeric header cell, or one
  all-number chunk) are re-read as text so that ``007`` stays ``007`` (``_exact_text``).
  Blank rows are found in Arrow (a regex that matches any character ``str.isspace``
  rejects), not with a ``str.strip`` per cell.
  Only a sample (first 64 KiB / ~40 rows) is looked at with Python loops: delimiter
  sniffing (field-count consistency, quotes respected by :mod:`csv`) and the header search.
* **Encodings**: BOM first (UTF-8, UTF-16 LE/BE, UTF-32), then UTF-16 without BOM
  (NUL-byte pattern), then UTF-8 (sample checked; the full parse decodes strictly; a bad
  byte later re-parses as cp1252 if the sample was pure ASCII, else as UTF-8 with the bad
  byte replaced), then cp1252 (its 5 undefined bytes replaced).
* **Delimiter**: ``,`` ``;`` tab ``|`` (and an Excel ``sep=;`` first line): the one whose
  field count is most consistent over the sample's non-blank records wins; ties go to the
  wider split, then to ``,`` (to tab for ``.tsv``).
* **Header row**: from the first non-blank row, ~30 rows are scored (share of short text
  cells, width compared with the rows below, text above numbers/dates, distinct labels,
  only title rows above, a prior for the first row of two or more cells, by width);
  earliest wins ties.
* **Sheets**: every sheet with a data row is returned (the importer decides which hold
  applications); empty sheets, chart sheets, sheets of scattered single cells (dashboards)
  and header-only sheets are skipped with a reason. Excel error cells (``#DIV/0!``) read as
  empty (that is what calamine reports).
* CSV cells are *not* stripped (that would cost a Python call per cell on big files);
  workbook text cells are stripped and empty ones are ``None``. Header cells always stripped.
* Any failure becomes :class:`data.schema.InputError` with one line naming the file.

Examples
--------
>>> tables, skipped = read_tables("log.csv", b"My search\\n\\nCompany,Applied\\nAcme,2026-01-05\\n")
>>> t = tables[0]
>>> t.header, t.header_row, t.row_numbers, t.rows.iloc[0, 0]
(['Company', 'Applied'], 3, [4], 'Acme')
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.guard import check_file
from data.schema import InputError

__all__ = [
    "RawTable",
    "read_tables",
    "TEXT_EXTENSIONS",
    "WORKBOOK_EXTENSIONS",
    "FORMATS_IN_WORDS",
]

TEXT_EXTENSIONS: tuple[str, ...] = (".csv", ".tsv", ".txt", ".tab")
WORKBOOK_EXTENSIONS: tuple[str, ...] = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
#: The formats above as the uploader's help and the CLI's help say them (tested to name each).
FORMATS_IN_WORDS = "CSV, TSV, TXT or TAB text, Excel (XLSX, XLSM, XLSB, XLS) or OpenDocument (ODS)"

_SAMPLE_BYTES = 65536
_HEADER_SCAN_ROWS = 30
_MAX_COLUMNS = 16384  # Excel's own limit
_DELIMITERS = (",", ";", "\t", "|")

# Magic numbers of common files that are not spreadsheets -> a name a person knows.
_NOT_SPREADSHEET_MAGIC: tuple[tuple[bytes, str | None], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BM", None),  # too short to be sure; ignored
    (b"{\\rtf", "an RTF document"),
)
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")  # stream name in an encrypted OOXML file
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class RawTable:
    """One table of data as read from a file or sheet, before any interpretation.

    Attributes
    ----------
    file : str
        File name as given.
    sheet : str or None
        Sheet name for workbooks, ``None`` for CSV/TSV/TXT.
    header : list of str
        Header cells as written, stripped of surrounding whitespace; empty header cells
        become ``"Column N"`` (1-based position), duplicates become ``"Status (2)"``.
    rows : pandas.DataFrame
        One row per non-blank data row below the header; ``columns == header``.
        CSV/TSV/TXT columns are pandas' Arrow-backed ``str`` dtype (every cell a ``str``
        exactly as written, ``''`` when empty; never missing); workbook columns are dtype
        object holding Python values (stripped ``str``, ``int``/``float``, ``bool``,
        ``datetime``/``date``, ``None`` when empty).
    row_numbers : list of int
        For each row of ``rows``, the row number the person sees in their spreadsheet.
    header_row : int
        Row number of the header as the person sees it.
    encoding : str or None
        Detected encoding (text files only).
    delimiter : str or None
        Detected delimiter (text files only).
    row_array : numpy.ndarray or None
        ``row_numbers`` as an int64 array when the reader had one (big CSVs: saves
        turning a million-item list back into an array); ignored unless it matches.
    """

    file: str
    sheet: str | None
    header: list[str]
    rows: pd.DataFrame
    row_numbers: list[int]
    header_row: int
    encoding: str | None
    delimiter: str | None
    row_array: np.ndarray | None = field(default=None, repr=False, compare=False)


# =========================================================================== entry
def read_tables(filename: str, data: bytes) -> tuple[list[RawTable], list[tuple[str, str]]]:
    """Read a CSV/TSV/TXT or workbook file into raw tables.

    Parameters
    ----------
    filename : str
        The file's name (its extension picks the reader; content sniffing overrides it
        for workbooks uploaded under a text extension and vice versa where safe).
    data : bytes
        The file's content.

    Returns
    -------
    tables : list of RawTable
        Every table that holds at least one non-blank data row (one per sheet at most).
    skipped : list of (str, str)
        Sheets that were not returned, as ``(sheet name, human-readable reason)``.

    Raises
    ------
    data.schema.InputError
        One line naming the file, for an empty file, something that is not a spreadsheet,
        a damaged workbook, a header without data rows, or an unsupported extension.
        No other exception type is raised, whatever the bytes.

    Examples
    --------
    >>> tables, skipped = read_tables("a.csv", "Firma;Status\\nMüller;offen\\n".encode("cp1252"))
    >>> tables[0].delimiter, tables[0].encoding, tables[0].rows.iloc[0, 0]
    (';', 'cp1252', 'Müller')
    >>> read_tables("a.csv", b"")
    Traceback (most recent call last):
    ...
    data.schema.InputError: 'a.csv' is empty.
    """
    name = _display_name(filename)
    try:
        if isinstance(data, (bytearray, memoryview)):
            data = bytes(data)
        if not isinstance(data, bytes):
            raise InputError(
                f"{name} could not be read: expected file bytes, got {type(data).__name__}."
            )
        return _read(name, "" if filename is None else str(filename), data)
    except InputError as exc:
        raise InputError(_one_line(str(exc))) from None
    except MemoryError:
        raise InputError(f"{name} is too large to read in the available memory.") from None
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - the contract: never a traceback
        # BaseException: a Rust panic inside calamine surfaces as pyo3's PanicException.
        raise InputError(
            _one_line(f"{name} could not be read ({type(exc).__name__}: {str(exc)[:200]}).")
        ) from None


def _display_name(filename: object) -> str:
    return repr(_one_line(str(filename))) if filename is not None else "'(unnamed file)'"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _read(name: str, filename: str, data: bytes) -> tuple[list[RawTable], list[tuple[str, str]]]:
    if not data or data.isspace():
        raise InputError(f"{name} is empty.")
    check_file(filename, data)  # sizes a hostile file would blow up (data/guard.py)
    ext = os.path.splitext(filename)[1].lower()
    head = data[:16]
    if head.startswith(_OLE_MAGIC) and _ENCRYPTED_MARK in data:
        raise InputError(
            f"{name} is password-protected; save a copy without a password (or as CSV) and "
            "upload that."
        )
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
        if ext in TEXT_EXTENSIONS or ext in WORKBOOK_EXTENSIONS or ext == "":
            return _read_workbook(name, filename, data)
        raise _unsupported(name, ext, "is an archive or Office file with an unsupported extension")
    for magic, what in _NOT_SPREADSHEET_MAGIC:
        if what and head.startswith(magic):
            raise InputError(f"{name} is not a spreadsheet (it looks like {what}).")
    lead = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lead.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<body")):
        raise InputError(
            f"{name} is a web page (HTML), not a spreadsheet; open it in Excel and save it as "
            "XLSX or CSV."
        )
    if lead.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        raise InputError(
            f"{name} is an Excel 2003 XML spreadsheet; open it in Excel and save it as XLSX or CSV."
        )
    if ext in WORKBOOK_EXTENSIONS:
        # Not a workbook inside. Exports often give CSV text a workbook name: read it as text.
        if _looks_binary(_detect_encoding(data)[1]):
            raise InputError(
                f"{name} is not a valid {ext[1:].upper()} workbook (its content does not start "
                "like one; damaged, or a different kind of file renamed?)."
            )
        return _read_text(name, filename, data, ext)
    if ext in TEXT_EXTENSIONS or ext == "":
        return _read_text(name, filename, data, ext)
    raise _unsupported(name, ext, "has an unsupported file type")


#: Files people reach for that are not read: what each is, and how to get a file that is.
_HOW_TO_EXPORT: dict[str, tuple[str, str]] = {
    ".numbers": ("an Apple Numbers file", "in Numbers choose File → Export To → Excel"),
    ".gsheet": (
        "a Google Sheets shortcut (the data stays online)",
        "in Google Sheets choose File → Download → Microsoft Excel (.xlsx)",
    ),
    ".json": (
        "a JSON file",
        "export your tracker as CSV or Excel instead (Huntr, Teal, Notion and Airtable can)",
    ),
    ".zip": (
        "a zip archive",
        "unzip it first; from LinkedIn's data export, take Jobs/Job Applications.csv",
    ),
    ".docx": ("a Word document", "copy its table into a spreadsheet and save it as XLSX or CSV"),
    ".doc": ("a Word document", "copy its table into a spreadsheet and save it as XLSX or CSV"),
    ".pages": ("an Apple Pages document", "copy its table into a spreadsheet, save it as XLSX"),
}


def _unsupported(name: str, ext: str, what: str) -> InputError:
    """One line: what the file is, and how to get a file that is read."""
    if ext in _HOW_TO_EXPORT:
        kind, how = _HOW_TO_EXPORT[ext]
        return InputError(f"{name} is {kind}, which is not read: {how}, and upload that.")
    return InputError(f"{name} {what} {ext!r}; upload {FORMATS_IN_WORDS} instead.")


# =========================================================================== text
def _detect_encoding(data: bytes) -> tuple[str, str]:
    """Return ``(encoding for pandas, decoded sample)``.

    Examples
    --------
    >>> _detect_encoding("a,ä".encode("utf-16"))[0]
    'utf-16'
    >>> _detect_encoding(b"a,\\xe4")[0]
    'cp1252'
    """
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, enc in boms:
        if data.startswith(bom):
            return enc, _decode_sample(data, enc)
    sample = data[:_SAMPLE_BYTES]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        # UTF-16 without a BOM: NUL high bytes of ASCII characters on one side
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        if odd_nuls > 3 * even_nuls:
            return "utf-16-le", _decode_sample(data, "utf-16-le")
        if even_nuls > 3 * odd_nuls:
            return "utf-16-be", _decode_sample(data, "utf-16-be")
    try:
        # Only the sample is checked here (a cut multi-byte character at its end is fine);
        # the full parse decodes strictly and falls back to cp1252 (see ``_read_text``).
        text = codecs.getincrementaldecoder("utf-8")().decode(
            sample, final=len(data) <= _SAMPLE_BYTES
        )
    except UnicodeDecodeError:
        return "cp1252", _decode_sample(data, "cp1252")
    return "utf-8", text


def _decode_sample(data: bytes, encoding: str) -> str:
    return data[:_SAMPLE_BYTES].decode(encoding, errors="replace")


def _looks_binary(sample: str) -> bool:
    """True when a decoded sample holds NULs or many control characters (not a text table).

    Examples
    --------
    >>> _looks_binary("a,b\\n1,2\\n"), _looks_binary("a\\x00\\x01\\x02\\x03")
    (False, True)
    """
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\f\v")
    return "\x00" in sample or controls > max(2, len(sample) // 50)


def _check_textual(name: str, sample: str) -> None:
    """Raise InputError when the decoded sample looks like binary rather than a text table."""
    if _looks_binary(sample):
        raise InputError(f"{name} is not a text spreadsheet (it contains binary data).")


def _sniff_delimiter(sample: str, ext: str) -> str:
    """Pick the delimiter whose field count is most consistent over the sample's records.

    Examples
    --------
    >>> _sniff_delimiter('a;b;c\\n"x;y",2,3\\n1;2;3\\n', ".csv")
    ';'
    >>> _sniff_delimiter("a\\tb\\n1\\t2\\n", ".txt")
    '\\t'
    >>> _sniff_delimiter("just one column\\nvalue\\n", ".csv")
    ','
    """
    first = sample.split("\n", 1)[0].strip().strip('"')
    match = re.fullmatch(r"sep=(.)", first)
    if match:
        return match.group(1)
    preference = ("\t", ",", ";", "|") if ext in (".tsv", ".tab") else _DELIMITERS
    truncated = len(sample) >= _SAMPLE_BYTES
    best_key: tuple[float, ...] | None = None
    best = preference[0] if ext in (".tsv", ".tab") else ","
    for rank, delim in enumerate(preference):
        try:
            records = []
            reader = csv.reader(
                io.StringIO(sample.replace("\x00", ""), newline=""), delimiter=delim
            )
            for rec in reader:
                records.append(rec)
                if len(records) >= 300:
                    break
        except csv.Error:
            continue
        if truncated and len(records) > 1:
            records = records[:-1]
        counts = [len(r) for r in records if any(c.strip() for c in r)]
        if not counts:
            continue
        tally = Counter(counts)
        mode, freq = max(tally.items(), key=lambda kv: (kv[1], kv[0]))
        if mode < 2:
            continue
        consistency = freq / len(counts)
        key = (round(consistency, 2), min(mode, 50), -rank)
        if best_key is None or key > best_key:
            best_key, best = key, delim
    return best


def _max_fields(sample: str, delimiter: str) -> int:
    try:
        reader = csv.reader(
            io.StringIO(sample.replace("\x00", ""), newline=""), delimiter=delimiter
        )
        return max((len(r) for r in reader), default=1)
    except csv.Error:
        return 1


_EXPECTED_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _parse_text(
    name: str, data: bytes, encoding: str, delimiter: str, ncols: int, errors: str = "replace"
) -> pd.DataFrame:
    """Parse every record with the C engine; frame position i == record number i + 1.

    ``errors`` is the decoding policy (``"strict"`` raises :class:`UnicodeDecodeError`).
    """
    ncols = max(1, ncols)
    while True:
        try:
            with warnings.catch_warnings():
                # chunks inferred as different types: those columns are re-read as text below
                warnings.simplefilter("ignore", pd.errors.DtypeWarning)
                # more cells than columns (the sample saw part of a very wide header): pandas
                # would drop the extra cells with a warning; read them instead
                warnings.simplefilter("error", pd.errors.ParserWarning)
                frame = pd.read_csv(
                    io.BytesIO(data),
                    sep=delimiter,
                    header=None,
                    names=list(range(ncols)),
                    index_col=False,
                    na_filter=False,
                    keep_default_na=False,
                    skip_blank_lines=False,
                    engine="c",
                    encoding=encoding,
                    encoding_errors=errors,
                    quotechar='"',
                    doublequote=True,
                )
            return _exact_text(frame, data, encoding, delimiter, errors)
        except pd.errors.EmptyDataError:
            raise InputError(f"{name} is empty.") from None
        except pd.errors.ParserWarning:
            if ncols >= _MAX_COLUMNS:
                raise InputError(
                    f"{name} has rows with more than {_MAX_COLUMNS:,} cells, more than a "
                    "spreadsheet can hold."
                ) from None
            ncols = min(_MAX_COLUMNS, 2 * ncols)
        except pd.errors.ParserError as exc:
            msg = str(exc)
            found = _EXPECTED_FIELDS.search(msg)
            if found:
                saw = int(found.group(3))
                if saw > _MAX_COLUMNS:
                    raise InputError(
                        f"{name} has a row with {saw} cells, more than a spreadsheet can hold."
                    ) from None
                ncols = min(_MAX_COLUMNS, max(saw, 2 * ncols))
                continue
            if "EOF inside string" in msg:
                where = re.search(r"row (\d+)", msg)
                at = f" near record {int(where.group(1)) + 1}" if where else ""
                raise InputError(
                    f"{name} has a quoted cell{at} that is never closed (a stray '\"' character?); "
                    "fix the quote and upload again."
                ) from None
            raise InputError(
                f"{name} could not be parsed as a delimited text table ({_one_line(msg)})."
            ) from None


def _exact_text(
    frame: pd.DataFrame, data: bytes, encoding: str, delimiter: str, errors: str
) -> pd.DataFrame:
    """Every column as pandas' Arrow-backed ``str``, each cell exactly as written.

    The parse above lets pandas infer column types (with ``na_filter=False``), which puts
    text columns straight into Arrow — about 4× faster than ``dtype=object`` or even
    ``dtype="str"`` (which goes through Python objects). A column inferred as anything but
    text (every cell a number or ``TRUE``/``FALSE``; or, with the C parser's chunks, one
    chunk numeric and another text) would lose its exact text (``007`` → 7), so those
    columns alone are parsed again as text. That happens only when the header row itself
    is numeric or blank-free numbers fill a whole chunk, which is rare.
    """
    redo = [c for c, dtype in frame.dtypes.items() if not _is_str_dtype(dtype)]
    if not redo:
        return frame
    again = pd.read_csv(
        io.BytesIO(data),
        sep=delimiter,
        header=None,
        names=list(frame.columns),
        usecols=redo,
        index_col=False,
        dtype=object,
        na_filter=False,
        keep_default_na=False,
        skip_blank_lines=False,
        engine="c",
        encoding=encoding,
        encoding_errors=errors,
        quotechar='"',
        doublequote=True,
    )
    frame = frame.copy(deep=False)
    for c in redo:
        frame[c] = pd.Series(again[c].to_numpy(dtype=object), index=frame.index, dtype="str")
    return frame


def _is_str_dtype(dtype: object) -> bool:
    return isinstance(dtype, pd.StringDtype)


# Every character Python's ``str.isspace`` accepts; a cell holding any other character is
# not blank. Matched by Arrow (RE2) over whole columns, so blank-row detection costs no
# Python call per cell and agrees exactly with ``str.strip``.
_PY_SPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())
_NOT_SPACE = "[^" + "".join(f"\\x{{{ord(ch):x}}}" for ch in _PY_SPACE) + "]"


def _nonblank_mask(frame: pd.DataFrame, columns: list[Any]) -> np.ndarray:
    """Rows with at least one cell that is not empty/whitespace (CSV frame of text).

    Only rows not yet known to be non-blank are examined for each further column; the
    test runs in Arrow on whole columns (``str.strip`` semantics, see ``_NOT_SPACE``).
    """
    n = len(frame)
    done = np.zeros(n, dtype=bool)
    for col in columns:
        todo = np.flatnonzero(~done)
        if not len(todo):
            break
        s = frame[col]
        sure = _starts_printable(s) if len(todo) == n else None
        if sure is not None:  # most cells start with a printable ASCII character
            done |= sure
            todo = np.flatnonzero(~done)
            if not len(todo):
                break
        if len(todo) < n:
            s = s.iloc[todo]
        arr = (
            pa.array(s.array)
            if _is_str_dtype(s.dtype)
            else pa.array(s.to_numpy(dtype=object), pa.large_string())
        )
        hit = pc.match_substring_regex(arr, _NOT_SPACE)
        ok = hit.fill_null(False).to_numpy(zero_copy_only=False)
        done[todo[ok]] = True
    return done


def _starts_printable(s: pd.Series) -> np.ndarray | None:
    """Per cell: does it start with a printable ASCII character ('!'..'~')? Such a cell is
    certainly not blank. Read from the Arrow buffers (offsets and first bytes) without
    touching the strings; ``None`` when the column is not plain Arrow text."""
    if not _is_str_dtype(s.dtype) or s.dtype.storage != "pyarrow":
        return None
    parts = []
    for chunk in pa.chunked_array(pa.array(s.array)).chunks:
        if chunk.null_count or not (
            pa.types.is_large_string(chunk.type) or pa.types.is_string(chunk.type)
        ):
            return None
        m = len(chunk)
        _, off_buf, data_buf = chunk.buffers()
        if m == 0:
            continue
        off_type = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        raw_offsets = np.frombuffer(off_buf, dtype=off_type)
        offsets = raw_offsets[chunk.offset : chunk.offset + m + 1].astype(np.int64, copy=False)
        data = (
            np.frombuffer(data_buf, dtype=np.uint8)
            if data_buf is not None
            else np.zeros(0, np.uint8)
        )
        starts = offsets[:-1]
        nonempty = offsets[1:] > starts
        if not len(data):
            parts.append(np.zeros(m, dtype=bool))
            continue
        first = data[np.minimum(starts, len(data) - 1)]
        parts.append(nonempty & (first > 0x20) & (first < 0x7F))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def _read_text(
    name: str, filename: str, data: bytes, ext: str
) -> tuple[list[RawTable], list[tuple[str, str]]]:
    encoding, sample = _detect_encoding(data)
    _check_textual(name, sample)
    nul = -1 if encoding.startswith("utf-16") or encoding == "utf-32" else data.find(b"\x00")
    if nul >= 0:  # the sample had none; a NUL further on is refused the same way
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(
            f"{name} is not a text spreadsheet: line {line:,} holds binary data (a NUL byte); "
            "open the file in your spreadsheet program, save it as CSV and upload that."
        )
    if not sample.strip():
        raise InputError(f"{name} is empty.")
    delimiter = _sniff_delimiter(sample, ext)
    ncols = _max_fields(sample, delimiter)
    try:
        frame = _parse_text(
            name, data, encoding, delimiter, ncols, "strict" if encoding == "utf-8" else "replace"
        )
    except UnicodeDecodeError:
        # Valid UTF-8 at the start only. Non-ASCII UTF-8 in the sample is strong evidence
        # of UTF-8 with a damaged byte (replace it); pure ASCII means a cp1252 file.
        if sample.isascii():
            encoding = "cp1252"
        frame = _parse_text(name, data, encoding, delimiter, ncols, "replace")
    nonblank = _nonblank_mask(frame, list(frame.columns))
    if not nonblank.any():
        raise InputError(f"{name} is empty (no cell has any content).")
    first = int(np.argmax(nonblank))
    scan = frame.iloc[first : first + _HEADER_SCAN_ROWS + 10]
    top: list[list[object]] = [
        [(str(v).strip() or None) for v in row] for row in scan.to_numpy(dtype=object)
    ]
    h = first + _find_header(top)
    body = frame.iloc[h + 1 :]
    mask = nonblank[h + 1 :]
    if not mask.any():
        raise InputError(f"{name} has a header row but no data rows.")
    header_cells = [_header_text(v) for v in frame.iloc[h].tolist()]
    keep: list[int] = []
    for pos, col in enumerate(frame.columns):
        if header_cells[pos] or _nonblank_mask(body[[col]], [col]).any():
            keep.append(pos)
    header = _unique_header([header_cells[p] for p in keep], keep)
    if mask.all():  # the usual case: no blank rows, so no row selection (and no copy)
        rows = body if len(keep) == frame.shape[1] else body.iloc[:, keep]
    else:
        rows = body.iloc[np.flatnonzero(mask), keep]
    rows = rows.set_axis(header, axis=1).reset_index(drop=True)
    row_array = np.flatnonzero(mask).astype(np.int64) + (h + 2)
    table = RawTable(
        file=filename,
        sheet=None,
        header=header,
        rows=rows,
        row_numbers=row_array.tolist(),
        header_row=h + 1,
        encoding=encoding,
        delimiter=delimiter,
        row_array=row_array,
    )
    return [table], []


# =========================================================================== header
def _is_label(value: object) -> bool:
    """A header-like cell: short text with at least one letter (not a number or date)."""
    return isinstance(value, str) and 0 < len(value) <= 80 and any(ch.isalpha() for ch in value)


def _find_header(top: list[list[object]]) -> int:
    """Index (0-based) of the most header-like row among the first rows.

    ``top`` holds cleaned cells (``None`` when empty). Scoring: share of label cells,
    width relative to the rows below, label-over-number/date contrast, distinct labels,
    only narrow (title) rows above, data rows below; earlier rows win ties.

    Examples
    --------
    >>> _find_header([["My job search 2026", None, None], [None, None, None],
    ...               ["Company", "Applied", "Status"], ["Acme", "2026-01-05", "Rejected"]])
    2
    """
    counts = [len(row) - row.count(None) for row in top]
    widest = max(counts, default=0)
    min_cells = 2 if widest >= 2 else 1
    best_i, best_score = 0, float("-inf")
    first_nonblank = next((i for i, c in enumerate(counts) if c), 0)
    first_table_row = next((i for i, c in enumerate(counts) if c >= min_cells), 0)
    for i in range(min(_HEADER_SCAN_ROWS, len(top))):
        row, n = top[i], counts[i]
        if n < min_cells:
            continue
        below_idx = [j for j in range(i + 1, len(top)) if counts[j]][:5]
        below = [top[j] for j in below_idx]
        width = max([n] + [counts[j] for j in below_idx])
        labels = [j for j, v in enumerate(row) if _is_label(v)]
        score = (len(labels) / n) * (n / width) ** 0.5
        if below:
            score += 0.5
            contrast = 0
            for j in labels:
                col = [r[j] for r in below if j < len(r) and r[j] is not None]
                if col and sum(not _is_label(v) for v in col) * 2 > len(col):
                    contrast += 1
            score += 0.25 * contrast / n
        texts = [str(row[j]).casefold() for j in labels]
        if texts:
            score += 0.1 * len(set(texts)) / len(texts)
        if max(counts[:i], default=0) * 2 <= n:  # at the top, or below title rows only
            score += 0.2
        if i == first_table_row:  # most tables start with their header: a prior, by width
            score += 0.3 * n / width
        score -= 0.01 * i
        if score > best_score:
            best_i, best_score = i, score
    if best_score == float("-inf"):
        best_i = first_nonblank
    return best_i


def _header_text(value: object) -> str:
    """Text of a header cell: stripped; dates as ISO; integral numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value).strip()


def _unique_header(cells: list[str], positions: list[int]) -> list[str]:
    """Fill empty cells with ``Column N`` (1-based file position) and de-duplicate.

    Examples
    --------
    >>> _unique_header(["Status", "", "Status", "status"], [0, 1, 2, 3])
    ['Status', 'Column 2', 'Status (2)', 'status']
    """
    named = [c if c else f"Column {p + 1}" for c, p in zip(cells, positions, strict=False)]
    seen: set[str] = set()
    out: list[str] = []
    for cell in named:
        candidate, k = cell, 1
        while candidate in seen:
            k += 1
            candidate = f"{cell} ({k})"
        seen.add(candidate)
        out.append(candidate)
    return out


# =========================================================================== workbooks
def _clean_rows(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """Strip text (empty -> None) and turn integral floats into int, cell by cell."""
    return [
        [
            (v.strip() or None)
            if v.__class__ is str
            else (int(v) if v.__class__ is float and v.is_integer() and -9e15 < v < 9e15 else v)
            for v in row
        ]
        for row in rows
    ]


_HEADER_ONLY = "has a header row but no data rows"


def _read_sheet(book: Any, meta: Any, filename: str) -> RawTable | str:
    """One sheet's table, or why the sheet holds none (completing "sheet 'X' …")."""
    sheet = str(meta.name)
    if "chart" in str(meta.typ).lower():
        return "is a chart sheet (no table)"
    try:
        raw = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - calamine errors, or a Rust panic
        return f"could not be read: {_one_line(str(exc))[:200]}"
    cleaned = _clean_rows(raw)
    counts = [len(row) - row.count(None) for row in cleaned]
    if not any(counts):
        return "is empty"
    if max(counts) < 2:
        return (
            f"holds no table, only {sum(counts)} scattered cell(s) (a dashboard, charts or notes?)"
        )
    first = next(i for i, c in enumerate(counts) if c)
    h = first + _find_header(cleaned[first : first + _HEADER_SCAN_ROWS + 10])
    if not any(counts[h + 1 :]):
        return _HEADER_ONLY
    return _table_from_cells(filename, sheet, cleaned, counts, h)


def _read_workbook(
    name: str, filename: str, data: bytes
) -> tuple[list[RawTable], list[tuple[str, str]]]:
    import python_calamine  # local: only needed for workbooks

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        metadata = list(book.sheets_metadata)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - calamine errors, or a Rust panic
        raise InputError(
            f"{name} could not be opened as a workbook (damaged or truncated?): "
            f"{_one_line(str(exc))[:200]}"
        ) from None
    tables: list[RawTable] = []
    skipped: list[tuple[str, str]] = []
    header_only = 0
    for meta in metadata:
        sheet = str(meta.name)
        found = _read_sheet(book, meta, filename)
        if isinstance(found, RawTable):
            tables.append(found)
        else:
            header_only += found == _HEADER_ONLY
            skipped.append((sheet, f"sheet {sheet!r} {found}"))
    if not tables:
        if header_only:
            raise InputError(f"{name} has a header row but no data rows.")
        reasons = "; ".join(r for _, r in skipped) or "it has no sheets"
        if any("could not be read" in r for _, r in skipped):
            raise InputError(f"{name} is damaged and could not be read ({reasons}).")
        raise InputError(f"{name} holds no table of data ({reasons}).")
    return tables, skipped


def _table_from_cells(
    filename: str, sheet: str, cleaned: list[list[object]], counts: list[int], h: int
) -> RawTable:
    width = max(len(r) for r in cleaned)
    header_cells = [_header_text(v) for v in cleaned[h]] + [""] * (width - len(cleaned[h]))
    body_idx = [i for i in range(h + 1, len(cleaned)) if counts[i]]
    frame = pd.DataFrame([cleaned[i] for i in body_idx], dtype=object)
    if frame.shape[1] < width:
        frame = frame.reindex(columns=range(width)).astype(object)
        frame = frame.where(frame.notna(), None)
    used = frame.notna().any(axis=0).to_numpy()
    keep = [p for p in range(width) if header_cells[p] or used[p]]
    header = _unique_header([header_cells[p] for p in keep], keep)
    rows = frame.iloc[:, keep].set_axis(header, axis=1)
    return RawTable(
        file=filename,
        sheet=sheet,
        header=header,
        rows=rows.reset_index(drop=True),
        row_numbers=[i + 1 for i in body_idx],
        header_row=h + 1,
        encoding=None,
        delimiter=None,
    )
