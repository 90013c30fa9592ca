"""Everything a report shows, computed once from an import (pure: no files, no clock).

:func:`build_content` anonymises the import first unless asked not to (participants
``P01``…, no companies, roles, notes or file names), resolves outcomes as of a date, reads
the one verdict per step (:func:`analysis.verdict.step_verdicts`; for a workshop the
stratified headline of :func:`analysis.cohort.cohort_verdicts`), and builds the figures and
tables. When anonymised, counts under ``min_cell`` are suppressed in every table
(:mod:`analysis.suppression`) and participants with fewer than ``min_cell`` applications
with a known answer are shown as one "other participants" group in charts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analysis.anonymise import anonymise_result
from analysis.before_after import as_rows, before_after
from analysis.benchmarks import BENCHMARKS
from analysis.findings import format_p
from analysis.outcomes import funnel, resolve
from analysis.pipeline import pipeline_links
from analysis.responses import stale_log
from analysis.suppression import group_small_participants, suppress_table
from analysis.touchpoints import followup_rates
from analysis.verdict import LEFT_OUT_LABELS, StepVerdict, step_verdicts
from analysis.workshop import participant_summary, thank_you_rates
from data.schema import ImportResult
from viz import cohort as cohort_figs
from viz import figures
from viz.labels import pct

__all__ = ["ReportContent", "StepSection", "Figure", "build_content", "METHOD_NOTES"]

NEXT_STEP = {
    "after_applying": "an intro call",
    "after_intro_call": "an interview",
    "after_interview": "an offer",
}

METHOD_NOTES: tuple[str, ...] = (
    "Associated, not caused: people who follow up may differ in other ways (the roles they "
    "pick, how they apply), so these numbers show what went together, not what follow-up did.",
    "Timing: fast answers leave no time to follow up. Each step is compared from a landmark "
    "(the step's date plus its follow-up window) among applications still waiting then; "
    "applications answered earlier are left out and counted.",
    "Known outcome: an employer's answer, or no news for the ghosting period (ghosted). "
    "Applications still waiting are left out of rates, never counted as 'no'.",
    "Rates carry Wilson 95% intervals; differences Newcombe 95% intervals; tests are Fisher's "
    "exact, Holm-adjusted across the three steps. Below 5 applications in an arm the verdict "
    "is 'not enough data'.",
)
WORKSHOP_NOTES: tuple[str, ...] = (
    "Many participants: each step is compared within participants (Mantel–Haenszel, "
    "stratified by participant) so that differences between people cannot fake an effect "
    "(Simpson's paradox); the pooled comparison across everyone is shown second.",
)


@dataclass(frozen=True)
class Figure:
    """One chart of the report: a title, the Plotly figure, and a note under it."""

    title: str
    figure: go.Figure
    note: str = ""


@dataclass(frozen=True)
class StepSection:
    """One follow-up step: the verdict (headline + secondary), the counts table, a chart."""

    touchpoint: str
    label: str
    word: str
    headline: str
    secondary: str
    details: list[str]
    counts: pd.DataFrame  # arms × advanced (shown values; suppressed when anonymised)
    verdict: StepVerdict
    figure: go.Figure | None = None


@dataclass(frozen=True)
class ReportContent:
    """What the HTML report and the workbook show (see :func:`build_content`)."""

    title: str
    as_of: dt.date
    anonymised: bool
    min_cell: int | None
    workshop: bool
    applications: int
    participants: list[str]
    steps: list[StepSection]
    figures: list[Figure]
    participant_table: pd.DataFrame | None
    quality: pd.DataFrame  # what, count
    quality_notes: list[str]
    before_after: pd.DataFrame | None
    workshop_date: dt.date | None
    method_notes: list[str] = field(default_factory=list)
    group_word: str = "you"
    #: the logs' latest entry when it is long before ``as_of`` (analysis.responses.stale_log)
    latest_entry: dt.date | None = None

    @property
    def as_of_text(self) -> str:
        """``"as of 02 Dec 2026"``, with an old log's latest entry after it."""
        text = f"as of {self.as_of:%d %b %Y}"
        if self.latest_entry is not None:
            text += f" (latest entry {self.latest_entry:%d %b %Y})"
        return text

    def searchable_text(self) -> str:
        """Every piece of text in the content (for tests that search it for names)."""
        parts: list[Any] = [self.title, *self.participants, *self.quality_notes]
        for s in self.steps:
            parts += [s.headline, s.secondary, *s.details, s.counts.to_csv()]
        for f in self.figures:
            parts += [f.title, f.note, f.figure.to_json()]
        for t in (self.participant_table, self.before_after, self.quality):
            if t is not None:
                parts.append(t.to_csv())
        return "\n".join(str(p) for p in parts)


