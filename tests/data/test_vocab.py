"""Tests for data.vocab: normalisation, blanks, fuzzy matching and the word lists.

Expected values come from the meaning of each word (see the table in data/vocab.py's
docstring and the brief), not from the functions' output.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data import vocab
from data.schema import EVENT_KINDS, OUTCOMES, SOURCES, STAGES


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Applied", "applied"),
        ("  In-Progress  ", "in progress"),
        ("interview_invite", "interview invite"),
        ("Rejection :(", "rejection"),
        ("reeejected", "rejected"),
        ("Offer 🎉!!", "offer"),
        ("HR/ Recruiter Call", "hr recruiter call"),
        ("Follow-up   sent", "follow up sent"),
        ("ＡＰＰＬＩＥＤ", "applied"),  # full-width letters (NFKC)
        ("已投递", "已投递"),
        ("", ""),
        (None, "none"),
    ],
)
def test_normalise_word(raw, expected):
    assert vocab.normalise_word(raw) == expected


def test_normalise_keeps_double_letters():
    # only runs of three or more collapse: "offer" and "assessment" keep their pairs
    assert vocab.normalise_word("Offer") == "offer"
    assert vocab.normalise_word("Assessment") == "assessment"
    assert vocab.normalise_word("Sooooo") == "so"


@pytest.mark.parametrize(
    "raw, blank",
    [
        ("", True),
        ("   ", True),
        ("null", True),
        ("NULL", True),
        ("None", True),
        ("n/a", True),
        ("N/A", True),
        ("-", True),
        ("—", True),
        ("–", True),
        ("tbd", True),
        ("TBD", True),
        ("待定", True),
        (None, True),
        ("nan", True),
        ("open", False),
        ("0", False),
        ("no", False),
        ("x", False),
        ("Applied", False),
    ],
)
def test_is_blank_word(raw, blank):
    assert vocab.is_blank_word(raw) is blank


def test_fuzzy_lookup_is_conservative():
    choices = ("rejected", "applied", "interview", "offer")
    assert vocab.fuzzy_lookup("rejcted", choices) == "rejected"
    assert vocab.fuzzy_lookup("intervew", choices) == "interview"
    assert vocab.fuzzy_lookup("ofer", choices) is None  # too short to guess
    assert vocab.fuzzy_lookup("reject", choices) == "rejected"  # ratio 12/14 = 0.857
    assert vocab.fuzzy_lookup("apply", choices) is None  # ratio 10/12 = 0.833
    assert vocab.fuzzy_lookup("banana", choices) is None


def test_status_phrase_meanings_use_schema_vocabulary():
    for word, m in vocab.STATUS_PHRASES.items():
        assert m.stage is None or m.stage in STAGES, word
        assert m.outcome is None or m.outcome in OUTCOMES, word
        assert not (m.not_applied and m.stage is not None), word


@pytest.mark.parametrize(
    "word, stage, outcome",
    [
        ("Rejected after phone screen", "intro_call", "rejected"),
        ("Rejected after 2nd interview", "interview", "rejected"),
        ("Withdrew after onsite", "interview", "withdrawn"),
        ("Ghosted after recruiter call", "intro_call", "ghosted"),
        ("Turned down the offer", "offer", "withdrawn"),
        ("Accepted offer", "hired", "hired"),
        ("Application under review", "applied", "pending"),
        ("Final round scheduled", "interview", "pending"),
        ("HireVue video interview completed", "interview", "pending"),
        ("No response yet", "applied", "pending"),
        ("Not interested", "applied", "withdrawn"),
    ],
)
def test_status_keyword_rules_keep_the_stage(word, stage, outcome):
    m = vocab.status_meaning(word)
    assert m is not None
    assert (m.stage, m.outcome) == (stage, outcome)


@pytest.mark.parametrize("word", ["Requires Followup", "Follow up needed", "to follow up"])
def test_follow_up_to_do_is_not_a_follow_up_sent(word):
    m = vocab.status_meaning(word)
    assert m is not None and m.stage == "applied" and m.outcome == "pending"
    assert m.followed_up is False


@pytest.mark.parametrize(
    "word", ["Not provided", "The email does not", "other", "Yes", "42", "ARCHIVED", "New"]
)
def test_status_unknown_words(word):
    assert vocab.status_meaning(word) is None


@pytest.mark.parametrize(
    "typo, stage, outcome",
    [
        ("Rejcted", "applied", "rejected"),
        ("Rejectd", "applied", "rejected"),
        ("Interveiw", "interview", "pending"),
        ("Intervew", "interview", "pending"),
        ("Appled", "applied", "pending"),
        ("Withdrawm", "applied", "withdrawn"),
        ("Phone Sreen", "intro_call", "pending"),
        ("Technical Intervew", "interview", "pending"),
    ],
)
def test_status_typos(typo, stage, outcome):
    m = vocab.status_meaning(typo)
    assert m is not None and (m.stage, m.outcome) == (stage, outcome)


@pytest.mark.parametrize("word", ["Not started", "Researching", "Interested", "not complete"])
def test_more_not_applied_words(word):
    m = vocab.status_meaning(word)
    assert m is not None and m.not_applied and m.stage is None and m.outcome is None


def test_typo_matching_can_be_switched_off():
    assert vocab.status_meaning("Intervew", fuzzy=False) is None
    assert vocab.status_meaning("Rejcted", fuzzy=False) is None


def test_yes_no_words_do_not_overlap():
    assert not (vocab.YES_WORDS & vocab.NO_WORDS)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Yes", True),
        ("y", True),
        ("X", True),
        ("✓", True),
        ("✔", True),
        ("☑", True),
        ("TRUE", True),
        ("1", True),
        ("ja", True),
        ("oui", True),
        ("sí", True),
        ("si", True),
        ("是", True),
        ("done", True),
        ("Sent", True),
        (True, True),
        ("No", False),
        ("n", False),
        ("✗", False),
        ("false", False),
        ("0", False),
        ("nein", False),
        ("non", False),
        ("否", False),
        (False, False),
        ("maybe", None),
        ("", None),
        ("2", None),
    ],
)
def test_yes_no_value(word, expected):
    assert vocab.yes_no_value(word) is expected


def test_source_values_are_schema_sources():
    for w in ("LinkedIn", "Indeed", "Greenhouse", "referral", "agency", "fair", "x"):
        assert vocab.source_value(w) in SOURCES


@pytest.mark.parametrize(
    "word, expected",
    [
        ("https://www.linkedin.com/jobs/view/1", "LinkedIn"),
        ("boards.greenhouse.io", "company site"),
        ("jobs.lever.co", "company site"),
        ("https://www.cv-library.co.uk/job/224130342", "job board"),
        ("We Work Remotely", "job board"),
        ("Recruiter Inquiry", "recruiter"),
        ("Linde (via Hays)", "recruiter"),
        ("www.axelar.network", "other"),
        ("小程序投递", "other"),
        ("线下招聘会投递", "other"),
        ("  ", None),
    ],
)
def test_source_value_more(word, expected):
    assert vocab.source_value(word) == expected


def test_event_phrases_are_event_kinds():
    assert set(vocab.EVENT_PHRASES.values()) <= set(EVENT_KINDS)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_property_vocab_total(text):
    """Every lookup accepts any text and answers within the schema's vocabulary."""
    assert isinstance(vocab.normalise_word(text), str)
    m = vocab.status_meaning(text)
    if m is not None:
        assert m.stage is None or m.stage in STAGES
        assert m.outcome is None or m.outcome in OUTCOMES
    assert vocab.yes_no_value(text) in (True, False, None)
    assert vocab.source_value(text) in (*SOURCES, None)
    assert vocab.event_kind(text) in (*EVENT_KINDS, None)
    if vocab.is_blank_word(text):
        assert vocab.source_value(text) is None and vocab.status_meaning(text) is None
