"""Hostile uploads in the app (AppTest): one clear error line, no traceback, within 10 s;
the next upload in the same session works; an upload over the total size is refused."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import hostile
from ui import state

APP = str(Path(__file__).resolve().parents[2] / "app.py")

CASES = hostile.REFUSED_FILES


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return {name: build() for name, (build, _) in CASES.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_upload_is_one_error_line(files: dict[str, bytes], name: str) -> None:
    state._imports.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[state.KEY_UPLOADS] = [(name, files[name])]
    t0 = time.perf_counter()
    at.run()
    assert time.perf_counter() - t0 < 10
    assert not at.exception, [e.message for e in at.exception]
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "\n" not in errors[0]
    shown = errors[0].replace("\\", "").replace("\u2060", "")
    assert shown.startswith(f"'{name}'") and CASES[name][1] in shown
    # the same session carries on with a good file
    at.session_state[state.KEY_UPLOADS] = [("good.csv", hostile.log_csv(30))]
    at.run()
    assert not at.exception and not at.error


def test_upload_over_the_total_size_is_refused() -> None:
    big = b"Company,Status\n" + b"Acme,open\n" * 2_700_000  # 27 MB each: 51 MiB together
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[state.KEY_UPLOADS] = [("a.csv", big), ("b.csv", big)]
    t0 = time.perf_counter()
    at.run()
    assert time.perf_counter() - t0 < 10
    assert not at.exception
    assert len(at.error) == 1
    assert "These 2 files hold 51 MB together, more than the 50 MB" in at.error[0].value


def test_import_cache_is_bounded_by_entries_age_and_size() -> None:
    c = state.ImportCache(max_entries=3, ttl=0.2, max_bytes=100)
    c.put("a", 1, 60)
    c.put("b", 2, 60)  # over 100 bytes together: a leaves
    assert c.get("a") is None and c.get("b") == 2
    c.put("huge", 3, 101)  # bigger than the whole cache: not kept
    assert c.get("huge") is None
    time.sleep(0.3)
    assert c.get("b") is None and len(c) == 0  # expired


def test_16k_column_csv_opens_in_seconds_and_says_what_it_left_out() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[state.KEY_UPLOADS] = [("wide.csv", hostile.wide_log_csv(16_384))]
    t0 = time.perf_counter()
    at.run()
    assert time.perf_counter() - t0 < 20  # goal 10 s; see tests/analysis/test_cli_hostile.py
    assert not at.exception and not at.error
    at.switch_page("pages/import_check.py").run()
    assert not at.exception
    said = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "16,341 columns" in said and "not examined" in said
    # the columns left out are listed with their values, the first 25 of them
    (listed,) = [m.value for m in at.markdown if m.value.startswith("**Columns left out**")]
    assert listed.count("\n- ") == 26 and "more (each is in the table above)" in listed


def test_a_file_the_worker_could_not_read_is_never_read_again_in_the_server(monkeypatch) -> None:
    """Contacts and notes (Follow up today, My log) and the write-back read the uploads again
    in the server process: a file the worker failed on must not be among them (it may be
    one that makes the native reader abort the process, as 311 of 10,000 fuzz cases did)."""
    import data.writeback as wb

    seen: list[list[str]] = []
    real = wb.person_columns

    def spy(files):
        seen.append([n for n, _ in files])
        return real(files)

    monkeypatch.setattr(wb, "person_columns", spy)
    state.person_columns_cached.clear()
    state._imports.clear()
    good = ("good.csv", hostile.log_csv(40, seed=7))
    bad = ("broken.xlsx", b"PK\x03\x04 not really a workbook " * 10)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[state.KEY_UPLOADS] = [good, bad]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    failed = [n for n, _ in at.session_state[state.KEY_VIEW].result.report.files_failed]
    assert failed == ["broken.xlsx"], "the bad file must fail while the good one is shown"
    for page in ("pages/follow_up_today.py", "pages/my_log.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
    assert seen, "the pages read the log's contacts and notes"
    assert all(names == ["good.csv"] for names in seen), seen


def test_import_cache_holds_a_room_of_uploads_without_evicting_one() -> None:
    """Every person in a workshop room uploads their own log: with fewer entries than
    sessions, the sessions evict each other in turn and every page visit reads its file
    again in a worker (seen with 8 entries and 10 sessions)."""
    c = state.ImportCache(state.IMPORT_CACHE_ENTRIES, state.IMPORT_CACHE_TTL_S, 10**9)
    sessions = [f"log of person {i}" for i in range(state.ROOM_SESSIONS)]
    for visit in range(3):  # each session comes back to its upload, round after round
        for key in sessions:
            if visit == 0:
                c.put(key, key.upper(), 1)
            assert c.get(key) == key.upper(), (visit, key)
    assert state.ROOM_SESSIONS >= 30


def test_progress_is_said_after_a_second_and_waiting_for_a_reader_at_once() -> None:
    from data.sandbox import WAITING_FOR_READER, Progress

    reading = Progress("Reading log.xlsx: sheet 'Jobs', 8,000 rows", "log.xlsx", "Jobs", 8000)
    assert state.progress_text(replace(reading, elapsed=0.6), presenting=False) is None
    assert state.progress_text(replace(reading, elapsed=3.4), presenting=False) == (
        "Reading log.xlsx: sheet 'Jobs', 8,000 rows"
    )
    assert state.progress_text(replace(reading, elapsed=12.6), presenting=False) == (
        "Reading log.xlsx: sheet 'Jobs', 8,000 rows (10 s)"
    )
    # presenting: how far, never the file's or the sheet's name
    shown = state.progress_text(replace(reading, elapsed=5.4), presenting=True)
    assert shown == "Reading… 8,000 rows so far (5 s)"
    waiting = Progress(f"{WAITING_FOR_READER} (3 other upload(s) first)…")
    assert state.progress_text(waiting, presenting=True) == waiting.message
    assert "log" not in waiting.message


def test_a_long_read_sends_few_progress_messages() -> None:
    """The reader reports twice a second; a waiting browser redraws for every message it
    gets. A 30 s read with rows coming in every 10 s sends one message per new text: 6,
    not the 58 it sent with a seconds counter and no check for a repeat."""
    from data.sandbox import Progress

    sent: list[str] = []

    class Box:
        def info(self, text: str, icon: str | None = None) -> None:
            sent.append(text)

    show = state.ProgressBox(Box, presenting=False)
    for half in range(60):
        rows = (half // 20) * 10_000
        show(Progress(f"Reading big.csv: {rows:,} rows", "big.csv", None, rows, half / 2))
    assert len(sent) == 6 and len(set(sent)) == 6
    shown = sent[-1].replace("\\", "").replace("\u2060", "")  # markdown escapes taken out
    assert shown == "Reading big.csv: 20,000 rows (25 s)"
