"""The job seeker's loop in the app: log a follow-up, the numbers move; hand the log back."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.outcomes import resolve
from analysis.reminders import due_followups
from data import import_files
from data.edits import Edit, apply_edits

APP = str(Path(__file__).resolve().parents[2] / "app.py")

NO_FOLLOWUP_CSV = (
    "Company,Role,Date Applied,Status,Contact\n"
    + "".join(
        f"Co{i},Analyst,{(dt.date.today() - dt.timedelta(days=9 + i)).isoformat()},Applied,"
        f"{'hr@co' + str(i) + '.example' if i % 2 == 0 else 'call Kim'}\n"
        for i in range(6)
    )
    + f"Old,PM,{(dt.date.today() - dt.timedelta(days=60)).isoformat()},Rejected,\n"
).encode()


def run(files=None, **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if files is not None:
        at.session_state["ft_uploads"] = files
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


def ok(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def metric(at: AppTest, label: str) -> str:
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"no metric {label!r}; have {[m.label for m in at.metric]}"
    return found[0]


def followed_k_n(at: AppTest) -> tuple[int, int]:
    text = " ".join(c.value for c in at.caption)
    m = re.search(r"(\d+) of (\d+) followed up", text)
    assert m, text[:400]
    return int(m.group(1)), int(m.group(2))


def test_done_on_follow_up_today_changes_the_numbers_everywhere():
    from data.demo import DEMO_AS_OF, load_demo

    at = run()
    ok(at)
    k0, n0 = followed_k_n(at)
    at.switch_page("pages/follow_up_today.py").run()
    ok(at)
    due = due_followups(resolve(load_demo().applications, DEMO_AS_OF), DEMO_AS_OF)
    assert metric(at, "Follow-ups due") == str(len(due))
    first = due.iloc[0]
    done = [b for b in at.button if b.label == "Done"]
    assert len(done) >= 1
    done[0].click().run()
    ok(at)
    assert metric(at, "Follow-ups due") == str(len(due) - 1)
    # the edit log holds exactly that follow-up, dated today (the demo's as-of day)
    log = at.session_state["ft_edits"]["demo-seeker"]
    assert [(e.row, e.value) for e in log] == [(first["row"], DEMO_AS_OF)]
    at.switch_page("pages/my_followup.py").run()
    ok(at)
    k1, n1 = followed_k_n(at)
    if first["touchpoint"] == "after_applying":
        assert (k1, n1) == (k0 + 1, n0)


def test_snooze_hides_a_reminder_until_its_day():
    at = run()
    at.switch_page("pages/follow_up_today.py").run()
    before = int(metric(at, "Follow-ups due"))
    [b for b in at.button if b.label == "Snooze"][0].click().run()
    ok(at)
    assert int(metric(at, "Follow-ups due")) == before - 1
    assert any("1 snoozed" in c.value for c in at.caption)


def test_a_log_without_follow_up_columns_gains_them_when_one_is_marked():
    files = [("jobs.csv", NO_FOLLOWUP_CSV)]
    at = run(files)
    ok(at)
    assert metric(at, "Follow-up after applying") == "not tracked"
    at.switch_page("pages/follow_up_today.py").run()
    ok(at)
    # a message is drawn only once its expander is open; then the contact column gives a
    # mailto link, and only for a real address
    assert not at.get("link_button") and not at.text_area
    today = dt.date.today()
    due = due_followups(resolve(import_files(files).applications, today), today)
    for r in due.itertuples():
        at.session_state[f"ft_msg_open_{r.row}_{r.touchpoint}"] = True
    at.run()
    ok(at)
    assert len(at.text_area) == min(len(due), 8)
    links = at.get("link_button")
    assert links and all(lb.proto.url.startswith("mailto:hr@co") for lb in links)
    assert len(links) == sum(1 for c in due.head(8)["company"] if int(c[2:]) % 2 == 0)
    [b for b in at.button if b.label == "Done"][0].click().run()
    ok(at)
    at.switch_page("pages/my_followup.py").run()
    ok(at)
    # now tracked: one of the six open applications followed up, the others "no"
    res = import_files(files)
    log = at.session_state["ft_edits"]
    edits = next(iter(log.values()))
    want = apply_edits(res.applications, edits)
    assert int(want["followup_after_apply"].sum()) == 1
    assert metric(at, "Follow-up after applying") != "not tracked"
    k, n = followed_k_n(at)
    assert k == 1 and n >= 6
    # the download writes the new column into the person's own CSV
    from data.writeback import write_back

    out = write_back(files, res.report, edits)[0][1].decode()
    assert out.splitlines()[0] == "Company,Role,Date Applied,Status,Contact,Follow-up date"
    again = import_files([("jobs.csv", out.encode())]).applications
    pd.testing.assert_series_equal(
        again["followup_after_apply"].astype("boolean"),
        want["followup_after_apply"].astype("boolean"),
        check_names=False,
    )


def test_my_log_lists_the_applications_and_adds_one():
    at = run([("jobs.csv", NO_FOLLOWUP_CSV)])
    at.switch_page("pages/my_log.py").run()
    ok(at)
    assert at.title[0].value == "My log"
    table = at.main.get("dataframe")[0].value  # the editor, most recent first
    assert len(table) == 7 and list(table["company"])[:2] == ["Co0", "Co1"]
    assert table["status"].tolist().count("Rejected") == 1
    form_inputs = {t.label: t for t in at.text_input}
    form_inputs["Company"].set_value("Newco")
    form_inputs["Role"].set_value("Engineer")
    [b for b in at.button if b.label == "Add to my log"][0].click().run()
    ok(at)
    at.switch_page("pages/my_followup.py").run()
    assert metric(at, "Applications") == "8"


def test_presenter_mode_shows_a_notice_instead_of_the_log():
    at = run([("jobs.csv", NO_FOLLOWUP_CSV)], ft_presenter=True)
    at.switch_page("pages/my_log.py").run()
    ok(at)
    assert any("Presenter mode is on" in i.value for i in at.info)
    assert not at.main.get("dataframe") and not at.main.get("download_button")


def test_started_on_a_file_save_keeps_a_backup_and_writes_back(tmp_path, monkeypatch):
    path = tmp_path / "jobs.csv"
    path.write_bytes(NO_FOLLOWUP_CSV)
    monkeypatch.setattr(sys, "argv", ["app.py", str(path)])
    at = AppTest.from_file(APP, default_timeout=90).run()
    ok(at)
    assert metric(at, "Applications") == "7"  # opened on that file, not the demo
    at.switch_page("pages/follow_up_today.py").run()
    [b for b in at.button if b.label == "Done"][0].click().run()
    at.switch_page("pages/my_log.py").run()
    ok(at)
    assert path.read_bytes() == NO_FOLLOWUP_CSV  # nothing written before Save
    save = [b for b in at.button if b.label == "Save to jobs.csv"]
    assert save
    save[0].click().run()
    ok(at)
    backups = sorted(tmp_path.glob("jobs.backup-*.csv"))
    assert len(backups) == 1 and backups[0].read_bytes() == NO_FOLLOWUP_CSV
    saved = import_files([("jobs.csv", path.read_bytes())]).applications
    assert int(saved["followup_after_apply"].sum()) == 1
    assert any("previous version is kept" in s.value for s in at.success)


def test_edit_log_is_per_source_and_survives_page_switches():
    at = run()
    at.switch_page("pages/follow_up_today.py").run()
    [b for b in at.button if b.label == "Done"][0].click().run()
    for page in ("pages/pipeline.py", "pages/my_log.py", "pages/my_followup.py"):
        at.switch_page(page).run()
        ok(at)
    assert len(at.session_state["ft_edits"]["demo-seeker"]) == 1
    assert isinstance(at.session_state["ft_edits"]["demo-seeker"][0], Edit)


REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld"


def test_old_real_log_is_as_of_today_with_the_sentence():
    """sandervw's log ends in 2025: as of today its silent applications count as no answer
    (25% answered, not 100% of the few answered ones), and one sentence says why."""
    import pytest

    from analysis.responses import response_counts, stale_log
    from ui.state import old_log_sentence

    path = REAL / "github_sandervw_job-search__job_applications.csv"
    if not path.exists():
        pytest.skip(f"{path} not available")
    files = [(path.name, path.read_bytes())]
    apps = import_files(files).applications
    today = dt.date.today()
    k, n = response_counts(resolve(apps, today))
    assert (k, n) == (22, 88)  # 21 rejections + 1 interview; the other 66 are silent
    at = run(files)
    ok(at)
    assert metric(at, "Response rate") == "25%"
    last = stale_log(apps, today)
    assert last is not None
    assert old_log_sentence(last, today, 30) in [i.value for i in at.sidebar.info]


def test_an_edit_of_one_row_in_100k_is_not_served_from_a_stale_cache():
    """Streamlit hashes only a sample of a DataFrame of 100k rows or more: the cached
    resolve is keyed by the View's token (files, reading, edits, filters), not the table."""
    from data.schema import coerce_applications
    from ui.state import resolve_cached

    n = 100_000
    t = coerce_applications(
        pd.DataFrame(
            {
                "applied_on": ["2026-06-01"] * n,
                "stage_reached": ["applied"] * n,
                "outcome": ["pending"] * n,
            }
        )
    )
    as_of = dt.date(2026, 6, 10)
    before = resolve_cached(t, as_of, 30, "token-before")
    edited = t.copy()
    edited.loc[54_321, "outcome"] = "rejected"
    after = resolve_cached(edited, as_of, 30, "token-after")
    assert str(before.loc[54_321, "outcome"]) == "pending"
    assert str(after.loc[54_321, "outcome"]) == "rejected"


