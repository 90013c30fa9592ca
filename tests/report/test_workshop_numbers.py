"""The workshop's headline numbers, checked against statsmodels on the same rows."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.contingency_tables import StratifiedTable

from analysis.outcomes import resolve
from analysis.verdict import step_rows
from data.demo import DEMO_AS_OF, load_demo
from report import build_content


@pytest.fixture(scope="module")
def demo():
    return load_demo("workshop")


def _tables(resolved, touchpoint: str) -> np.ndarray:
    """Per participant: [[with & advanced, with & not], [without & advanced, without & not]]
    over the rows the step compares; strata with an empty row or column dropped."""
    frame = step_rows(resolved, touchpoint).frame
    out = []
    for who in sorted(resolved["participant"].dropna().unique()):
        m = resolved["participant"].eq(who).to_numpy()
        w = frame["arm"].eq("with").fillna(False).to_numpy(dtype=bool)
        wo = frame["arm"].eq("without").fillna(False).to_numpy(dtype=bool)
        adv = frame["advanced"].to_numpy(dtype=bool)
        t = np.array(
            [
                [np.sum(m & w & adv), np.sum(m & w & ~adv)],
                [np.sum(m & wo & adv), np.sum(m & wo & ~adv)],
            ],
            dtype=float,
        )
        if (t.sum(axis=0) > 0).all() and (t.sum(axis=1) > 0).all():
            out.append(t)
    return np.array(out)


def test_headline_odds_ratio_equals_statsmodels_stratified_table(demo):
    resolved = resolve(demo.applications, DEMO_AS_OF)
    content = build_content(demo, as_of=DEMO_AS_OF, anonymise=False)
    step = content.steps[0]
    assert step.touchpoint == "after_applying"
    st = StratifiedTable(np.moveaxis(_tables(resolved, "after_applying"), 0, -1))
    # the figure title and the headline quote the same Mantel-Haenszel odds ratio
    assert f"{st.oddsratio_pooled:.2f}" in step.figure.layout.title.text
    assert f"{st.oddsratio_pooled:.2f} times" in step.headline
    lo, hi = st.oddsratio_pooled_confint()
    assert f"{lo:.2f}–{hi:.2f}" in step.headline


def test_anonymised_headline_is_the_same_comparison(demo):
    named = build_content(demo, as_of=DEMO_AS_OF, anonymise=False)
    coded = build_content(demo, as_of=DEMO_AS_OF, anonymise=True, salt="s")
    for a, b in zip(named.steps, coded.steps, strict=True):
        assert a.word == b.word
        assert a.verdict.with_.n == b.verdict.with_.n


def test_before_after_rows_split_at_the_workshop_date(demo):
    day = dt.date(2026, 4, 1)
    content = build_content(demo, as_of=DEMO_AS_OF, anonymise=False, workshop_date=day)
    ba = content.before_after.set_index(["measure", "period"])
    applied = demo.applications["applied_on"]
    fu = (
        ba.loc[("Followed up after applying", "before"), "n"]
        + ba.loc[("Followed up after applying", "after"), "n"]
    )
    assert fu <= int(applied.notna().sum())
    assert ba.loc[("Employer answered", "before"), "n"] <= int((applied < pd.Timestamp(day)).sum())
