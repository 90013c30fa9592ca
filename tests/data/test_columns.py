"""Header wording -> canonical field (data.columns)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.columns import guess_field, map_columns, normalise_header
from data.schema import MAPPABLE_FIELDS, InputError


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("Date Applied", "date applied"),
        ("  Follow-up date? ", "follow up date"),
        ("companyName", "company name"),
        ("application_site", "application site"),
        ("HR/ Recruiter Call", "hr recruiter call"),
        ("\n公司\n", "公司"),
        (None, ""),
    ],
)
def test_normalise_header_folds_case_punctuation_and_camel_case(raw, folded):
    assert normalise_header(raw) == folded


@pytest.mark.parametrize(
    "header, field",
    [
        ("Date Applied", "applied_on"),
        ("Applied On", "applied_on"),
        ("Application Date", "applied_on"),
        ("date", "applied_on"),
        ("Company Name", "company"),
        ("company_name", "company"),
        ("Employer", "company"),
        ("Position", "role"),
        ("Job Title", "role"),
        ("Role name", "role"),
        ("Follow up?", "followup_after_apply"),
        ("Followed up", "followup_after_apply"),
        ("Follow-up date", "followup_after_apply_on"),
        ("Thank you sent", "thank_you_after_interview"),
        ("Thank-you note", "thank_you_after_interview"),
        ("Status", "status"),
        ("Result", "outcome"),
        ("Stage", "status"),
        ("Response date", "responded_on"),
        ("response_date", "responded_on"),
        ("Phone Screen", "intro_call_on"),
        ("Interview date", "interview_on"),
        ("Offer date", "offer_on"),
        ("Source", "source"),
        ("Discovery", "source"),
        ("application_site", "source"),
        ("Applied via", "source"),
        ("Participant", "participant"),
        ("Notes", "notes"),
        ("Comments", "notes"),
        ("Follow-up after call", "followup_after_intro"),
        ("Number of follow-ups", "followups"),
        ("Last Updated", "last_activity_on"),
        # German
        ("Firma", "company"),
        ("Jobtitel", "role"),
        ("Einreichdatum", "applied_on"),
        ("Kennenlerngespräch", "intro_call_on"),
        ("Zweitgespräch", "interview_on"),
        ("Drittgespräch", "interview_on"),
        # Chinese
        ("公司名称", "company"),
        ("公司", "company"),
        ("岗位", "role"),
        ("职位", "role"),
        ("当前状态", "status"),
        ("投递渠道", "source"),
        ("投递时间", "applied_on"),
        ("申请日期", "applied_on"),
        ("最后更新时间", "last_activity_on"),
        ("备注", "notes"),
        ("时间线", "notes"),
    ],
)
def test_known_headers_map_to_their_field(header, field):
    assert guess_field(header).field == field


@pytest.mark.parametrize(
    "header, stage",
    [
        ("HR/ Recruiter Call", "intro_call"),
        ("Technical Interview/ Assessment", "interview"),
        ("Panel Interview", "interview"),
        ("Onsite", "interview"),
        ("Offer", "offer"),
        ("Job Offer", "offer"),
        ("1st Interview", "intro_call"),
    ],
)
def test_stage_columns_carry_the_stage_they_name(header, stage):
    assert guess_field(header).value == stage


@pytest.mark.parametrize(
    "header, outcome",
    [
        ("Rejected", "rejected"),
        ("Auto Rejected", "rejected"),
        ("Ghosted", "ghosted"),
        ("Offer Declined", "withdrawn"),
        ("No Offer", "rejected"),
    ],
)
def test_outcome_flag_columns_carry_their_outcome(header, outcome):
    g = guess_field(header)
    assert (g.field, g.value) == ("outcome", outcome)


def test_unknown_and_contact_headers_are_ignored():
    assert guess_field("Favourite colour").field == "ignore"
    assert guess_field("Contact Email").field == "ignore"
    assert guess_field("Job Url").field == "ignore"


def test_every_guess_is_a_mappable_field():
    headers = ["Company", "Role", "Rejected", "Phone Screen", "xyz", "Thread ID", "Status"]
    assert all(g.field in MAPPABLE_FIELDS for g in map_columns(headers))


def test_name_is_participant_only_when_a_company_column_exists():
    assert [g.field for g in map_columns(["Name", "Company", "Date"])][0] == "participant"
    assert [g.field for g in map_columns(["Name", "Date"])][0] == "company"


def test_single_fields_go_to_one_column_only():
    fields = [g.field for g in map_columns(["Company", "Company Name", "Role", "Role Type"])]
    assert fields.count("company") == 1 and fields.count("role") == 1
    assert fields[0] == "company"


def test_override_wins_and_ignore_drops():
    gs = map_columns(["Company", "When", "Foo"], {"When": "applied_on", "Company": "ignore"})
    assert [(g.field, g.how, g.confidence) for g in gs[:2]] == [
        ("ignore", "override", 1.0),
        ("applied_on", "override", 1.0),
    ]


def test_override_matches_headers_after_folding():
    gs = map_columns(["Date Sent!"], {"date sent": "followup_after_apply_on"})
    assert gs[0].field == "followup_after_apply_on"


def test_override_to_an_unknown_field_is_a_clear_error():
    with pytest.raises(InputError, match="Foo"):
        map_columns(["Foo"], {"Foo": "colour"})


def test_content_decides_unnamed_columns():
    rows = pd.DataFrame(
        {
            "Company": ["Acme", "Beta", "Gamma"],
            "Column 2": ["2026-01-05", "2026-01-07", "2026-02-01"],
            "Column 3": ["Rejected", "Applied", "Interview"],
        }
    )
    gs = map_columns(list(rows.columns), None, rows)
    assert [(g.field, g.how) for g in gs[1:]] == [("applied_on", "content"), ("status", "content")]
    assert all(0 < g.confidence < 0.95 for g in gs[1:])


@pytest.mark.parametrize("placeholder", ["n/a", "-", "TBD", "  "])
def test_placeholders_do_not_count_against_what_a_column_holds(placeholder):
    # 2 status words and 3 placeholders: judged by the 2 words, as the importer reads them
    rows = pd.DataFrame(
        {
            "Company": ["A", "B", "C", "D", "E"],
            "Column 2": ["Rejected", placeholder, "Interview", placeholder, placeholder],
            "Column 3": ["2026-01-05", placeholder, "2026-01-07", "2026-02-01", placeholder],
        }
    )
    gs = map_columns(list(rows.columns), None, rows)
    assert [(g.field, g.how) for g in gs[1:]] == [("status", "content"), ("applied_on", "content")]


def test_a_column_of_placeholders_only_is_not_guessed():
    rows = pd.DataFrame({"Company": ["A", "B", "C"], "Column 2": ["n/a", "-", "TBD"]})
    assert map_columns(list(rows.columns), None, rows)[1].field == "ignore"


def test_content_never_overrides_a_header_match():
    rows = pd.DataFrame({"Date Applied": ["2026-01-05"] * 3, "Column 2": ["2026-01-09"] * 3})
    gs = map_columns(list(rows.columns), None, rows)
    assert [g.field for g in gs] == ["applied_on", "ignore"]


def test_name_column_of_distinct_job_names_is_the_role_not_a_participant():
    rows = pd.DataFrame(
        {
            "Name": ["Data Analyst", "Engineer II", "PM", "Designer", "QA Lead", "SRE"],
            "Company": ["A", "B", "C", "D", "E", "F"],
        }
    )
    assert [g.field for g in map_columns(list(rows.columns), None, rows)] == ["role", "company"]
    people = pd.DataFrame(
        {
            "Name": ["Anna", "Anna", "Ben", "Ben", "Anna", "Ben"],
            "Company": ["A", "B", "C", "D", "E", "F"],
        }
    )
    assert [g.field for g in map_columns(list(people.columns), None, people)] == [
        "participant",
        "company",
    ]


@pytest.mark.parametrize(
    "header",
    ["Status Date", "Status date", "status_date", "Date of status", "Status changed", "Stage date"],
)
def test_status_date_is_the_outcome_date_not_a_second_status(header):
    assert guess_field(header).field == "outcome_on"
    fields = [g.field for g in map_columns(["Company", "Status", header])]
    assert fields == ["company", "status", "outcome_on"]


@pytest.mark.parametrize("header", ["Status", "Application Status", "Current stage", "Stage"])
def test_plain_status_headers_stay_status(header):
    assert guess_field(header).field == "status"


def test_five_digit_ids_under_an_unknown_header_are_not_dates():
    rows = pd.DataFrame(
        {"Company": ["A", "B", "C", "D", "E"], "Ref": ["40001", "52344", "61234", "69999", "45292"]}
    )
    fields = [g.field for g in map_columns(list(rows.columns), rows=rows)]
    assert fields[1] != "applied_on"
    numbers = pd.DataFrame(
        {"Company": list("ABCD"), "Ref": pd.Series([40001, 52344, 61234, 45292], dtype=object)}
    )
    assert [g.field for g in map_columns(["Company", "Ref"], rows=numbers)][1] != "applied_on"


def test_written_dates_under_an_unknown_header_are_still_sniffed():
    rows = pd.DataFrame(
        {"Company": list("ABCD"), "Sent": ["2024-01-05", "2024-01-09", "45300", "2024-02-01"]}
    )
    assert [g.field for g in map_columns(list(rows.columns), rows=rows)][1] == "applied_on"
    plain = pd.DataFrame({"Company": list("ABC"), "X": ["2024-01-05", "5 Jan 2024", "2024-02-01"]})
    assert [g.field for g in map_columns(list(plain.columns), rows=plain)][1] == "applied_on"


def test_serial_numbers_under_a_date_header_are_dates():
    rows = pd.DataFrame({"Company": list("ABC"), "Date Applied": ["45292", "45300", "45301"]})
    assert [g.field for g in map_columns(list(rows.columns), rows=rows)][1] == "applied_on"


# --------------------------------------------------------------------------- one pattern per rule
_RULE_WORDS = ["date", "follow", "thank", "hr", "on", "at", "id", "日期", "跟进", "role", "via"]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_RULE_WORDS), min_size=1, max_size=4, unique=True),
    header=st.lists(
        st.one_of(st.sampled_from(_RULE_WORDS), st.text("abdefhinortu日期跟进 ", max_size=6)),
        max_size=4,
    ).map(" ".join),
)
def test_one_pattern_per_rule_matches_like_one_pattern_per_word(words, header) -> None:
    """``_has``/``_word`` compile one alternation per rule; it must answer exactly as the
    word-by-word patterns it replaced (a word starts a word of the header; CJK anywhere;
    ``_word``: a whole word)."""
    import re

    from data.columns import _CJK, _has, _word

    def has(h: str) -> bool:
        return any(
            re.search(re.escape(w) if _CJK.search(w) else rf"(?:^|\s){re.escape(w)}", h)
            for w in words
        )

    def word(h: str) -> bool:
        return any(re.search(rf"(?:^|\s){re.escape(w)}(?:$|\s)", h) for w in words)

    assert _has(*words)(header) == has(header)
    assert _word(*words)(header) == word(header)
