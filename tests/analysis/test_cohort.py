"""analysis.cohort: Mantel–Haenszel across participants / sources, Simpson's paradox flag."""

from __future__ import annotations

import copy
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.contingency_tables import StratifiedTable, Table2x2

from analysis.cohort import cohort_table, stratified_touchpoint
from analysis.outcomes import resolve
from data.schema import coerce_applications

AS_OF = dt.date(2026, 6, 30)


def rows_from_tables(
    tables: dict[str, list[list[int]]], col: str = "participant", rename=None
) -> pd.DataFrame:
    """tables: stratum -> [[followed&adv, followed&not], [notfollowed&adv, notfollowed&not]]."""
    out = []
    for name, ((fa, fn), (na, nn)) in tables.items():
        for followed, adv, count in (
            (True, True, fa),
            (True, False, fn),
            (False, True, na),
            (False, False, nn),
        ):
            out += [
                {
                    col: (rename or {}).get(name, name),
                    "stage_reached": "intro_call" if adv else "applied",
                    "outcome": "rejected",
                    "followup_after_apply": followed,
                }
            ] * count
    return coerce_applications(pd.DataFrame(out))


SIMPSON = {"A": [[80, 20], [9, 1]], "B": [[1, 9], [20, 80]]}


def test_simpsons_paradox_disagrees():
    r = resolve(rows_from_tables(SIMPSON), AS_OF)
    m = stratified_touchpoint(r, "after_applying")
    st = StratifiedTable([np.array(t, dtype=float) for t in SIMPSON.values()])
    crude = Table2x2(np.array(SIMPSON["A"]) + np.array(SIMPSON["B"]))
    assert m.pooled_or == pytest.approx(st.oddsratio_pooled)
    lo, hi = st.oddsratio_pooled_confint()
    assert (m.pooled_lo, m.pooled_hi) == (pytest.approx(lo), pytest.approx(hi))
    assert m.cmh_p == pytest.approx(st.test_null_odds().pvalue)
    assert m.breslow_day_p == pytest.approx(st.test_equal_odds().pvalue)
    assert m.crude_or == pytest.approx(crude.oddsratio)
    # hand-built: each stratum's OR is 4/9 < 1 while the crude OR is 81*81/(29*29) > 1
    assert m.crude_or == pytest.approx(81 * 81 / (29 * 29)) and m.pooled_or < 1
    assert m.disagrees is True
    assert (m.strata_used, m.strata_dropped, m.n) == (2, 0, 220)


def test_agreeing_strata_do_not_disagree_and_empty_strata_dropped():
    tables = {
        "A": [[8, 2], [3, 7]],
        "B": [[6, 4], [2, 8]],
        "C": [[0, 0], [3, 4]],
        "D": [[2, 0], [5, 0]],
    }
    r = resolve(rows_from_tables(tables), AS_OF)
    m = stratified_touchpoint(r, "after_applying")
    st = StratifiedTable([np.array(tables[k], dtype=float) for k in ("A", "B")])
    assert m.pooled_or == pytest.approx(st.oddsratio_pooled)
    assert (m.strata_used, m.strata_dropped) == (2, 2)  # C: empty row, D: empty column
    assert m.disagrees is False and m.pooled_or > 1 and m.crude_or > 1


def test_by_source():
    t = rows_from_tables(SIMPSON, col="source", rename={"A": "referral", "B": "job board"})
    m = stratified_touchpoint(resolve(t, AS_OF), "after_applying", by="source")
    assert m.by == "source" and m.disagrees is True and m.strata_used == 2


def test_no_data_gives_none():
    t = coerce_applications(
        pd.DataFrame({"participant": ["A"], "stage_reached": ["applied"], "outcome": ["pending"]})
    )
    m = stratified_touchpoint(resolve(t, AS_OF), "after_interview")
    assert m.pooled_or is None and m.crude_or is None and m.cmh_p is None and m.disagrees is False
    assert m.strata_used == 0


def test_bad_arguments():
    r = resolve(rows_from_tables(SIMPSON), AS_OF)
    with pytest.raises(ValueError, match="touchpoint"):
        stratified_touchpoint(r, "after_lunch")
    with pytest.raises(ValueError, match="by must be"):
        stratified_touchpoint(r, "after_applying", by="company")


def test_cohort_table_labels_and_not_mutated():
    r = resolve(rows_from_tables(SIMPSON), AS_OF)
    before = copy.deepcopy(r)
    t = cohort_table(r)
    stratified_touchpoint(r, "after_applying")
    pd.testing.assert_frame_equal(r, before)
    assert t["label"].tolist() == ["Participant 1", "Participant 2"]
    assert t["applications"].tolist() == [110, 110]
    # A followed up 100 of 110 tracked first-step touchpoints (+ intro-call step untracked)
    assert t.loc[0, "touchpoints_followed"] == 100 and t.loc[0, "touchpoints_tracked"] == 110


