"""Presenter mode: an import with every name taken out, for showing a room or sharing a report.

One pure function, :func:`anonymise_result`, is applied once where the app builds what the
pages work from (and by the CLI's ``report --anonymize``), so every page, chart, table,
download and report made from its output is anonymised without each having to remember.

What it does to the canonical Applications table:

* ``participant`` becomes ``P01``, ``P02``… The order of the codes comes from a keyed hash
  of the names (``salt``), so neither alphabetical nor upload order can be read from them;
  with the same salt (one browser session) the codes stay the same.
* ``company``, ``role`` and every column outside the canonical table (notes, contacts,
  URLs…) are dropped (company and role become missing; extra columns are removed).
* ``application_id`` becomes ``A0001``… (ids written in a log can carry names);
  ``source_file`` becomes ``File 1``…, ``source_sheet`` ``Sheet 1``… (a workbook with a
  sheet per participant names them in its sheet names); row numbers stay (they name no one).

And to the :class:`data.schema.ImportReport`: file and sheet names coded the same way; every
free-text message (exclusion reasons, warnings, ambiguous dates, skipped-sheet reasons) has
the names above replaced by their codes and anything quoted (cell values, headers as
written) replaced by ``'…'``; column headers as written are replaced by ``column 1``…;
unrecognised status words by ``status word 1``…. The counts stay exactly as they were.

Examples
--------
>>> import pandas as pd
>>> from data.schema import ImportReport, ImportResult, coerce_applications
>>> apps = coerce_applications(pd.DataFrame({"participant": ["Zoe", "Al"],
...     "company": ["Acme", "Bolt"], "source_file": ["zoe.csv", "al.csv"]}))
>>> out = anonymise_result(ImportResult(apps, ImportReport(files=["zoe.csv", "al.csv"])), salt="s")
>>> sorted(out.applications["participant"]), bool(out.applications["company"].isna().all())
(['P01', 'P02'], True)
>>> out.report.files
['File 1', 'File 2']
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

import pandas as pd

from data.schema import (
    APPLICATION_COLUMNS,
    Exclusion,
    ImportReport,
    ImportResult,
)

__all__ = [
    "participant_codes",
    "anonymise_applications",
    "anonymise_report",
    "anonymise_result",
    "coded_row_keys",
    "scrub_text",
    "Scrubber",
    "identifying_strings",
]

#: Columns whose values are dropped (set missing) in presenter mode.
DROPPED_COLUMNS: tuple[str, ...] = ("company", "role")

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”")


def participant_codes(names: Iterable[object], *, salt: str) -> dict[str, str]:
    """``{name: "P01", ...}`` for the distinct non-missing ``names``.

    Codes are numbered in the order of ``sha256(salt, name)``: stable for one salt,
    unrelated to the names' alphabetical or upload order. Two digits up to 99 participants,
    more digits beyond.

    Examples
    --------
    >>> codes = participant_codes(["Zoe", "Al", "Al", None], salt="x")
    >>> sorted(codes.values()), codes == participant_codes(["Al", "Zoe"], salt="x")
    (['P01', 'P02'], True)
    """
    distinct = sorted({str(n) for n in names if n is not None and not _missing(n)})
    keyed = sorted(distinct, key=lambda n: hashlib.sha256(f"{salt}\0{n}".encode()).hexdigest())
    width = max(2, len(str(len(keyed))))
    return {name: f"P{i + 1:0{width}d}" for i, name in enumerate(keyed)}


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _codes_in_order(values: Iterable[object], prefix: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        if v is None or _missing(v):
            continue
        s = str(v)
        if s not in out:
            out[s] = f"{prefix} {len(out) + 1}"
    return out


_WORD = re.compile(r"\w+")


class Scrubber:
    """Replaces many names in short texts quickly: each name is indexed by its rarest word,
    so a text is only searched for the names whose index word it contains (an import can
    carry 100,000 company names; a report has a few thousand short messages).

    Examples
    --------
    >>> Scrubber({"Zoe Smith": "P01", "Acme": "…"})("Zoe Smith at ACME, 'x'")
    "P01 at …, '…'"
    """

    def __init__(self, replacements: Mapping[str, str]) -> None:
        from collections import Counter

        self._value = {k.casefold(): v for k, v in replacements.items() if k.strip()}
        words = {key: set(_WORD.findall(key)) for key in self._value}
        seen = Counter(w for ws in words.values() for w in ws)
        self._by_word: dict[str, list[str]] = {}
        for key, ws in words.items():
            if ws:  # indexed by its rarest word: a text must contain it to contain the key
                self._by_word.setdefault(min(ws, key=lambda w: (seen[w], w)), []).append(key)

    def __call__(self, text: str) -> str:
        out = _QUOTED.sub("'…'", str(text))
        low = out.casefold()
        keys = {k for w in set(_WORD.findall(low)) for k in self._by_word.get(w, ()) if k in low}
        if not keys:
            return out
        pattern = re.compile(
            "|".join(rf"(?<!\w){re.escape(k)}(?!\w)" for k in sorted(keys, key=len, reverse=True)),
            flags=re.IGNORECASE,
        )
        return pattern.sub(lambda m: self._value.get(m.group(0).casefold(), "…"), out)


def scrub_text(text: str, replacements: Mapping[str, str]) -> str:
    """``text`` with quoted parts replaced by ``'…'`` and each key of ``replacements``
    (as a whole word, any case) replaced by its value; longest keys first.

    Examples
    --------
    >>> scrub_text("zoe.csv, sheet 'Zoe', row 4: no company", {"zoe.csv": "File 1", "Zoe": "P01"})
    "File 1, sheet '…', row 4: no company"
    >>> scrub_text("Also Al", {"Al": "P02"})
    'Also P02'
    """
    return Scrubber(replacements)(text)


def identifying_strings(apps: pd.DataFrame, report: ImportReport) -> set[str]:
    """Every name an anonymised output must not contain: participants, companies, roles,
    application ids written in the log, file names (with and without extension) and sheet
    names. Tests search outputs for these.

    Examples
    --------
    >>> sorted(identifying_strings(pd.DataFrame({"participant": ["Zoe"], "company": [None]}),
    ...                            ImportReport(files=["zoe log.csv"])))
    ['Zoe', 'zoe log', 'zoe log.csv']
    """
    found: set[str] = set()
    for col in ("participant", "company", "role", "source_file", "source_sheet"):
        if col in apps.columns:
            found |= {str(v) for v in apps[col].dropna().unique()}
    files = list(report.files) + [f for f, _ in report.files_failed]
    files += [f for f, _ in report.sheets_used] + [f for f, _, _ in report.sheets_skipped]
    found |= set(files)
    found |= {s for _, s in report.sheets_used} | {s for _, s, _ in report.sheets_skipped}
    found |= {f.rsplit(".", 1)[0] for f in found if "." in f and f.rsplit(".", 1)[0]}
    return {s.strip() for s in found if s and s.strip()}


def anonymise_applications(
    apps: pd.DataFrame,
    codes: Mapping[str, str],
    *,
    files: Mapping[str, str] | None = None,
    sheets: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A copy of the canonical ``apps`` with names replaced (see the module docstring).

    ``codes`` maps participant names to codes (:func:`participant_codes`); ``files`` and
    ``sheets`` map file and sheet names to codes (numbered here in order of appearance when
    not given). A participant missing from ``codes`` raises ``ValueError``.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"participant": ["Zoe"], "application_id": ["zoe-1"],
    ...                                       "role": ["Chef"], "notes": ["call Bob"]}))
    >>> out = anonymise_applications(t, {"Zoe": "P01"})
    >>> out[["participant", "application_id"]].values.tolist(), "notes" in out
    ([['P01', 'A0001']], False)
    >>> bool(out["role"].isna().all())
    True
    """
    out = apps[[c for c in apps.columns if c in APPLICATION_COLUMNS]].copy()
    if "participant" in out.columns:
        names = out["participant"].astype("string")
        unknown = sorted(set(names.dropna().unique()) - set(codes))
        if unknown:
            raise ValueError(f"{len(unknown)} participant(s) have no code; build codes from apps")
        out["participant"] = names.map(codes, na_action="ignore").astype("string")
    for col in DROPPED_COLUMNS:
        if col in out.columns:
            out[col] = pd.Series(pd.NA, index=out.index, dtype=out[col].dtype)
    if "application_id" in out.columns:
        width = max(4, len(str(len(out))))
        out["application_id"] = pd.array(
            [f"A{i + 1:0{width}d}" for i in range(len(out))], dtype="string"
        )
    for col, given, prefix in (("source_file", files, "File"), ("source_sheet", sheets, "Sheet")):
        if col in out.columns:
            mapping = dict(given) if given is not None else _codes_in_order(out[col], prefix)
            out[col] = out[col].astype("string").map(mapping, na_action="ignore").astype("string")
    return out