def _arms_counts(v: StepVerdict, k: int | None) -> pd.DataFrame:
    counts = pd.DataFrame(
        {
            "advanced": [v.with_.k, v.without.k],
            "did not advance": [v.with_.n - v.with_.k, v.without.n - v.without.k],
        },
        index=["with a follow-up", "without"],
    )
    if k is None:
        out = counts.copy()
        out["Total"] = out.sum(axis=1)
        out.loc["Total"] = out.sum(axis=0)
        return out.astype(object)
    return suppress_table(counts, k).shown


_TIMING_GENERIC: dict[str, str] = {
    "landmark": "Compared only {things} still waiting {days} days after the step, when a "
    "follow-up was due; those answered earlier are left out.",
    "assumed timing": "Compared only {things} still waiting {days} days after the step; "
    "follow-ups marked without a date are assumed to have been made by then.",
    "unadjusted": "The logs have no answer dates for this step, so the comparison is "
    "unadjusted: fast answers can bias it.",
}


def _details(v: StepVerdict, show_counts: bool, k: int | None = None) -> list[str]:
    """Numbers behind a step's verdict. With ``k`` (anonymised), counts under ``k`` read
    ``"< k"`` and the timing note is the generic one (the verdict's own names counts)."""
    out = []
    if show_counts and v.with_.n and v.without.n:
        out.append(
            f"Advanced with a follow-up: {v.with_.k} of {v.with_.n} ({pct(v.with_.rate)}); "
            f"without: {v.without.k} of {v.without.n} ({pct(v.without.rate)})."
        )
    if v.difference is not None and v.diff_lo is not None and v.diff_hi is not None:
        out.append(
            f"Difference {100 * v.difference:+.0f} points "
            f"(95% CI {100 * v.diff_lo:+.0f} to {100 * v.diff_hi:+.0f})."
        )
    if v.p_value is not None:
        holm = f"; Holm-adjusted p = {format_p(v.p_holm)}" if v.p_holm is not None else ""
        out.append(f"Fisher's exact p = {format_p(v.p_value)}{holm}.")
    if v.p_more_with is not None:
        out.append(
            f"Advancing was more common with a follow-up in {pct(v.p_more_with)} of plausible "
            "readings of these numbers (Beta-binomial)."
        )
    if k is not None and v.tracked:
        things = _STEP_WORDS.get(v.touchpoint, ("applications",))[0]
        out.append(_TIMING_GENERIC[v.design].format(things=things, days=v.landmark_days))
    elif v.timing_note:
        out.append(v.timing_note)
    if v.left_out:
        out.append(
            "Left out: "
            + "; ".join(
                f"{LEFT_OUT_LABELS.get(r, r)}: {n if k is None or n >= k else f'< {k}'}"
                for r, n in v.left_out.items()
            )
            + "."
        )
    return out


