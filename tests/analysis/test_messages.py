"""analysis.messages: drafts the person edits and sends themselves; safe mailto links."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from analysis.messages import draft, looks_like_email, mailto


@pytest.mark.parametrize(
    ("tp", "words"),
    [
        ("after_applying", "follow up"),
        ("after_intro_call", "talk with me"),
        ("after_interview", "interviewing me"),
    ],
)
def test_each_step_has_its_own_message_naming_role_and_company(tp, words):
    d = draft(tp, company="Acme  Labs", role="Data\nAnalyst")
    assert words in d.body
    assert "Data Analyst position at Acme Labs" in d.body  # whitespace collapsed
    assert d.body.startswith("Hello,") and d.body.rstrip().endswith("Best regards,")
    assert "Data Analyst" in d.subject


def test_missing_company_and_role_leave_no_gaps():
    d = draft("after_applying", company=None, role=float("nan"))
    assert "the position" in d.body and " at ." not in d.body and "nan" not in d.body
    assert d.subject == "Following up on my application"
    assert draft("after_interview", contact_name="Kim").body.startswith("Hello Kim,")


def test_unknown_step_is_refused():
    with pytest.raises(ValueError, match="unknown touchpoint"):
        draft("after_offer")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("jobs@acme.example", True),
        (" hr.team+jobs@mail.acme.co.uk ", True),
        ("Bob <bob@x.com>", False),
        ("a@b.com?cc=evil@x.com", False),
        ("a@b.com, c@d.com", False),
        ("javascript:alert(1)", False),
        ("+44 20 7946 0000", False),
        (None, False),
    ],
)
def test_only_a_plain_address_gets_a_link(text, ok):
    assert looks_like_email(text) is ok
    assert (mailto(text, "s", "b") is not None) is ok


def test_mailto_round_trips_subject_and_body_without_adding_headers():
    body = "Hi & thanks\nLine two?cc=evil@x.com&bcc=y@z.com"
    link = mailto("hr@acme.example", "Thank you — PM", body)
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and unquote(parts.path) == "hr@acme.example"
    q = parse_qs(parts.query)
    assert set(q) == {"subject", "body"}
    assert q["subject"] == ["Thank you — PM"] and q["body"] == [body]
