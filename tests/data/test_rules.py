"""data.rules: the domain rules, written once and used everywhere."""

from __future__ import annotations

import ast
import datetime as dt
import doctest
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data import rules
from data.schema import APPLICATION_COLUMNS, coerce_applications

ROOT = Path(__file__).resolve().parents[2]


class TestStages:
    def test_order_is_the_design_order(self):
        assert rules.STAGES == ("applied", "intro_call", "interview", "offer", "hired")
        assert rules.STAGE_DTYPE.ordered

    def test_every_stage_and_outcome_has_a_label(self):
        assert set(rules.STAGE_LABELS) == set(rules.STAGES)
        assert set(rules.STAGE_PHRASES) == set(rules.STAGES)
        assert set(rules.OUTCOME_LABELS) == set(rules.OUTCOMES)

    def test_unknown_stage_is_a_clear_error(self):
        with pytest.raises(ValueError, match="unknown stage 'screening'"):
            rules.stage_index("screening")


class TestFurthestStage:
    def test_rejected_after_interview_keeps_the_interview(self):
        t = pd.DataFrame({"stage_reached": ["interview"], "outcome": ["rejected"]})
        assert rules.furthest_stage(t).tolist() == ["interview"]

    @pytest.mark.parametrize(("outcome", "stage"), [("offer", "offer"), ("hired", "hired")])
    def test_offer_or_hire_implies_the_stage(self, outcome, stage):
        t = pd.DataFrame({"stage_reached": ["applied"], "outcome": [outcome]})
        assert rules.furthest_stage(t).tolist() == [stage]

    def test_hired_stage_is_not_lowered_by_an_offer_outcome(self):
        t = pd.DataFrame({"stage_reached": ["hired"], "outcome": ["offer"]})
        assert rules.furthest_stage(t).tolist() == ["hired"]

    @pytest.mark.parametrize(
        ("col", "stage"),
        [("intro_call_on", "intro_call"), ("interview_on", "interview"), ("offer_on", "offer")],
    )
    def test_a_dated_step_means_it_was_reached(self, col, stage):
        t = pd.DataFrame({"stage_reached": [None], col: [pd.Timestamp("2026-02-01")]})
        assert rules.furthest_stage(t).tolist() == [stage]

    def test_missing_stage_is_applied_and_input_is_not_mutated(self):
        t = pd.DataFrame({"stage_reached": [None, None], "outcome": [None, "offer"]})
        before = t.copy()
        assert rules.furthest_stage(t).tolist() == ["applied", "offer"]
        pd.testing.assert_frame_equal(t, before)

    @given(
        st.lists(
            st.tuples(
                st.sampled_from([None, *rules.STAGES]),
                st.sampled_from([None, *rules.OUTCOMES]),
                st.booleans(),
            ),
            min_size=1,
            max_size=20,
        )
    )
    def test_analysis_resolve_uses_the_same_rule(self, rows):
        t = coerce_applications(
            pd.DataFrame(
                {
                    "stage_reached": [r[0] for r in rows],
                    "outcome": [r[1] for r in rows],
                    "interview_on": [pd.Timestamp("2026-01-05") if r[2] else pd.NaT for r in rows],
                }
            )
        )
        from analysis.outcomes import resolve

        resolved = resolve(t, dt.date(2026, 1, 10))
        expect = rules.furthest_stage(t)
        assert resolved["stage_reached"].astype(str).tolist() == expect.astype(str).tolist()
        # never below what was logged
        logged = rules.stage_codes(t["stage_reached"])
        assert (rules.stage_codes(expect) >= logged).all()


class TestSettleOutcome:
    def test_open_rows_at_offer_or_hire_take_that_outcome(self):
        got = rules.settle_outcome(
            pd.Series(["offer", "hired", "interview", "offer"]),
            pd.Series(["pending", None, None, "withdrawn"]),
        )
        assert got.astype(str).tolist() == ["offer", "hired", "pending", "withdrawn"]


class TestDates:
    def test_earliest_and_latest_skip_missing(self):
        t = pd.DataFrame(
            {
                "a": pd.to_datetime(["2026-01-05", None, None]),
                "b": pd.to_datetime(["2026-01-02", "2026-03-01", None]),
            }
        )
        early = rules.earliest_date(t, ["a", "b", "not_there"])
        late = rules.latest_date(t, ["a", "b"])
        assert [None if pd.isna(d) else d.day for d in early] == [2, 1, None]
        assert [None if pd.isna(d) else d.day for d in late] == [5, 1, None]

    def test_last_activity_reads_every_activity_column(self):
        t = coerce_applications(
            pd.DataFrame({"applied_on": ["2026-01-01"], "outcome_on": ["2026-04-01"]})
        )
        assert rules.last_activity(t).iloc[0] == pd.Timestamp("2026-04-01")


class TestTouchpoints:
    def test_order_keys_and_windows_follow_the_design(self):
        assert list(rules.TOUCHPOINTS) == ["after_applying", "after_intro_call", "after_interview"]
        assert [t.window_days for t in rules.TOUCHPOINTS.values()] == [7, 3, 2]

    def test_columns_exist_in_the_canonical_table(self):
        for tp in rules.TOUCHPOINTS.values():
            assert tp.step_date in APPLICATION_COLUMNS
            assert APPLICATION_COLUMNS[tp.flag] == "boolean"
            assert tp.followup_date is None or tp.followup_date in APPLICATION_COLUMNS

    def test_advanced_means_the_next_stage(self):
        for tp in rules.TOUCHPOINTS.values():
            assert rules.stage_index(tp.advanced_stage) == rules.stage_index(tp.eligible_stage) + 1

    def test_cannot_be_changed_at_runtime(self):
        with pytest.raises(TypeError):
            rules.TOUCHPOINTS["x"] = None  # type: ignore[index]


_RULE_NAMES = {
    "STAGES",
    "OUTCOMES",
    "STAGE_LABELS",
    "STAGE_PHRASES",
    "OUTCOME_LABELS",
    "TOUCHPOINT_LABELS",
    "TOUCHPOINT_STAGES",
    "DEFAULT_WINDOWS",
    "FOLLOWUP_FLAG_COLUMNS",
}


def _literal_definitions(path: Path) -> list[str]:
    """Module-level names from _RULE_NAMES assigned a literal (dict/tuple/list) in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        target = value = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        if (
            isinstance(target, ast.Name)
            and target.id in _RULE_NAMES
            and isinstance(value, ast.Dict | ast.Tuple | ast.List)
        ):
            found.append(f"{path.relative_to(ROOT)}: {target.id}")
    return found


def test_no_other_module_writes_the_rules_down_again():
    files = [
        p
        for pkg in ("data", "analysis", "viz", "ui", "pages")
        for p in (ROOT / pkg).rglob("*.py")
        if p.name != "rules.py"
    ]
    files.append(ROOT / "app.py")
    assert [d for p in files for d in _literal_definitions(p)] == []


def test_examples_run():
    res = doctest.testmod(rules, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert res.failed == 0 and res.attempted > 5
