"""Headless entry: ``python -m analysis summary FILE [FILE ...]`` prints the summary JSON.

The one module of ``analysis`` that reads files and the clock (``--as-of`` defaults to
today). Bad input exits with status 2 and one line on stderr naming the file; there is no
traceback. Long runs print progress lines to stderr.

Examples
--------
>>> build_parser().parse_args(["summary", "a.csv", "--as-of", "2026-06-30"]).as_of
'2026-06-30'
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from data.schema import ImportResult

__all__ = ["main", "build_parser", "parse_mapping", "parse_values"]

PROG = "python -m analysis"
#: Print progress lines when the input is at least this big (bytes) ...
PROGRESS_BYTES = 5_000_000
#: ... or has at least this many applications.
PROGRESS_ROWS = 100_000
#: JSON up to this size is indented; larger output is written compact.
PRETTY_MAX_CHARS = 1_000_000


class UsageError(ValueError):
    """A bad command-line value (one line)."""


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line on stderr (exit status 2), like bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"error: {_one_line(message)} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (subcommand ``summary``).

    Examples
    --------
    >>> a = build_parser().parse_args(["summary", "x.csv", "--map", "Firma=company"])
    >>> a.files, a.map, a.ghost_after_days, a.participants_from
    (['x.csv'], ['Firma=company'], 30, 'auto')
    """
    p = _Parser(prog=PROG, description="Followthrough: does following up go with advancing?")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    common = _log_options()
    sub.add_parser(
        "summary",
        parents=[common],
        help="print the summary of one or more application logs as JSON",
    )
    _add_report_parser(sub, common)
    return p


def _log_options() -> _Parser:
    """The options both subcommands take: the logs and how to read them."""
    from data.read import FORMATS_IN_WORDS

    c = _Parser(add_help=False)
    c.add_argument("files", nargs="+", metavar="FILE", help=f"application logs: {FORMATS_IN_WORDS}")
    c.add_argument(
        "--as-of",
        default=None,
        metavar="YYYY-MM-DD",
        help="date to look at the data (default: today)",
    )
    c.add_argument(
        "--ghost-after-days",
        type=int,
        default=30,
        metavar="N",
        help="days of silence after which a pending application counts as ghosted (default 30)",
    )
    c.add_argument(
        "--participants-from",
        default="auto",
        choices=["auto", "column", "sheet", "file"],
        help="where participants come from (default auto)",
    )
    c.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help='override a column mapping, e.g. --map "Firma=company" (repeatable)',
    )
    c.add_argument(
        "--values",
        action="append",
        default=[],
        metavar="VALUE=MEANING",
        help='what an unknown word or mark means, e.g. --values "✓=yes" or '
        '--values "purple=rejected" (repeatable; meanings: yes, no, followed_up, a stage '
        "or an outcome)",
    )
    c.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return c


