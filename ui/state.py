"""Session state and cached loading for the Streamlit app.

Rules kept here:

* Parsing runs in a worker process (:mod:`data.sandbox`) and is cached in
  :class:`ImportCache`, keyed by the files' *bytes* (plus the mapping override and
  ``participants_from``), bounded by entries, age and size, so two sessions uploading the
  same file share the parse but nobody ever sees a dataset they did not load. No widget is created
  inside a cached function, and nothing per-user lives in a module global: everything
  per-session is in ``st.session_state`` under the ``KEY_*`` names below.
* Import errors become ``st.error(<the importer's one-line message>)``, never a traceback.

Tests seed an upload with ``at.session_state[KEY_UPLOADS] = [(name, bytes), ...]``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
import streamlit as st

from data.sandbox import WAITING_FOR_READER, Progress, warm_up
from data.schema import ImportReport, ImportResult, InputError
from ui.components import escape_md
from ui.navigation import KEY_VIEW

#: list[tuple[str, bytes]] — the uploaded files (empty/missing → demo data).
KEY_UPLOADS = "ft_uploads"
#: dict[str, str] — header-as-written → field, the user's corrected column mapping.
KEY_MAPPING = "ft_mapping"
#: dict[str, str] — cell as written → meaning, the user's value mapping (``"★": "yes"``).
KEY_VALUES = "ft_values"
#: "auto" | "column" | "sheet" | "file", or for several files the sidebar's answer:
#: "one" (one person's log: merged) | "workshop" (as detected, else one participant per file)
KEY_PARTICIPANTS_FROM = "ft_participants_from"
#: Set when a page run without app.py was sent through it (ui.navigation.through_the_router).
KEY_ROUTED = "ft_routed"
#: Counter bumped to reset the uploader widget.
KEY_UPLOADER_GEN = "ft_uploader_gen"
#: bool — presenter mode: every page shows anonymised data (P01…, no companies/files).
KEY_PRESENTER = "ft_presenter"
#: str — this session's key for the order of the P01… codes (random, made once).
KEY_PRESENTER_SALT = "ft_presenter_salt"
#: int — small-cell threshold k: counts under k show as "< k" in presenter mode.
KEY_MIN_CELL = "ft_min_cell"
#: Default small-cell threshold (career services' usual k).
DEFAULT_MIN_CELL = 5

#: "seeker" | "workshop" — which built-in demo is shown while nothing is uploaded.
KEY_DEMO_KIND = "ft_demo_kind"
DEMO_LABELS = {
    "seeker": "Demo: a job seeker's log (fictional)",
    "workshop": "Demo: a coach's workshop (fictional)",
}
DEMO_LABEL = DEMO_LABELS["seeker"]


def demo_kind() -> str:
    """The demo this session shows when nothing is uploaded (the job seeker's by default)."""
    kind = st.session_state.get(KEY_DEMO_KIND) or "seeker"
    return kind if kind in DEMO_LABELS else "seeker"


def demo_label() -> str:
    """Human name of the demo in use."""
    return DEMO_LABELS[demo_kind()]


@dataclass(frozen=True)
class Settings:
    """Per-session analysis settings chosen in the sidebar."""

    as_of: dt.date
    ghost_after_days: int = 30
    cadence_days: int = 7
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    participant: str | None = None  # None = everyone


@dataclass
class View:
    """What every page works from in this run."""

    result: ImportResult  # the import, unfiltered (Import check page)
    is_demo: bool
    source_label: str
    settings: Settings
    applications: pd.DataFrame  # filtered by date range and participant
    resolved: pd.DataFrame  # analysis.outcomes.resolve(applications, ...)
    participants: list[str] = field(default_factory=list)
    source_id: str = "demo"  # content hash of the files (keys the edit log and widgets)
    edited: pd.DataFrame | None = None  # every application with the session's edits applied
    edits: list = field(default_factory=list)  # the edit log (data.edits.Edit), oldest first
    token: str = ""  # view_token: names the filtered table (keys the caches of what follows)
    tracks_answers: bool = True  # the log records employers' answers (status, stage, dates)
    has_dates: bool = True  # any application carries a date
    last_entry: dt.date | None = None  # an old log's latest entry (stale_log), else None

    @property
    def as_of_text(self) -> str:
        """``"as of 02 Dec 2026"`` for the pages' captions; for an old log with its latest
        entry, so the first screen says how old the log is (the sidebar offers the choice).
        A workshop's logs are "the logs", never "your".

        Examples
        --------
        >>> from types import SimpleNamespace as S
        >>> v = S(settings=S(as_of=dt.date(2026, 12, 2)), last_entry=dt.date(2022, 1, 13),
        ...       participants=["me"])
        >>> View.as_of_text.fget(v)
        'as of 02 Dec 2026 (your latest entry is from 13 Jan 2022: see "As of" in the sidebar)'
        >>> View.as_of_text.fget(S(settings=v.settings, last_entry=None, participants=["me"]))
        'as of 02 Dec 2026'
        >>> View.as_of_text.fget(S(settings=v.settings, last_entry=v.last_entry,
        ...                        participants=["P01", "P02"]))[:61]
        "as of 02 Dec 2026 (the logs' latest entry is from 13 Jan 2022"
        """
        as_of = self.settings.as_of
        text = f"as of {as_of:%d %b %Y}"
        if self.last_entry is None:
            return text
        whose = "the logs'" if len(self.participants) > 1 else "your"
        if self.last_entry == as_of:
            return f"{text} ({whose} latest entry)"
        last = f"{self.last_entry:%d %b %Y}"
        return f'{text} ({whose} latest entry is from {last}: see "As of" in the sidebar)'


# --------------------------------------------------------------------------- cached loaders
#: Sessions the per-upload caches are sized for: a workshop room, each person with their
#: own log. A cache smaller than the room is worse than none: the sessions take turns
#: evicting each other, and every page visit reads its file again (10 sessions on 8
#: entries re-read a file on 10-14 of 60 page visits, each waiting for a reader).
ROOM_SESSIONS = 40
#: Parsed uploads kept at most this many (the demo has its own cache) ...
IMPORT_CACHE_ENTRIES = ROOM_SESSIONS
#: ... for at most this long after their last use (seconds) ...
IMPORT_CACHE_TTL_S = 30 * 60
#: ... and at most this much memory in all (bytes, estimated from the tables).
IMPORT_CACHE_BYTES = 512 * 1024 * 1024
#: All files of one upload together (bytes): Streamlit's ``maxUploadSize`` is per file.
MAX_UPLOAD_TOTAL_BYTES = 50 * 1024 * 1024


class ImportCache:
    """A small thread-safe cache of parsed uploads, bounded by entries, age and size.

    Keyed by a hash of the files' names and bytes (plus the settings), so two sessions
    uploading the same file share the parse but nobody sees a dataset they did not load;
    entries leave after ``ttl`` seconds without use, so nothing of a session that ended
    stays longer. Errors (``InputError``) are cached too: a hostile file is read once, not
    on every rerun of the page.

    Examples
    --------
    >>> c = ImportCache(max_entries=2, ttl=60, max_bytes=10**9)
    >>> c.put("a", "A", 1); c.put("b", "B", 1); c.put("c", "C", 1)
    >>> c.get("a"), c.get("c"), len(c)
    (None, 'C', 2)
    """

    def __init__(self, max_entries: int, ttl: float, max_bytes: int) -> None:
        self.max_entries, self.ttl, self.max_bytes = max_entries, ttl, max_bytes
        self._items: OrderedDict[str, tuple[float, int, object]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> object | None:
        with self._lock:
            self._expire(time.monotonic())
            item = self._items.get(key)
            if item is None:
                return None
            self._items[key] = (time.monotonic(), item[1], item[2])
            self._items.move_to_end(key)
            return item[2]

    def put(self, key: str, value: object, size: int) -> None:
        if size > self.max_bytes:
            return
        with self._lock:
            self._items[key] = (time.monotonic(), size, value)
            self._items.move_to_end(key)
            self._expire(time.monotonic())
            while len(self._items) > self.max_entries or self._bytes() > self.max_bytes:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def _bytes(self) -> int:
        return sum(size for _, size, _ in self._items.values())

    def _expire(self, now: float) -> None:
        for key in [k for k, (t, _, _) in self._items.items() if now - t > self.ttl]:
            del self._items[key]


_imports = ImportCache(IMPORT_CACHE_ENTRIES, IMPORT_CACHE_TTL_S, IMPORT_CACHE_BYTES)


def _result_size(result: ImportResult) -> int:
    try:
        return int(result.applications.memory_usage(deep=True).sum()) + 1_000_000
    except Exception:  # noqa: BLE001 - an estimate only
        return 1_000_000


def import_uploads(
    files: tuple[tuple[str, bytes], ...],
    participants_from: str = "auto",
    mapping: tuple[tuple[str, str], ...] = (),
    values: tuple[tuple[str, str], ...] = (),
    progress: Callable[[Progress], None] | None = None,
) -> ImportResult:
    """Import uploaded files in a worker process (:mod:`data.sandbox`), cached by their
    bytes in :data:`_imports`. Raises ``InputError`` (also when cached).

    ``participants_from`` is the importer's (``auto``/``column``/``sheet``/``file``), or
    ``one`` (several files of one person: merged into one participant) or ``workshop``
    (as detected, and one participant per file when detection finds only one).
    """
    key = repr((source_id(list(files), length=40), participants_from, mapping, values))
    hit = _imports.get(key)
    if isinstance(hit, InputError):
        raise hit
    if isinstance(hit, ImportResult):
        return hit
    try:
        result = _import_uncached(files, participants_from, mapping, values, progress)
    except InputError as err:
        _imports.put(key, err, 1000)
        raise
    _imports.put(key, result, _result_size(result))
    return result


def _import_uncached(
    files: tuple[tuple[str, bytes], ...],
    participants_from: str,
    mapping: tuple[tuple[str, str], ...],
    values: tuple[tuple[str, str], ...],
    progress: Callable[[Progress], None] | None,
) -> ImportResult:
    from data import sandbox
    from data.importer import participant_name

    def read(pfrom: str) -> ImportResult:
        return sandbox.import_files(
            list(files),
            participants_from=pfrom,
            mapping=dict(mapping) or None,
            values=dict(values) or None,  # the person's value mapping
            progress=progress,
        )

    result = read("auto" if participants_from in ("one", "workshop") else participants_from)
    if participants_from == "workshop" and len(files) > 1:
        if len(participants_of(result.applications)) <= 1:
            result = read("file")
    if participants_from == "one" and files:
        apps = result.applications.copy()
        apps["participant"] = pd.array([participant_name(files[0][0])] * len(apps), dtype="string")
        result = ImportResult(applications=apps, report=result.report)
    return result


def upload_too_big(files: list[tuple[str, bytes]]) -> str | None:
    """Why an upload is refused for its total size, or None.

    Examples
    --------
    >>> upload_too_big([("a.csv", b"x")]) is None
    True
    """
    total = sum(len(b) for _, b in files)
    if total <= MAX_UPLOAD_TOTAL_BYTES:
        return None
    return (
        f"These {len(files)} files hold {total / 2**20:.0f} MB together, more than the "
        f"{MAX_UPLOAD_TOTAL_BYTES / 2**20:.0f} MB one upload may hold; upload fewer files "
        "at a time (or save them as CSV, which is smaller)."
    )


@st.cache_data(show_spinner=False, max_entries=2)
def load_demo_cached(kind: str = "seeker") -> ImportResult:
    """A built-in demo (``"seeker"`` or ``"workshop"``), imported once per process."""
    from data.demo import load_demo

    return load_demo(kind)


@st.cache_data(show_spinner=False, max_entries=32, ttl=IMPORT_CACHE_TTL_S)
def resolve_cached(
    _apps: pd.DataFrame, as_of: dt.date, ghost_after_days: int, token: str
) -> pd.DataFrame:
    """``analysis.outcomes.resolve`` cached by :func:`view_token` and the settings.

    The table itself is not hashed: Streamlit hashes a *sample* of a DataFrame of 100k rows
    or more, so an edit of one row could return the table from before the edit."""
    from analysis.outcomes import resolve

    return resolve(_apps, as_of, ghost_after_days=ghost_after_days)


def view_token(sid: str, edits: list, *parts: object) -> str:
    """A key naming exactly the table a View is computed from: the files (``sid``), how
    they were read (mapping, values, whose rows), presenter mode, the edit log and the
    filters (``parts``). Caches of tables derived from it are keyed by this.

    Examples
    --------
    >>> from data.edits import Edit
    >>> a = view_token("abc", [Edit("f||2", "notes", "x")], None)
    >>> a == view_token("abc", [Edit("f||2", "notes", "x")], None), a == view_token("abc", [], None)
    (True, False)
    """
    h = hashlib.sha1()
    for part in (
        sid,
        sorted(mapping_override().items()),
        sorted(value_override().items(), key=repr),
        st.session_state.get(KEY_PARTICIPANTS_FROM) or "auto",
        presenter_on(),
        edits,
        parts,
    ):
        h.update(repr(part).encode("utf-8", "replace"))
        h.update(b"\x1f")
    return h.hexdigest()


@st.cache_data(show_spinner=False, max_entries=ROOM_SESSIONS)
def person_columns_cached(files: tuple[tuple[str, bytes], ...]) -> pd.DataFrame:
    """Contact addresses and notes the files keep per row (cached by the files' bytes)."""
    from data.writeback import person_columns

    return person_columns(list(files))


def read_safely(
    files: list[tuple[str, bytes]], report: ImportReport | None
) -> list[tuple[str, bytes]]:
    """The files the importer's worker read without failing (by name in ``report``).

    Only these may be read again in the server process (contacts and notes, write-back):
    a file the worker could not read may be one that makes the native workbook reader
    abort the whole process. Fails closed: without a report, or where the report's file
    names are coded (presenter mode), no file is returned.

    Examples
    --------
    >>> from data.schema import ImportReport
    >>> r = ImportReport(files=["a.csv", "b.xls"], files_failed=[("b.xls", "damaged")])
    >>> [n for n, _ in read_safely([("a.csv", b""), ("b.xls", b""), ("c.csv", b"")], r)]
    ['a.csv']
    """
    if report is None:
        return []
    failed = {name for name, _ in report.files_failed}
    read = set(report.files) - failed
    return [(n, b) for n, b in files if n in read]


def source_files() -> list[tuple[str, bytes]]:
    """The files the current data came from: the uploads the importer read without failing
    (:func:`read_safely`), or the demo workbook."""
    files = uploads()
    if files:
        view = current_view()
        return read_safely(files, view.result.report if view is not None else None)
    from data.demo import demo_bytes

    return [demo_bytes(demo_kind())]


def person_extra() -> pd.DataFrame:
    """The log's contact addresses, notes and snooze dates by row key
    (``data.writeback.person_columns``),
    read only by the pages that show them (Follow up today, My log), cached by the bytes."""
    try:
        return person_columns_cached(tuple(source_files()))
    except Exception:  # noqa: BLE001 - optional extras: the import itself already succeeded
        cols = ("row", "contact", "notes", "snoozed_until")
        return pd.DataFrame({c: pd.Series([], dtype="string") for c in cols})


def presenter_snoozes() -> pd.DataFrame:
    """The log's own snooze dates while presenting (:func:`person_extra`'s ``snoozed_until``
    only: its contacts and notes can carry names), each row named by its key in presenter
    mode (:func:`analysis.anonymise.coded_row_keys`), so a reminder the person snoozed stays
    hidden and the counts are those shown without presenting."""
    from analysis.anonymise import coded_row_keys

    empty = pd.DataFrame({c: pd.Series([], dtype="string") for c in ("row", "snoozed_until")})
    files = uploads()
    if not files:
        return empty  # the demo keeps no snoozes
    result, _ = load_current()  # the import the sidebar showed (cached): names, not shown
    if result is None:
        return empty
    try:  # the View's report is anonymised: read_safely needs the files' own names
        extra = person_columns_cached(tuple(read_safely(files, result.report)))
    except Exception:  # noqa: BLE001 - optional extras, as in person_extra
        return empty
    dated = extra.dropna(subset=["snoozed_until"])
    if dated.empty:  # no snooze in the file: no need to code every row's key
        return empty
    rows = dated["row"].astype(str).map(coded_row_keys(result))
    out = pd.DataFrame({"row": rows, "snoozed_until": dated["snoozed_until"]})
    return out.dropna(subset=["row"]).reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=32)
def verdicts_cached(
    _resolved: pd.DataFrame, windows: tuple[tuple[str, int], ...], token: str
) -> dict:
    """``analysis.verdict.step_verdicts`` cached by the View's resolved-table token and the
    windows (the table is not hashed: see :func:`resolve_cached`)."""
    from analysis.verdict import step_verdicts

    return step_verdicts(_resolved, windows=dict(windows))


def view_verdicts(view: View) -> dict:
    """The one verdict per step for this view (touchpoint -> ``StepVerdict``): every card,
    sentence and chart that shows a verdict reads this. The window after applying is the
    sidebar's "follow up after" setting; the other steps keep their defaults."""
    return verdicts_cached(
        view.resolved, (("after_applying", int(view.settings.cadence_days)),), resolved_token(view)
    )


def resolved_token(view: View) -> str:
    """Names ``view.resolved``: the View's table plus the as-of date and ghosting rule."""
    s = view.settings
    return f"{view.token}|{s.as_of.isoformat()}|{s.ghost_after_days}"


@st.cache_data(show_spinner=False, max_entries=16)
def cohort_verdicts_cached(
    _resolved: pd.DataFrame, windows: tuple[tuple[str, int], ...], token: str
) -> dict:
    """``analysis.cohort.cohort_verdicts`` cached by the View's resolved-table token and the
    windows (the table is not hashed: see :func:`resolve_cached`)."""
    from analysis.cohort import cohort_verdicts

    return cohort_verdicts(_resolved, windows=dict(windows))


def view_cohort_verdicts(view: View) -> dict:
    """The workshop's verdict per step for this view (touchpoint -> ``CohortVerdict``), with
    the same windows as :func:`view_verdicts`; the room panel reads this."""
    return cohort_verdicts_cached(
        view.resolved, (("after_applying", int(view.settings.cadence_days)),), resolved_token(view)
    )


@st.cache_data(show_spinner=False, max_entries=4)
def template_cached() -> bytes:
    """The blank template workbook."""
    from data.template import template_bytes

    return template_bytes()


# --------------------------------------------------------------------------- presenter mode
def presenter_on() -> bool:
    """Whether presenter mode is on for this session (``session_state["ft_presenter"]``)."""
    return bool(st.session_state.get(KEY_PRESENTER, False))


def min_cell() -> int:
    """The session's small-cell threshold k (counts under k are suppressed when presenting)."""
    try:
        return max(1, int(st.session_state.get(KEY_MIN_CELL, DEFAULT_MIN_CELL)))
    except (TypeError, ValueError):
        return DEFAULT_MIN_CELL


def presenter_salt() -> str:
    """This session's key for ordering the P01… codes: random, made once per session, so
    codes stay the same while presenting and their order says nothing about the names."""
    salt = st.session_state.get(KEY_PRESENTER_SALT)
    if not isinstance(salt, str) or not salt:
        import secrets

        salt = secrets.token_hex(16)
        st.session_state[KEY_PRESENTER_SALT] = salt
    return salt


#: {key: ImportResult} — this session's last anonymised results (a rerun reuses them).
KEY_ANON_MEMO = "ft_anon_memo"


def anonymised(result: ImportResult, key: str | None = None) -> ImportResult:
    """``result`` with every name taken out (:func:`analysis.anonymise.anonymise_result`).

    ``key`` names what ``result`` holds (data source, edits); with it, the session keeps the
    last few anonymised results so a rerun (any widget click) does not redo the work."""
    from analysis.anonymise import anonymise_result

    salt = presenter_salt()
    if key is None:
        return anonymise_result(result, salt=salt)
    memo = st.session_state.get(KEY_ANON_MEMO)
    if not isinstance(memo, dict):
        memo = {}
    full = f"{salt}:{key}"
    if full not in memo:
        memo = dict(list(memo.items())[-3:])  # the last few only
        memo[full] = anonymise_result(result, salt=salt)
        st.session_state[KEY_ANON_MEMO] = memo
    return memo[full]


def presenter_notice(what: str) -> None:
    """One line in place of something that would show the person's own file in presenter mode."""
    st.info(
        f"Presenter mode is on, so {what} is hidden. Turn presenter mode off in the sidebar "
        "to see it.",
        icon=":material/co_present:",
    )


# --------------------------------------------------------------------------- helpers
def uploads() -> list[tuple[str, bytes]]:
    """The files this session uploaded (empty list → demo)."""
    files = st.session_state.get(KEY_UPLOADS) or []
    return [(str(n), bytes(b)) for n, b in files]


def participants_key() -> str:
    """What besides the files decides the import: participants-from and the mapping."""
    pfrom = str(st.session_state.get(KEY_PARTICIPANTS_FROM) or "auto")
    return f"{pfrom}:{sorted(mapping_override().items())}"


def mapping_override() -> dict[str, str]:
    """The session's corrected column mapping (header → field)."""
    return dict(st.session_state.get(KEY_MAPPING) or {})


def value_override() -> dict[str, str]:
    """The session's value mapping (cell as written → meaning)."""
    return dict(st.session_state.get(KEY_VALUES) or {})


def source_id(files: list[tuple[str, bytes]], length: int = 10) -> str:
    """Short content hash naming the current data source (widget keys depend on it)."""
    if not files:
        return "demo"
    h = hashlib.sha1()
    for name, data in files:
        h.update(name.encode("utf-8", "replace"))
        h.update(hashlib.sha1(data).digest())
    return h.hexdigest()[:length]


def load_current() -> tuple[ImportResult | None, bool]:
    """Load this session's data: ``(result, is_demo)``; ``(None, False)`` after an error.

    Shows the reader's progress in words while reading (:func:`progress_text`) and the
    importer's message via ``st.error`` on bad input.
    """
    warm_up()  # the reader's fork server starts while the person looks at the demo
    files = uploads()
    if not files:
        with st.spinner("Loading the demo data…"):
            return load_demo_cached(demo_kind()), True
    names = (
        f"{len(files)} file{'s' if len(files) != 1 else ''}"
        if presenter_on()
        else ", ".join(n for n, _ in files)
    )
    too_big = upload_too_big(files)
    if too_big:
        st.error(escape_md(too_big), icon=":material/error:")
        return None, False
    mapping = tuple(sorted(mapping_override().items()))
    values = tuple(sorted(value_override().items()))
    pfrom = str(st.session_state.get(KEY_PARTICIPANTS_FROM) or "auto")
    show = ProgressBox(st.empty, presenter_on())
    try:
        return import_uploads(tuple(files), pfrom, mapping, values, progress=show), False
    except InputError as err:
        if len(files) == 1 and HEADER_ONLY in str(err):  # a blank log, e.g. the template
            return empty_log(*files[0]), False
        st.error(escape_md(_presentable(str(err), files)), icon=":material/error:")
    except Exception as err:  # an importer bug must not show a traceback with user data
        st.error(
            f"Could not read {escape_md(names)}: {type(err).__name__}. "
            "Check that it is a CSV or Excel file with one application per row.",
            icon=":material/error:",
        )
    finally:
        show.clear()
    return None, False


def progress_text(p: Progress, presenting: bool) -> str | None:
    """What to show of a progress report from the reader: nothing in the first second of
    reading (most uploads are read by then), then the worker's words (file, sheet, rows so
    far; presenting: the rows only, no names) and the seconds so far; waiting for a free
    reader is said at once.

    No animated spinner while an upload is read: with software rendering it kept each
    waiting browser drawing (15% of a core), and ten of them beside the server on its two
    cores starved the readers they were waiting for. For the same reason the seconds go in
    steps of :data:`PROGRESS_STEP_S` (each new text is a message to the browser and a
    redraw; the reader reports twice a second), and :class:`ProgressBox` sends a text
    only when it changed.

    Examples
    --------
    >>> from data.sandbox import Progress
    >>> progress_text(Progress("Reading a.csv…", elapsed=0.4), presenting=False) is None
    True
    >>> progress_text(Progress("Reading a.csv: 12,000 rows", rows=12_000, elapsed=2.2), True)
    'Reading… 12,000 rows so far'
    >>> progress_text(Progress("Reading a.csv: 12,000 rows", rows=12_000, elapsed=7.9), True)
    'Reading… 12,000 rows so far (5 s)'
    """
    if p.message.startswith(WAITING_FOR_READER):
        return p.message
    if p.elapsed < 1.0:
        return None
    said = f"Reading… {p.rows:,} rows so far" if presenting else p.message
    if p.elapsed < PROGRESS_STEP_S:
        return said
    return f"{said} ({int(p.elapsed) // PROGRESS_STEP_S * PROGRESS_STEP_S} s)"


#: The seconds shown while reading go up in steps of this many.
PROGRESS_STEP_S = 5


class ProgressBox:
    """The reader's progress callback: the words of :func:`progress_text` in one info box
    (made by ``make_box`` on first use), sent to the browser only when they change.

    Examples
    --------
    >>> from data.sandbox import Progress
    >>> sent = []
    >>> class Box:
    ...     def info(self, text, icon=None): sent.append(text)
    ...     def empty(self): sent.append("(cleared)")
    >>> show = ProgressBox(Box, presenting=False)
    >>> for tenth in range(5, 80, 5):  # the reader reports every half second
    ...     show(Progress("Reading log…", elapsed=tenth / 10))
    >>> show.clear()
    >>> [text.replace(chr(92), "") for text in sent]  # without the markdown escapes
    ['Reading log…', 'Reading log… (5 s)', '(cleared)']
    """

    def __init__(self, make_box: Callable[[], Any], presenting: bool) -> None:
        self._make_box = make_box
        self._presenting = presenting
        self._box: Any = None
        self._last: str | None = None

    def __call__(self, p: Progress) -> None:
        text = progress_text(p, self._presenting)
        if text is None or text == self._last:
            return
        if self._box is None:
            self._box = self._make_box()
        self._box.info(escape_md(text), icon=":material/hourglass_top:")
        self._last = text

    def clear(self) -> None:
        """Take the box away (the reading is over)."""
        if self._box is not None:
            self._box.empty()


#: The importer's words for a file with a header row and nothing under it.
HEADER_ONLY = "has a header row but no data rows"
#: Said on every page while the log holds no application yet.
NO_APPLICATIONS_YET = "No applications yet: add one in My log (in the menu on the left)."


def empty_log(name: str, data: bytes) -> ImportResult:
    """A log with its header but no application yet (the blank template, say): it opens as an
    empty table, to be filled in My log, instead of an error. Its columns are read as for any
    log (through ``data.writeback.with_probe_row``: one placeholder row, left out), so the
    pages know what it tracks and the download writes new applications under its header.

    Examples
    --------
    >>> r = empty_log("log.csv", b"Company,Status\\n")
    >>> len(r.applications), r.report.files, r.report.rows_read
    (0, ['log.csv'], 0)
    """
    from data.schema import coerce_applications
    from data.writeback import with_probe_row

    empty = ImportResult(coerce_applications(pd.DataFrame()), ImportReport(files=[name]))
    probed = with_probe_row(name, data)
    if probed is None:
        return empty
    try:
        res = import_uploads(((name, probed),))
    except Exception:  # noqa: BLE001 - then only the empty table, without its columns
        return empty
    report = replace(res.report, rows_read=0, rows_analysed=0, excluded=[], unread=[])
    return ImportResult(res.applications.iloc[0:0].reset_index(drop=True), report)


def no_applications_yet(view: View) -> bool:
    """Whether the log holds no application at all (not: a filter left none in view)."""
    edited = view.edited if view.edited is not None else view.applications
    return len(edited) == 0


def _presentable(message: str, files: list[tuple[str, bytes]]) -> str:
    """An import message with the file names replaced by File 1… in presenter mode."""
    if not presenter_on():
        return message
    from analysis.anonymise import scrub_text

    codes: dict[str, str] = {}
    for i, (name, _) in enumerate(files):
        codes[name] = f"File {i + 1}"
        if "." in name:
            codes.setdefault(name.rsplit(".", 1)[0], f"File {i + 1}")
    return scrub_text(message, codes)


def filter_applications(
    apps: pd.DataFrame, date_from: dt.date | None, date_to: dt.date | None, participant: str | None
) -> pd.DataFrame:
    """Rows applied within ``[date_from, date_to]`` (undated rows kept only when the
    range is the full span, i.e. both bounds None) and of ``participant`` (None = all).

    Examples
    --------
    >>> t = pd.DataFrame({"applied_on": pd.to_datetime(["2026-01-01", "2026-02-01", None]),
    ...                   "participant": ["a", "b", "a"]})
    >>> len(filter_applications(t, dt.date(2026, 1, 15), None, None))
    1
    >>> len(filter_applications(t, None, None, "a"))
    2
    """
    keep = pd.Series(True, index=apps.index)
    if date_from is not None or date_to is not None:
        d = apps["applied_on"]
        keep &= d.notna()
        if date_from is not None:
            keep &= d >= pd.Timestamp(date_from)
        if date_to is not None:
            keep &= d <= pd.Timestamp(date_to)
    if participant is not None:
        keep &= apps["participant"].astype("object").eq(participant).fillna(False).astype(bool)
    return apps.loc[keep.to_numpy()].reset_index(drop=True)


def participants_of(apps: pd.DataFrame) -> list[str]:
    """Sorted distinct participant names."""
    if "participant" not in apps.columns:
        return []
    return sorted({str(p) for p in apps["participant"].dropna().unique()})


def current_view() -> View | None:
    """The View the sidebar computed for this run, or None (no usable data)."""
    return st.session_state.get(KEY_VIEW)


def require_view() -> View:
    """The current View; stops the page with a message when there is no usable data.

    A page run without app.py (no View of this session yet) goes through it first: see
    :func:`ui.navigation.through_the_router`."""
    # app.py sets KEY_VIEW (to None without data) every run; once per session at most, so a
    # run that somehow misses it cannot switch pages for ever
    if KEY_VIEW not in st.session_state and not st.session_state.get(KEY_ROUTED):
        from ui.navigation import through_the_router

        st.session_state[KEY_ROUTED] = True
        through_the_router()
    view = current_view()
    if view is None:
        st.info(
            "No data to show. Upload your application log in the sidebar, "
            "or remove the file that could not be read to go back to the demo data.",
            icon=":material/upload_file:",
        )
        st.stop()
    return view


def old_log_sentence(last: dt.date, as_of: dt.date, ghost_after_days: int) -> str:
    """The one sentence shown for an old log, for the as-of date in use.

    Examples
    --------
    >>> old_log_sentence(dt.date(2024, 3, 13), dt.date(2026, 11, 25), 30)[:58]
    "Your log's latest entry is from 13 Mar 2024, 32 months ago"
    """
    months = max(1, round((as_of - last).days / 30.44))
    if as_of == last:
        return (
            f"Viewing as of your last entry ({last:%d %b %Y}): applications without an "
            "answer by then count as still waiting, not as ghosted."
        )
    return (
        f"Your log's latest entry is from {last:%d %b %Y}, {months} month"
        f"{'s' if months != 1 else ''} ago: the numbers are as of today, so an application "
        f"with no answer for {ghost_after_days} days counts as no answer (ghosted)."
    )


# --------------------------------------------------------------------------- started on a file
#: StartFile — the file named on the command line (``streamlit run app.py -- ~/jobs.xlsx``).
KEY_START = "ft_start_file"


@dataclass
class StartFile:
    """The file the app was started on: where Save writes, and what is on disk now."""

    path: str
    name: str
    data: bytes  # what the app believes is on disk (as opened, or as last saved)
    opened: bytes  # as opened: the upload the numbers come from


def open_start_file(args: list[str]) -> None:
    """Load the file named on the command line into this session, once.

    Examples: ``python -m streamlit run app.py -- ~/jobs.xlsx``. A file that cannot be read
    gives one line on the page (never a traceback); the demo shows instead.
    """
    if not args or KEY_START in st.session_state:
        return
    from pathlib import Path

    path = Path(args[0]).expanduser()
    st.session_state[KEY_START] = None
    try:
        data = path.read_bytes()
    except OSError as err:
        st.error(
            f"Could not open {escape_md(str(path))}: {escape_md(err.strerror or str(err))}.",
            icon=":material/error:",
        )
        return
    st.session_state[KEY_START] = StartFile(str(path.resolve()), path.name, data, data)
    st.session_state[KEY_UPLOADS] = [(path.name, data)]


def start_file() -> StartFile | None:
    """The file the app was started on, while it is what this session shows (else None)."""
    start = st.session_state.get(KEY_START)
    if not isinstance(start, StartFile):
        return None
    return start if uploads() == [(start.name, start.opened)] else None


def saved_start_file(data: bytes) -> None:
    """Record that ``data`` is now on disk (after Save)."""
    start = st.session_state.get(KEY_START)
    if isinstance(start, StartFile):
        st.session_state[KEY_START] = StartFile(start.path, start.name, data, start.opened)


# --------------------------------------------------------------------------- edit log
#: dict[source id, list[data.edits.Edit]] — changes made in the app, per data source.
KEY_EDITS = "ft_edits"


def edits_for(sid: str) -> list:
    """The edit log of data source ``sid`` in this session (oldest first)."""
    return list((st.session_state.get(KEY_EDITS) or {}).get(sid, []))


#: (import key, edit log, edited table) — this session's last edited table, so a rerun
#: without a new edit reuses it and a new follow-up mark applies on top of it.
KEY_EDITED_MEMO = "ft_edited_memo"


def edited_applications(apps: pd.DataFrame, edits: list, key: str) -> pd.DataFrame:
    """``data.edits.apply_edits(apps, edits)``, kept per session.

    ``key`` names the import ``apps`` is (files, how they were read: :func:`view_token` of
    no edits). The same log as last time returns the last result; a log that only adds
    follow-up marks and snoozes to it (``data.edits.extends_by_marks``, e.g. one Done)
    applies the new edits to the last result instead of replaying the whole log over a
    fresh copy; anything else (an undo, a status, another file) replays. Held in this
    session's state only, so no other session's data can be served."""
    from data.edits import apply_edits, extends_by_marks

    if not edits:
        return apps
    memo = st.session_state.get(KEY_EDITED_MEMO)
    out = None
    if isinstance(memo, tuple) and len(memo) == 3 and memo[0] == key:
        old, last = memo[1], memo[2]
        if old == tuple(edits):
            return last
        if extends_by_marks(old, edits):
            out = apply_edits(last, edits[len(old) :])
    if out is None:
        out = apply_edits(apps, edits)
    st.session_state[KEY_EDITED_MEMO] = (key, tuple(edits), out)
    return out


#: (key, resolved table) — this session's last edited view, resolved (see :func:`view_tables`).
KEY_RESOLVED_MEMO = "ft_resolved_memo"


def view_tables(
    edited: pd.DataFrame, sid: str, edits: list, settings: Settings
) -> tuple[pd.DataFrame, str, pd.DataFrame]:
    """``(filtered, token, resolved)``: the edited table filtered as the sidebar says, its
    :func:`view_token`, and ``analysis.outcomes.resolve`` of it: cached by that token, in
    the shared cache without edits, in this session's state with them (read-only, like
    every table of the View)."""
    s = settings
    filtered = filter_applications(edited, s.date_from, s.date_to, s.participant)
    token = view_token(sid, edits, s.date_from, s.date_to, s.participant)
    if not edits:
        return filtered, token, resolve_cached(filtered, s.as_of, s.ghost_after_days, token)
    # an edited view is this session's alone: kept in its state, not in the shared cache
    # (which would pickle the whole table on every edit and unpickle it on every rerun)
    key = f"{token}|{s.as_of.isoformat()}|{s.ghost_after_days}"
    memo = st.session_state.get(KEY_RESOLVED_MEMO)
    if isinstance(memo, tuple) and len(memo) == 2 and memo[0] == key:
        return filtered, token, memo[1]
    from analysis.outcomes import resolve

    resolved = resolve(filtered, s.as_of, ghost_after_days=s.ghost_after_days)
    st.session_state[KEY_RESOLVED_MEMO] = (key, resolved)
    return filtered, token, resolved


def refreshed_view(view: View) -> View:
    """``view`` with this session's current edit log, for a fragment rerun after an edit
    (the sidebar, which builds the View, did not run again): same files, settings and
    filters. The refreshed View replaces the stored one. In presenter mode nothing can be
    edited, so the View is returned as it is."""
    edits = edits_for(view.source_id)
    if edits == view.edits or presenter_on():
        return view
    apps = view.result.applications
    edited = edited_applications(apps, edits, view_token(view.source_id, []))
    filtered, token, resolved = view_tables(edited, view.source_id, edits, view.settings)
    new = replace(
        view, applications=filtered, resolved=resolved, edited=edited, edits=edits, token=token
    )
    st.session_state[KEY_VIEW] = new
    return new


def add_edits(sid: str, *new: object) -> None:
    """Append edits (``data.edits.Edit``) to the log of data source ``sid``."""
    log = dict(st.session_state.get(KEY_EDITS) or {})
    log[sid] = list(log.get(sid, [])) + list(new)
    st.session_state[KEY_EDITS] = log
