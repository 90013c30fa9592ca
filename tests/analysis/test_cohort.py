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
