"""Before / after the workshop: the split at the boundary date, within-participant pooling."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.proportion import proportion_confint

from analysis.before_after import as_rows, before_after, split_by_date
from analysis.outcomes import resolve
from data.schema import coerce_applications

DAY = dt.date(2026, 3, 10)
AS_OF = dt.date(2026, 9, 1)


def _apps(spec: list[tuple[str, str, bool, str]]) -> pd.DataFrame:
    """(participant, applied_on, followed up, stage reached) rows, all answered (rejected)."""
    return coerce_applications(
        pd.DataFrame(
            {
                "participant": [s[0] for s in spec],
                "applied_on": [s[1] for s in spec],
                "followup_after_apply": [s[2] for s in spec],
                "stage_reached": [s[3] for s in spec],
                "outcome": ["rejected"] * len(spec),
            }
        )
    )


def test_split_is_right_at_the_boundary_date():
    t = pd.DataFrame(
        {"applied_on": pd.to_datetime(["2026-03-09", "2026-03-10", "2026-03-11", None])}
    )
    assert split_by_date(t, DAY).tolist() == ["before", "after", "after", pd.NA]


def test_boundary_rows_counted_in_the_right_period():
    spec = [("A", "2026-03-09", False, "applied")] * 3 + [("A", "2026-03-10", True, "applied")] * 2
    res = before_after(resolve(_apps(spec), AS_OF), DAY)["followup"]
    assert (res.before.k, res.before.n, res.after.k, res.after.n) == (0, 3, 2, 2)
    moved = before_after(resolve(_apps(spec), AS_OF), DAY + dt.timedelta(days=1))["followup"]
    assert (moved.before.n, moved.after.n) == (5, 0)


def _cohort() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    spec = []
    for who, p_before, p_after in (("A", 0.2, 0.6), ("B", 0.5, 0.8), ("C", 0.1, 0.3)):
        for i in range(30):
            after = i >= 12
            day = (DAY + dt.timedelta(days=(i - 12) * 2)).isoformat()
            fu = bool(rng.random() < (p_after if after else p_before))
            stage = "intro_call" if rng.random() < (0.45 if fu else 0.25) else "applied"
            spec.append((who, day, fu, stage))
    return _apps(spec)


def test_pooled_within_participants_equals_statsmodels():
    resolved = resolve(_cohort(), AS_OF)
    got = before_after(resolved, DAY)["followup"]
    period = np.where(resolved["applied_on"] >= pd.Timestamp(DAY), "after", "before")
    fu = resolved["followed_after_applying"].astype(bool).to_numpy()
    tables = []
    for who in ("A", "B", "C"):
        m = resolved["participant"].eq(who).to_numpy()
        tables.append(
            [
                [np.sum(m & (period == "after") & fu), np.sum(m & (period == "after") & ~fu)],
                [np.sum(m & (period == "before") & fu), np.sum(m & (period == "before") & ~fu)],
            ]
        )
    st = StratifiedTable(np.moveaxis(np.array(tables, dtype=float), 0, -1))
    assert got.odds_ratio == pytest.approx(st.oddsratio_pooled)
    lo, hi = st.oddsratio_pooled_confint()
    assert (got.or_lo, got.or_hi) == (pytest.approx(lo), pytest.approx(hi))
    assert got.p_value == pytest.approx(st.test_null_odds().pvalue)
    assert got.participants_both == 3
    # pooled rates with Wilson intervals beside it
    k, n = int(np.sum((period == "after") & fu)), int(np.sum(period == "after"))
    assert (got.after.k, got.after.n) == (k, n)
    assert (got.after.lo, got.after.hi) == pytest.approx(proportion_confint(k, n, method="wilson"))


def test_words_follow_the_honesty_rules():
    resolved = resolve(_cohort(), AS_OF)
    fu = before_after(resolved, DAY)["followup"]
    assert fu.word == ("higher after" if fu.p_value < 0.05 else "no clear difference")
    small = resolve(_apps([("A", "2026-03-01", True, "applied")] * 3), AS_OF)
    assert before_after(small, DAY)["followup"].word == "not enough data"


def test_undated_left_out_and_counted_input_not_mutated():
    apps = _apps([("A", "2026-03-01", True, "applied"), ("A", None, True, "applied")])
    resolved = resolve(apps, AS_OF)
    snapshot = resolved.copy()
    res = before_after(resolved, DAY)
    pd.testing.assert_frame_equal(resolved, snapshot)
    assert res["followup"].undated == 1 and res["followup"].before.n == 1
    assert len(as_rows(res)) == 4


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="resolve"):
        before_after(pd.DataFrame({"applied_on": []}), DAY)
    with pytest.raises(ValueError, match="date"):
        before_after(resolve(_cohort(), AS_OF), "2026-03-10")  # type: ignore[arg-type]
