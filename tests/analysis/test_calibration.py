"""The verdict stays calibrated when following up does nothing (reduced size for CI).

The full run — n = 400, 200 seeds per timing pattern, power at n = 1,000 — is
``python bench/calibration.py``; its figures are quoted in the README. Here the same
simulator runs at a reduced size with fixed seeds, so the test is deterministic.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "bench" / "calibration.py"
_spec = importlib.util.spec_from_file_location("ft_bench_calibration", _PATH)
assert _spec is not None and _spec.loader is not None
calibration = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = calibration
_spec.loader.exec_module(calibration)

SEEDS = 30  # per pattern: 90 logs of 400 applications
POWER_SEEDS = 8  # logs of 1,000 with a real +10-point effect


@pytest.fixture(scope="module")
def results():
    return calibration.run(SEEDS, n=400, power_n=1000, power_seeds=POWER_SEEDS, progress=False)


def test_no_true_effect_gives_few_verdicts(results):
    # pooled over the patterns (90 logs); the full run checks each pattern at 200 seeds
    false = sum(p["false_verdicts"] for p in results["patterns"].values())
    assert false / (SEEDS * len(calibration.PATTERNS)) <= 0.07


def test_the_naive_comparison_would_have_been_fooled(results):
    # the same logs compared the old way (fast answers in the "without" arm): the simulated
    # world is one where timing bias is real, so the test above can fail
    for pattern, p in results["patterns"].items():
        assert p["naive_false_share"] >= 0.5, pattern


def test_a_real_effect_is_found_in_most_logs(results):
    assert results["power"]["share"] > 0.5


def test_simulated_logs_have_both_arms_and_dates():
    apps, as_of = calibration.simulate_log(3, n=400, pattern="day7")
    assert len(apps) == 400
    assert apps["followup_after_apply_on"].notna().sum() == apps["followup_after_apply"].sum()
    assert (apps["applied_on"].max().date() < as_of) and apps["responded_on"].notna().any()
    with pytest.raises(ValueError, match="pattern"):
        calibration.simulate_log(1, pattern="never")