def _step_sections(
    resolved: pd.DataFrame, k: int | None, workshop: bool, windows: dict[str, int] | None = None
) -> list[StepSection]:
    verdicts = step_verdicts(resolved, windows=windows)
    sections = []
    for tp, v in verdicts.items():
        counts = _arms_counts(v, k)
        small = k is not None and counts.map(lambda x: isinstance(x, str)).to_numpy().any()
        fig = None
        if v.tracked and v.with_.n + v.without.n and not small:
            fig = figures.advance_comparison_figure(
                v, touchpoint_label=v.label, next_step=NEXT_STEP.get(tp, "the next stage")
            )
        sections.append(
            StepSection(
                touchpoint=tp,
                label=v.label,
                word=v.verdict,
                headline=headline(v, counts_hidden=small, workshop=workshop),
                secondary="",
                details=_details(v, show_counts=not small, k=k),
                counts=counts,
                verdict=v,
                figure=fig,
            )
        )
    return sections


#: touchpoint -> (what is compared, what advancing means, what the follow-up is)
_STEP_WORDS: dict[str, tuple[str, str, str]] = {
    "after_applying": ("applications", "an intro call", "a follow-up after applying"),
    "after_intro_call": ("intro calls", "an interview", "a follow-up after the intro call"),
    "after_interview": ("interviews", "an offer", "a thank-you note"),
}


def headline(v: StepVerdict, *, counts_hidden: bool = False, workshop: bool = False) -> str:
    """The report's sentence for a step, read from its verdict and worded for the reader
    ("the log" for one person, "participants' logs" for a workshop). When the counts are
    suppressed the sentence gives no rate that could reveal them.

    Examples
    --------
    >>> from analysis.verdict import verdict_from_counts
    >>> v = verdict_from_counts("after_applying", 2, 3, 1, 4)
    >>> headline(v, workshop=True)
    "Not enough data: fewer than 5 applications in a group can be compared in participants' logs."
    """
    things, result, action = _STEP_WORDS.get(
        v.touchpoint, ("applications", "the next stage", "a follow-up")
    )
    where = "participants' logs" if workshop else "this log"
    if v.verdict == "not tracked":
        verb = "do" if workshop else "does"
        return f"Not tracked: {where} {verb} not record {action}, so this step cannot be compared."
    if v.verdict == "not enough data":
        return f"Not enough data: fewer than 5 {things} in a group can be compared in {where}."
    rates = ""
    if not counts_hidden and v.with_.rate is not None and v.without.rate is not None:
        rates = (
            f": {pct(v.with_.rate)} of {things} with {action} led to {result} vs "
            f"{pct(v.without.rate)} without"
        )
    ci = ""
    if v.diff_lo is not None and v.diff_hi is not None:
        ci = (
            f" (difference 95% CI {100 * v.diff_lo:+.0f} to {100 * v.diff_hi:+.0f} points"
            + (
                f"; p = {format_p(v.p_holm)}, adjusted for three steps"
                if v.p_holm is not None
                else ""
            )
            + ")"
        )
    if v.design == "unadjusted":
        return (
            f"No clear conclusion{rates}{ci}. Unadjusted: the logs have no answer dates for this "
            "step, so fast answers can bias the comparison."
        )
    if v.verdict in ("higher", "lower"):
        more = "more" if v.verdict == "higher" else "less"
        return (
            f"Reaching {result} was {more} common with {action}{rates}{ci}. Associated, not caused."
        )
    return f"No clear difference{rates}{ci}."


