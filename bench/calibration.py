"""Calibration of the verdict: does "no true effect" give a verdict in about 5% of logs?

A script, not a test (``tests/analysis/test_calibration.py`` runs a reduced version in CI).
It simulates job-search logs in which following up after applying does nothing — employers
answer on their own schedule — under several timing patterns, runs each log through the
product's own analysis (``analysis.outcomes.resolve`` → ``analysis.verdict.step_verdicts``)
and counts how often the verdict for the step "after applying" says ``higher`` or
``lower`` (a false verdict). It also simulates a real effect (+10 points on the chance of an
intro call for applications followed up by the landmark) and counts how often it is found.

For contrast it counts what the old, naive comparison would have said on the same logs: all
applications with a known answer, split by "followed up" (``analysis.touchpoints``), with a
verdict when Fisher's p < 0.05 and both arms have ≥ 5.

The world being simulated (one log, ``n`` applications, all sent on a Monday spread over
ten weeks, looked at 120 days after the last one):

- each employer answers after ``T`` days or never (35%); a quick answer is more often an
  invite: invites take a median of ~5 days, rejections ~12 (lognormal); 30% of answers are
  invites (about 8% of the applications still waiting on day 7 get one). This is what
  makes the naive comparison biased.
- the person logs each follow-up with its date. Patterns:

  * ``day7``: on day 7, follows up on a random half of the applications still waiting;
  * ``spread``: plans a follow-up for half of the applications on a day drawn from 3–14 and
    makes it if still waiting then;
  * ``liked``: follows up on day 5–9 only on the applications they like more (30%, drawn
    independently of the employer's answer and its timing) that are still waiting.

Usage::

    python bench/calibration.py                 # n = 400, 200 seeds per pattern, power at 1,000
    python bench/calibration.py --seeds 50      # quicker

Progress goes to stderr, the result table (and a JSON line) to stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.outcomes import resolve  # noqa: E402
from analysis.touchpoints import compare_touchpoints  # noqa: E402
from analysis.verdict import step_verdicts  # noqa: E402
from data.schema import coerce_applications  # noqa: E402

PATTERNS: tuple[str, ...] = ("day7", "spread", "liked")
START = pd.Timestamp("2026-01-05")
#: Share of applications the employer never answers.
P_SILENT = 0.35
#: Share of answers that are invites (intro calls).
P_INVITE = 0.30


@dataclass(frozen=True)
class Outcome:
    """What the verdict and the naive comparison said about one log."""

    verdict: str
    naive: str
    n_with: int
    n_without: int


def simulate_log(
    seed: int, n: int = 400, pattern: str = "day7", effect: float = 0.0
) -> tuple[pd.DataFrame, dt.date]:
    """One simulated log (canonical Applications table) and its as-of date.

    ``effect`` is added to the chance that an application still waiting at the landmark
    (day 7) and followed up by then gets an intro call rather than a rejection.

    Examples
    --------
    >>> apps, as_of = simulate_log(1, n=50)
    >>> len(apps), str(apps["stage_reached"].dtype)
    (50, 'category')
    """
    if pattern not in PATTERNS:
        raise ValueError(f"pattern must be one of {', '.join(PATTERNS)}, got {pattern!r}")
    rng = np.random.default_rng(seed)
    applied = START + pd.to_timedelta(rng.integers(0, 70, n), unit="D")
    answers = rng.random(n) >= P_SILENT
    invite = answers & (rng.random(n) < P_INVITE)
    days = np.where(
        invite,
        np.ceil(rng.lognormal(np.log(5), 0.8, n)),
        np.ceil(rng.lognormal(np.log(12), 0.6, n)),
    )
    days = np.where(answers, np.maximum(days, 1), np.inf)
    # when the person follows up (day since applying), NaN = never
    if pattern == "day7":
        fu_day = np.where(rng.random(n) < 0.5, 7.0, np.nan)
    elif pattern == "spread":
        fu_day = np.where(rng.random(n) < 0.5, rng.integers(3, 15, n).astype(float), np.nan)
    else:
        liked = rng.random(n) < 0.3
        fu_day = np.where(liked, rng.integers(5, 10, n).astype(float), np.nan)
    made = ~np.isnan(fu_day) & (days > np.nan_to_num(fu_day, nan=np.inf))
    if effect:
        # a real effect: of the applications followed up by the landmark (day 7) and still
        # waiting there, a further share ``effect`` gets an intro call (converted from a
        # rejection or from silence, answered some days later)
        helped = made & (fu_day <= 7) & (days > 7)
        p0 = float(invite[helped].mean()) if helped.any() else 0.0
        flip = helped & ~invite & (rng.random(n) < effect / max(1.0 - p0, 1e-9))
        later = 7 + np.ceil(rng.lognormal(np.log(5), 0.6, n))
        days = np.where(flip & ~answers, later, days)
        answers = answers | flip
        invite = invite | flip
    answered_on = applied + pd.to_timedelta(np.where(answers, days, 0), unit="D")
    frame = pd.DataFrame(
        {
            "participant": "sim",
            "applied_on": applied,
            "responded_on": pd.Series(answered_on).where(answers),
            "intro_call_on": pd.Series(answered_on).where(invite),
            "stage_reached": np.where(invite, "intro_call", "applied"),
            "outcome": np.where(invite, "pending", np.where(answers, "rejected", "pending")),
            "outcome_on": pd.Series(answered_on).where(answers & ~invite),
            "followup_after_apply": made,
            "followup_after_apply_on": pd.Series(
                applied + pd.to_timedelta(np.nan_to_num(fu_day), unit="D")
            ).where(made),
        }
    )
    # invited applications end later (rejected after the intro call, say): known outcome here
    frame.loc[invite, "outcome"] = "rejected"
    frame.loc[invite, "outcome_on"] = frame.loc[invite, "intro_call_on"] + pd.Timedelta(days=20)
    as_of = (applied.max() + pd.Timedelta(days=120)).date()
    return coerce_applications(frame), as_of


def judge(apps: pd.DataFrame, as_of: dt.date) -> Outcome:
    """The product's verdict after applying, and the naive comparison's, for one log."""
    r = resolve(apps, as_of)
    v = step_verdicts(r)["after_applying"]
    c = compare_touchpoints(r)["after_applying"]
    naive = "no clear difference"
    if c.enough_data and c.p_value is not None and c.p_value < 0.05 and c.difference:
        naive = "higher" if c.difference > 0 else "lower"
    return Outcome(v.verdict, naive, v.with_.n, v.without.n)


def run(
    seeds: int,
    n: int = 400,
    power_n: int = 1000,
    power_seeds: int | None = None,
    progress: bool = True,
) -> dict:
    """False-verdict shares per pattern (no effect) and power (+10 points), as a dict."""
    out: dict = {"n": n, "seeds": seeds, "patterns": {}}
    t0 = time.perf_counter()
    for pattern in PATTERNS:
        res = [judge(*simulate_log(s, n=n, pattern=pattern)) for s in range(seeds)]
        false = sum(r.verdict in ("higher", "lower") for r in res)
        naive = sum(r.naive in ("higher", "lower") for r in res)
        out["patterns"][pattern] = {
            "false_verdicts": false,
            "false_share": false / seeds,
            "naive_false_share": naive / seeds,
            "mean_arms": [
                float(np.mean([r.n_with for r in res])),
                float(np.mean([r.n_without for r in res])),
            ],
        }
        if progress:
            print(
                f"{pattern}: {false}/{seeds} false verdicts ({time.perf_counter() - t0:.0f} s)",
                file=sys.stderr,
                flush=True,
            )
    ps = power_seeds if power_seeds is not None else seeds
    hits = [
        judge(*simulate_log(10_000 + s, n=power_n, pattern="day7", effect=0.10)).verdict
        for s in range(ps)
    ]
    out["power"] = {
        "n": power_n,
        "seeds": ps,
        "effect": 0.10,
        "higher": sum(h == "higher" for h in hits),
        "share": sum(h == "higher" for h in hits) / ps if ps else None,
    }
    if progress:
        print(
            f"power: {out['power']['higher']}/{ps} ({time.perf_counter() - t0:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the calibration and print a table and a JSON line."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, default=200)
    p.add_argument("--n", type=int, default=400)
    p.add_argument("--power-n", type=int, default=1000)
    p.add_argument("--power-seeds", type=int, default=None)
    a = p.parse_args(argv)
    res = run(a.seeds, n=a.n, power_n=a.power_n, power_seeds=a.power_seeds)
    print(f"{'pattern':<8} {'false verdicts':>15} {'share':>7} {'naive share':>12}")
    for pattern, r in res["patterns"].items():
        print(
            f"{pattern:<8} {r['false_verdicts']:>15} {r['false_share']:>7.1%} "
            f"{r['naive_false_share']:>12.1%}"
        )
    pw = res["power"]
    print(f"power (+10 points, n = {pw['n']}): {pw['higher']}/{pw['seeds']} = {pw['share']:.0%}")
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
