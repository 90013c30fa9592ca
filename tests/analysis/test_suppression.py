"""Small-cell suppression: nothing under k shown, nothing hidden recoverable from totals."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.suppression import (
    COMPLEMENTARY_LABEL,
    group_small_participants,
    hidden_cells_recoverable,
    sums_of,
    suppress_table,
)


def _shown_numbers(shown: pd.DataFrame) -> list[int]:
    return [v for v in shown.to_numpy().ravel() if not isinstance(v, str)]


def _solve_hidden_by_subtraction(counts: pd.DataFrame, shown: pd.DataFrame) -> set[tuple]:
    """What a reader can work out by subtracting shown cells from a shown total."""
    found = set()
    n_r, n_c = counts.shape
    for i in range(n_r + 1):
        row = shown.iloc[i]
        if isinstance(row.iloc[-1], str):
            continue
        hid = [j for j in range(n_c) if isinstance(row.iloc[j], str)]
        if len(hid) == 1:
            found.add((i, hid[0]))
    for j in range(n_c + 1):
        col = shown.iloc[:, j]
        if isinstance(col.iloc[-1], str):
            continue
        hid = [i for i in range(n_r) if isinstance(col.iloc[i], str)]
        if len(hid) == 1:
            found.add((hid[0], j))
    return found


# literal tables: arm × advanced, and a participant table
ARMS = pd.DataFrame(
    {"advanced": [3, 12], "not advanced": [9, 20]}, index=["with follow-up", "without"]
)
PEOPLE = pd.DataFrame(
    {"advanced": [2, 7, 11, 6], "not advanced": [8, 4, 15, 1]}, index=["P01", "P02", "P03", "P04"]
)


@pytest.mark.parametrize("table", [ARMS, PEOPLE])
def test_no_count_under_k_is_shown(table):
    s = suppress_table(table, k=5)
    assert all(v >= 5 for v in _shown_numbers(s.shown))
    # and every true count under k is labelled "< 5", never a complementary cell
    full = np.column_stack([table.to_numpy(), table.to_numpy().sum(axis=1)])
    full = np.vstack([full, full.sum(axis=0)])
    for (i, j), v in np.ndenumerate(full):
        if v < 5:
            assert s.shown.iat[i, j] == "< 5"
        elif s.hidden.iat[i, j]:
            assert s.shown.iat[i, j] == COMPLEMENTARY_LABEL


@pytest.mark.parametrize("table", [ARMS, PEOPLE])
def test_no_hidden_cell_recoverable_from_totals(table):
    s = suppress_table(table, k=5)
    assert _solve_hidden_by_subtraction(table, s.shown) == set()
    assert hidden_cells_recoverable(s, sums_of(s)) == []


def test_arms_table_hides_the_expected_cells():
    s = suppress_table(ARMS, k=5)
    # 3 is under 5; 9 (its row) and 12 (its column) hide it; 20 then protects the 9
    assert s.hidden.loc["with follow-up", ["advanced", "not advanced"]].tolist() == [True, True]
    assert s.hidden.loc["without", ["advanced", "not advanced"]].tolist() == [True, True]
    assert s.shown.loc["Total"].tolist() == [15, 29, 44]  # margins stay visible


def test_without_primary_nothing_is_hidden():
    s = suppress_table(pd.DataFrame({"a": [5, 6], "b": [7, 8]}), k=5)
    assert not s.hidden.to_numpy().any()
    assert s.shown.loc["Total", "Total"] == 26


def test_the_recovery_check_can_fail():
    """Guard for the guard: a table with one hidden cell per sum is caught."""
    s = suppress_table(ARMS, k=5)
    hidden = s.hidden.copy()
    hidden.loc[:, :] = False
    hidden.loc["with follow-up", "advanced"] = True
    weak = type(s)(shown=s.shown, hidden=hidden, primary=s.primary, k=5)
    assert hidden_cells_recoverable(weak, sums_of(weak)) != []


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="non-negative"):
        suppress_table(pd.DataFrame({"a": [-1]}))
    with pytest.raises(ValueError, match="k must"):
        suppress_table(ARMS, k=0)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda r: st.integers(1, 4).flatmap(
            lambda c: st.lists(
                st.lists(st.integers(0, 30), min_size=c, max_size=c), min_size=r, max_size=r
            )
        )
    ),
    st.integers(1, 8),
    st.booleans(),
    st.booleans(),
)
def test_any_table_no_small_count_shown_and_none_recoverable(rows, k, rt, ct):
    table = pd.DataFrame(rows)
    s = suppress_table(table, k=k, row_totals=rt, col_totals=ct)
    assert all(v >= k for v in _shown_numbers(s.shown))
    assert hidden_cells_recoverable(s, sums_of(s)) == []


def test_small_participants_join_other_participants():
    t = pd.DataFrame(
        {
            "participant": pd.array(["P01"] * 6 + ["P02"] * 4 + ["P03"] * 5, dtype="string"),
            "known_after_applying": [True] * 6 + [True, True, False, False] + [True] * 5,
        }
    )
    snapshot = t.copy()
    out = group_small_participants(t, 5)
    assert out["participant"].value_counts().to_dict() == {
        "P01": 6,
        "P03": 5,
        "other participants": 4,
    }
    pd.testing.assert_frame_equal(t, snapshot)
    assert list(itertools.islice(group_small_participants(t, 1)["participant"], 1)) == ["P01"]


def test_totals_together_cannot_pin_a_hidden_count():
    """Found by hypothesis: with zeros hidden (k=1), no sum had exactly one hidden entry, yet
    the row and column totals together determined a cell. Literal table, linear algebra."""
    table = pd.DataFrame([[0, 0, 0, 1], [0, 1, 0, 1], [1, 0, 1, 0], [1, 0, 1, 0]])
    s = suppress_table(table, k=1)
    assert hidden_cells_recoverable(s, sums_of(s)) == []
    assert all(v >= 1 for v in _shown_numbers(s.shown))
