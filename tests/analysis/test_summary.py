"""analysis.summary.summarize: the CLI's JSON, on hand-built ImportResults."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pandas as pd
import pytest
from scipy.stats import fisher_exact
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from analysis.summary import json_safe, summarize
from data.schema import (
    Exclusion,
    ImportReport,
    ImportResult,
    coerce_applications,
    empty_applications,
)

AS_OF = dt.date(2026, 6, 30)
TOP_KEYS = {
    "as_of",
    "ghost_after_days",
    "rows",
    "excluded",
    "files_failed",
    "participants",
    "applications",
    "reached",
    "outcomes",
    "touchpoints",
}


def result(apps: pd.DataFrame, excluded=()) -> ImportResult:
    rep = ImportReport(
        files=["log.csv"],
        rows_read=len(apps) + len(excluded),
        rows_analysed=len(apps),
        excluded=list(excluded),
    )
    return ImportResult(apps, rep)


def single_seeker() -> pd.DataFrame:
    # after_applying: followed 6 (4 advanced), not followed 8 (1 advanced), 2 pending (censored), 1
    # untracked
    stages = (
        ["intro_call"] * 4
        + ["applied"] * 2
        + ["interview"]
        + ["applied"] * 7
        + ["applied"] * 2
        + ["offer"]
    )
    outcomes = (
        ["rejected"] * 4
        + ["ghosted"] * 2
        + ["rejected"]
        + ["rejected"] * 7
        + ["pending"] * 2
        + ["offer"]
    )
    flags = [True] * 6 + [False] * 8 + [True, False] + [None]
    return coerce_applications(
        pd.DataFrame(
            {
                "participant": ["me"] * 17,
                "applied_on": ["2026-06-20"] * 17,
                "stage_reached": stages,
                "outcome": outcomes,
                "followup_after_apply": flags,
                "thank_you_after_interview": [None] * 6 + [True] + [None] * 9 + [True],
            }
        )
    )


def test_shape_and_counts():
    excl = [Exclusion("log.csv", None, 9, "row 9: no company and no date")]
    s = summarize(result(single_seeker(), excl), AS_OF)
    assert set(s) == TOP_KEYS
    json.dumps(s, allow_nan=False)
    assert s["as_of"] == "2026-06-30"
    assert s["rows"] == {"read": 18, "analysed": 17, "excluded": 1}
    assert s["excluded"] == [
        {"file": "log.csv", "sheet": None, "row": 9, "reason": "row 9: no company and no date"}
    ]
    assert s["files_failed"] == []
    assert s["participants"] == 1 and s["applications"] == 17
    assert s["reached"] == {"applied": 17, "intro_call": 6, "interview": 2, "offer": 1}
    assert s["outcomes"] == {
        "pending": 2,
        "ghosted": 2,
        "rejected": 12,
        "withdrawn": 0,
        "offer": 1,
        "hired": 0,
    }


def test_touchpoint_statistics_match_libraries():
    tp = summarize(result(single_seeker()), AS_OF)["touchpoints"]["after_applying"]
    # known: 15 (all but the 2 pending); tracked & known: 14 -> with: rows 0-5 (4 advanced);
    # without: the interview row (advanced) and 7 rejected at applied
    w, wo = tp["with_followup"], tp["without_followup"]
    assert (w["n"], w["advanced"], wo["n"], wo["advanced"]) == (6, 4, 8, 1)
    assert tp["eligible"] == 15 and tp["followed_up"] == 6 and tp["tracked"] is True
    lo, hi = proportion_confint(4, 6, method="wilson")
    assert w["rate"] == pytest.approx(4 / 6) and w["ci95"] == [pytest.approx(lo), pytest.approx(hi)]
    dlo, dhi = confint_proportions_2indep(4, 6, 1, 8, method="newcomb")
    assert tp["difference"]["value"] == pytest.approx(4 / 6 - 1 / 8)
    assert tp["difference"]["ci95"] == [pytest.approx(dlo), pytest.approx(dhi)]
    assert tp["p_value"] == pytest.approx(fisher_exact([[4, 2], [1, 7]]).pvalue)
    assert tp["enough_data"] is True
    # the log has no answer dates: the landmark cannot be applied
    assert tp["design"] == "unadjusted" and tp["verdict"] == "no clear difference"
    assert tp["p_holm"] is None and tp["landmark_days"] == 7
    assert tp["left_out"] == {"still_waiting": 2, "followup_not_recorded": 1}
    assert "No clear conclusion can be drawn from it." in tp["finding"]
    assert tp["timing_note"].startswith("Unadjusted — fast answers can bias this")
    assert "fast answers" not in tp["finding"]  # said once, by the timing note
    assert tp["p_more_with"] is not None and 0.5 < tp["p_more_with"] < 1
    ti = summarize(result(single_seeker()), AS_OF)["touchpoints"]["after_interview"]
    assert ti["with_followup"]["n"] == 2 and ti["without_followup"]["n"] == 0
    assert ti["p_value"] is None and ti["difference"] == {"value": None, "ci95": None}
    assert ti["without_followup"]["ci95"] is None and "not enough data" in ti["finding"]


def test_cohort_block_only_with_several_participants():
    apps = single_seeker()
    assert "cohort" not in summarize(result(apps), AS_OF)
    two = coerce_applications(pd.concat([apps, apps.assign(participant="you")], ignore_index=True))
    s = summarize(result(two), AS_OF)
    assert s["participants"] == 2 and "cohort" in s
    json.dumps(s, allow_nan=False)
    names = [p["participant"] for p in s["cohort"]["participants"]]
    assert names == ["me", "you"]
    me = s["cohort"]["participants"][0]
    # tracked touchpoints: 16 after applying (7 followed) + 2 thank-you (both sent); intro flags
    # absent
    assert me["applications"] == 17
    assert me["consistency"]["tracked"] == 18 and me["consistency"]["followed"] == 9
    assert me["consistency"]["rate"] == pytest.approx(0.5)
    lo, hi = proportion_confint(9, 18, method="wilson")
    assert me["consistency"]["ci95"] == [pytest.approx(lo), pytest.approx(hi)]
    # first answer known for 15 (2 pending); responded: 6 advanced + 7 rejected at applied (2
    # ghosted did not)
    assert me["response_rate"]["n"] == 15 and me["response_rate"]["k"] == 13
    assert me["interview_rate"]["k"] == 2
    st = s["cohort"]["stratified"]["after_applying"]["by_participant"]
    # two identical strata: pooled OR equals each stratum's OR = (4*7)/(2*1)
    assert st["pooled_odds_ratio"] == pytest.approx(14.0) and st["strata_used"] == 2
    assert (st["n_with"], st["n_without"]) == (12, 16)
    head = s["cohort"]["stratified"]["after_applying"]
    assert head["disagrees"] is False
    # no answer dates: unadjusted, so never a verdict stronger than "no clear difference"
    assert head["design"] == "unadjusted" and head["verdict"] == "no clear difference"
    assert head["crude_odds_ratio"] == pytest.approx(14.0)


def test_empty_result():
    s = summarize(ImportResult(empty_applications(), ImportReport()), AS_OF)
    assert s["applications"] == 0 and s["participants"] == 0
    assert s["reached"] == {"applied": 0, "intro_call": 0, "interview": 0, "offer": 0}
    assert s["touchpoints"]["after_applying"]["with_followup"] == {
        "n": 0,
        "advanced": 0,
        "rate": None,
        "ci95": None,
    }


def test_ghost_after_days_passed_through():
    apps = coerce_applications(
        pd.DataFrame(
            {"applied_on": ["2026-06-10"], "stage_reached": ["applied"], "outcome": ["pending"]}
        )
    )
    assert summarize(result(apps), AS_OF, ghost_after_days=30)["outcomes"]["pending"] == 1
    assert summarize(result(apps), AS_OF, ghost_after_days=10)["outcomes"]["ghosted"] == 1


def test_not_mutated_and_bad_argument():
    r = result(single_seeker())
    before = copy.deepcopy(r.applications)
    summarize(r, AS_OF)
    pd.testing.assert_frame_equal(r.applications, before)
    with pytest.raises(ValueError, match="ImportResult"):
        summarize(single_seeker(), AS_OF)  # type: ignore[arg-type]


def test_json_safe():
    import numpy as np

    assert json_safe({"x": (np.float64("inf"), np.bool_(True), pd.Timestamp("2026-01-02"))}) == {
        "x": [None, True, "2026-01-02"]
    }


def test_cohort_output_is_json_safe_without_a_second_pass():
    # the per-participant list skips json_safe (speed): it must already be plain JSON values
    apps = coerce_applications(
        pd.DataFrame(
            {
                "participant": ["A", "A", "B", "C", "C"],
                "applied_on": ["2026-06-01"] * 5,
                "stage_reached": ["intro_call", "applied", "applied", "applied", "interview"],
                "outcome": ["rejected", "pending", "pending", "ghosted", "rejected"],
                "followup_after_apply": [True, None, None, False, True],
                "followups": [1, None, None, 0, 3],
            }
        )
    )
    s = summarize(result(apps), AS_OF)
    assert s == json_safe(copy.deepcopy(s))
    json.dumps(s, allow_nan=False)
    people = s["cohort"]["participants"]
    assert [p["participant"] for p in people] == ["A", "B", "C"]
    for p in people:
        for v in (p["applications"], p["consistency"]["followed"], p["response_rate"]["k"]):
            assert type(v) is int
        for v in (
            p["consistency"]["rate"],
            p["followups_per_application"],
            p["interview_rate"]["rate"],
        ):
            assert v is None or type(v) is float


def test_touchpoint_reports_timeliness_of_counted_follow_ups():
    # two follow-ups after applying: 2 days (within 7) and 9 days (late); one not followed up
    apps = coerce_applications(
        pd.DataFrame(
            {
                "company": ["A", "B", "C"],
                "applied_on": ["2026-01-01"] * 3,
                "followup_after_apply": [True, True, False],
                "followup_after_apply_on": ["2026-01-03", "2026-01-10", None],
                "stage_reached": ["applied"] * 3,
                "outcome": ["rejected"] * 3,
                "outcome_on": ["2026-02-01"] * 3,
            }
        )
    )
    res = ImportResult(apps, ImportReport(files=["t.csv"], rows_read=3, rows_analysed=3))
    out = json.loads(json.dumps(summarize(res, dt.date(2026, 3, 1))))
    timely = out["touchpoints"]["after_applying"]["timely"]
    assert timely == {"window_days": 7, "within": 1, "dated": 2, "share": 0.5}
    assert out["touchpoints"]["after_interview"]["timely"]["share"] is None


def test_readme_documents_every_touchpoint_and_cohort_field():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    apps = single_seeker()
    two = coerce_applications(pd.concat([apps, apps.assign(participant="you")], ignore_index=True))
    s = summarize(result(two), AS_OF)
    for key in s:
        assert f"`{key}" in readme, key
    for key in s["touchpoints"]["after_applying"]:
        assert f"`….{key}`" in readme or f"`….{key}." in readme, key
    for key in s["cohort"]["stratified"]["after_applying"]:
        if key.startswith("by_"):
            assert f".{key}`" in readme, key
        else:
            assert f".{key}`" in readme or f"<step>.{key}`" in readme, key
