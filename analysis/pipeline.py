"""Flows through the pipeline: how many applications went from each step to the next.

Counts for the pipeline Sankey (``viz.figures.pipeline_sankey_figure``) and its
SankeyMATIC export. Pure pandas on the (resolved) Applications table; the input is never
mutated. Node names are the labels in :mod:`data.rules` plus one "Response" node.

Examples
--------
>>> import pandas as pd
>>> from data.schema import coerce_applications
>>> apps = coerce_applications(pd.DataFrame({
...     "stage_reached": ["applied", "interview"], "outcome": ["ghosted", "rejected"],
...     "applied_on": ["2026-01-05", "2026-01-06"]}))
>>> pipeline_links(apps)["value"].tolist()
[1, 1, 1, 1, 1]
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

from analysis.responses import responded
from data.rules import OUTCOME_LABELS, STAGE_LABELS, STAGES, furthest_stage_codes

__all__ = ["RESPONSE_NODE", "EXIT_LABELS", "pipeline_links"]

#: The node between "Applied" and the later stages: the employer answered.
RESPONSE_NODE = "Response"
#: Outcomes an application leaves the pipeline by, with their labels (from data.rules).
EXIT_LABELS: Mapping[str, str] = MappingProxyType(
    {o: OUTCOME_LABELS[o] for o in ("rejected", "ghosted", "pending", "withdrawn")}
)


def _empty_links() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": pd.Series([], dtype="object"),
            "target": pd.Series([], dtype="object"),
            "value": pd.Series([], dtype="int64"),
        }
    )


def pipeline_links(apps: pd.DataFrame) -> pd.DataFrame:
    """Flows for the pipeline Sankey: Applied → Response → Intro call → Interview → Offer.

    Each application follows its furthest stage (stages are cumulative) and then exits to
    Rejected / Ghosted / Pending / Withdrawn by its outcome; offers and hires end at their
    stage. Applications never answered go straight from Applied to their exit.

    Returns a frame with columns ``source, target, value`` (only non-zero flows), in
    pipeline order. Inflow equals outflow at every middle node.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"stage_reached": ["applied", "offer"],
    ...                                       "outcome": ["pending", "offer"]}))
    >>> [tuple(r) for r in pipeline_links(t).itertuples(index=False)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Applied', 'Response', 1), ('Applied', 'Pending', 1), ('Response', 'Intro call', 1),
     ('Intro call', 'Interview', 1), ('Interview', 'Offer', 1)]
    """
    if len(apps) == 0:
        return _empty_links()
    stage = furthest_stage_codes(apps[["stage_reached", "outcome"]])
    answered = responded(apps).to_numpy()
    outcome = apps["outcome"].astype("object").fillna("pending").to_numpy()
    counts: dict[tuple[str, str], int] = {}

    def add(a: str, b: str, mask: np.ndarray) -> None:
        n = int(mask.sum())
        if n:
            counts[(a, b)] = counts.get((a, b), 0) + n

    chain = [STAGE_LABELS["applied"], RESPONSE_NODE] + [STAGE_LABELS[s] for s in STAGES[1:]]
    # position of each application's last node in `chain`
    last = np.where(answered, stage + 1, 0)
    for pos, node in enumerate(chain):
        here = last == pos
        for code, label in EXIT_LABELS.items():
            add(node, label, here & (outcome == code))
        if pos + 1 < len(chain):
            add(node, chain[pos + 1], last > pos)
    order = {n: i for i, n in enumerate(chain + list(EXIT_LABELS.values()))}
    rows = sorted(counts.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))
    return pd.DataFrame([(a, b, v) for (a, b), v in rows], columns=["source", "target", "value"])