def _ratio(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def cohort_headline(cv: Any, k: int | None) -> str:
    """The workshop headline for a step: the within-participant verdict's own sentence, or —
    when its group sizes are under ``k`` (anonymised) — the same verdict without the counts.

    Examples
    --------
    >>> from types import SimpleNamespace as S
    >>> s = S(pooled_or=2.0, lo=1.1, hi=3.6, cmh_p=0.01, strata_used=4, n_with=3, n_without=40,
    ...       one_direction=None, note="")
    >>> cohort_headline(S(verdict="not enough data", stratified=s, p_holm=None, sentence="x",
    ...                   touchpoint="after_applying"), 5)
    'Within participants (4 compared): not enough data for a conclusion.'
    """
    s = cv.stratified
    if cv.verdict == "not tracked":
        action = _STEP_WORDS.get(cv.touchpoint, ("", "", "a follow-up"))[2]
        return f"No participant's log records {action}, so this step cannot be compared."
    if k is None or min(s.n_with, s.n_without) >= k:
        return str(cv.sentence)
    text = f"Within participants ({s.strata_used} compared): {cv.verdict}"
    if cv.verdict == "not enough data":
        return text + " for a conclusion."
    if s.pooled_or is not None and s.lo is not None and s.hi is not None:
        text += (
            f" (Mantel–Haenszel odds ratio {_ratio(s.pooled_or)}, 95% CI "
            f"{_ratio(s.lo)}–{_ratio(s.hi)})"
        )
    return text + "."


def _forest_rows(cv: Any, k: int | None) -> tuple[pd.DataFrame, int]:
    """Forest plot rows (percentage points) and how many participants were left out for
    having fewer than ``k`` applications in a group (anonymised only)."""
    p = cv.participants
    keep = pd.Series(True, index=p.index)
    if k is not None:
        keep = (p["n_with"] >= k) & (p["n_without"] >= k)
    shown = p[keep]
    rows = pd.DataFrame(
        {
            "label": shown["participant"].astype(str),
            "estimate": 100 * pd.to_numeric(shown["difference"], errors="coerce"),
            "lo": 100 * pd.to_numeric(shown["lo"], errors="coerce"),
            "hi": 100 * pd.to_numeric(shown["hi"], errors="coerce"),
            "n": (shown["n_with"] + shown["n_without"]).astype(int),
            "pooled": False,
        }
    )
    v = cv.crude
    if v.difference is not None and v.diff_lo is not None and v.diff_hi is not None:
        rows.loc[len(rows)] = {
            "label": "Everyone pooled",
            "estimate": 100 * v.difference,
            "lo": 100 * v.diff_lo,
            "hi": 100 * v.diff_hi,
            "n": v.with_.n + v.without.n,
            "pooled": True,
        }
    return rows, int((~keep).sum())


def _cohort_sections(
    resolved: pd.DataFrame, k: int | None, windows: dict[str, int] | None = None
) -> list[StepSection]:
    """Per step for a workshop: the within-participant verdict as the headline
    (:func:`analysis.cohort.cohort_verdicts`), everyone pooled second, a forest plot."""
    from analysis.cohort import cohort_verdicts

    sections = []
    for tp, cv in cohort_verdicts(resolved, windows=windows).items():
        v = cv.crude
        counts = _arms_counts(v, k)
        small = k is not None and bool(counts.map(lambda x: isinstance(x, str)).to_numpy().any())
        secondary = ""
        if v.tracked:
            secondary = "Everyone pooled as one log: " + headline(
                v, counts_hidden=small, workshop=True
            )
            if cv.disagrees:
                secondary += (
                    " The pooled numbers point the other way from the within-participant "
                    "comparison: trust the within-participant one (people who follow up a lot "
                    "may get more answers for other reasons — Simpson's paradox)."
                )
        fig = None
        details = _details(v, show_counts=not small, k=k)
        if v.tracked and len(cv.participants):
            rows, left = _forest_rows(cv, k)
            if len(rows):
                s = cv.stratified
                mh = (
                    f"within participants: odds ratio {_ratio(s.pooled_or)}"
                    if s.pooled_or is not None
                    else "within participants: see above"
                )
                fig = cohort_figs.forest_figure(
                    rows,
                    title=f"Participant by participant ({mh})",
                    measure="Advanced: with − without (points)",
                )
            if left:
                details.append(
                    f"{left} participant{'s' if left != 1 else ''} with fewer than {k} "
                    "applications in a group not drawn one by one (they count in the pooled "
                    "and within-participant results)."
                )
        sections.append(
            StepSection(
                touchpoint=tp,
                label=cv.label,
                word=cv.verdict,
                headline=cohort_headline(cv, k),
                secondary=secondary,
                details=details,
                counts=counts,
                verdict=v,
                figure=fig,
            )
        )
    return sections


def _group_words(text: object) -> object:
    """Chart text written for one person, for a group ("in your log" → "in the logs").

    Examples
    --------
    >>> _group_words("not tracked in your log")
    'not tracked in the logs'
    """
    if not isinstance(text, str):
        return text
    out = text.replace("in your log", "in the logs").replace("your log", "the logs")
    return out.replace("not a target for you", "not a target for anyone")


def _quality(result: ImportResult) -> tuple[pd.DataFrame, list[str]]:
    rep = result.report
    rows = [
        ("Files read", len(rep.files)),
        ("Files that could not be read", len(rep.files_failed)),
        ("Rows read", rep.rows_read),
        ("Rows analysed", rep.rows_analysed),
        ("Rows not analysed", rep.rows_excluded),
        ("Warnings", len(rep.warnings)),
        ("Dates that could be read two ways", len(rep.ambiguous_dates)),
        ("Status words not recognised (rows)", sum(rep.unknown_status_words.values())),
    ]
    reasons: dict[str, int] = {}
    for e in rep.excluded:
        why = re.sub(r"^row \d+:\s*", "", e.reason)
        reasons[why] = reasons.get(why, 0) + 1
    notes = [f"{n} row{'s' if n != 1 else ''} not analysed: {why}" for why, n in reasons.items()]
    notes += list(rep.warnings)
    return pd.DataFrame(rows, columns=["What", "Count"]), notes


def _workshop_figures(resolved: pd.DataFrame, k: int | None) -> list[Figure]:
    data = resolved if k is None else group_small_participants(resolved, k)
    table = participant_summary(data)
    table = table[table["Participant"] != "All participants"]
    bubbles = pd.DataFrame(
        {
            "label": table["Participant"],
            "consistency": table["Consistency"],
            "interview_rate": table["Interview rate"],
            "interviews": table["Interviews"].astype(int),
            "known": table["Answer known"].astype(int),
        }
    )
    out = [
        Figure(
            "Consistency of follow-up vs reaching an interview",
            cohort_figs.consistency_bubbles_figure(bubbles, show_counts=k is None),
            "One bubble per participant; bubble size: applications with a known answer."
            + (
                f" Participants with fewer than {k} known answers are pooled as 'other "
                "participants'."
                if k is not None
                else ""
            ),
        )
    ]
    bench = BENCHMARKS.get("thank_you_rate")
    ty = thank_you_rates(data).rename(columns={"participant": "label"})
    if ty["n"].sum():
        out.append(
            Figure(
                "Thank-you notes after interviews",
                cohort_figs.thank_you_distribution_figure(
                    ty,
                    benchmark=bench.value if bench else None,
                    caveat=str(_group_words(bench.caveat)) if bench else "",
                    show_counts=k is None,
                ),
                (
                    f"Published estimate {pct(bench.value)}: {bench.description} ({bench.source}). "
                    f"{_group_words(bench.caveat)}"
                    if bench
                    else ""
                ),
            )
        )
    return out


def build_content(
    result: ImportResult,
    *,
    as_of: dt.date,
    ghost_after_days: int = 30,
    anonymise: bool = True,
    salt: str | None = None,
    workshop_date: dt.date | None = None,
    min_cell: int = 5,
    already_anonymised: bool = False,
    windows: dict[str, int] | None = None,
) -> ReportContent:
    """Compute the report once.

    Parameters
    ----------
    result : ImportResult
        The import (not modified).
    as_of : datetime.date
        The date the numbers are computed for.
    anonymise : bool
        Take every name out first (:func:`analysis.anonymise.anonymise_result`) and
        suppress counts under ``min_cell``; ``salt`` orders the P01… codes (random when None).
    workshop_date : datetime.date, optional
        Adds the before/after comparison (applications sent from that day on are "after").
    min_cell : int
        Small-cell threshold k, used when anonymised.
    windows : dict, optional
        touchpoint -> follow-up window in days, as for the verdicts (the app passes its
        "follow up after" setting for the step after applying).
    already_anonymised : bool
        ``result`` is anonymised already (the app in presenter mode, whose codes must stay
        the ones on screen): not coded again, but small counts are suppressed and the
        report says it is anonymised.

    Examples
    --------
    >>> from data.demo import DEMO_AS_OF, load_demo
    >>> c = build_content(load_demo("workshop"), as_of=DEMO_AS_OF, salt="x")
    >>> c.workshop, c.anonymised, c.participants[:2], len(c.steps)
    (True, True, ['P01', 'P02'], 3)
    """
    if min_cell < 1:
        raise ValueError(f"min_cell must be at least 1, got {min_cell}")
    if anonymise:
        if salt is None:
            import secrets

            salt = secrets.token_hex(16)
        result = anonymise_result(result, salt=salt)
    k = min_cell if anonymise or already_anonymised else None
    resolved = resolve(result.applications, as_of, ghost_after_days=ghost_after_days)
    people = sorted({str(p) for p in resolved["participant"].dropna().unique()})
    workshop = len(people) > 1
    steps = (
        _cohort_sections(resolved, k, windows)
        if workshop
        else _step_sections(resolved, k, workshop, windows)
    )
    figs: list[Figure] = []
    rates = followup_rates(resolved)
    if rates["tracked"].astype(bool).any():
        fig = figures.followup_rates_figure(rates)
        if workshop:  # the builder speaks to one person; a workshop's chart speaks of a group
            fig.update_layout(title={"text": "How often participants followed up, step by step"})
            fig.for_each_trace(
                lambda t: t.update(text=[_group_words(x) for x in t.text])
                if t.text is not None and not isinstance(t.text, str)
                else None
            )
        figs.append(Figure("How often follow-ups were sent", fig))
    figs.append(Figure("How far applications got", figures.funnel_figure(funnel(resolved))))
    links = pipeline_links(resolved)
    if len(links):
        figs.append(Figure("Where applications went", figures.pipeline_sankey_figure(links)))
    if workshop:
        figs += _workshop_figures(resolved, k)
    ba = None
    if workshop_date is not None:
        changes = before_after(resolved, workshop_date)
        ba = as_rows(changes)
        if k is not None:
            ba = _suppress_long(ba, k)
        said = " ".join(
            f"{c.label}: {c.word}"
            + (f" (within participants p = {format_p(c.p_value)})" if c.p_value is not None else "")
            + "."
            for c in changes.values()
        )
        figs.append(
            Figure(
                f"Before and after the workshop ({workshop_date:%d %b %Y})",
                cohort_figs.before_after_figure(ba, title="Before vs after the workshop"),
                said + " Applications sent on the workshop day count as after; associated in "
                "time, not caused by the workshop.",
            )
        )
    quality, notes = _quality(result)
    table = participant_summary(resolved, k=k) if workshop else None
    return ReportContent(
        title="Followthrough report: does following up go with advancing?",
        as_of=as_of,
        anonymised=anonymise or already_anonymised,
        min_cell=k,
        workshop=workshop,
        applications=len(resolved),
        participants=people,
        steps=steps,
        figures=figs,
        participant_table=table,
        quality=quality,
        quality_notes=notes,
        before_after=ba,
        workshop_date=workshop_date,
        method_notes=list(METHOD_NOTES) + (list(WORKSHOP_NOTES) if workshop else []),
        group_word="participants" if workshop else "you",
        latest_entry=stale_log(result.applications, as_of),
    )


def _suppress_long(rows: pd.DataFrame, k: int) -> pd.DataFrame:
    """Before/after rows with small k/n counts hidden (and the rate with them)."""
    out = rows.astype(object).copy()
    for i, r in rows.iterrows():
        counts = pd.DataFrame({"yes": [int(r["k"])], "no": [int(r["n"]) - int(r["k"])]})
        s = suppress_table(counts, k)
        if s.hidden.to_numpy().any():
            out.at[i, "k"] = s.shown.iat[0, 0]
            out.at[i, "n"] = s.shown.iat[0, 2]
            out.at[i, "rate"] = out.at[i, "lo"] = out.at[i, "hi"] = None
    return out
