"""The app driven through AppTest from app.py: every page, on demo data and seeded uploads.

The sidebar uploader lives in the entry file, which AppTest cannot feed in 1.67, so the
uploaded files are seeded where ``ui.state`` reads them: ``session_state["ft_uploads"]``.
Expected numbers are computed here through the importer and analysis directly.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from data.schema import InputError
from ui.components import NO_FOLLOWUP_COLUMNS, escape_md

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = [
    "pages/my_followup.py",
    "pages/follow_up_today.py",
    "pages/weekly_rhythm.py",
    "pages/pipeline.py",
    "pages/import_check.py",
]
HEADER = ["Company", "Role", "Date Applied", "Status", "Followed up?", "Response date"]
ROWS = [
    ["Acme", "Analyst", dt.date(2026, 3, 2), "Rejected", "Yes", dt.date(2026, 3, 10)],
    ["Bolt", "Engineer", dt.date(2026, 3, 3), "Interview", "Yes", dt.date(2026, 3, 9)],
    ["Cog", "Analyst", dt.date(2026, 3, 4), "Applied", "No", None],
    ["Dyn", "PM", dt.date(2026, 3, 9), "Applied", "No", None],
    ["Echo", "Analyst", dt.date(2026, 3, 10), "Offer", "Yes", dt.date(2026, 3, 12)],
    ["Fjord", "Engineer", dt.date(2026, 3, 16), "Rejected", "No", dt.date(2026, 3, 30)],
    ["<script>alert(1)</script>", "*Lead*", dt.date(2026, 3, 17), "Applied", "", None],
]


def xlsx(rows=ROWS, header=HEADER, sheets: dict | None = None) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (h, rs) in (sheets or {"Log": (header, rows)}).items():
        ws = wb.create_sheet(name)
        ws.append(h)
        for r in rs:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _importer():
    from data import import_files

    return import_files


def run_app(files=None, **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if files is not None:
        at.session_state["ft_uploads"] = files
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


def metric(at: AppTest, label: str) -> str:
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"no metric {label!r}; have {[m.label for m in at.metric]}"
    return found[0]


def nothing_due_message(at: AppTest) -> str:
    """Follow up today's one message when nothing is due."""
    at.switch_page("pages/follow_up_today.py").run()
    no_exception(at)
    [done] = [s.value for s in at.success]
    return str(done)


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


# --------------------------------------------------------------------------- demo
@pytest.fixture(scope="module")
def demo_at() -> AppTest:
    """The coach's demo (the fictional workshop), chosen in the sidebar."""
    return run_app(ft_demo_kind="workshop")


def test_app_opens_on_the_job_seekers_demo():
    from data.demo import load_demo

    at = run_app()
    no_exception(at)
    seeker = load_demo("seeker").applications
    assert seeker["participant"].nunique() == 1
    assert metric(at, "Applications") == f"{len(seeker):,}"
    radio = at.sidebar.radio(key="ft_demo_kind")
    assert radio.value == "seeker"
    radio.set_value("workshop").run()
    no_exception(at)
    assert metric(at, "Applications") == f"{len(load_demo('workshop').applications):,}"


def test_demo_opens_on_my_followup_with_the_demo_count(demo_at):
    from data.demo import load_demo

    no_exception(demo_at)
    expected = len(load_demo("workshop").applications)
    assert metric(demo_at, "Applications") == f"{expected:,}"
    assert demo_at.sidebar.radio(key="ft_demo_kind").value == "workshop"
    assert "nan" not in " ".join(m.value for m in demo_at.metric).lower()


@pytest.mark.parametrize("page", PAGES[1:])
def test_demo_every_page_renders(demo_at, page):
    demo_at.switch_page(page).run()
    no_exception(demo_at)
    assert demo_at.title, "page has a title"
    assert demo_at.sidebar.radio(key="ft_demo_kind").value == "workshop"


def test_demo_import_check_counts(demo_at):
    from data.demo import load_demo

    rep = load_demo("workshop").report
    demo_at.switch_page("pages/import_check.py").run()
    no_exception(demo_at)
    assert metric(demo_at, "Rows read") == f"{rep.rows_read:,}"
    assert metric(demo_at, "Rows excluded") == f"{rep.rows_excluded:,}"


