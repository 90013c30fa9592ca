"""analysis.findings wording for each case, and analysis.benchmarks."""

from __future__ import annotations

import re

import pytest

from analysis.benchmarks import BENCHMARKS, benchmark
from analysis.findings import format_pct, touchpoint_finding
from analysis.stats import compare

NOT_PROOF = "not proof that it caused it"


def no_cause_claim(text: str) -> bool:
    return not re.search(r"\bcause[sd]?\b", text.replace(NOT_PROOF, ""))


def test_clearly_higher_matches_issue_example():
    s = touchpoint_finding("after_applying", compare(12, 40, 18, 120))
    assert s.startswith(
        "Of 40 applications you followed up, 12 got an intro call (30%, 95% CI 18–45%)"
    )
    assert "vs 15% of 120 you didn't" in s
    assert "associated with a higher rate" in s and NOT_PROOF in s
    assert no_cause_claim(s)


def test_clearly_lower():
    s = touchpoint_finding("after_intro_call", compare(2, 40, 30, 60))
    assert "associated with a lower rate" in s and NOT_PROOF in s and "higher" not in s
    assert "led to an interview" in s


def test_no_clear_difference():
    c = compare(6, 20, 5, 20)
    assert c.diff_lo < 0 < c.diff_hi
    s = touchpoint_finding("after_interview", c)
    assert "no clear difference" in s and "includes zero" in s
    assert "associated with a higher" not in s and "lower" not in s
    assert "thank-you note" in s and "led to an offer" in s
    assert no_cause_claim(s)


def test_not_enough_data():
    s = touchpoint_finding("after_applying", compare(4, 4, 0, 30))
    assert "not enough data" in s and "Only 4 applications" in s and "30" in s
    assert "associated" not in s and "no clear difference" not in s


def test_not_tracked_and_nothing_yet():
    s = touchpoint_finding("after_applying", compare(0, 0, 0, 0), tracked=False)
    assert "does not record" in s and "cannot be compared" in s
    s2 = touchpoint_finding("after_applying", compare(0, 0, 0, 0))
    assert "nothing to compare" in s2


@pytest.mark.parametrize(
    "case", [(12, 40, 18, 120), (2, 40, 30, 60), (6, 20, 5, 20), (4, 4, 0, 30), (0, 0, 0, 0)]
)
@pytest.mark.parametrize("tp", ["after_applying", "after_intro_call", "after_interview"])
def test_never_claims_causation(case, tp):
    assert no_cause_claim(touchpoint_finding(tp, compare(*case)))


def test_unknown_touchpoint():
    with pytest.raises(ValueError, match="unknown touchpoint"):
        touchpoint_finding("after_lunch", compare(1, 1, 1, 1))


def test_format_pct_rounds_half_up():
    assert format_pct(0.305) == "31%" and format_pct(0.3) == "30%" and format_pct(None) == "n/a"


def test_benchmarks_have_source_and_caveat():
    assert set(BENCHMARKS) == {"thank_you_rate", "managers_want_followup_2_weeks"}
    assert all(k == b.key for k, b in BENCHMARKS.items())
    ty = benchmark("thank_you_rate")
    assert ty.value == 0.24 and "2017" in ty.source and "Accountemps" in ty.source
    assert "estimate" in ty.caveat and "not a target" in ty.caveat
    rh = benchmark("managers_want_followup_2_weeks")
    assert rh.value == 0.81 and "Robert Half" in rh.source and "not a target" in rh.caveat
    with pytest.raises(ValueError, match="unknown benchmark"):
        benchmark("nope")


def test_large_numbers_readable():
    s = touchpoint_finding("after_applying", compare(8510, 43381, 5300, 52936))
    assert "Of 43,381 applications" in s and "8,510 got an intro call" in s and "of 52,936" in s
    # a very narrow interval is shown with a decimal rather than as "10–10%"
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(5300, 52936, method="wilson")
    assert round(100 * lo) == round(100 * hi)  # the case being tested
    assert f"(95% CI {100 * lo:.1f}–{100 * hi:.1f}%)" in s