def test_done_after_done_applies_as_a_delta_and_undo_replays_the_log():
    """One Done applies on top of the session's last edited table (not a replay of the whole
    log over a fresh copy); whatever path, the View's table is the replayed log's."""
    from data.demo import load_demo
    from ui.state import KEY_VIEW

    apps = load_demo().applications

    def view_is_the_replay(at: AppTest) -> None:
        ok(at)
        log = at.session_state["ft_edits"]["demo-seeker"]
        pd.testing.assert_frame_equal(at.session_state[KEY_VIEW].edited, apply_edits(apps, log))

    at = run()
    at.switch_page("pages/follow_up_today.py").run()
    due = int(metric(at, "Follow-ups due"))
    for i in range(3):
        [b for b in at.button if b.label == "Done"][0].click().run()
        view_is_the_replay(at)
        assert int(metric(at, "Follow-ups due")) == due - 1 - i
    at.switch_page("pages/my_log.py").run()
    [b for b in at.button if b.label == "Undo my last change"][0].click().run()
    view_is_the_replay(at)
    assert len(at.session_state["ft_edits"]["demo-seeker"]) == 2
    at.switch_page("pages/follow_up_today.py").run()
    ok(at)
    assert int(metric(at, "Follow-ups due")) == due - 2


def test_a_snooze_survives_the_download_and_re_upload():
    """Snoozed in the app, written into the log's "Snoozed until" column by the download:
    the re-uploaded log keeps that reminder hidden (and its numbers are the same)."""
    from data.writeback import write_back

    files = [("jobs.csv", NO_FOLLOWUP_CSV)]
    at = run(files)
    at.switch_page("pages/follow_up_today.py").run()
    due = int(metric(at, "Follow-ups due"))
    [b for b in at.button if b.label == "Snooze"][0].click().run()
    ok(at)
    assert int(metric(at, "Follow-ups due")) == due - 1
    edits = next(iter(at.session_state["ft_edits"].values()))
    out = write_back(files, import_files(files).report, edits)
    assert out[0][1].decode().splitlines()[0].endswith(",Snoozed until")
    again = run(out)
    ok(again)
    again.switch_page("pages/follow_up_today.py").run()
    ok(again)
    assert int(metric(again, "Follow-ups due")) == due - 1
    assert any("1 snoozed" in c.value for c in again.caption)
    # presenting hides the log's contacts and notes, not its snoozes: the same count
    shown = run(out, ft_presenter=True)
    shown.switch_page("pages/follow_up_today.py").run()
    ok(shown)
    assert int(metric(shown, "Follow-ups due")) == due - 1
    assert any("1 snoozed" in c.value for c in shown.caption)
    assert "hr@co" not in repr([m.value for m in shown.markdown] + [c.value for c in shown.caption])


