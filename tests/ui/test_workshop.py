"""ui/workshop.py: the verdict words' colours, one map for the badges and the headings."""

from __future__ import annotations

import re

import pytest

from ui.workshop import VERDICT_COLOUR, verdict_badge, verdict_colour_text

# every word analysis.cohort.cohort_verdicts can give a step
COHORT_WORDS = ["higher", "lower", "no clear difference", "not enough data", "not tracked"]


@pytest.mark.parametrize("word", COHORT_WORDS)
def test_badge_and_heading_give_a_word_the_same_colour(word):
    badge = re.fullmatch(r":(\w+)-badge\[(.+)\]", verdict_badge(word))
    heading = re.fullmatch(r":(\w+)\[(.+)\]", verdict_colour_text(word))
    assert badge and heading
    assert badge.group(1) == heading.group(1) == VERDICT_COLOUR[word]
    assert badge.group(2) == heading.group(2) == word


def test_only_a_tested_result_is_blue_and_no_test_is_grey():
    assert VERDICT_COLOUR["no clear difference"] == "blue"
    assert VERDICT_COLOUR["not enough data"] == VERDICT_COLOUR["not tracked"] == "gray"
    assert VERDICT_COLOUR["higher"] != VERDICT_COLOUR["lower"]


def test_cohort_verdict_words_all_have_a_colour():
    import inspect

    from analysis import cohort

    said = set(re.findall(r'word = "([^"]+)"', inspect.getsource(cohort.cohort_verdicts)))
    assert said <= set(VERDICT_COLOUR), said - set(VERDICT_COLOUR)
