"""The demo workshop: deterministic, realistic, and read back through the importer intact."""

from __future__ import annotations

import datetime
import importlib.util
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from data.demo import (
    DEMO_AS_OF,
    SHEET_HEADERS,
    demo_events,
    demo_workbook_bytes,
    generate_demo,
    load_demo,
    simulate_applications,
    write_demo,
)
from data.schema import APPLICATION_COLUMNS, EVENT_KINDS

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
ASOF = pd.Timestamp(DEMO_AS_OF)
DATE_COLS = [
    "applied_on",
    "followup_after_apply_on",
    "responded_on",
    "intro_call_on",
    "interview_on",
    "offer_on",
    "outcome_on",
]
FLAG_COLS = ["followup_after_apply", "followup_after_intro", "thank_you_after_interview"]
HAS_IMPORTER = importlib.util.find_spec("data.importer") is not None


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return generate_demo()


def test_deterministic_and_seeded(demo):
    assert demo.equals(generate_demo())
    assert not demo.equals(generate_demo(seed=8))


def test_canonical_columns_and_dtypes(demo):
    assert list(demo.columns) == list(APPLICATION_COLUMNS)
    for col, dtype in APPLICATION_COLUMNS.items():
        assert demo[col].dtype == pd.Series([], dtype=dtype).dtype, col


def test_workshop_shape(demo):
    assert demo["participant"].nunique() == 6
    assert 250 <= len(demo) <= 350
    assert demo["application_id"].is_unique
    assert demo["applied_on"].min() >= pd.Timestamp("2026-02-01")


def test_no_date_after_as_of(demo):
    for col in DATE_COLS + ["last_activity_on"]:
        assert (demo[col].dropna() <= ASOF).all(), col


def test_followup_rates_differ_between_participants(demo):
    rates = demo.groupby("participant")["followup_after_apply"].mean()
    assert rates.min() <= 0.15
    assert rates.max() >= 0.70
    assert rates.nunique() == 6


def test_one_participant_does_not_track_thank_you(demo):
    na_share = demo["thank_you_after_interview"].isna().groupby(demo["participant"]).mean()
    assert sorted(na_share.tolist()) == [0.0] * 5 + [1.0]
    assert demo["followup_after_apply"].notna().all()


def test_response_and_stage_proportions(demo):
    n = len(demo)
    any_response = demo["responded_on"].notna().mean()
    assert 0.25 <= any_response <= 0.40
    intro = (demo["stage_reached"] >= "intro_call").mean()
    assert 0.10 <= intro <= 0.20
    interviews = (demo["stage_reached"] >= "interview").sum()
    assert 0 < interviews < intro * n
    assert 2 <= (demo["outcome"] == "offer").sum() <= 4


def test_thank_you_after_about_half_of_interviews(demo):
    tracked = demo[
        (demo["stage_reached"] >= "interview") & demo["thank_you_after_interview"].notna()
    ]
    share = tracked["thank_you_after_interview"].mean()
    assert 0.3 <= share <= 0.7


def test_followup_modestly_associated_with_intro_call(demo):
    reached = demo["stage_reached"] >= "intro_call"
    with_fu = reached[demo["followup_after_apply"].astype(bool)].mean()
    without = reached[~demo["followup_after_apply"].astype(bool)].mean()
    assert with_fu > without
    assert with_fu / without < 3  # modest, not a miracle


def test_stages_are_consistent_with_dates_and_outcomes(demo):
    st = demo["stage_reached"]
    assert ((st >= "intro_call") == demo["intro_call_on"].notna()).all()
    assert ((st >= "interview") == demo["interview_on"].notna()).all()
    assert ((st >= "offer") == demo["offer_on"].notna()).all()
    assert ((demo["outcome"] == "offer") == (st == "offer")).all()
    # a stage needs an employer response first
    assert demo.loc[st >= "intro_call", "responded_on"].notna().all()
    # rejected after an interview keeps the interview stage
    rej_after_interview = demo[(demo["outcome"] == "rejected") & (st == "interview")]
    assert len(rej_after_interview) >= 3
    assert (rej_after_interview["outcome_on"] > rej_after_interview["interview_on"]).all()


def test_every_outcome_kind_appears(demo):
    counts = demo["outcome"].value_counts()
    assert counts["pending"] > 0 and counts["ghosted"] > 0 and counts["rejected"] > 0
    assert 2 <= counts["withdrawn"] <= 4
    # the most recent applications are still waiting for an answer
    recent = demo[demo["applied_on"] > ASOF - pd.Timedelta(days=3)]
    assert len(recent) > 0 and (recent["outcome"] == "pending").all()