# --------------------------------------------------------------------------- seeded upload
@pytest.fixture(scope="module")
def upload_at() -> AppTest:
    _importer()
    return run_app([("my_log.xlsx", xlsx())])


def test_upload_applications_metric_matches_importer(upload_at):
    import_files = _importer()
    expected = len(import_files([("my_log.xlsx", xlsx())]).applications)
    no_exception(upload_at)
    assert expected == len(ROWS)
    assert metric(upload_at, "Applications") == str(expected)
    assert not any("Demo data" in i.value for i in upload_at.sidebar.info)


def test_upload_followup_rate_card_counts(upload_at):
    from analysis.outcomes import resolve
    from analysis.touchpoints import followup_rates

    import_files = _importer()
    apps = import_files([("my_log.xlsx", xlsx())]).applications
    r = followup_rates(resolve(apps, dt.date.today())).set_index("touchpoint").loc["after_applying"]
    value = metric(upload_at, "Follow-up after applying")
    assert value == f"{100 * r['followed_up'] / r['eligible']:.0f}%"
    captions = " ".join(c.value for c in upload_at.caption)
    assert f"{int(r['followed_up'])} of {int(r['eligible'])} followed up" in captions


@pytest.mark.parametrize("page", PAGES)
def test_upload_every_page_renders(upload_at, page):
    upload_at.switch_page(page).run()
    no_exception(upload_at)
    text = " ".join(str(getattr(e, "value", "")) for e in upload_at.markdown)
    assert "<script>" not in text  # user text never reaches markdown unescaped


def test_upload_import_check_counts(upload_at):
    import_files = _importer()
    rep = import_files([("my_log.xlsx", xlsx())]).report
    upload_at.switch_page("pages/import_check.py").run()
    assert metric(upload_at, "Rows read") == str(rep.rows_read)
    assert metric(upload_at, "Rows analysed") == str(rep.rows_analysed)


def test_no_followup_column_says_not_tracked():
    _importer()
    header = ["Company", "Role", "Date Applied", "Status"]
    at = run_app([("plain.xlsx", xlsx([r[:4] for r in ROWS], header))])
    no_exception(at)
    # short enough for the card at 1400 px; the caption says why
    assert metric(at, "Follow-up after applying") == "not tracked"
    assert metric(at, "Thank-you after interview") == "not tracked"
    assert any("your log has no column for it" in c.value for c in at.caption)
    # one explanation instead of an empty chart and three "not tracked" boxes
    infos = [i.value for i in at.info]
    assert infos.count(NO_FOLLOWUP_COLUMNS) == 1, infos
    assert any(i.startswith("Not tracked: your log has no yes/no follow-up columns") for i in infos)
    assert not any(c.value == "Click a bar to list the applications behind it." for c in at.caption)


def test_single_row_log_renders_everywhere():
    _importer()
    at = run_app([("one.xlsx", xlsx(ROWS[:1]))])
    no_exception(at)
    assert metric(at, "Applications") == "1"
    for page in PAGES[1:]:
        at.switch_page(page).run()
        no_exception(at)


def test_bad_upload_shows_the_importers_message():
    import_files = _importer()
    files = [("notes.csv", b"")]
    with pytest.raises(InputError) as err:
        import_files(files)
    at = run_app(files)
    no_exception(at)
    assert [e.value for e in at.error] == [escape_md(str(err.value))]  # shown literally
    for page in PAGES[1:]:
        at.switch_page(page).run()
        no_exception(at)
        assert [e.value for e in at.error] == [escape_md(str(err.value))]
    assert "notes\\.csv" in at.error[0].value


def test_mapping_override_reruns_the_import():
    import_files = _importer()
    files = [("my_log.xlsx", xlsx())]
    base = import_files(files)
    status_fields = {m.field for m in base.report.mappings if m.column == "Status"}
    assert status_fields and "ignore" not in status_fields
    remapped = import_files(files, mapping={"Status": "ignore"})
    at = run_app(files)
    at.session_state["ft_mapping"] = {"Status": "ignore"}
    at.switch_page("pages/import_check.py").run()
    no_exception(at)
    # the page shows the remapped import: Status now read as "ignore"
    assert "Status → Ignore this column" in " ".join(c.value for c in at.caption)
    assert metric(at, "Rows analysed") == str(remapped.report.rows_analysed)


