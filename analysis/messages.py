"""Short follow-up messages the person can edit and send themselves.

One plain-text draft per due follow-up (after applying, after an intro call, a thank-you
after an interview) and, where the log has a contact address that looks like an e-mail
address, a ``mailto:`` link built with URL quoting. Nothing is sent: the person copies the
text or opens their own mail program.

Examples
--------
>>> m = draft("after_interview", company="Acme", role="Data Analyst")
>>> m.subject
'Thank you — Data Analyst interview'
>>> mailto("hr@acme.example", m.subject, "Hi & thanks")[:61]
'mailto:hr@acme.example?subject=Thank%20you%20%E2%80%94%20Data'
>>> mailto("call Bob", "x", "y") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from data.writeback import looks_like_email

__all__ = ["Draft", "draft", "mailto", "looks_like_email"]


@dataclass(frozen=True)
class Draft:
    """A subject line and a body, plain text."""

    subject: str
    body: str


def _clean(text: object, fallback: str) -> str:
    """One line of user text (company, role) for a message: whitespace collapsed."""
    if text is None:
        return fallback
    s = " ".join(str(text).split())
    return s if s and s.lower() not in ("nan", "<na>", "none") else fallback


def draft(
    touchpoint: str,
    *,
    company: object = None,
    role: object = None,
    contact_name: object = None,
) -> Draft:
    """A short message for one follow-up.

    Parameters
    ----------
    touchpoint : {"after_applying", "after_intro_call", "after_interview"}
    company, role : str, optional
        From the log (left out of the sentence when missing).
    contact_name : str, optional
        Greeting name; "Hello," without one.

    Returns
    -------
    Draft

    Examples
    --------
    >>> print(draft("after_applying", company="Acme", role="Analyst").body.splitlines()[2][:64])
    I applied for the Analyst position at Acme recently and wanted t
    """
    role_s = _clean(role, "")
    company_s = _clean(company, "")
    the_role = f"the {role_s} position" if role_s else "the position"
    at = f" at {company_s}" if company_s else ""
    greet = f"Hello {_clean(contact_name, '')}," if _clean(contact_name, "") else "Hello,"
    if touchpoint == "after_applying":
        subject = f"Following up on my application{' — ' + role_s if role_s else ''}"
        text = (
            f"I applied for {the_role}{at} recently and wanted to follow up. I am still very "
            "interested in the role and would be glad to share anything else that helps."
        )
    elif touchpoint == "after_intro_call":
        subject = f"Thank you for the call{' — ' + role_s if role_s else ''}"
        text = (
            f"Thank you for taking the time to talk with me about {the_role}{at}. I enjoyed "
            "learning more about the team, and I am keen to continue with the next steps."
        )
    elif touchpoint == "after_interview":
        subject = f"Thank you — {role_s + ' interview' if role_s else 'my interview'}"
        text = (
            f"Thank you for interviewing me for {the_role}{at}. I appreciated the "
            "conversation and it confirmed my interest in the role. Please let me know if "
            "you need anything else from me."
        )
    else:
        raise ValueError(
            f"unknown touchpoint {touchpoint!r} "
            "(expected after_applying, after_intro_call or after_interview)"
        )
    return Draft(subject=subject, body=f"{greet}\n\n{text}\n\nBest regards,\n")


def mailto(address: object, subject: str, body: str) -> str | None:
    """A ``mailto:`` link for a plain e-mail address, else ``None``.

    The address must look like one e-mail address (:func:`looks_like_email`); subject
    and body are percent-encoded, so no text can add recipients or headers.

    Examples
    --------
    >>> mailto("a@b.example", "Hi", "x&cc=evil@x.com")
    'mailto:a@b.example?subject=Hi&body=x%26cc%3Devil%40x.com'
    """
    if not looks_like_email(address):
        return None
    addr = str(address).strip()
    return (
        f"mailto:{quote(addr, safe='@')}?subject={quote(subject, safe='')}"
        f"&body={quote(body, safe='')}"
    )