def test_followup_timing(demo):
    fu = demo[demo["followup_after_apply"].astype(bool)]
    assert fu["followup_after_apply_on"].notna().all()
    assert (fu["followup_after_apply_on"] > fu["applied_on"]).all()
    answered = fu[fu["responded_on"].notna()]
    late = answered["followup_after_apply_on"] > answered["responded_on"]
    assert 1 <= late.sum() <= 2  # one or two after a rejection ...
    assert (answered.loc[late, "outcome"] == "rejected").all()
    assert late.mean() < 0.1  # ... most are before the response
    none = demo[~demo["followup_after_apply"].astype(bool)]
    assert none["followup_after_apply_on"].isna().all()


def test_last_activity_is_latest_date(demo):
    latest = demo[DATE_COLS].max(axis=1)
    assert (demo["last_activity_on"] == latest).all()


def test_simulate_scales_and_respects_as_of():
    rng = np.random.default_rng(0)
    n = 20_000
    part = rng.integers(0, 100, size=n)
    applied = np.datetime64("2026-01-01") + rng.integers(0, 150, size=n).astype("timedelta64[D]")
    t = simulate_applications(
        rng,
        part,
        applied,
        rng.uniform(0.1, 0.8, size=100),
        np.ones(100, bool),
        datetime.date(2026, 5, 31),
    )
    assert len(t) == n
    dates = t[
        ["applied_on", "responded_on", "intro_call_on", "interview_on", "offer_on", "outcome_on"]
    ]
    assert (dates.max(axis=1) <= pd.Timestamp("2026-05-31")).all()
    assert 0.25 <= t["responded_on"].notna().mean() <= 0.40


# --------------------------------------------------------------------------- files
@pytest.fixture(scope="module")
def workbook():
    return load_workbook(io.BytesIO(demo_workbook_bytes()))


def test_workbook_sheets_and_about(workbook, demo):
    assert workbook.sheetnames[0] == "About"
    assert sorted(workbook.sheetnames[1:]) == sorted(demo["participant"].unique())
    text = " ".join(str(c.value) for row in workbook["About"].iter_rows() for c in row if c.value)
    assert "fictional" in text.lower()


def test_workbook_cells(workbook, demo):
    headers = list(SHEET_HEADERS.values())
    for name in workbook.sheetnames[1:]:
        ws = workbook[name]
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == headers
        assert len(rows) - 1 == (demo["participant"] == name).sum()
        col = {h: i for i, h in enumerate(headers)}
        for r in rows[1:]:
            assert isinstance(r[col["Date Applied"]], datetime.datetime)  # a real Excel date
            for h in ("Followed up?", "Follow-up after call", "Thank-you sent"):
                assert r[col[h]] in ("Yes", None)
    # the participant who does not track thank-you notes: column blank throughout
    blank = [
        n
        for n in workbook.sheetnames[1:]
        if all(
            v is None
            for (v,) in workbook[n].iter_rows(min_row=2, min_col=11, max_col=11, values_only=True)
        )
    ]
    assert len(blank) == 1


def test_committed_workbook_is_current(workbook):
    committed = load_workbook(SAMPLES / "demo_workshop.xlsx")
    assert committed.sheetnames == workbook.sheetnames
    for name in workbook.sheetnames:
        assert list(committed[name].iter_rows(values_only=True)) == list(
            workbook[name].iter_rows(values_only=True)
        ), name


def test_events_file(demo, tmp_path):
    ev = demo_events()
    assert set(ev["Event"]) <= set(EVENT_KINDS)
    bruno = demo[demo["participant"] == "Bruno"]
    assert (ev["Event"] == "applied").sum() == len(bruno)
    assert (ev["Event"] == "offer").sum() == (bruno["outcome"] == "offer").sum()
    followed = bruno["followup_after_apply"].sum() + bruno["followup_after_intro"].sum()
    assert (ev["Event"] == "follow_up").sum() == followed > 0
    assert (ev["Event"] == "thank_you").sum() == bruno["thank_you_after_interview"].sum() > 0
    assert (ev["Event"] == "interview").sum() == bruno["interview_on"].notna().sum()
    assert ev["Date"].is_monotonic_increasing
    committed = (SAMPLES / "demo_events.csv").read_text(encoding="utf-8")
    assert committed == ev.to_csv(index=False, lineterminator="\n")


def test_write_demo_writes_both_files(tmp_path):
    p = write_demo(tmp_path / "x.xlsx")
    assert p == tmp_path / "x.xlsx"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["demo_events.csv", "x.xlsx"]
    assert load_workbook(p).sheetnames[0] == "About"


# --------------------------------------------------------------------------- import
COMPARE = [
    "participant",
    "company",
    "role",
    "source",
    *DATE_COLS,
    *FLAG_COLS,
    "stage_reached",
    "outcome",
]