def test_participant_selector_filters_every_number():
    import_files = _importer()
    files = [("team.xlsx", xlsx(sheets={"Ana": (HEADER, ROWS[:3]), "Ben": (HEADER, ROWS[3:])}))]
    res = import_files(files)
    people = sorted(res.applications["participant"].dropna().unique())
    if len(people) < 2:
        pytest.skip("importer did not split sheets into participants")
    at = run_app(files)
    no_exception(at)
    assert metric(at, "Applications") == str(len(res.applications))
    sel = at.sidebar.selectbox[0]
    sel.set_value(people[1]).run()
    no_exception(at)
    expected = int((res.applications["participant"] == people[1]).sum())
    assert metric(at, "Applications") == str(expected)


def test_date_range_filter_applies():
    import_files = _importer()
    files = [("my_log.xlsx", xlsx())]
    apps = import_files(files).applications
    at = run_app(files)
    rng = [d for d in at.sidebar.date_input if d.label == "Applied between"]
    assert rng, "date range filter shown"
    rng[0].set_value((dt.date(2026, 3, 2), dt.date(2026, 3, 8))).run()
    no_exception(at)
    expected = int(apps["applied_on"].between("2026-03-02", "2026-03-08").sum())
    assert expected == 3
    assert metric(at, "Applications") == str(expected)


def test_weekly_goal_sets_the_streak_text():
    _importer()
    at = run_app([("my_log.xlsx", xlsx())])
    at.switch_page("pages/weekly_rhythm.py").run()
    no_exception(at)
    goal = at.number_input(key="ft_goal")
    goal.set_value(2).run()
    no_exception(at)
    if any(m.label == "Current streak" for m in at.metric):
        assert any("at least 2 applications" in c.value for c in at.caption)


# ------------------------------------------------------------------ page numbers on the demo
def _demo_resolved():
    from analysis.outcomes import resolve
    from data.demo import DEMO_AS_OF, load_demo

    return resolve(load_demo("workshop").applications, DEMO_AS_OF, ghost_after_days=30), DEMO_AS_OF


def test_demo_follow_up_today_counts_match_reminders(demo_at):
    from analysis.reminders import due_followups

    resolved, as_of = _demo_resolved()
    due = due_followups(resolved, as_of, cadence_days=7)
    demo_at.switch_page("pages/follow_up_today.py").run()
    no_exception(demo_at)
    if len(due) == 0:
        assert demo_at.success
        return
    assert metric(demo_at, "Follow-ups due") == f"{len(due):,}"
    assert metric(demo_at, "Thank-yous") == str(int((due["touchpoint"] == "after_interview").sum()))
    assert len(demo_at.dataframe[0].value) == len(due)
    labels = [b.proto.label for b in demo_at.get("download_button")]
    assert "Add to my calendar (.ics)" in labels and "Download as CSV" in labels


def test_demo_weekly_streak_matches_analysis(demo_at):
    from analysis.consistency import current_streak, weekly_activity

    resolved, as_of = _demo_resolved()
    weekly = weekly_activity(resolved)
    if len(weekly) == 0:
        pytest.skip("demo has no dated applications")
    streak = current_streak(weekly, 10, as_of)
    demo_at.switch_page("pages/weekly_rhythm.py").run()
    no_exception(demo_at)
    assert metric(demo_at, "Current streak") == f"{streak} week{'s' if streak != 1 else ''}"
    assert metric(demo_at, "Applications per week") == f"{weekly['applications'].mean():.1f}"


def test_demo_pipeline_flows_table_adds_up(demo_at):
    resolved, _ = _demo_resolved()
    demo_at.switch_page("pages/pipeline.py").run()
    no_exception(demo_at)
    flows = demo_at.dataframe[0].value
    out_of_applied = int(flows.loc[flows["From"] == "Applied", "Applications"].sum())
    assert out_of_applied == len(resolved)
    assert not demo_at.code  # drawn only when asked for
    demo_at.toggle(key="pipeline_sankeymatic_text").set_value(True).run()
    code = [c for c in demo_at.code if c.value.startswith("// Followthrough pipeline")]
    assert code and f"Applied [{int(flows.iloc[0]['Applications'])}]" in code[0].value