# --------------------------------------------------------------------------- cohort verdicts
def dated_cohort(tables: dict[str, tuple[int, int, int, int]]) -> pd.DataFrame:
    """participant -> (k_with, n_with, k_without, n_without); every answer after the
    landmark (day 20), follow-ups dated day 5: all rows enter the landmark comparison."""
    rows = []
    for who, (kw, nw, kwo, nwo) in tables.items():
        for followed, k, n in ((True, kw, nw), (False, kwo, nwo)):
            for i in range(n):
                rows.append(
                    {
                        "participant": who,
                        "applied_on": "2026-03-02",
                        "responded_on": "2026-03-22",
                        "stage_reached": "intro_call" if i < k else "applied",
                        "outcome": "rejected",
                        "followup_after_apply": followed,
                        "followup_after_apply_on": "2026-03-07" if followed else None,
                    }
                )
    return coerce_applications(pd.DataFrame(rows))


def test_cohort_verdict_matches_statsmodels_stratified_table():
    from statsmodels.stats.contingency_tables import StratifiedTable

    from analysis.cohort import cohort_verdicts

    tabs = {"A": (6, 10, 2, 10), "B": (5, 8, 3, 12), "C": (4, 6, 1, 9)}
    cv = cohort_verdicts(resolve(dated_cohort(tabs), AS_OF))["after_applying"]
    st = StratifiedTable([[[kw, nw - kw], [kwo, nwo - kwo]] for kw, nw, kwo, nwo in tabs.values()])
    s = cv.stratified
    assert s.pooled_or == pytest.approx(st.oddsratio_pooled)
    lo, hi = st.oddsratio_pooled_confint()
    assert (s.lo, s.hi) == (pytest.approx(lo), pytest.approx(hi))
    assert s.cmh_p == pytest.approx(st.test_null_odds().pvalue)
    assert (s.n_with, s.n_without, s.strata_used) == (24, 31, 3)
    assert cv.design == "landmark"
    # only one step can give a verdict: Holm leaves its p as it is
    assert cv.p_holm == pytest.approx(st.test_null_odds().pvalue)
    assert cv.verdict == ("higher" if cv.p_holm < 0.05 else "no clear difference")
    # crude pooled secondary: the 2×2 of everyone
    assert (cv.crude.with_.k, cv.crude.with_.n, cv.crude.without.k) == (15, 24, 6)
    # forest: one row per participant with its Newcombe interval
    f = cv.participants.set_index("participant")
    assert f.loc["B", ["k_with", "n_with", "k_without", "n_without"]].tolist() == [5, 8, 3, 12]
    assert f.loc["B", "difference"] == pytest.approx(5 / 8 - 3 / 12)


def test_small_cohort_is_not_enough_data_and_shows_no_odds_ratio():
    from analysis.cohort import cohort_verdicts

    # 4 with a follow-up in all: the ≥ 5 guard applies to the stratified result too
    cv = cohort_verdicts(resolve(dated_cohort({"A": (2, 3, 1, 3), "B": (1, 1, 0, 3)}), AS_OF))
    v = cv["after_applying"]
    assert v.verdict == "not enough data"
    assert "not enough data" in v.sentence and "times" not in v.sentence


def test_all_strata_one_way_is_a_plain_statement_not_a_null():
    from statsmodels.stats.contingency_tables import StratifiedTable

    from analysis.cohort import cohort_verdicts

    tabs = {"A": (4, 6, 0, 6), "B": (3, 5, 0, 7), "C": (5, 6, 0, 5)}
    v = cohort_verdicts(resolve(dated_cohort(tabs), AS_OF))["after_applying"]
    s = v.stratified
    assert s.one_direction == "higher" and s.pooled_or is None
    assert "In every one of the 3 participants compared" in v.sentence
    st = StratifiedTable([[[kw, nw - kw], [kwo, nwo - kwo]] for kw, nw, kwo, nwo in tabs.values()])
    assert s.cmh_p == pytest.approx(st.test_null_odds().pvalue)
    assert v.verdict == "higher"  # p < 0.001 here: a verdict, never "not enough data"


def test_simpson_crude_and_stratified_disagree():
    from analysis.cohort import cohort_verdicts

    # within each participant following up goes with more advancing; pooled, the
    # participant who follows up a lot advances rarely
    tabs = {"A": (10, 40, 0, 5), "B": (4, 5, 20, 40)}
    v = cohort_verdicts(resolve(dated_cohort(tabs), AS_OF))["after_applying"]
    assert v.crude.difference < 0
    assert v.stratified.pooled_or > 1
    assert v.disagrees


def test_pooled_verdicts_passed_in_are_the_ones_used_and_change_nothing():
    from analysis.cohort import cohort_verdicts
    from analysis.verdict import all_step_rows, verdicts_from_rows

    resolved = resolve(rows_from_tables(SIMPSON), AS_OF)
    rows = all_step_rows(resolved)
    pooled = verdicts_from_rows(rows)
    given = cohort_verdicts(resolved, rows=rows, crude=pooled)
    fresh = cohort_verdicts(resolved)
    for tp, v in given.items():
        assert v.crude is pooled[tp]  # the summary computes them once for both blocks
        assert v.crude == fresh[tp].crude
        assert (v.verdict, v.p_holm, v.disagrees) == (
            fresh[tp].verdict,
            fresh[tp].p_holm,
            fresh[tp].disagrees,
        )
        assert v.stratified == fresh[tp].stratified