def _report_codes(
    report: ImportReport, apps: pd.DataFrame
) -> tuple[dict[str, str], dict[str, str]]:
    file_list: list[object] = [*report.files, *(f for f, _ in report.files_failed)]
    file_list += [f for f, _ in report.sheets_used] + [f for f, _, _ in report.sheets_skipped]
    file_list += [e.file for e in report.excluded] + [m.file for m in report.mappings]
    if "source_file" in apps.columns:
        file_list += list(apps["source_file"].dropna().unique())
    sheet_list: list[object] = [*(s for _, s in report.sheets_used)]
    sheet_list += [s for _, s, _ in report.sheets_skipped]
    sheet_list += [e.sheet for e in report.excluded] + [m.sheet for m in report.mappings]
    if "source_sheet" in apps.columns:
        sheet_list += list(apps["source_sheet"].dropna().unique())
    return _codes_in_order(file_list, "File"), _codes_in_order(sheet_list, "Sheet")


def anonymise_report(
    report: ImportReport,
    replacements: Mapping[str, str],
    *,
    files: Mapping[str, str],
    sheets: Mapping[str, str],
) -> ImportReport:
    """A copy of ``report`` with file and sheet names coded and free text scrubbed.

    ``replacements`` maps every identifying string to what replaces it (see
    :func:`scrub_text`); ``files``/``sheets`` map names to codes. Counts are unchanged.

    Examples
    --------
    >>> r = ImportReport(files=["zoe.csv"], rows_read=3, rows_analysed=2,
    ...                  excluded=[Exclusion("zoe.csv", None, 3, "row 3: no company")])
    >>> a = anonymise_report(r, {"zoe.csv": "File 1"}, files={"zoe.csv": "File 1"}, sheets={})
    >>> a.files, a.excluded[0].file, a.rows_excluded, a.rows_read
    (['File 1'], 'File 1', 1, 3)
    """
    reps = {**replacements, **files, **sheets}

    def f(name: str) -> str:
        return files.get(name, "File")

    def s(name: str | None) -> str | None:
        return None if name is None else sheets.get(name, "Sheet")

    t = Scrubber(reps)

    headers = _codes_in_order((m.column for m in report.mappings), "column")
    return ImportReport(
        files=[f(x) for x in report.files],
        files_failed=[(f(x), t(why)) for x, why in report.files_failed],
        copies=[(f(x), f(y)) for x, y in report.copies],
        rows_read=report.rows_read,
        rows_analysed=report.rows_analysed,
        excluded=[Exclusion(f(e.file), s(e.sheet), e.row, t(e.reason)) for e in report.excluded],
        sheets_used=[(f(x), s(y) or "") for x, y in report.sheets_used],
        sheets_skipped=[(f(x), s(y) or "", t(why)) for x, y, why in report.sheets_skipped],
        mappings=[
            replace(
                m,
                file=f(m.file),
                sheet=s(m.sheet),
                column=headers.get(m.column, "column"),
                examples=(),
            )
            for m in report.mappings
        ],
        formats={t(k): v for k, v in report.formats.items()},
        warnings=[t(w) for w in report.warnings],
        unknown_status_words={
            f"status word {i + 1}": n
            for i, (_w, n) in enumerate(report.unknown_status_words.items())
        },
        ambiguous_dates=[t(a) for a in report.ambiguous_dates],
        unread=[  # counts and what was assumed (our words) kept; columns and values coded
            replace(
                u,
                file=f(u.file),
                sheet=s(u.sheet),
                column=headers.get(u.column, "column"),
                examples=tuple((f"value {i + 1}", n) for i, (_v, n) in enumerate(u.examples)),
            )
            for u in report.unread
        ],
    )