def test_demo_room_is_on_the_workshop_page(demo_at):
    """The workshop's room moved from My follow-up (worded for one person) to the Workshop
    page; names show there for the coach and go with presenter mode (tests/ui/test_presenter)."""
    from data.demo import load_demo

    names = sorted(load_demo("workshop").applications["participant"].dropna().unique())
    demo_at.switch_page("pages/my_followup.py").run()
    no_exception(demo_at)
    assert any("Workshop page" in i.value for i in demo_at.info)
    demo_at.switch_page("pages/workshop.py").run()
    no_exception(demo_at)
    table = [d.value for d in demo_at.dataframe if "Participant" in d.value.columns][0]
    assert set(names) <= set(table["Participant"])
    demo_at.switch_page("pages/my_followup.py").run()  # where the next tests expect it


def test_participants_from_file_reruns_the_import():
    import_files = _importer()
    files = [("ana.xlsx", xlsx(ROWS[:3])), ("ben.xlsx", xlsx(ROWS[3:]))]
    by_file = import_files(files, participants_from="file")
    people = sorted(by_file.applications["participant"].dropna().unique())
    at = run_app(files)
    at.switch_page("pages/import_check.py").run()
    no_exception(at)
    radio = at.radio[0]
    radio.set_value("file").run()
    no_exception(at)
    assert at.session_state["ft_participants_from"] == "file"
    if len(people) > 1:
        sel = at.sidebar.selectbox[0]
        assert list(sel.options[1:]) == people


# --------------------------------------------------------------------------- review fixes
def _editor_frame(at: AppTest):
    frames = [d.value for d in at.dataframe if {"column", "field"} <= set(d.value.columns)]
    assert frames, "mapping table shown"
    return frames[0]


def test_mapping_table_shows_labels_not_field_names():
    from data.schema import MAPPABLE_FIELDS

    at = run_app([("my_log.xlsx", xlsx())])
    at.switch_page("pages/import_check.py").run()
    no_exception(at)
    t = _editor_frame(at).set_index("column")
    assert t.loc["Date Applied", "field"] == "Date applied"
    assert t.loc["Followed up?", "field"] == "Followed up after applying (yes/no)"
    assert not set(t["field"]) & set(MAPPABLE_FIELDS) - {"company", "notes"}  # no internal names
    assert not any("_" in v for v in t["field"])


def test_mapping_correction_goes_to_the_importer_as_a_field_name():
    from ui.mapping import changed_mapping, mapping_table

    import_files = _importer()
    files = [("my_log.xlsx", xlsx())]
    shown = mapping_table(import_files(files).report.mappings)
    edited = shown.assign(
        field=shown["field"].where(shown["column"] != "Status", "Ignore this column")
    )
    override = changed_mapping(edited, shown)
    assert override == {"Status": "ignore"}
    remapped = import_files(files, mapping=override)  # the importer accepts it as is
    assert {m.field for m in remapped.report.mappings if m.column == "Status"} == {"ignore"}
    at = run_app(files, ft_mapping=override)
    at.switch_page("pages/import_check.py").run()
    no_exception(at)
    assert _editor_frame(at).set_index("column").loc["Status", "field"] == "Ignore this column"


