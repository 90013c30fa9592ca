"""The summary dict behind ``python -m analysis summary`` (a stable, JSON-safe contract).

Shape (see issue 2 "Headless entry", issue 3 "CLI" and issue 8; every field is documented
in the README, "The summary JSON")::

    {"as_of": "2026-06-30", "ghost_after_days": 30,
     "rows": {"read", "analysed", "excluded"},
     "excluded": [{"file", "sheet", "row", "reason"}], "files_failed": [{"file", "reason"}],
     "participants": int, "applications": int,
     "reached": {"applied", "intro_call", "interview", "offer"},      # cumulative
     "outcomes": {"pending", "ghosted", "rejected", "withdrawn", "offer", "hired"},
     "touchpoints": {"after_applying": {
         "eligible", "followed_up", "tracked",
         "design", "landmark_days", "left_out": {reason: count},
         "timing_unknown", "ignored_after_as_of",
         "with_followup": {"n", "advanced", "rate", "ci95"},            # ci95 null when n = 0
         "without_followup": {...},
         "difference": {"value", "ci95"}, "p_value", "p_holm", "p_more_with",
         "risk_ratio", "enough_data", "verdict", "finding", "timing_note",
         "timely": {"window_days", "within", "dated", "share"}},
       "after_intro_call": ..., "after_interview": ...},
     "cohort": {"participants": [...], "stratified": {...}}}          # several participants

Every verdict field comes from :func:`analysis.verdict.step_verdicts` (and, for a cohort,
:func:`analysis.cohort.cohort_verdicts`): the arms, difference and p describe the
comparison the verdict is drawn from — the landmark one wherever the log allows it.
``eligible`` counts the applications eligible for the step whose outcome of the step is
known (DESIGN.md), tracked or not; ``followed_up`` = ``with_followup.n``. Numbers that
are undefined are ``None`` (JSON ``null``), never NaN.

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import ImportReport, ImportResult, coerce_applications
>>> apps = coerce_applications(pd.DataFrame({"participant": ["A", "A"],
...     "applied_on": ["2026-06-01"] * 2, "stage_reached": ["intro_call", "applied"],
...     "outcome": ["rejected", "rejected"], "followup_after_apply": [True, False]}))
>>> report = ImportReport(files=["a.csv"], rows_read=2, rows_analysed=2)
>>> s = summarize(ImportResult(apps, report), dt.date(2026, 6, 30))
>>> s["reached"], s["touchpoints"]["after_applying"]["with_followup"]["advanced"]
({'applied': 2, 'intro_call': 1, 'interview': 0, 'offer': 0}, 1)
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

from analysis.consistency import group_codes
from analysis.outcomes import funnel, outcome_counts, resolve
from analysis.stats import clean_number
from analysis.touchpoints import followup_rates, touchpoint_counts
from analysis.verdict import StepRows, StepVerdict, all_step_rows, verdicts_from_rows
from data.schema import TOUCHPOINTS, ImportResult

__all__ = ["summarize", "json_safe"]


def json_safe(x: Any) -> Any:
    """Recursively turn numpy/pandas scalars into Python ones and NaN/inf/NA into None.

    Examples
    --------
    >>> import numpy as np
    >>> json_safe({"a": np.int64(2), "b": [np.nan, 1.5], "c": pd.NA})
    {'a': 2, 'b': [None, 1.5], 'c': None}
    """
    t = type(x)
    if t is str or t is int or t is bool or x is None:
        return x
    if t is float:
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {str(k): json_safe(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [json_safe(v) for v in x]
    return _json_scalar(x)


def _json_scalar(x: Any) -> Any:
    if x is pd.NA or x is pd.NaT:
        return None
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        f = float(x)
        return f if math.isfinite(f) else None
    if isinstance(x, (pd.Timestamp, dt.date)):
        return x.isoformat()[:10]
    if isinstance(x, str):
        return x
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        pass
    return str(x)


def _touchpoint_block(resolved: pd.DataFrame, verdicts: dict[str, StepVerdict]) -> dict[str, Any]:
    counts = touchpoint_counts(resolved).set_index("touchpoint")
    rates = followup_rates(resolved).set_index("touchpoint")
    out: dict[str, Any] = {}
    for tp in TOUCHPOINTS:
        v = verdicts[tp]
        row = counts.loc[tp]
        both = v.with_.n > 0 and v.without.n > 0
        diff_ci = (
            [v.diff_lo, v.diff_hi]
            if both and v.diff_lo is not None and v.diff_hi is not None
            else None
        )
        rr = (
            (v.with_.k / v.with_.n) / (v.without.k / v.without.n)
            if both and v.without.k > 0
            else None
        )
        out[tp] = {
            "eligible": int(row["eligible"]),
            "followed_up": v.with_.n,
            "tracked": v.tracked,
            "design": v.design,
            "landmark_days": v.landmark_days,
            "left_out": dict(v.left_out),
            "timing_unknown": v.timing_unknown,
            "ignored_after_as_of": v.ignored_after_as_of,
            "with_followup": v.with_.to_dict(),
            "without_followup": v.without.to_dict(),
            "difference": {"value": v.difference, "ci95": diff_ci},
            "p_value": v.p_value,
            "p_holm": v.p_holm,
            "p_more_with": v.p_more_with,
            "risk_ratio": clean_number(rr),
            "enough_data": v.enough_data,
            "verdict": v.verdict,
            "finding": v.sentence,
            "timing_note": v.timing_note,
            "timely": {
                "window_days": int(rates.loc[tp, "window_days"]),
                "within": int(rates.loc[tp, "timely_k"]),
                "dated": int(rates.loc[tp, "timely_n"]),
                "share": clean_number(rates.loc[tp, "timely"]),
            },
        }
    return out


def _cohort_block(
    resolved: pd.DataFrame, rows: dict[str, StepRows], pooled: dict[str, StepVerdict]
) -> dict[str, Any]:
    from analysis.cohort import cohort_table, cohort_verdicts
    from analysis.numerics import odds_ratio_2x2

    table = cohort_table(resolved)

    def col(name: str) -> list:
        a = table[name].to_numpy(dtype="float64", na_value=np.nan)
        return [None if not math.isfinite(x) else x for x in a.tolist()]

    def ints(name: str) -> list[int]:
        return table[name].to_numpy(dtype="int64").tolist()

    cons, cons_lo, cons_hi = col("consistency"), col("consistency_lo"), col("consistency_hi")
    resp, resp_lo, resp_hi = col("response_rate"), col("response_lo"), col("response_hi")
    intv, intv_lo, intv_hi = col("interview_rate"), col("interview_lo"), col("interview_hi")
    fpa = col("followups_per_application")
    followed, tracked, known = (
        ints("touchpoints_followed"),
        ints("touchpoints_tracked"),
        ints("known"),
    )
    responses, interviews, applications = (
        ints("responses"),
        ints("interviews"),
        ints("applications"),
    )
    names = [str(x) for x in table["participant"].tolist()]
    labels = table["label"].tolist()

    def pairs(lo: list, hi: list) -> list[list[float] | None]:
        return [None if a is None or b is None else [a, b] for a, b in zip(lo, hi, strict=False)]

    cons_ci, resp_ci, intv_ci = (
        pairs(cons_lo, cons_hi),
        pairs(resp_lo, resp_hi),
        pairs(intv_lo, intv_hi),
    )
    participants = [
        {
            "participant": names[i],
            "label": labels[i],
            "applications": applications[i],
            "consistency": {
                "followed": followed[i],
                "tracked": tracked[i],
                "rate": cons[i],
                "ci95": cons_ci[i],
            },
            "followups_per_application": fpa[i],
            "response_rate": {
                "k": responses[i],
                "n": known[i],
                "rate": resp[i],
                "ci95": resp_ci[i],
            },
            "interview_rate": {
                "k": interviews[i],
                "n": known[i],
                "rate": intv[i],
                "ci95": intv_ci[i],
            },
        }
        for i in range(len(table))
    ]
    stratified: dict[str, Any] = {}
    verdicts = cohort_verdicts(resolved, rows=rows, crude=pooled)
    for tp in TOUCHPOINTS:
        cv = verdicts[tp]
        c = cv.crude
        crude_or = crude_ci = None
        if c.with_.n and c.without.n:
            table = [[c.with_.k, c.with_.n - c.with_.k], [c.without.k, c.without.n - c.without.k]]
            if min(c.with_.k + c.without.k, c.with_.n + c.without.n - c.with_.k - c.without.k):
                o, lo, hi = odds_ratio_2x2(table)
                crude_or, crude_ci = clean_number(o), _ci(lo, hi)
        stratified[tp] = {
            "verdict": cv.verdict,
            "design": cv.design,
            "p_holm": cv.p_holm,
            "disagrees": cv.disagrees,
            "sentence": cv.sentence,
            "crude_verdict": c.verdict,
            "crude_odds_ratio": crude_or,
            "crude_ci95": crude_ci,
        }
        for by, st in (("participant", cv.stratified), ("source", cv.by_source)):
            stratified[tp][f"by_{by}"] = {
                "pooled_odds_ratio": st.pooled_or,
                "ci95": _ci(st.lo, st.hi),
                "cmh_p": st.cmh_p,
                "breslow_day_p": st.breslow_day_p,
                "one_direction": st.one_direction,
                "note": st.note,
                "strata_used": st.strata_used,
                "strata_dropped": st.strata_dropped,
                "n_with": st.n_with,
                "n_without": st.n_without,
            }
    # ``participants`` is built from ``tolist()`` values (Python int/float/str, None for
    # non-finite) and so is JSON-safe already; ``summarize`` skips walking its 10k+ dicts.
    return {"participants": participants, "stratified": stratified}


def _ci(lo: Any, hi: Any) -> list[float] | None:
    lo_c, hi_c = clean_number(lo), clean_number(hi)
    return None if lo_c is None or hi_c is None else [lo_c, hi_c]


def summarize(
    result: ImportResult,
    as_of: dt.date,
    ghost_after_days: int = 30,
    windows: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Build the CLI's summary dict from an import result.

    Parameters
    ----------
    result : data.schema.ImportResult
        What ``data.import_files`` returned (applications + report).
    as_of : datetime.date
        Date the data is looked at (pending vs ghosted, censoring).
    ghost_after_days : int, default 30
        Days of silence after which a pending application counts as ghosted.
    windows : dict, optional
        touchpoint -> follow-up window in days (the landmark; defaults 7 / 3 / 2).

    Returns
    -------
    dict
        JSON-safe (only dict/list/str/int/float/bool/None), shape in the module docstring.

    Examples
    --------
    >>> import datetime as dt, json
    >>> from data.schema import ImportReport, ImportResult, empty_applications
    >>> s = summarize(ImportResult(empty_applications(), ImportReport()), dt.date(2026, 1, 1))
    >>> tp = s["touchpoints"]["after_applying"]
    >>> s["applications"], tp["with_followup"]["ci95"], tp["verdict"], "cohort" in s
    (0, None, 'not tracked', False)
    """
    if not isinstance(result, ImportResult):
        raise ValueError("summarize expects the ImportResult returned by data.import_files")
    apps = result.applications
    report = result.report
    resolved = resolve(apps, as_of, ghost_after_days=ghost_after_days)
    rows = all_step_rows(resolved, windows=windows)  # assigned once, read by every verdict
    verdicts = verdicts_from_rows(rows)  # the pooled verdicts: touchpoints and cohort alike
    f = funnel(resolved).set_index("stage")["reached"]
    oc = outcome_counts(resolved)
    if "participant" in resolved.columns and len(resolved):
        n_participants = len(group_codes(resolved["participant"], "")[1])
    else:
        n_participants = 0
    out: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "ghost_after_days": int(ghost_after_days),
        "rows": {
            "read": int(report.rows_read),
            "analysed": int(report.rows_analysed),
            "excluded": int(report.rows_excluded),
        },
        "excluded": [
            {"file": e.file, "sheet": e.sheet, "row": e.row, "reason": e.reason}
            for e in report.excluded
        ],
        "files_failed": [{"file": f, "reason": why} for f, why in report.files_failed],
        "participants": n_participants,
        "applications": int(len(resolved)),
        "reached": {s: int(f[s]) for s in ("applied", "intro_call", "interview", "offer")},
        "outcomes": {
            k: oc[k] for k in ("pending", "ghosted", "rejected", "withdrawn", "offer", "hired")
        },
        "touchpoints": _touchpoint_block(resolved, verdicts),
    }
    out = json_safe(out)
    if n_participants > 1:
        cohort = _cohort_block(resolved, rows, verdicts)
        participants = cohort.pop("participants")
        out["cohort"] = {"participants": participants, **json_safe(cohort)}
    return out
