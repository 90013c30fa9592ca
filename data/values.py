"""Cells to typed values: dates, yes/no, status words, sources, event kinds, counts.

Every function takes a whole column (``pd.Series`` of raw cells: ``str`` from CSV, or
python objects from XLSX) and returns new Series with the same index; the input is never
mutated. Work is done once per *distinct* value and mapped back with vectorised
indexing, and string matching of dates runs in Arrow's compiled regex engine, so 1M-row
columns with a few thousand distinct values take well under a second.

The word lists themselves live in :mod:`data.vocab`.

Examples
--------
>>> import pandas as pd
>>> col = parse_dates(pd.Series(["25/12/2025", "03/04/2025", "", "soon"]))
>>> col.order, [d.strftime("%Y-%m-%d") if pd.notna(d) else None for d in col.values]
('dayfirst', ['2025-12-25', '2025-04-03', None, None])
>>> col.failed.tolist()
[False, False, False, True]
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data import vocab
from data.schema import EVENT_KINDS, OUTCOME_DTYPE, SOURCE_DTYPE, STAGE_DTYPE

__all__ = [
    "DateColumn",
    "StatusColumn",
    "parse_dates",
    "parse_yes_no",
    "parse_status",
    "parse_source",
    "parse_event_kind",
    "parse_count",
]

#: Plausible years for an application log; dates outside are treated as unreadable.
MIN_YEAR, MAX_YEAR = 1990, 2100
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")
#: Excel serial numbers (1900 date system) of 1990-01-01 and 2101-01-01.
MIN_SERIAL = int((np.datetime64(f"{MIN_YEAR}-01-01", "D") - _EXCEL_EPOCH).astype(int))
MAX_SERIAL = int((np.datetime64(f"{MAX_YEAR + 1}-01-01", "D") - _EXCEL_EPOCH).astype(int))
_NAT = np.datetime64("NaT", "ns")
#: Above this many rows, a column whose first cells are mostly distinct is read row by
#: row instead of being deduplicated first (hashing a million distinct strings is slower).
_MANY = 20_000


# =========================================================================== dates
@dataclass
class DateColumn:
    """A column read as dates.

    Attributes
    ----------
    values : pd.Series
        ``datetime64[ns]`` normalised to midnight; NaT where blank or unreadable.
    failed : pd.Series
        bool; True where the cell is non-blank but could not be read as a date.
    order : str
        How day/month were read: ``"dayfirst"``, ``"monthfirst"`` or ``"mixed"`` when the
        column holds ``d/m/y``-style cells; otherwise ``"iso"`` (only unambiguous forms:
        ISO, ``Y.M.D``, month names), ``"serial"`` (mostly Excel serial numbers) or
        ``"none"`` (no date read at all).
    ambiguous : bool
        True when the column has ``d/m/y``-style cells but no cell decides the order
        (all parts <= 12).
    note : str | None
        Human sentences for the import report (ambiguity, contradicting cells, partial
        dates, cells holding two dates, serial numbers); ``None`` when there is nothing to
        say. Unreadable cells are not listed here: they are in ``failed``.
    """

    values: pd.Series
    failed: pd.Series
    order: str
    ambiguous: bool
    note: str | None
    #: bool per cell: the date was given only as a month (``2025-08``), read as the 1st
    month_only: pd.Series | None = None


# --- patterns (RE2 syntax, run by pyarrow on distinct strings) ---------------------------
_TIME_BODY = (
    r"(?:T|[\s,]+|\s*@\s*)\d{1,2}[:.h]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*"
    r"(?:[ap]\.?\s?m\.?)?\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?"
)
_TIME_RE = r"(?i)" + _TIME_BODY + "$"
_NUM = r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}"
_MULTI_RE = (
    rf"^({_NUM})\s*(?:&|\+|,|;|/|\||-|–|—|(?i:and|to|or|bis|und|et|y))\s*{_NUM}"
    r"(?:\s*(?:&|\+|,|;|/|\||-|–|—|(?i:and|to|or|bis|und|et|y))\s*" + _NUM + r")*$"
)
_NUM_RE = r"^(?P<a>\d{1,4})(?P<s1>[/.\-])(?P<b>\d{1,2})(?P<s2>[/.\-])(?P<c>\d{1,4})\.?$"
_COMPACT_RE = r"^(?P<y>(?:19|20|21)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)$"
_YM_RE = r"^(?P<y>\d{4})[/.\-](?P<m>\d{1,2})$"
_MY_RE = r"^(?P<m>\d{1,2})[/.\-](?P<y>\d{4})$"
_SERIAL_STR_RE = r"^\d{5}(?:\.\d+)?$"

# --- month names (python re; only for the few distinct cells with letters) ----------------
_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "jan january januar janvier enero gennaio janeiro jän jänner januari 一月",
        "feb february februar février fevrier febrero febbraio fevereiro februari 二月",
        "mar march märz maerz mrz mars marzo março maart mrt 三月",
        "apr april avril abril aprile 四月",
        "may mai mayo maggio maio mei 五月",
        "jun june juni juin junio giugno junho 六月",
        "jul july juli juillet julio luglio julho 七月",
        "aug august août aout agosto augustus 八月",
        "sep sept september septembre septiembre settembre setembro 九月",
        "oct october oktober okt octobre octubre ottobre outubro 十月",
        "nov november novembre noviembre novembro 十一月",
        "dec december dezember dez décembre decembre diciembre dicembre dezembro 十二月",
    ],
    start=1,
):
    for _n in _names.split():
        _MONTHS[_n] = _i
# weekday names in the languages read (English, French, Spanish, Portuguese, Italian, German,
# Dutch), short or whole: "Mon 5 May 2025", "lun. 5 mai 2025", "Montag, 5. Mai 2025"
_WEEKDAY = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|mié|mie|jeu|jue|ven|vie|sam|sáb|sab|"
    r"dim|dom|seg|ter|qua|qui|sex|gio|mo|di|mi|do|fr|sa|so|ma|wo|vr|za|zo)"
    r"[^\W\d_]*(?:-feira)?\.?,?\s+)?"
)
_ORD = r"(?:st|nd|rd|th|er|\.)?"
_MDY_PY = re.compile(
    rf"^{_WEEKDAY}([^\W\d_]{{3,}})\.?[\s\-/]*(\d{{1,2}}){_ORD}(?:,\s*|[\s\-/]+)(\d{{4}}|\d{{2}})$",
    re.I,
)
_DMY_PY = re.compile(
    rf"^{_WEEKDAY}(\d{{1,2}}){_ORD}[\s\-/]*([^\W\d_]{{3,}})\.?,?[\s\-/]*(\d{{4}}|\d{{2}})$", re.I
)
_MY_PY = re.compile(r"^([^\W\d_]{3,})\.?,?[\s\-/]*(\d{4})$")
_DE = re.compile(r"\s+d[eo]l?\s+", re.I)


def _month_name(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip("."))


def _parse_named(text: str) -> tuple[int, int, int, bool] | None:
    """(year, month, day, partial) for month-name dates such as ``15 Jan 2025``
    (and ``5 de marzo de 2025``: Spanish and Portuguese join the parts with "de")."""
    s = _DE.sub(" ", text.strip())
    m = _MDY_PY.match(s)
    if m and _month_name(m.group(1)):
        return int(m.group(3)), _month_name(m.group(1)), int(m.group(2)), False  # type: ignore[return-value]
    m = _DMY_PY.match(s)
    if m and _month_name(m.group(2)):
        return int(m.group(3)), _month_name(m.group(2)), int(m.group(1)), False  # type: ignore[return-value]
    m = _MY_PY.match(s)
    if m and _month_name(m.group(1)):
        return int(m.group(2)), _month_name(m.group(1)), 1, True  # type: ignore[return-value]
    return None


def _full_year(y: np.ndarray, ndigits: np.ndarray) -> np.ndarray:
    """Two-digit years: 00-69 -> 2000s, 70-99 -> 1900s (as Excel and strptime do)."""
    two = ndigits <= 2
    return np.where(two, np.where(y < 70, 2000 + y, 1900 + y), y)


def _ymd_to_ns(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Vectorised (year, month, day) -> datetime64[ns]; NaT where not a real date in range."""
    y = np.asarray(y, dtype=np.int64)
    m = np.asarray(m, dtype=np.int64)
    d = np.asarray(d, dtype=np.int64)
    ok = (y >= MIN_YEAR) & (y <= MAX_YEAR) & (m >= 1) & (m <= 12) & (d >= 1)
    ys, ms = np.where(ok, y, 2000), np.where(ok, m, 1)
    month_start = ((ys - 1970) * 12 + (ms - 1)).astype("datetime64[M]")
    days_in = (
        (month_start + 1).astype("datetime64[D]") - month_start.astype("datetime64[D]")
    ).astype(np.int64)
    ok &= d <= days_in
    out = month_start.astype("datetime64[D]") + np.where(ok, d - 1, 0).astype("timedelta64[D]")
    out = out.astype("datetime64[ns]")
    out[~ok] = _NAT
    return out