def _add_report_parser(sub: argparse._SubParsersAction, common: _Parser) -> None:
    """``report FILE... -o report.html [--xlsx] [--anonymize] …``."""
    r = sub.add_parser(
        "report",
        parents=[common],
        help="write a self-contained HTML report (and optionally an Excel workbook)",
        description="Write an offline HTML report (plotly.js embedded, no outside requests) "
        "and optionally an Excel workbook. Use --anonymize before sharing a workshop's report: "
        "participants become P01…, companies, roles, notes and file names are left out and "
        "counts under --min-cell are hidden.",
    )
    r.add_argument("-o", "--output", required=True, metavar="REPORT.html", help="HTML file")
    r.add_argument("--xlsx", default=None, metavar="REPORT.xlsx", help="also write a workbook")
    r.add_argument(
        "--anonymize",
        "--anonymise",
        action="store_true",
        help="take every name out (participants P01…, no companies/roles/notes/file names)",
    )
    r.add_argument(
        "--workshop-date",
        default=None,
        metavar="YYYY-MM-DD",
        help="compare applications sent before this date with those sent on it or later",
    )
    r.add_argument(
        "--min-cell",
        type=int,
        default=5,
        metavar="K",
        help="with --anonymize, counts under K are shown as '< K' (default 5)",
    )


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``["Header=field", ...]`` -> ``{"Header": "field"}`` (split at the last ``=``).

    Examples
    --------
    >>> parse_mapping(["Date Applied=applied_on", "a=b=company"])
    {'Date Applied': 'applied_on', 'a=b': 'company'}
    """
    from data.schema import MAPPABLE_FIELDS

    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f'--map {item!r}: expected "Header=field"')
        header, field = item.rsplit("=", 1)
        header, field = header.strip(), field.strip()
        if not header:
            raise UsageError(f"--map {item!r}: the header is empty")
        if field not in MAPPABLE_FIELDS:
            raise UsageError(
                f"--map {item!r}: unknown field {field!r} (one of: {', '.join(MAPPABLE_FIELDS)})"
            )
        out[header] = field
    return out


def parse_values(items: Sequence[str]) -> dict[str, str]:
    """``["✓=yes", ...]`` -> ``{"✓": "yes"}`` (split at the last ``=``), meanings checked.

    Examples
    --------
    >>> parse_values(["✓=yes", "In review=applied"])
    {'✓': 'yes', 'In review': 'applied'}
    """
    from data.vocab import check_value_mapping

    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f'--values {item!r}: expected "VALUE=MEANING", e.g. "✓=yes"')
        value, meaning = (part.strip() for part in item.rsplit("=", 1))
        try:
            check_value_mapping({value: meaning})
        except ValueError as exc:
            raise UsageError(f"--values {item!r}: {_one_line(exc)}") from None
        out[value] = meaning
    return out


#: ``--as-of`` must fall in this range (pandas' timestamps end in 2262; a log is younger).
AS_OF_RANGE = (dt.date(1900, 1, 1), dt.date(2200, 12, 31))
#: ``--ghost-after-days`` at most this (ten years).
MAX_GHOST_DAYS = 3650


def _parse_as_of(text: str | None) -> dt.date:
    """The ``--as-of`` date, checked (a one-line UsageError otherwise).

    Examples
    --------
    >>> _parse_as_of("2026-06-30")
    datetime.date(2026, 6, 30)
    >>> _parse_as_of("9999-12-31")
    Traceback (most recent call last):
    ...
    analysis.cli.UsageError: --as-of '9999-12-31': must lie between 1900-01-01 and 2200-12-31
    """
    if text is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--as-of {text!r}: expected a date like 2026-06-30") from None
    lo, hi = AS_OF_RANGE
    if not lo <= day <= hi:
        raise UsageError(f"--as-of {text!r}: must lie between {lo} and {hi}")
    return day


def _one_line(msg: object) -> str:
    return " ".join(str(msg).split())


def _read_files(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    """``(file name, bytes)`` per path; a missing or unreadable file is a one-line UsageError."""
    files: list[tuple[str, bytes]] = []
    for path in paths:
        if os.path.isdir(path):
            raise UsageError(f"{path}: is a directory, not a file")
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            raise UsageError(f"{path}: file not found") from None
        except OSError as exc:
            raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        files.append((os.path.basename(path) or path, data))
    return files


def _import_notes(result: ImportResult, err: Callable[[str], None]) -> None:
    """What the import left out or could not read, one line each on stderr."""
    for _name, why in result.report.files_failed:  # the others were read; say which was not
        err(f"warning: not included: {_one_line(why)}")
    for copy, original in result.report.copies:  # counted once, not twice
        err(f"note: {_one_line(copy)} is the same file as {_one_line(original)}: read once")
    for unread in result.report.unread:  # values not understood: said, with what was assumed
        err(f"note: {_one_line(unread.sentence())}")


def _summary(args: argparse.Namespace, err: Callable[[str], None]) -> int:
    as_of = _parse_as_of(args.as_of)
    if not 0 <= args.ghost_after_days <= MAX_GHOST_DAYS:
        raise UsageError(
            f"--ghost-after-days {args.ghost_after_days}: must be between 0 and {MAX_GHOST_DAYS}"
        )
    mapping = parse_mapping(args.map)
    values = parse_values(args.values)
    files = _read_files(args.files)
    sizes = sum(len(data) for _, data in files)
    verbose = not args.quiet and sizes >= PROGRESS_BYTES
    t0 = time.perf_counter()
    if verbose:
        for name, data in files:
            err(f"reading {name} ({len(data) / 1e6:.1f} MB)…")
    result = _import(files, args, mapping, err, values)
    _import_notes(result, err)
    _old_log_note(result, args.as_of, err)
    n = len(result.applications)
    if not args.quiet and (verbose or n >= PROGRESS_ROWS):
        err(f"analysing {n:,} applications… (read in {time.perf_counter() - t0:.1f} s)")
    from analysis.summary import summarize

    try:
        summary = summarize(result, as_of, ghost_after_days=args.ghost_after_days)
    except MemoryError:
        raise UsageError("not enough memory to summarise these files; split them") from None
    except Exception as exc:  # noqa: BLE001 - a user must never see a traceback
        raise UsageError(
            f"the files were read but could not be summarised ({type(exc).__name__}); "
            "please report this with the command you ran"
        ) from None
    text = json.dumps(summary, ensure_ascii=False, allow_nan=False)
    if len(text) <= PRETTY_MAX_CHARS:  # indented for people; big outputs stay compact
        text = json.dumps(summary, indent=2, ensure_ascii=False, allow_nan=False)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    return 0


def _old_log_note(
    result: ImportResult, as_of_given: str | None, err: Callable[[str], None]
) -> None:
    """Without ``--as-of``, an old log is read as of today (its pending applications then
    count as ghosted): say so, with the ``--as-of`` that shows it as of its latest entry."""
    if as_of_given is not None:
        return
    from analysis.responses import stale_log

    today = dt.date.today()
    last = stale_log(result.applications, today)
    if last is not None:
        err(
            f"note: the log's latest entry is from {last.isoformat()}, long before today "
            f"({today.isoformat()}): applications with no answer count as ghosted; add "
            f"--as-of {last.isoformat()} to see it as of then"
        )


def _load_analysis() -> None:
    """What the summary needs next, imported while the worker reads (the statistics
    libraries alone take about a second to import)."""
    import analysis.summary  # noqa: F401
    from analysis.numerics import load_libraries

    load_libraries()


def _import(
    files: list[tuple[str, bytes]],
    args: argparse.Namespace,
    mapping: dict[str, str],
    err: Callable[[str], None],
    values: dict[str, str] | None = None,
) -> ImportResult:
    """Read the files in a worker process (:mod:`data.sandbox`) forked from this one (the
    CLI runs no other thread), loading the analysis meanwhile; progress on stderr after
    a second (file, sheet, rows so far), one line per new step, unless ``--quiet``."""
    from data import sandbox
    from data.schema import InputError

    said: set[str] = set()

    def progress(p: sandbox.Progress) -> None:
        if args.quiet or p.elapsed < 1.0 or p.message in said:
            return
        said.add(p.message)
        err(p.message)

    try:
        return sandbox.import_files(
            files,
            participants_from=args.participants_from,
            mapping=mapping or None,
            values=values or None,
            progress=progress,
            start="fork",
            meanwhile=_load_analysis,
        )
    except InputError as exc:
        raise UsageError(_one_line(exc)) from None
    except Exception as exc:  # noqa: BLE001 - a user must never see a traceback
        names = ", ".join(n for n, _ in files)
        raise UsageError(f"{names}: could not be read ({type(exc).__name__})") from None


def _parse_date(option: str, text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} {text!r}: expected a date like 2026-06-30") from None


def _write(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise UsageError(f"{path}: cannot be written ({exc.strerror or exc})") from None


def _report(args: argparse.Namespace, err: Callable[[str], None]) -> int:
    """``report``: HTML (and workbook) from the same content; ``report`` imported lazily."""
    as_of = _parse_as_of(args.as_of)
    workshop_date = _parse_date("--workshop-date", args.workshop_date)
    if args.min_cell < 1:
        raise UsageError(f"--min-cell {args.min_cell}: must be 1 or more")
    if not 0 <= args.ghost_after_days <= MAX_GHOST_DAYS:
        raise UsageError(
            f"--ghost-after-days {args.ghost_after_days}: must be between 0 and {MAX_GHOST_DAYS}"
        )
    mapping = parse_mapping(args.map)
    values = parse_values(args.values)
    result = _import(_read_files(args.files), args, mapping, err, values)
    _import_notes(result, err)
    _old_log_note(result, args.as_of, err)
    if not args.quiet:
        err(f"building the report for {len(result.applications):,} applications…")
    from report import build_content, render_html, render_xlsx

    content = build_content(
        result,
        as_of=as_of,
        ghost_after_days=args.ghost_after_days,
        anonymise=args.anonymize,
        workshop_date=workshop_date,
        min_cell=args.min_cell,
    )
    _write(args.output, render_html(content))
    if args.xlsx:
        _write(args.xlsx, render_xlsx(content))
    if not args.quiet:
        err(f"wrote {args.output}" + (f" and {args.xlsx}" if args.xlsx else ""))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 2 bad input or usage).

    Examples
    --------
    >>> main(["summary", "/nonexistent/log.csv"])   # one line on stderr: file not found
    2
    """
    parser = build_parser()
    args = parser.parse_args(argv)

    def err(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        with warnings.catch_warnings():
            # A library warning is no message for a person: the JSON and the one-line
            # errors say what matters (the import report lists what was left out and why).
            warnings.simplefilter("ignore")
            if args.command == "summary":
                return _summary(args, err)
            if args.command == "report":
                return _report(args, err)
    except UsageError as exc:
        err(f"error: {_one_line(exc)}")
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        err("interrupted")
        return 130
    parser.error(f"unknown command {args.command!r}")  # pragma: no cover
    return 2  # pragma: no cover