def test_the_blank_template_opens_empty_and_fills_from_my_log():
    """A log with a header and no rows (the blank template) is not an error: every page says
    there is nothing yet and where to add it; an application added in My log counts, and
    the download puts it under the template's header."""
    from data.template import template_bytes
    from data.writeback import write_back
    from ui.state import KEY_VIEW, NO_APPLICATIONS_YET

    files = [("followthrough_template.xlsx", template_bytes())]
    at = run(files)
    ok(at)
    assert not at.error
    assert NO_APPLICATIONS_YET in [i.value for i in at.main.info]
    for page in ("pages/follow_up_today.py", "pages/weekly_rhythm.py", "pages/pipeline.py"):
        at.switch_page(page).run()
        ok(at)
        assert not at.error
    at.switch_page("pages/my_log.py").run()
    ok(at)
    {t.label: t for t in at.text_input}["Company"].set_value("Newco")
    [b for b in at.button if b.label == "Add to my log"][0].click().run()
    ok(at)
    assert "Download my updated log" in [b.label for b in at.get("download_button")]
    at.switch_page("pages/my_followup.py").run()
    ok(at)
    assert metric(at, "Applications") == "1"
    edits = at.session_state["ft_edits"][at.session_state[KEY_VIEW].source_id]
    out = write_back(files, at.session_state[KEY_VIEW].result.report, edits)
    assert import_files(out).applications["company"].tolist() == ["Newco"]