def test_old_log_opens_as_of_today_with_one_sentence_and_the_choice():
    from analysis.outcomes import resolve
    from ui.state import old_log_sentence

    import_files = _importer()
    files = [("my_log.xlsx", xlsx())]  # latest date 30 Mar 2026, long before "today"
    today = dt.date.today()
    assert (today - dt.date(2026, 3, 30)).days > 90
    at = run_app(files)
    no_exception(at)
    as_of = [d for d in at.sidebar.date_input if d.label == "As of"][0]
    assert as_of.value == today
    sentence = old_log_sentence(dt.date(2026, 3, 30), today, 30)
    assert sentence in [i.value for i in at.sidebar.info]
    assert f"as of {today:%d %b %Y}" in at.caption[0].value
    # as of today, the silent applications count as no answer: the response card says so
    r = resolve(import_files(files).applications, today)
    assert int(r["outcome"].astype(str).eq("pending").sum()) == 0
    last = [b for b in at.sidebar.button if b.label.startswith("View as of my last entry")]
    assert last and "30 Mar 2026" in last[0].label
    last[0].click().run()
    no_exception(at)
    assert [d for d in at.sidebar.date_input if d.label == "As of"][0].value == dt.date(2026, 3, 30)
    assert "as of 30 Mar 2026" in at.caption[0].value
    back = [b for b in at.sidebar.button if b.label == "Back to today"]
    back[0].click().run()
    assert [d for d in at.sidebar.date_input if d.label == "As of"][0].value == today


def test_log_without_dates_says_so_on_every_page():
    _importer()
    header = ["Company", "Role", "Status"]
    rows = [
        [f"Co {i}", "Analyst", s]
        for i, s in enumerate(["Rejected", "Applied", "Interview", "Applied"] * 3)
    ]
    at = run_app([("no_dates.xlsx", xlsx(rows, header))])
    no_exception(at)
    captions = " ".join(c.value for c in at.caption)
    assert "your log has no dates, so none can count as ghosted" in captions
    assert not any(h.value == "Weekly activity" for h in at.header)  # no empty section
    assert any("Your log has no dates" in i.value for i in at.info)  # response times
    at.switch_page("pages/follow_up_today.py").run()
    no_exception(at)
    assert any(
        i.value.startswith("Your log has no dates, so no follow-up can be due") for i in at.info
    )
    at.switch_page("pages/weekly_rhythm.py").run()
    no_exception(at)
    assert any("no application dates" in i.value for i in at.info)
    assert "ft_goal" not in [n.key for n in at.number_input]  # no goal for nothing


def test_log_without_answers_does_not_show_a_0_percent_response_rate():
    """No 0% response rate, no follow-up count, and Follow up today does not claim that
    every open application got an answer when the log records no answers at all."""
    from ui.components import NO_ANSWERS

    _importer()
    header = ["Company", "Role", "Date Applied"]
    first = dt.date.today() - dt.timedelta(days=400)
    rows = [[f"Co {i}", "Analyst", first + dt.timedelta(days=i % 300)] for i in range(1200)]
    at = run_app([("linkedin_like.xlsx", xlsx(rows, header))])
    no_exception(at)
    assert metric(at, "Response rate") == "not tracked"
    assert any(i.value == NO_ANSWERS for i in at.info)
    assert not any("0%" in m.value for m in at.metric)
    for page in ("pages/pipeline.py", "pages/weekly_rhythm.py"):
        at.switch_page(page).run()
        no_exception(at)
        assert any(i.value == NO_ANSWERS for i in at.info), page
    # a dash in the card (the words did not fit a third of the page at 1024 px), and why
    assert metric(at, "Follow-ups per week") == "—"
    assert "not tracked: your log has no column for it" in [c.value for c in at.caption]
    done = nothing_due_message(at)
    assert done.startswith(
        "Nothing to follow up today: no application is open (each was answered, withdrawn or "
        "counts as no answer)."
    )
    assert "Your log does not record employers' answers" in done
    assert "1,200 applications count as no answer" in done
    assert "got an answer" not in done


def test_sidebar_names_the_upload_in_use():
    """Streamlit's uploader box can look empty after a page switch: the sidebar still says
    which file is in use (escaped: the caption is markdown)."""
    _importer()
    rows = [["Acme", dt.date(2026, 3, 2), "Applied"]]
    at = run_app([("my_log*.xlsx", xlsx(rows, ["Company", "Date Applied", "Status"]))])
    at.switch_page("pages/pipeline.py").run()
    no_exception(at)
    captions = [c.value for c in at.sidebar.caption if c.value.startswith("Showing your upload")]
    assert captions == [
        "Showing your upload: my\\_log\\*\\.xlsx. It stays loaded on every page; upload again "
        "to replace it."
    ]


