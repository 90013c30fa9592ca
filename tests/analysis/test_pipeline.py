"""Pipeline flows (analysis.pipeline) on hand-built tables."""

from __future__ import annotations

import pandas as pd

from analysis.pipeline import pipeline_links
from data.schema import coerce_applications


def _apps(stages, outcomes, **extra):
    return coerce_applications(
        pd.DataFrame({"stage_reached": stages, "outcome": outcomes, **extra})
    )


def test_pipeline_flows_are_conserved_and_exits_by_outcome():
    t = _apps(
        ["applied", "applied", "applied", "intro_call", "interview", "offer", "hired", "interview"],
        ["ghosted", "rejected", "pending", "ghosted", "rejected", "offer", "hired", "withdrawn"],
    )
    links = pipeline_links(t)
    flows = {(a, b): v for a, b, v in links.itertuples(index=False)}
    assert flows[("Applied", "Ghosted")] == 1 and flows[("Applied", "Pending")] == 1
    assert flows[("Applied", "Response")] == 6  # rejected-at-applied counts as an answer
    assert flows[("Response", "Rejected")] == 1
    assert flows[("Intro call", "Ghosted")] == 1
    assert flows[("Interview", "Rejected")] == 1  # rejected after interview still an interview
    assert flows[("Interview", "Withdrawn")] == 1
    assert flows[("Offer", "Hired")] == 1
    total_out_of_applied = links.loc[links["source"] == "Applied", "value"].sum()
    assert total_out_of_applied == len(t)
    for node in ["Response", "Intro call", "Interview"]:
        inflow = links.loc[links["target"] == node, "value"].sum()
        outflow = links.loc[links["source"] == node, "value"].sum()
        assert inflow == outflow, node
    assert (links["value"] > 0).all()


def test_pipeline_empty():
    assert len(pipeline_links(_apps([], []))) == 0


def test_pipeline_input_not_mutated():
    t = _apps(["applied", "interview"], ["ghosted", "offer"], company=["A", "A"])
    before = t.copy()
    pipeline_links(t)
    pd.testing.assert_frame_equal(t, before)