def anonymise_result(result: ImportResult, *, salt: str) -> ImportResult:
    """The whole import with names taken out: applications and report (module docstring).

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> apps = coerce_applications(pd.DataFrame({"participant": ["Zoe"], "source_sheet": ["Zoe"],
    ...     "source_file": ["club.xlsx"]}))
    >>> rep = ImportReport(files=["club.xlsx"], sheets_used=[("club.xlsx", "Zoe")],
    ...                    warnings=["club.xlsx, sheet Zoe: 2 unreadable dates"])
    >>> out = anonymise_result(ImportResult(apps, rep), salt="")
    >>> out.report.warnings, out.report.sheets_used, out.applications["source_sheet"].tolist()
    (['File 1, sheet Sheet 1: 2 unreadable dates'], [('File 1', 'Sheet 1')], ['Sheet 1'])
    """
    apps = result.applications
    names = apps["participant"] if "participant" in apps.columns else pd.Series([], dtype=object)
    codes = participant_codes(names, salt=salt)
    files, sheets = _report_codes(result.report, apps)
    reps: dict[str, str] = {}
    for s in identifying_strings(apps, result.report):
        reps[s] = "…"
    for stem_of in list(files):
        if "." in stem_of:
            reps[stem_of.rsplit(".", 1)[0]] = files[stem_of]
    reps.update(codes)
    reps.update(sheets)  # a sheet named after a participant is called by its sheet code
    reps.update(files)
    new_apps = anonymise_applications(apps, codes, files=files, sheets=sheets)
    new_report = anonymise_report(result.report, reps, files=files, sheets=sheets)
    return ImportResult(applications=new_apps, report=new_report)