def _serial_to_ns(x: np.ndarray) -> np.ndarray:
    """Excel serial day numbers (1900 system) -> datetime64[ns]; NaT outside 1990..2100."""
    x = np.asarray(x, dtype=np.float64)
    ok = np.isfinite(x) & (x >= MIN_SERIAL) & (x < MAX_SERIAL)
    days = np.floor(np.where(ok, x, 0)).astype(np.int64)
    out = (_EXCEL_EPOCH + days.astype("timedelta64[D]")).astype("datetime64[ns]")
    out[~ok] = _NAT
    return out


def _object_to_ns(v: object) -> np.datetime64 | None:
    """A datetime-like python object -> datetime64[ns] at midnight (NaT if out of range);
    ``None`` when ``v`` is not datetime-like."""
    if isinstance(v, (pd.Timestamp, _dt.datetime)):
        ts = v if v.tzinfo is None else pd.Timestamp(v).tz_localize(None)
        y, m, d = ts.year, ts.month, ts.day
    elif isinstance(v, _dt.date):
        y, m, d = v.year, v.month, v.day
    elif isinstance(v, np.datetime64):
        if np.isnat(v):
            return _NAT
        ts = (
            pd.Timestamp(v)
            if MIN_YEAR - 1 < v.astype("datetime64[Y]").astype(int) + 1970 <= MAX_YEAR + 1
            else None
        )
        if ts is None:
            return _NAT
        y, m, d = ts.year, ts.month, ts.day
    else:
        return None
    return _ymd_to_ns(np.array([y]), np.array([m]), np.array([d]))[0]


def _is_missing(v: object) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, np.floating) and np.isnan(v):
        return True
    return False


def _factorize(
    values: pd.Series,
) -> tuple[np.ndarray, np.ndarray | pd.api.extensions.ExtensionArray]:
    """``pd.factorize`` that survives unhashable cells (lists, dicts ... become a
    non-blank placeholder text that no parser understands)."""
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    except TypeError:

        def hashable(v: object) -> object:
            try:
                hash(v)
            except TypeError:
                return f"<unreadable {type(v).__name__}: {v!r:.30}>"
            return v

        safe = values.map(hashable)
        codes, uniques = pd.factorize(safe, use_na_sentinel=True)
    return np.asarray(codes), getattr(uniques, "array", uniques)


def _arrow_factorize(values: pd.Series) -> tuple[np.ndarray, pa.Array] | None:
    """Faster factorize for Arrow-backed string columns: (codes with -1 for NA, distinct
    strings)."""
    dtype = values.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    try:
        arr = pa.array(values.array)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        return None
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    n = len(arr)
    if n > _MANY:
        # many distinct values (timestamps with seconds, free text): skip the costly
        # dictionary; rows are processed directly and deduplicated after times are cut
        head = arr.slice(0, 4000)
        if len(pc.unique(head)) > 0.5 * len(head):
            codes = np.arange(n, dtype=np.int64)
            if arr.null_count:
                codes[arr.is_null().to_numpy(zero_copy_only=False)] = -1
            return codes, pc.fill_null(arr, "").cast(pa.large_string())
    enc = pc.dictionary_encode(arr)
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.combine_chunks()
    codes = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, enc.dictionary.cast(pa.large_string())