def _key(df: pd.DataFrame) -> pd.DataFrame:
    out = df[COMPARE].copy()
    for c in ("source", "stage_reached", "outcome"):
        out[c] = out[c].astype("string")
    return out.sort_values(["participant", "applied_on", "company", "role"]).reset_index(drop=True)


@pytest.mark.skipif(not HAS_IMPORTER, reason="data.importer not written yet")
def test_load_demo_imports_the_same_applications(demo):
    result = load_demo("workshop")
    rep = result.report
    assert rep.rows_read == rep.rows_analysed + rep.rows_excluded
    assert rep.rows_excluded == 0
    assert rep.rows_analysed == len(demo)
    got = _key(result.applications)
    want = _key(demo)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


@pytest.mark.skipif(not HAS_IMPORTER, reason="data.importer not written yet")
def test_event_log_imports_as_the_same_applications(demo):
    from data import import_files

    res = import_files([("demo_events.csv", (SAMPLES / "demo_events.csv").read_bytes())])
    assert res.report.formats == {"demo_events.csv": "events"}
    assert res.report.rows_excluded == 0
    assert res.report.warnings == [] and res.report.unknown_status_words == {}
    bruno = demo[demo["participant"] == "Bruno"]
    got = res.applications
    assert len(got) == len(bruno)
    keys = ["company", "role", "applied_on"]
    m = bruno.merge(got, on=keys, suffixes=("", "_ev"), validate="one_to_one")
    assert len(m) == len(bruno)
    for c in (
        "intro_call_on",
        "interview_on",
        "offer_on",
        "followup_after_apply",
        "followup_after_intro",
        "thank_you_after_interview",
    ):
        pd.testing.assert_series_equal(m[c], m[c + "_ev"], check_names=False, check_dtype=False)
    # the log has no "response" event, and a ghosting is not an event: the rest must agree
    assert (m["stage_reached"].astype(str) == m["stage_reached_ev"].astype(str)).all()
    silent = m["outcome"] == "ghosted"
    assert (m.loc[silent, "outcome_ev"] == "pending").all()
    assert (m.loc[~silent, "outcome"].astype(str) == m.loc[~silent, "outcome_ev"].astype(str)).all()
    # a follow-up logged after the rejection is not a follow-up before the response
    fu = m[m["followup_after_apply"].astype(bool)]
    timely = fu["followup_after_apply_on"] < fu["responded_on"].fillna(pd.Timestamp.max)
    assert (
        fu.loc[timely, "followup_after_apply_on"] == fu.loc[timely, "followup_after_apply_on_ev"]
    ).all()


# --------------------------------------------------------------------------- the job seeker's demo
def test_seeker_demo_is_one_person_read_back_intact():
    from data.demo import SEEKER_APPS, generate_seeker

    want = generate_seeker()
    result = load_demo("seeker")
    rep = result.report
    assert rep.rows_read == rep.rows_analysed == SEEKER_APPS and rep.rows_excluded == 0
    assert result.applications["participant"].nunique() == 1
    got = _key(result.applications.assign(participant="Sam"))
    pd.testing.assert_frame_equal(got, _key(want), check_dtype=False)
    assert bool((want["applied_on"] <= ASOF).all())


def test_seeker_demo_committed_file_is_what_the_generator_writes():
    from data import import_files
    from data.demo import SEEKER_FILE, seeker_workbook_bytes

    fresh = import_files([(SEEKER_FILE, seeker_workbook_bytes())]).applications
    committed = load_demo("seeker").applications
    pd.testing.assert_frame_equal(_key(fresh), _key(committed))


def test_seeker_demo_every_step_has_five_per_arm():
    """No step of the first screen says "not enough data" (at least five applications
    with and without a follow-up, counted here from the flags and stages directly)."""
    from data.demo import SEEKER_APPS, generate_seeker

    t = generate_seeker()
    order = ["applied", "intro_call", "interview", "offer", "hired"]
    code = t["stage_reached"].astype(str).map(order.index)
    for flag, at_least in (
        ("followup_after_apply", 0),
        ("followup_after_intro", 1),
        ("thank_you_after_interview", 2),
    ):
        reached = code >= at_least
        with_ = int((reached & t[flag].fillna(False).astype(bool)).sum())
        without = int((reached & ~t[flag].fillna(False).astype(bool)).sum())
        assert with_ >= 5 and without >= 5, (flag, with_, without)
    assert len(t) == SEEKER_APPS
    contacts = t["contact"].dropna()
    assert len(contacts) and contacts.str.endswith(".example").all()  # invented, unroutable


def test_load_demo_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="seeker"):
        load_demo("coach")