def test_nothing_due_counts_the_open_applications():
    """A log with answers and nothing due: the message counts the open applications (one too
    recent, one followed up already), not the rejected one, and says nothing about a log
    without answers."""
    _importer()
    today = dt.date.today()
    header = ["Company", "Date Applied", "Status", "Followed up?"]
    rows = [
        ["Recent Co", today - dt.timedelta(days=2), "Applied", ""],
        ["Chased Co", today - dt.timedelta(days=10), "Applied", "Yes"],
        ["Closed Co", today - dt.timedelta(days=20), "Rejected", ""],
    ]
    done = nothing_due_message(run_app([("log.xlsx", xlsx(rows, header))]))
    assert done.startswith(
        "Nothing to follow up today: none of your 2 open applications (no final answer yet) "
        "is due today"
    )
    assert "does not record" not in done


def test_funnel_click_lists_the_applications_at_that_stage():
    """AppTest cannot click a Plotly bar: feed the selection event the chart returns
    through the same two functions the page uses."""
    from analysis.outcomes import funnel
    from analysis.responses import at_stage
    from ui.components import selected_values

    resolved, _ = _demo_resolved()
    f = funnel(resolved).set_index("stage")
    event = {"selection": {"points": [{"customdata": "interview", "x": 14, "y": "Interview"}]}}
    picked = selected_values(event)
    assert picked == ["interview"]
    rows = at_stage(resolved, picked[0])
    assert len(rows) == int(f.loc["interview", "reached"]) > 0
    assert selected_values({"selection": {"points": []}}) == []


def test_what_gets_answers_puts_recorded_groups_first_and_says_what_is_missing():
    _importer()
    at = run_app([("my_log.xlsx", xlsx())])  # no "source" column in ROWS
    at.switch_page("pages/weekly_rhythm.py").run()
    no_exception(at)
    assert [t.label for t in at.tabs] == ["By company", "By role", "By source"]
    infos = [i.value for i in at.info]
    assert "Your log does not record the source." in infos


def test_demo_card_shows_how_soon_follow_ups_were_sent(demo_at):
    # counted independently: follow-ups after applying with both dates, within 7 days
    from analysis.outcomes import resolve
    from data.demo import DEMO_AS_OF, load_demo

    demo_at.switch_page(PAGES[0]).run()  # the card is on My follow-up, whatever ran before
    no_exception(demo_at)
    r = resolve(load_demo("workshop").applications, DEMO_AS_OF)
    counted = r["followed_after_applying"].fillna(False).astype(bool) & r["eligible_after_applying"]
    days = (r["followup_after_apply_on"] - r["applied_on"]).dt.days
    dated = counted & days.notna() & (days >= 0)
    within = int((dated & (days <= 7)).sum())
    assert 0 < within < int(dated.sum())
    expected = f"within 7 days ({within} of {int(dated.sum())} dated)"
    assert any(expected in c.value for c in demo_at.caption), [c.value for c in demo_at.caption][:8]


def test_a_broken_file_beside_a_good_one_is_named_on_every_page():
    import_files = _importer()
    good = xlsx()
    files = [("my_log.xlsx", good), ("broken.xlsx", good[: len(good) // 2])]
    failed = import_files(files).report.files_failed
    assert [name for name, _ in failed] == ["broken.xlsx"]
    at = run_app(files)
    for page in [None, *PAGES[1:]]:
        if page is not None:
            at.switch_page(page).run()
        no_exception(at)
        warnings = [w.value for w in at.sidebar.warning]
        assert warnings == [f"Not included: {escape_md(failed[0][1])}"]
        assert "broken\\.xlsx" in warnings[0]
    # the good file is still analysed
    at.switch_page(PAGES[0]).run()
    assert metric(at, "Applications") == f"{len(import_files(files[:1]).applications):,}"


def test_app_run_as_a_reader_workers_main_module_does_nothing():
    """Every reader worker (data.sandbox, started while Streamlit runs app.py as __main__)
    executes app.py again as ``__mp_main__`` (multiprocessing.spawn's main-module fix-up)
    before it reads: that must import neither Streamlit nor the UI, nor draw any page."""
    import subprocess
    import sys

    code = (
        "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__mp_main__'); "
        "print(sorted(m for m in ('streamlit', 'ui.sidebar', 'data.demo') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, APP], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