def coded_row_keys(result: ImportResult) -> dict[str, str]:
    """``{row key: the same row's key in presenter mode}`` for every application of
    ``result`` (keys in :func:`data.edits.row_key` form): the file and sheet named by the
    codes :func:`anonymise_result` gives them, so something the log keeps per row (a
    snoozed reminder) finds its row while presenting. The keys hold file and sheet names:
    use them to look up, never to show.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> apps = coerce_applications(pd.DataFrame({"participant": ["Zoe"], "source_sheet": ["Zoe"],
    ...     "source_file": ["club.xlsx"], "source_row": [7]}))
    >>> rep = ImportReport(files=["club.xlsx"], sheets_used=[("club.xlsx", "Zoe")])
    >>> coded_row_keys(ImportResult(apps, rep))
    {'club.xlsx|Zoe|7': 'File 1|Sheet 1|7'}
    """
    from data.edits import row_keys

    apps = result.applications
    files, sheets = _report_codes(result.report, apps)
    names = apps["participant"] if "participant" in apps.columns else pd.Series([], dtype=object)
    coded = anonymise_applications(
        apps, participant_codes(names, salt=""), files=files, sheets=sheets
    )
    return dict(zip(row_keys(apps).tolist(), row_keys(coded).tolist(), strict=True))
