"""Analysis engine: pure functions of the canonical Applications table.

No Streamlit, no file reads, no clock: ``as_of`` is always a parameter (the CLI in
:mod:`analysis.cli` is the one place that reads files and today's date). Every function
returns new objects and never modifies its input. Start with
:func:`analysis.outcomes.resolve`, then pass its result to the other modules:

- :mod:`analysis.outcomes` — pending vs ghosted, stages, per-touchpoint step columns, funnel
- :mod:`analysis.stats` — Wilson rates, Newcombe differences, Fisher p (``Rate``, ``Comparison``)
- :mod:`analysis.touchpoints` — follow-up rates, timeliness, with vs without comparisons
- :mod:`analysis.verdict` — the one verdict per step (landmark design, Holm, Beta-binomial)
- :mod:`analysis.survival` — Kaplan–Meier time to first response, log-rank
- :mod:`analysis.consistency` — per participant, weekly activity, streaks
- :mod:`analysis.cohort` — cohort table, Mantel–Haenszel stratified odds ratios
- :mod:`analysis.reminders` — follow-ups due today
- :mod:`analysis.findings` — plain-language sentences
- :mod:`analysis.benchmarks` — published figures with source and caveat
- :mod:`analysis.summary` — the CLI's JSON

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import coerce_applications
>>> from analysis.outcomes import resolve
>>> apps = coerce_applications(pd.DataFrame({"stage_reached": ["applied"], "outcome": ["pending"]}))
>>> r = resolve(apps, dt.date(2026, 6, 30))
>>> str(r.loc[0, "outcome"])
'pending'
"""