def _mostly_distinct(values: pd.Series) -> bool:
    """True when the first few thousand cells are mostly different from each other."""
    head = values.iloc[:4000]
    try:
        return len(pd.unique(head)) > 0.5 * len(head)
    except TypeError:
        return True


def _row_weights(codes: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(codes[codes >= 0], minlength=n).astype(np.int64)


def _fmt_example(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass
class _StrDates:
    """Per distinct string: what its text says (before the column-level decisions)."""

    ns: np.ndarray  # datetime64[ns] of unambiguous readings (NaT otherwise)
    serial: np.ndarray  # float64 serial value or NaN
    dm: np.ndarray  # bool: d/m/y-style, needs the order decision
    a: np.ndarray  # first part (d/m/y-style)
    b: np.ndarray  # second part
    year: np.ndarray  # full year (d/m/y-style)
    dot: np.ndarray  # bool: d/m/y-style with '.' separators
    partial: np.ndarray  # bool: month and year only
    multi: np.ndarray  # bool: held several dates, first taken
    text: np.ndarray  # object: the stripped text (for examples)


def _to_arrow_strings(values: object) -> pa.Array:
    """A string ExtensionArray / sequence -> ``pa.large_string`` array (zero-copy when
    Arrow-backed)."""
    try:
        arr = pa.array(values)
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
            return arr.cast(pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        pass
    return pa.array(list(np.asarray(values, dtype=object)), type=pa.large_string())


def _int_field(struct: pa.StructArray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(int64 values with 0 where null, digit counts) of one extracted field."""
    f = pc.if_else(struct.is_valid(), struct.field(name), pa.scalar("0", struct.field(name).type))
    n = pc.utf8_length(f).to_numpy(zero_copy_only=False)
    vals = pc.cast(pc.fill_null(f, "0"), pa.int64()).to_numpy(zero_copy_only=False)
    return vals.astype(np.int64), np.nan_to_num(n.astype(np.float64)).astype(np.int64)


_MAYBE_DATE_RE = (
    r"(?i)^(?:"
    r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}.*"  # numeric d/m/y, y-m-d (+ more)
    r"|\d{8}|\d{5}(?:\.\d+)?|\d{4}[/.\-]\d{1,2}|\d{1,2}[/.\-]\d{4}"  # compact, serial, partial
    r"|\d{4}\s*年.*"
    r"|(?:[\pL\-]+\.?,?\s+)?\d{1,2}(?:st|nd|rd|th|er|\.)?[\s\-/]*(?:d[eo]l?\s+)?\pL{3,}"
    r"\.?,?[\s\-/]*(?:d[eo]l?\s+)?\d{2,4}"
    r"|(?:[\pL\-]+\.?,?\s+)?\pL{3,}\.?[\s\-/]*\d{1,2}(?:st|nd|rd|th|\.)?,?[\s\-/]*\d{2,4}"
    r"|\pL{3,}\.?,?[\s\-/]*(?:d[eo]l?\s+)?\d{4}"
    r")(?:" + _TIME_BODY + ")?$"
)


def _empty_str_dates(n: int) -> _StrDates:
    return _StrDates(
        ns=np.full(n, _NAT),
        serial=np.full(n, np.nan),
        dm=np.zeros(n, dtype=bool),
        a=np.zeros(n, dtype=np.int64),
        b=np.zeros(n, dtype=np.int64),
        year=np.zeros(n, dtype=np.int64),
        dot=np.zeros(n, dtype=bool),
        partial=np.zeros(n, dtype=bool),
        multi=np.zeros(n, dtype=bool),
        text=np.full(n, "", dtype=object),
    )


def _classify_dates(core: pa.Array) -> _StrDates:
    """Read strings that look like dates (vectorised via pyarrow regexes)."""
    n = len(core)
    text = np.asarray(core.to_numpy(zero_copy_only=False), dtype=object)
    if pc.any(pc.match_substring(core, "年")).as_py():
        core = pc.replace_substring_regex(core, r"(\d)\s*[年月]\s*(\d)", r"\1-\2")
        core = pc.replace_substring_regex(core, r"(\d)\s*[年月]\s*(\d)", r"\1-\2")
        core = pc.replace_substring_regex(core, r"(\d)\s*[日月]$", r"\1")
    first = pc.replace_substring_regex(core, _MULTI_RE, r"\1")
    multi = pc.not_equal(first, core).to_numpy(zero_copy_only=False)
    core = pc.replace_substring_regex(first, _TIME_RE, "")

    out = _empty_str_dates(n)
    out.text[:] = text
    out.multi[:] = multi
    ns, serial, dm, a, b, year, dot, partial = (
        out.ns,
        out.serial,
        out.dm,
        out.a,
        out.b,
        out.year,
        out.dot,
        out.partial,
    )
    done = np.zeros(n, dtype=bool)

    # d/m/y, m/d/y, y-m-d (any of / . -), with optional time already stripped
    ex = pc.extract_regex(core, _NUM_RE)
    hit = ex.is_valid().to_numpy(zero_copy_only=False) & ~done
    if hit.any():
        pa_, la = _int_field(ex, "a")
        pb, _lb = _int_field(ex, "b")
        pcv, lc = _int_field(ex, "c")
        s1 = np.asarray(ex.field("s1").to_numpy(zero_copy_only=False), dtype=object)
        s2 = np.asarray(ex.field("s2").to_numpy(zero_copy_only=False), dtype=object)
        same_sep = s1 == s2
        ymd = hit & (la == 4) & (lc <= 2) & same_sep
        ns[ymd] = _ymd_to_ns(pa_[ymd], pb[ymd], pcv[ymd])
        yl = hit & (la <= 2) & ((lc == 2) | (lc == 4)) & same_sep
        dm[yl] = True
        a[yl], b[yl] = pa_[yl], pb[yl]
        year[yl] = _full_year(pcv[yl], lc[yl])
        dot[yl] = s1[yl] == "."
        done |= hit

    for pattern, is_partial in ((_COMPACT_RE, False), (_YM_RE, True), (_MY_RE, True)):
        ex = pc.extract_regex(core, pattern)
        hit = ex.is_valid().to_numpy(zero_copy_only=False) & ~done
        if hit.any():
            yv, _ = _int_field(ex, "y")
            mv, _ = _int_field(ex, "m")
            dv = _int_field(ex, "d")[0] if not is_partial else np.ones(n, dtype=np.int64)
            ns[hit] = _ymd_to_ns(yv[hit], mv[hit], dv[hit])
            partial[hit] = is_partial
            done |= hit

    hit = pc.match_substring_regex(core, _SERIAL_STR_RE).to_numpy(zero_copy_only=False) & ~done
    if hit.any():
        serial[hit] = np.asarray(
            core.filter(pa.array(hit)).to_numpy(zero_copy_only=False), dtype=np.float64
        )
        done |= hit

    # the rest: month names, in python (few distinct values)
    rest = np.flatnonzero(~done)
    if len(rest):
        core_np = core.to_numpy(zero_copy_only=False)
        for i in rest:
            got = _parse_named(core_np[i])
            if got is not None:
                y, m, d, part = got
                yy = _full_year(np.array([y]), np.array([len(str(y))]))
                ns[i] = _ymd_to_ns(yy, np.array([m]), np.array([d]))[0]
                partial[i] = part
    return out


def _decide_order(
    sd: _StrDates, w: np.ndarray, dayfirst: bool | None
) -> tuple[np.ndarray, str | None, bool, str | None]:
    """Day/month order for the d/m/y-style cells of one column.

    Returns (dates per distinct value, note, ambiguous, order or None when no such cells).
    """
    ns = sd.ns.copy()
    if not sd.dm.any():
        return ns, None, False, None
    a, b = sd.a, sd.b
    proves_df = sd.dm & (a > 12) & (b <= 12)
    proves_mf = sd.dm & (b > 12) & (a <= 12)
    n_df, n_mf = int(w[proves_df].sum()), int(w[proves_mf].sum())
    note: str | None = None
    ambiguous = False
    if n_df and n_mf:
        order = "mixed"
        use_df = n_df > n_mf or (n_df == n_mf and bool(dayfirst))
        losers = proves_mf if use_df else proves_df
        note = (
            f"the column mixes day-first and month-first dates; read as "
            f"{'day-first' if use_df else 'month-first'} (the majority), and "
            f"{int(w[losers].sum())} cell(s) that only fit the other order "
            f"(e.g. {_fmt_example(sd.text[losers][0])!r}) were not read"
        )
    elif n_df or n_mf:
        use_df = bool(n_df)
        order = "dayfirst" if use_df else "monthfirst"
    else:
        ambiguous = True
        if dayfirst is not None:
            use_df, why = dayfirst, "as set"
        elif sd.dot[sd.dm].all():
            use_df, why = True, "the usual meaning of dates written with dots"
        else:
            use_df, why = False, "the US convention"
        order = "dayfirst" if use_df else "monthfirst"
        note = (
            f"dates like {_fmt_example(sd.text[sd.dm][0])!r} could be day- or month-first "
            f"and no date in the column settles it; read as "
            f"{'day-first' if use_df else 'month-first'} ({why}). If that is wrong, "
            f"writing the dates as YYYY-MM-DD makes them unambiguous"
        )
    day = np.where(use_df, a, b)
    month = np.where(use_df, b, a)
    ns[sd.dm] = _ymd_to_ns(sd.year[sd.dm], month[sd.dm], day[sd.dm])
    return ns, note, ambiguous, order


def parse_dates(
    values: pd.Series, *, dayfirst: bool | None = None, counts: np.ndarray | pd.Series | None = None
) -> DateColumn:
    """Read a column of dates written in any of the usual ways.

    Accepted: ISO ``2026-08-15`` (with or without a time), ``Y.M.D`` / ``Y/M/D``,
    ``d/m/Y``, ``m/d/Y``, ``d.m.Y``, ``d-m-Y`` with 2- or 4-digit years (00-69 -> 20xx),
    LinkedIn's ``8/15/26, 10:32 AM``, ``YYYYMMDD``, month names in English, German,
    French, Spanish and Italian (``15 Jan 2025``, ``Jan 15, 2025``, ``January 15, 2025``),
    ``2025年1月24日``, partial ``2025-08`` / ``08/2025`` / ``Aug 2025`` (read as the 1st),
    Excel serial numbers (1900 system) as numbers or 5-digit strings, python/pandas/numpy
    datetime objects, and a cell holding several dates (``8/5/2019 & 8/14/2019``: the first
    is taken). Years outside 1990..2100 are unreadable.

    Day/month order is decided once for the whole column: a first part > 12 proves
    day-first, a second part > 12 proves month-first. Both -> ``order="mixed"``: the
    majority order is used and the contradicting cells fail. Neither -> ``ambiguous``:
    ``dayfirst`` is used when given, else day-first when every such cell uses dots
    (``03.04.2025`` is German/European usage), else month-first (US); ``note`` says so.

    Excel serials are accepted when at least as many cells are dates or serials as are
    unreadable text (so a column of ids or counts is not turned into dates).

    Blank cells (empty, whitespace, ``null``, ``none``, ``n/a``, ``-``, ``—``, ``TBD``,
    ``待定``) are NaT and not failed; every other cell is either a date or failed.

    Parameters
    ----------
    values : pd.Series
        Raw cells (strings, numbers, datetimes, None ...). Not modified.
    dayfirst : bool, optional
        Order to use when the column itself does not decide it.
    counts : array-like of int, optional
        When ``values`` already holds distinct values, the number of cells each stands
        for (same length as ``values``). Used for the majority decision of a mixed
        column and for the cell counts in ``note``; the output stays one entry per value.

    Returns
    -------
    DateColumn

    Examples
    --------
    >>> c = parse_dates(pd.Series(["03/04/2025", "8/15/26, 10:32 AM", "n/a", 45292]))
    >>> c.order, c.ambiguous, [str(d.date()) for d in c.values.dropna()]
    ('monthfirst', False, ['2025-03-04', '2026-08-15', '2024-01-01'])
    """
    if not isinstance(values, pd.Series):
        raise ValueError(f"parse_dates expects a pandas Series, got {type(values).__name__}")
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return _datetime_column(values)
    codes, uniques, weights = _distinct_with_weights(values, counts)
    d = _DistinctDates.empty(len(uniques))
    str_pos, str_vals = _split_by_type(uniques, d)
    if len(str_pos):
        _read_date_strings(str_pos, str_vals, weights[str_pos], dayfirst, d)
    n_dates, n_serial, use_serials = _accept_serials(weights, d)
    if d.order_dm is not None:
        order = d.order_dm
    elif n_dates == 0 and (n_serial == 0 or not use_serials):
        order = "none"
    elif use_serials and n_serial > n_dates:
        order = "serial"
    else:
        order = "iso"
    notes = ([d.dm_note] if d.dm_note else []) + d.notes
    note = " ".join(n[0].upper() + n[1:] + "." for n in notes) if notes else None
    return _dates_by_row(codes, d, values.index, order, note)


@dataclass
class _DistinctDates:
    """What :func:`parse_dates` has found out about each distinct value so far."""

    ns: np.ndarray  # datetime64[ns] as int64, _NAT where none
    blank: np.ndarray  # bool
    serial: np.ndarray  # float, NaN where not a number
    failed_other: np.ndarray  # bool: not a date, not a serial
    month: np.ndarray  # bool: given only as a month
    notes: list[str]
    dm_note: str | None = None
    ambiguous: bool = False
    order_dm: str | None = None

    @classmethod
    def empty(cls, n: int) -> _DistinctDates:
        return cls(
            ns=np.full(n, _NAT),
            blank=np.zeros(n, dtype=bool),
            serial=np.full(n, np.nan),
            failed_other=np.zeros(n, dtype=bool),
            month=np.zeros(n, dtype=bool),
            notes=[],
        )


def _datetime_column(values: pd.Series) -> DateColumn:
    """The whole-column fast path: a datetime column, normalised, years out of range failed."""
    s = values
    if getattr(s.dt, "tz", None) is not None:
        s = s.dt.tz_localize(None)
    s = s.astype("datetime64[ns]").dt.normalize()
    years = s.dt.year
    bad = s.notna() & ((years < MIN_YEAR) | (years > MAX_YEAR))
    s = s.mask(bad)
    return DateColumn(
        s,
        pd.Series(bad.to_numpy(), index=values.index, dtype=bool),
        "iso" if s.notna().any() else "none",
        False,
        None,
    )


def _distinct_with_weights(
    values: pd.Series, counts: np.ndarray | pd.Series | None
) -> tuple[np.ndarray, Any, np.ndarray]:
    """(row codes, distinct values, cells per distinct value)."""
    n_rows = len(values)
    fast = _arrow_factorize(values)
    if fast is None and n_rows > _MANY and values.dtype == object and _mostly_distinct(values):
        # e.g. values that are already distinct: hashing them again costs more than
        # reading each row once
        fast = (np.arange(n_rows, dtype=np.int64), values.to_numpy(dtype=object))
    codes, uniques = fast if fast is not None else _factorize(values)
    codes = np.asarray(codes)
    n_u = len(uniques)
    if counts is None:
        return codes, uniques, _row_weights(codes, n_u)
    cnt = np.asarray(counts, dtype=np.float64)
    if cnt.shape != (n_rows,) or not np.isfinite(cnt).all() or (cnt < 0).any():
        raise ValueError("parse_dates: counts must be one non-negative number per value")
    ok = codes >= 0
    weights = np.bincount(codes[ok], weights=cnt[ok], minlength=n_u).astype(np.int64)
    return codes, uniques, weights


def _split_by_type(uniques: Any, d: _DistinctDates) -> tuple[np.ndarray, pa.Array]:
    """Positions and Arrow array of the distinct values that are strings; numbers, date
    objects and missing markers are read into ``d`` on the way."""
    n_u = len(uniques)
    if isinstance(uniques, pa.Array):
        return np.arange(n_u), uniques
    if isinstance(uniques, pd.api.extensions.ExtensionArray) and pd.api.types.is_string_dtype(
        uniques.dtype
    ):
        return np.arange(n_u), _to_arrow_strings(uniques)
    if pd.api.types.is_numeric_dtype(
        getattr(uniques, "dtype", object)
    ) and not pd.api.types.is_bool_dtype(uniques.dtype):
        d.serial = np.asarray(uniques, dtype=np.float64)
        return np.arange(0), pa.array([], pa.large_string())
    obj = np.asarray(uniques, dtype=object)
    if pd.api.types.infer_dtype(obj, skipna=True) in ("string", "empty"):
        # only strings and missing markers (C-speed check, no python loop)
        is_str = ~pd.isna(obj)
        d.blank |= ~is_str
        return np.flatnonzero(is_str), pa.array(obj[is_str], type=pa.large_string())
    is_str = np.fromiter((isinstance(v, str) for v in obj), dtype=bool, count=n_u)
    for i in np.flatnonzero(~is_str).tolist():
        _read_date_object(obj[i], i, d)
    return np.flatnonzero(is_str), pa.array(list(obj[is_str]), type=pa.large_string())


def _read_date_object(v: object, i: int, d: _DistinctDates) -> None:
    """One distinct value that is not a string: missing, a bool, a number or a date."""
    if _is_missing(v):
        d.blank[i] = True
    elif isinstance(v, (bool, np.bool_)):
        d.failed_other[i] = True
    elif isinstance(v, (int, float, np.integer, np.floating)):
        d.serial[i] = float(v)
    else:
        got = _object_to_ns(v)
        if got is None or np.isnat(got):
            d.failed_other[i] = True
        if got is not None:
            d.ns[i] = got


def _blank_strings(arr: pa.Array, lengths: np.ndarray, maybe: np.ndarray) -> np.ndarray:
    """Which trimmed strings are blank placeholders (null, n/a, -, TBD, 待定 ...): short and
    without digits, or long and punctuation only ("----------")."""
    s_blank = lengths == 0
    long_rest = ~maybe & (lengths > 20)
    if long_rest.any():
        lr = np.flatnonzero(long_rest)
        long_rest[lr] = ~pc.match_substring_regex(arr.take(pa.array(lr)), r"[\pL\pN]").to_numpy(
            zero_copy_only=False
        )
    cand = np.flatnonzero((~maybe & (lengths > 0) & (lengths <= 20)) | long_rest)
    if len(cand):
        cand_arr = arr.take(pa.array(cand))
        no_digit = ~pc.match_substring_regex(cand_arr, r"\d").to_numpy(zero_copy_only=False)
        cand, cand_arr = cand[no_digit], cand_arr.filter(pa.array(no_digit))
        s_blank[cand] = [vocab.is_blank_word(t) for t in cand_arr.to_pylist()]
    return s_blank


def _read_date_strings(
    str_pos: np.ndarray,
    str_vals: pa.Array,
    weights: np.ndarray,
    dayfirst: bool | None,
    d: _DistinctDates,
) -> None:
    """Read the distinct strings into ``d``; the day/month order is decided here."""
    arr = pc.utf8_trim_whitespace(str_vals)
    lengths = pc.utf8_length(arr).to_numpy(zero_copy_only=False)
    maybe = pc.match_substring_regex(arr, _MAYBE_DATE_RE).to_numpy(zero_copy_only=False)
    s_blank = _blank_strings(arr, lengths, maybe)
    d.blank[str_pos] |= s_blank
    d.failed_other[str_pos] |= ~maybe & ~s_blank
    pos = np.flatnonzero(maybe)
    if not len(pos):
        return
    core = pc.replace_substring_regex(arr.filter(pa.array(maybe)), _TIME_RE, "")
    enc = pc.dictionary_encode(core)
    idx = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    sd = _classify_dates(enc.dictionary)
    w = np.bincount(idx, weights=weights[pos], minlength=len(sd.ns)).astype(np.int64)
    ns, d.dm_note, d.ambiguous, d.order_dm = _decide_order(sd, w, dayfirst)
    target = str_pos[pos]
    d.ns[target] = ns[idx]
    d.serial[target] = sd.serial[idx]
    d.failed_other[target] |= np.isnan(sd.serial[idx]) & np.isnat(ns[idx])
    k = sd.partial & ~np.isnat(ns)
    d.month[target] = k[idx]
    if k.any():
        d.notes.append(
            f"{int(w[k].sum())} cell(s) give only a month (e.g. "
            f"{_fmt_example(sd.text[k][0])!r}); read as the 1st of that month"
        )
    k = sd.multi & ~np.isnat(ns)
    if k.any():
        d.notes.append(
            f"{int(w[k].sum())} cell(s) hold more than one date (e.g. "
            f"{_fmt_example(sd.text[k][0])!r}); the first date was used"
        )


def _accept_serials(weights: np.ndarray, d: _DistinctDates) -> tuple[int, int, bool]:
    """Excel serials are accepted when the column is mostly dates/serials.

    Returns ``(cells read as dates, cells that are serials, serials used)``."""
    is_serial_cand = ~np.isnan(d.serial)
    serial_ns = _serial_to_ns(d.serial)
    serial_ok = is_serial_cand & ~np.isnat(serial_ns)
    n_dates = int(weights[~np.isnat(d.ns)].sum())
    n_serial = int(weights[serial_ok].sum())
    n_bad = int(weights[d.failed_other | (is_serial_cand & ~serial_ok)].sum())
    use_serials = n_serial > 0 and (n_dates + n_serial) >= n_bad
    if use_serials:
        d.ns = np.where(serial_ok, serial_ns, d.ns)
        if n_dates:
            d.notes.append(
                f"{n_serial:,} cell(s) were Excel date numbers (e.g. "
                f"{d.serial[serial_ok][0]:g}) and were read as dates"
            )
    return n_dates, n_serial, use_serials


def _dates_by_row(
    codes: np.ndarray, d: _DistinctDates, index: pd.Index, order: str, note: str | None
) -> DateColumn:
    """Map what was found per distinct value back to the rows."""
    u_failed = ~d.blank & np.isnat(d.ns)
    n_rows = len(codes)
    valid = codes >= 0
    out = np.full(n_rows, _NAT)
    out[valid] = d.ns[codes[valid]]
    failed = np.zeros(n_rows, dtype=bool)
    failed[valid] = u_failed[codes[valid]]
    month = np.zeros(n_rows, dtype=bool)
    month[valid] = d.month[codes[valid]] & ~np.isnat(out[valid])
    return DateColumn(
        pd.Series(out, index=index, dtype="datetime64[ns]"),
        pd.Series(failed, index=index, dtype=bool),
        order,
        d.ambiguous,
        note,
        pd.Series(month, index=index, dtype=bool),
    )


# =========================================================================== yes / no
def parse_yes_no(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Read a yes/no column.

    Understood: ``Yes/No/Y/N/x/X/✓/✔/✗/TRUE/FALSE/1/0/ja/nein/oui/non/sí/是/否/done/sent``
    (see ``data.vocab.YES_WORDS``/``NO_WORDS``), python bools and the numbers 1/0. A
    date (or an Excel date object) in a yes/no column means yes.

    Returns
    -------
    flags : pd.Series
        ``"boolean"``; NA for blank cells and for cells not understood.
    unrecognised : pd.Series
        bool; True for non-blank cells that were not understood.

    Examples
    --------
    >>> f, u = parse_yes_no(pd.Series(["Yes", "n", "✓", "", "2025-01-03", "maybe"]))
    >>> f.tolist(), u.tolist()
    ([True, False, True, <NA>, True, <NA>], [False, False, False, False, False, True])
    """
    if not isinstance(values, pd.Series):
        raise ValueError(f"parse_yes_no expects a pandas Series, got {type(values).__name__}")
    codes, uniques = _factorize(values)
    obj = np.asarray(uniques, dtype=object)
    n_u = len(obj)
    flag = np.zeros(n_u, dtype=np.int8) - 1  # -1 unknown/blank, 0 no, 1 yes
    unrec = np.zeros(n_u, dtype=bool)
    date_candidates: list[int] = []
    for i in range(n_u):
        v = obj[i]
        if _is_missing(v):
            continue
        if isinstance(v, (bool, np.bool_)):
            flag[i] = int(bool(v))
            continue
        if isinstance(v, (int, float, np.integer, np.floating)):
            if v in (0, 1):
                flag[i] = int(v)
            else:
                date_candidates.append(i)
            continue
        if isinstance(v, (_dt.date, pd.Timestamp, np.datetime64)):
            flag[i] = 1
            continue
        got = vocab.yes_no_value(v)
        if got is not None:
            flag[i] = int(got)
        elif vocab.is_blank_word(v):
            continue
        else:
            date_candidates.append(i)
    if date_candidates:
        cand_pos = np.asarray(date_candidates, dtype=np.int64)
        cells = obj[cand_pos]
        all_str = all(isinstance(v, str) for v in cells)
        cand = pd.Series(cells, dtype="str" if all_str else object)
        is_date = parse_dates(cand).values.notna().to_numpy()
        flag[cand_pos[is_date]] = 1
        unrec[cand_pos[~is_date]] = True
    codes = np.asarray(codes)
    valid = codes >= 0
    row_flag = np.full(len(values), -1, dtype=np.int8)
    row_flag[valid] = flag[codes[valid]]
    row_unrec = np.zeros(len(values), dtype=bool)
    row_unrec[valid] = unrec[codes[valid]]
    flags = pd.array(row_flag == 1, dtype="boolean")
    flags[row_flag < 0] = pd.NA
    return (
        pd.Series(flags, index=values.index, dtype="boolean"),
        pd.Series(row_unrec, index=values.index, dtype=bool),
    )


# =========================================================================== status
@dataclass
class StatusColumn:
    """A status column read with :mod:`data.vocab`'s status vocabulary.

    Attributes
    ----------
    stage : pd.Series
        ``STAGE_DTYPE``: the stage the word shows was reached; NA for blank, unknown and
        not-applied cells.
    outcome : pd.Series
        ``OUTCOME_DTYPE``: the final outcome the word states, ``"pending"`` for open words,
        NA for blank, unknown and not-applied cells.
    followed_up : pd.Series
        ``"boolean"``: True where the word itself says a follow-up was sent, else NA.
    not_applied : pd.Series
        bool: wishlist/saved/bookmarked/"to apply"/"not submitted" -- not an application.
    unknown : dict[str, int]
        Non-blank words not understood (as written, stripped) -> number of cells, most
        frequent first; beyond ``UNKNOWN_LIMIT`` words the rest are summed under the key
        ``OTHER_UNKNOWN``.
    """

    stage: pd.Series
    outcome: pd.Series
    followed_up: pd.Series
    not_applied: pd.Series
    unknown: dict[str, int]


#: ``StatusColumn.unknown`` lists at most this many words; the cells of rarer unknown
#: words are counted together under :data:`OTHER_UNKNOWN` so the counts still add up.
UNKNOWN_LIMIT = 1_000
OTHER_UNKNOWN = "(other unrecognised values)"


def _distinct_words(values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row codes, distinct values as object array, cells per distinct value)."""
    codes, uniques = _factorize(values)
    codes = np.asarray(codes)
    obj = np.asarray(uniques, dtype=object)
    return codes, obj, _row_weights(codes, len(obj))


def _take(codes: np.ndarray, per_unique: np.ndarray, fill: Any, dtype: npt.DTypeLike) -> np.ndarray:
    out = np.full(len(codes), fill, dtype=dtype)
    valid = codes >= 0
    out[valid] = per_unique[codes[valid]]
    return out


def _categorical(
    codes: np.ndarray,
    per_unique: list[str | None] | np.ndarray,
    dtype: pd.CategoricalDtype,
    index: pd.Index,
) -> pd.Series:
    u_codes = pd.Categorical(np.asarray(per_unique, dtype=object), dtype=dtype).codes.astype(
        np.int64
    )
    row_codes = _take(codes, u_codes, -1, np.int64)
    return pd.Series(pd.Categorical.from_codes(row_codes, dtype=dtype), index=index)


def parse_status(values: pd.Series) -> StatusColumn:
    """Read a status column (``Applied``, ``Rejected :(``, ``reeejected``, ``一面`` ...).

    See the table in :mod:`data.vocab` for the vocabulary. Matching tolerates case,
    punctuation, emoji, snake/kebab case, repeated letters and small typos.

    Examples
    --------
    >>> s = parse_status(pd.Series(["Applied", "No Offer", "Wishlist", "Followed up", "??x", ""]))
    >>> s.stage.tolist(), s.outcome.tolist()
    (['applied', 'interview', nan, 'applied', nan, nan],
     ['pending', 'rejected', nan, 'pending', nan, nan])
    >>> s.not_applied.tolist(), s.followed_up.tolist(), s.unknown
    ([False, False, True, False, False, False], [<NA>, <NA>, <NA>, True, <NA>, <NA>], {'??x': 1})
    """
    if not isinstance(values, pd.Series):
        raise ValueError(f"parse_status expects a pandas Series, got {type(values).__name__}")
    codes, obj, weights = _distinct_words(values)
    n_u = len(obj)
    stages = np.full(n_u, None, dtype=object)
    outcomes = np.full(n_u, None, dtype=object)
    fu = np.zeros(n_u, dtype=bool)
    na = np.zeros(n_u, dtype=bool)
    unknown: dict[str, int] = {}

    def put(i: int, meaning: vocab.StatusMeaning) -> None:
        stages[i], outcomes[i] = meaning.stage, meaning.outcome
        fu[i], na[i] = meaning.followed_up, meaning.not_applied

    for i in range(n_u):
        v = obj[i]
        if _is_missing(v) or vocab.is_blank_word(v):
            continue
        meaning = vocab.status_meaning(v)
        if meaning is None:
            key = str(v).strip()
            unknown[key] = unknown.get(key, 0) + int(weights[i])
        else:
            put(i, meaning)
    if len(unknown) > UNKNOWN_LIMIT + 1:
        ordered = sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0]))
        unknown = dict(ordered[:UNKNOWN_LIMIT])
        unknown[OTHER_UNKNOWN] = unknown.get(OTHER_UNKNOWN, 0) + sum(
            c for _k, c in ordered[UNKNOWN_LIMIT:]
        )
    index = values.index
    fu_rows = _take(codes, fu, False, bool)
    followed = pd.Series(pd.array(np.where(fu_rows, True, False), dtype="boolean"), index=index)
    followed = followed.where(fu_rows, pd.NA)
    return StatusColumn(
        stage=_categorical(codes, stages, STAGE_DTYPE, index),
        outcome=_categorical(codes, outcomes, OUTCOME_DTYPE, index),
        followed_up=followed.astype("boolean"),
        not_applied=pd.Series(_take(codes, na, False, bool), index=index, dtype=bool),
        unknown=dict(sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


# =========================================================================== source
def parse_source(values: pd.Series) -> pd.Series:
    """Read how each application was made into ``SOURCE_DTYPE`` (NA for blank).

    LinkedIn; job boards (Indeed, Glassdoor, Dice, ..., 招聘软件投递); company site
    (careers page, Greenhouse, Lever, Workday, Ashby, iCIMS, ..., 官网投递, direct email);
    referral (referred, 内部推荐, Empfehlung); recruiter (agency, headhunter); anything else
    non-blank -> ``"other"``. See ``data.vocab.source_value``.

    Examples
    --------
    >>> parse_source(pd.Series(["Linkedin", "Workday", "", "Career fair"])).tolist()
    ['LinkedIn', 'company site', nan, 'other']
    """
    if not isinstance(values, pd.Series):
        raise ValueError(f"parse_source expects a pandas Series, got {type(values).__name__}")
    codes, obj, _weights = _distinct_words(values)
    per = np.full(len(obj), None, dtype=object)
    for i, v in enumerate(obj):
        per[i] = None if _is_missing(v) else vocab.source_value(v)
    return _categorical(codes, per, SOURCE_DTYPE, values.index)


# =========================================================================== event kind
def parse_event_kind(values: pd.Series) -> pd.Series:
    """Read event words into one of ``data.schema.EVENT_KINDS`` (NA when blank or unknown).

    Uses the status vocabulary plus follow-up words (nudge, check-in, email follow-up)
    and thank-you words (thank you, thank-you note, TY note).

    Examples
    --------
    >>> parse_event_kind(pd.Series(["Phone screen", "thank-you note", "lunch", None])).tolist()
    ['intro_call', 'thank_you', <NA>, <NA>]
    """
    if not isinstance(values, pd.Series):
        raise ValueError(f"parse_event_kind expects a pandas Series, got {type(values).__name__}")
    codes, obj, _ = _distinct_words(values)
    per = np.array([None if _is_missing(v) else vocab.event_kind(v) for v in obj], dtype=object)
    assert_kinds = set(per[per != None]) - set(EVENT_KINDS)  # noqa: E711
    if assert_kinds:  # pragma: no cover - vocabulary bug guard
        raise ValueError(f"event vocabulary produced unknown kinds {sorted(assert_kinds)}")
    rows = _take(codes, per, None, object)
    return pd.Series(pd.array(rows, dtype="string"), index=values.index)


# =========================================================================== counts
_COUNT_WORDS = {
    "zero": 0,
    "none": 0,
    "no": 0,
    "once": 1,
    "one": 1,
    "twice": 2,
    "two": 2,
    "three": 3,
    "thrice": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_COUNT_RE = re.compile(
    r"^\s*(\d{1,4})(?:\.0+)?\s*[x×]?\s*(?:times?|mal|fois|veces|"
    r"e-?mails?|messages?|follow[\s\-_]?ups?|calls?|次)?\s*$",
    re.IGNORECASE,
)


def parse_count(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Read a count column (``3``, ``3.0``, ``2x``, ``2 emails``, ``twice``) into ``Int64``.

    Returns ``(counts, unrecognised)``: NA for blank cells; ``unrecognised`` marks
    non-blank cells that are not a whole number from 0 to 9999 (those are NA too).

    Examples
    --------
    >>> c, u = parse_count(pd.Series(["2", 3.0, "twice", "", "lots", -1]))
    >>> c.tolist(), u.tolist()
    ([2, 3, 2, <NA>, <NA>, <NA>], [False, False, False, False, True, True])
    """
    if not isinstance(values, pd.Series):
        raise ValueError(f"parse_count expects a pandas Series, got {type(values).__name__}")
    codes, obj, _ = _distinct_words(values)
    val = np.full(len(obj), -1, dtype=np.int64)
    bad = np.zeros(len(obj), dtype=bool)
    for i, v in enumerate(obj):
        if _is_missing(v):
            continue
        if isinstance(v, (bool, np.bool_)):
            bad[i] = True
            continue
        if isinstance(v, (int, float, np.integer, np.floating)):
            if float(v).is_integer() and 0 <= v <= 9999:
                val[i] = int(v)
            else:
                bad[i] = True
            continue
        s = str(v)
        m = _COUNT_RE.match(s)
        if m:
            val[i] = int(m.group(1))
            continue
        w = vocab.normalise_word(s)
        if w in _COUNT_WORDS:
            val[i] = _COUNT_WORDS[w]
        elif w in vocab.BLANK_WORDS:
            continue
        else:
            bad[i] = True
    rows = _take(codes, val, -1, np.int64)
    counts = pd.Series(pd.array(rows, dtype="Int64"), index=values.index)
    counts = counts.mask(rows < 0)
    return counts.astype("Int64"), pd.Series(
        _take(codes, bad, False, bool), index=values.index, dtype=bool
    )