def test_my_log_says_what_a_workbook_download_will_not_keep():
    """A workbook with a text box and sparklines: My log says, beside the download, that
    the updated copy will not have them (data.writeback.not_kept; the claim itself is
    tested in tests/data/test_writeback.py)."""
    from data.edits import row_keys
    from tests.workbooks import book_with_extras
    from ui.state import source_id

    files = [("tracker.xlsx", book_with_extras(text_box=True, sparklines=True))]
    at = run(files)
    ok(at)
    at.switch_page("pages/my_log.py").run()
    ok(at)
    assert not any("does not keep" in w.value for w in at.warning)  # no edit, nothing said
    key = row_keys(import_files(files).applications).iloc[0]
    at.session_state["ft_edits"] = {source_id(files): [Edit(key, "status", "Rejected")]}
    at.run()
    ok(at)
    said = [w.value.replace("\\", "") for w in at.warning if "does not keep" in w.value]
    assert len(said) == 1
    assert "tracker.xlsx has text boxes or shapes and sparklines" in said[0]
    assert "Download my updated log" in [b.label for b in at.get("download_button")]


def test_my_log_writes_the_workbook_only_when_the_download_is_asked_for(monkeypatch):
    """Writing a workbook back takes seconds for thousands of rows: an edit must not do it.
    My log names the download and says what it will not keep without writing; the
    button's data is a callable that writes the edited file when clicked."""
    import io

    import openpyxl
    from streamlit.delta_generator import DeltaGenerator

    import data.writeback as wb_module
    from data.edits import row_keys
    from tests.workbooks import book_with_extras
    from ui.state import source_id

    calls: list[int] = []
    real_write_back = wb_module.write_back
    monkeypatch.setattr(
        wb_module, "write_back", lambda *a, **k: calls.append(1) or real_write_back(*a, **k)
    )
    buttons: dict[str, dict] = {}
    real_button = DeltaGenerator.download_button

    def spy(self, label, data=None, file_name=None, **kw):
        buttons[label] = {"data": data, "file_name": file_name}
        return real_button(self, label, data, file_name, **kw)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    files = [("tracker.xlsx", book_with_extras(text_box=True, sparklines=False))]
    key = row_keys(import_files(files).applications).iloc[0]
    at = run(files)
    at.switch_page("pages/my_log.py").run()
    at.session_state["ft_edits"] = {source_id(files): [Edit(key, "status", "Rejected")]}
    at.run()
    ok(at)
    assert any("does not keep" in w.value for w in at.warning)  # said without writing
    assert calls == []
    button = buttons["Download my updated log"]
    assert button["file_name"] == "tracker.xlsx"
    assert callable(button["data"])
    written = button["data"]()  # what the click does
    assert calls == [1]
    sheet = openpyxl.load_workbook(io.BytesIO(written))["Jobs"]
    assert [c.value for c in sheet[2]][2] == "Rejected"


def test_tables_leave_missing_cells_empty_not_none():
    """A blank cell in the person's log is blank in the app's tables and editors
    (Streamlit writes "None" unless told otherwise, which reads as if the log said it)."""
    files = [("jobs.csv", NO_FOLLOWUP_CSV)]  # no role for "Old", no follow-up dates at all
    at = run(files)
    for page in ("pages/follow_up_today.py", "pages/my_log.py", "pages/import_check.py"):
        at.switch_page(page).run()
        ok(at)
        tables = list(at.dataframe)  # st.dataframe and st.data_editor alike
        assert tables, page
        for t in tables:
            assert t.proto.HasField("placeholder") and t.proto.placeholder == "", page


def test_a_log_that_says_heard_back_shows_answers_and_lists_no_follow_up_for_them():
    day = (dt.date.today() - dt.timedelta(days=12)).isoformat()
    old = (dt.date.today() - dt.timedelta(days=45)).isoformat()
    log = (
        "Company,Date Applied,Followed up?,Heard back?\n"
        + "".join(f"Yes{i},{day},No,Yes\n" for i in range(3))
        + "".join(f"Silent{i},{old},No,No\n" for i in range(2))  # ghosted by now
        + "".join(f"Wait{i},{day},No,No\n" for i in range(2))  # still open: due
    ).encode()
    at = run([("heard.csv", log)])
    ok(at)
    assert metric(at, "Response rate") == "60%"  # 3 heard back of 5 answered or ghosted
    at.switch_page("pages/follow_up_today.py").run()
    ok(at)
    assert int(metric(at, "Follow-ups due")) == 2
    shown = " ".join(str(t.value) for t in at.dataframe) + " ".join(m.value for m in at.markdown)
    assert "Wait0" in shown and "Wait1" in shown and "Yes0" not in shown
