"""Word lists for reading free-text cells: statuses, yes/no, sources, event kinds, blanks.

Everything that turns a person's word into a canonical value lives here, in one place, so
that the vocabulary can be read and extended without touching parsing code
(``data.values`` applies it to whole columns).

Normalisation (:func:`normalise_word`) makes matching case-, punctuation-, whitespace-
and typo-tolerant: Unicode NFKC, lower case, emoji and punctuation removed,
``snake_case``/``kebab-case`` turned into spaces, runs of three or more identical
letters collapsed (``reeejected`` -> ``rejected``). Words that still do not match are
compared with a conservative fuzzy match (:func:`fuzzy_lookup`: rapidfuzz's ratio >= 85,
only for words of five or more characters); a word reads the same whatever else its column
holds.

Status vocabulary (:func:`status_meaning`) -- a status word says which stage the
application REACHED and, where it says one, the final outcome:

=====================================================  ============  ==========  ===========
words (examples)                                        stage         outcome     other
=====================================================  ============  ==========  ===========
Applied, submitted, Pending, In Progress, ongoing,      applied       pending
In Bearbeitung, 已投递, 池子, No response yet
follow_up, Followed up, Follow-up sent                  applied       pending     followed_up
Rejected, Rejection :(, Denied, No, Negative,           applied       rejected
abgesagt, Auto-Rejected, Not Selected
No Response, ghosted, Suspected Ghost Job               applied       ghosted
Withdrew, Withdrawn, I Withdrew, abandoned              applied       withdrawn
Phone Screen, Phone Interview, Recruiter Call,          intro_call    pending
HR/ Recruiter Call, HR/ Hiring Manager Interview,
Online Assessment, OA, Coding Challenge, Tech Exam,
笔试, Assessment Centre, SCREEN, Kennenlerngespräch
Interview, interview_invite, video interview,           interview     pending
Interviewing, Hiring Manager, First/Second Round
Interview, Technical/Panel Interview, Onsite,
1st/2nd Interview, 一面, 二面, 技术面, Zweitgespräch
No Offer                                                interview     rejected
Offer, Job Offer, Accepted!, Negotiating                offer         offer
Declined Offer                                          offer         withdrawn
Offer Accepted, Hired                                   hired         hired
Wishlist, Saved, Bookmarked, To apply, Interested,      (NA)          (NA)        not_applied
Applying (Teal: still preparing it), not submitted,
not complete, Not started
Not provided, other, ARCHIVED, ... (anything else)      unknown: counted, reported
=====================================================  ============  ==========  ===========

A rejection or withdrawal that names a stage ("Rejected after interview") keeps that
stage, so a final "Rejected" never erases a stage reached.

Examples
--------
>>> normalise_word("  Reeejected!! ")
'rejected'
>>> status_meaning("Rejected after 2nd Interview")
StatusMeaning(stage='interview', outcome='rejected', followed_up=False, not_applied=False)
>>> status_meaning("wishlist").not_applied
True
>>> yes_no_value("✓"), yes_no_value("nein"), yes_no_value("maybe")
(True, False, None)
>>> source_value("Greenhouse"), source_value("内部推荐")
('company site', 'referral')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process

# --------------------------------------------------------------------------- normalising
_SEP_RE = re.compile(r"[\s_\-–—/\\|.,;:!?()\[\]{}\"'`´’‘“”«»*#+&=<>~^%$@]+")
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")


def _strip_symbols(text: str) -> str:
    """Drop emoji, symbols and other non-letter/digit characters (keep spaces)."""
    return "".join(ch if (ch.isalnum() or ch.isspace()) else " " for ch in text)


def normalise_word(text: object) -> str:
    """Return ``text`` lower-cased with punctuation, emoji and letter runs removed.

    Parameters
    ----------
    text : object
        Any cell value; non-strings are converted with ``str``.

    Returns
    -------
    str
        Words separated by single spaces; ``""`` for blank input.

    Examples
    --------
    >>> normalise_word("In-Progress 🙂"), normalise_word("follow_up"), normalise_word("Sooo  NO")
    ('in progress', 'follow up', 'so no')
    """
    s = unicodedata.normalize("NFKC", str(text)).casefold()
    s = _SEP_RE.sub(" ", s)
    s = _strip_symbols(s)
    s = _REPEAT_RE.sub(r"\1", s)
    return " ".join(s.split())


# --------------------------------------------------------------------------- blanks
#: Words that mean "nothing here" in any column (after :func:`normalise_word`; the
#: punctuation-only placeholders ``-``, ``—``, ``/``, ``?`` normalise to ``""``).
BLANK_WORDS: frozenset[str] = frozenset(
    {
        "",
        "null",
        "none",
        "n a",
        "na",
        "nan",
        "nat",
        "nil",
        "tbd",
        "tba",
        "tbc",
        "待定",
        "无",
        "k a",
        "keine angabe",
        "not applicable",
    }
)


#: Punctuation that, alone in a cell, is a placeholder for "nothing here".
PLACEHOLDER_MARKS: frozenset[str] = frozenset("-–—−/\\?.…_*~")


def is_mark(text: object) -> bool:
    """True for a cell that holds only a symbol (``✓``, ``•``, ``★``…), not a placeholder.

    A mark carries meaning (it is read as yes/no where it can be, reported otherwise);
    a lone dash, slash, dot or question mark is a placeholder (blank).

    Examples
    --------
    >>> is_mark("✓"), is_mark(" • "), is_mark("-"), is_mark("yes")
    (True, True, False, False)
    """
    raw = "".join(str(text).split())
    if not raw or normalise_word(raw):
        return False
    return not all(ch in PLACEHOLDER_MARKS for ch in raw)


def is_blank_word(text: object) -> bool:
    """True for empty cells and placeholders such as ``null``, ``n/a``, ``-``, ``TBD``, ``待定``.

    A cell holding a mark (``✓``, ``•``, ``☐``) is never blank: see :func:`is_mark`.

    Examples
    --------
    >>> is_blank_word(" N/A "), is_blank_word("—"), is_blank_word("open"), is_blank_word("✓")
    (True, True, False, False)
    """
    if text is None:
        return True
    return normalise_word(text) in BLANK_WORDS and not is_mark(text)


# --------------------------------------------------------------------------- fuzzy
def fuzzy_lookup(
    word: str, choices: tuple[str, ...], *, cutoff: float = 0.85, min_len: int = 5
) -> str | None:
    """Return the one choice that ``word`` is a likely typo of, else ``None``.

    Conservative: only words and choices of at least ``min_len`` characters are compared,
    and the best similarity (rapidfuzz's ``fuzz.ratio``, 0..1 here) must be at least
    ``cutoff``.

    Examples
    --------
    >>> fuzzy_lookup("rejcted", ("rejected", "applied")), fuzzy_lookup("apple", ("applied",))
    ('rejected', None)
    """
    if len(word) < min_len:
        return None
    long_choices = [c for c in choices if len(c) >= min_len]
    best = process.extractOne(word, long_choices, scorer=fuzz.ratio, score_cutoff=100 * cutoff)
    return None if best is None else str(best[0])


# --------------------------------------------------------------------------- statuses
class StatusMeaning(NamedTuple):
    """What a status word says: stage reached, outcome, follow-up sent, not an application."""

    stage: str | None
    outcome: str | None
    followed_up: bool
    not_applied: bool


def _m(
    stage: str | None, outcome: str | None, followed_up: bool = False, not_applied: bool = False
) -> StatusMeaning:
    return StatusMeaning(stage, outcome, followed_up, not_applied)


APPLIED = _m("applied", "pending")
FOLLOWED_UP = _m("applied", "pending", followed_up=True)
REJECTED = _m("applied", "rejected")
GHOSTED = _m("applied", "ghosted")
WITHDRAWN = _m("applied", "withdrawn")
INTRO_CALL = _m("intro_call", "pending")
INTERVIEW = _m("interview", "pending")
OFFER = _m("offer", "offer")
HIRED = _m("hired", "hired")
NOT_APPLIED = _m(None, None, not_applied=True)

#: Exact phrases (normalised) -> meaning. Checked before the keyword rules.
STATUS_PHRASES: dict[str, StatusMeaning] = {
    # applied / open
    "applied": APPLIED,
    "apply": APPLIED,
    "submitted": APPLIED,
    "pending": APPLIED,
    "in progress": APPLIED,
    "ongoing": APPLIED,
    "open": APPLIED,
    "active": APPLIED,
    "waiting": APPLIED,
    "under review": APPLIED,
    "in review": APPLIED,
    "reviewing": APPLIED,
    "application sent": APPLIED,
    "application submitted": APPLIED,
    "sent": APPLIED,
    "in bearbeitung": APPLIED,
    "beworben": APPLIED,
    "offen": APPLIED,
    "gesendet": APPLIED,
    "postulé": APPLIED,
    "postule": APPLIED,
    "en cours": APPLIED,
    "aplicado": APPLIED,
    "enviado": APPLIED,
    "en proceso": APPLIED,
    "pendiente": APPLIED,
    "已投递": APPLIED,
    "投递": APPLIED,
    "已申请": APPLIED,
    "池子": APPLIED,
    "进行中": APPLIED,
    "application": APPLIED,
    # follow-up sent
    "follow up": FOLLOWED_UP,
    "followed up": FOLLOWED_UP,
    "follow up sent": FOLLOWED_UP,
    "followup": FOLLOWED_UP,
    "followedup": FOLLOWED_UP,
    "followup sent": FOLLOWED_UP,
    "nachgefasst": FOLLOWED_UP,
    "relance": FOLLOWED_UP,
    "relancé": FOLLOWED_UP,
    "requires followup": APPLIED,
    "requires follow up": APPLIED,
    "follow up needed": APPLIED,
    "needs follow up": APPLIED,
    "to follow up": APPLIED,
    "follow up due": APPLIED,
    # rejected
    "rejected": REJECTED,
    "rejection": REJECTED,
    "reject": REJECTED,
    "denied": REJECTED,
    "no": REJECTED,
    "negative": REJECTED,
    "declined": REJECTED,
    "not selected": REJECTED,
    "unsuccessful": REJECTED,
    "auto rejected": REJECTED,
    "refused": REJECTED,
    "abgesagt": REJECTED,
    "absage": REJECTED,
    "abgelehnt": REJECTED,
    "refusé": REJECTED,
    "rechazado": REJECTED,
    "拒绝": REJECTED,
    "被拒": REJECTED,
    "挂": REJECTED,
    "挂了": REJECTED,
    "closed": REJECTED,
    "position filled": REJECTED,
    "not moving forward": REJECTED,
    # ghosted
    "ghosted": GHOSTED,
    "ghost": GHOSTED,
    "no response": GHOSTED,
    "no reply": GHOSTED,
    "no answer": GHOSTED,
    "suspected ghost job": GHOSTED,
    "ghost job": GHOSTED,
    "keine antwort": GHOSTED,
    "没回复": GHOSTED,
    # withdrawn
    "withdrew": WITHDRAWN,
    "withdrawn": WITHDRAWN,
    "i withdrew": WITHDRAWN,
    "withdraw": WITHDRAWN,
    "abandoned": WITHDRAWN,
    "zurückgezogen": WITHDRAWN,
    "not interested": WITHDRAWN,
    "放弃": WITHDRAWN,
    # intro call / screening
    "phone interview": INTRO_CALL,
    "phone screen": INTRO_CALL,
    "screen": INTRO_CALL,
    "screening": INTRO_CALL,
    "phone call": INTRO_CALL,
    "intro call": INTRO_CALL,
    "hr recruiter call": INTRO_CALL,
    "hr hiring manager interview": INTRO_CALL,
    "recruiter call": INTRO_CALL,
    "recruiter screen": INTRO_CALL,
    "hr call": INTRO_CALL,
    "hr interview": INTRO_CALL,
    "online assessment": INTRO_CALL,
    "oa": INTRO_CALL,
    "coding challenge": INTRO_CALL,
    "tech exam": INTRO_CALL,
    "assessment": INTRO_CALL,
    "assessment centre": INTRO_CALL,
    "assessment center": INTRO_CALL,
    "take home": INTRO_CALL,
    "笔试": INTRO_CALL,
    "测评": INTRO_CALL,
    "kennenlerngespräch": INTRO_CALL,
    "erstgespräch": INTRO_CALL,
    "telefoninterview": INTRO_CALL,
    # interview
    "interview": INTERVIEW,
    "interviewing": INTERVIEW,
    "interview invite": INTERVIEW,
    "interview scheduled": INTERVIEW,
    "video interview": INTERVIEW,
    "hiring manager": INTERVIEW,
    "first round interview": INTERVIEW,
    "second round interview": INTERVIEW,
    "technical interview": INTERVIEW,
    "panel interview": INTERVIEW,
    "onsite": INTERVIEW,
    "on site": INTERVIEW,
    "final round": INTERVIEW,
    "1st interview": INTERVIEW,
    "2nd interview": INTERVIEW,
    "3rd interview": INTERVIEW,
    "final interview": INTERVIEW,
    "一面": INTERVIEW,
    "二面": INTERVIEW,
    "三面": INTERVIEW,
    "技术面": INTERVIEW,
    "面试": INTERVIEW,
    "hr面": INTERVIEW,
    "终面": INTERVIEW,
    "zweitgespräch": INTERVIEW,
    "drittgespräch": INTERVIEW,
    "vorstellungsgespräch": INTERVIEW,
    "entretien": INTERVIEW,
    "entrevista": INTERVIEW,
    "superday": INTERVIEW,
    "no offer": _m("interview", "rejected"),
    # offer / hired
    "offer": OFFER,
    "job offer": OFFER,
    "accepted": OFFER,
    "negotiating": OFFER,
    "offer received": OFFER,
    "angebot": OFFER,
    "zusage": OFFER,
    "offre": OFFER,
    "oferta": OFFER,
    "录用": OFFER,
    "意向书": OFFER,
    "declined offer": _m("offer", "withdrawn"),
    "offer declined": _m("offer", "withdrawn"),
    "turned down offer": _m("offer", "withdrawn"),
    "rejected offer": _m("offer", "withdrawn"),
    "offer accepted": HIRED,
    "accepted offer": HIRED,
    "hired": HIRED,
    "signed": HIRED,
    "eingestellt": HIRED,
    "入职": HIRED,
    # not an application
    "wishlist": NOT_APPLIED,
    "wish list": NOT_APPLIED,
    "saved": NOT_APPLIED,
    "bookmarked": NOT_APPLIED,
    "bookmark": NOT_APPLIED,
    "to apply": NOT_APPLIED,
    "interested": NOT_APPLIED,
    "applying": NOT_APPLIED,
    "not submitted": NOT_APPLIED,
    "not applied": NOT_APPLIED,
    "not complete": NOT_APPLIED,
    "draft": NOT_APPLIED,
    "planned": NOT_APPLIED,
    "todo": NOT_APPLIED,
    "to do": NOT_APPLIED,
    "want to apply": NOT_APPLIED,
    "merkliste": NOT_APPLIED,
    "想投": NOT_APPLIED,
    "not started": NOT_APPLIED,
    "considering": NOT_APPLIED,
    "researching": NOT_APPLIED,
    "lead": NOT_APPLIED,
    "prospect": NOT_APPLIED,
    "not yet applied": NOT_APPLIED,
}

# French, Spanish, Portuguese, Italian and Dutch status words (German and Chinese sit with
# the English above; the keyword rules below know their stems too).
STATUS_PHRASES.update(
    {
        # applied / open
        "candidature envoyée": APPLIED,
        "candidature envoyee": APPLIED,
        "envoyée": APPLIED,
        "envoyé": APPLIED,
        "en attente": APPLIED,
        "en cours d examen": APPLIED,
        "postulado": APPLIED,
        "solicitud enviada": APPLIED,
        "en espera": APPLIED,
        "en revisión": APPLIED,
        "candidatura enviada": APPLIED,
        "candidatado": APPLIED,
        "aguardando": APPLIED,
        "em análise": APPLIED,
        "em andamento": APPLIED,
        "candidatura inviata": APPLIED,
        "inviata": APPLIED,
        "inviato": APPLIED,
        "in attesa": APPLIED,
        "in corso": APPLIED,
        "gesolliciteerd": APPLIED,
        "verstuurd": APPLIED,
        "in behandeling": APPLIED,
        # rejected
        "refus": REJECTED,
        "refusée": REJECTED,
        "rejeté": REJECTED,
        "rejetée": REJECTED,
        "réponse négative": REJECTED,
        "rechazada": REJECTED,
        "descartado": REJECTED,
        "no seleccionado": REJECTED,
        "rejeitado": REJECTED,
        "recusado": REJECTED,
        "reprovado": REJECTED,
        "não selecionado": REJECTED,
        "rifiutato": REJECTED,
        "scartato": REJECTED,
        "non selezionato": REJECTED,
        "afgewezen": REJECTED,
        "afwijzing": REJECTED,
        # ghosted
        "pas de réponse": GHOSTED,
        "sans réponse": GHOSTED,
        "aucune réponse": GHOSTED,
        "sin respuesta": GHOSTED,
        "sem resposta": GHOSTED,
        "nessuna risposta": GHOSTED,
        "geen reactie": GHOSTED,
        "geen antwoord": GHOSTED,
        # withdrawn
        "retiré": WITHDRAWN,
        "retirée": WITHDRAWN,
        "candidature retirée": WITHDRAWN,
        "abandonné": WITHDRAWN,
        "retirado": WITHDRAWN,
        "desistí": WITHDRAWN,
        "desisti": WITHDRAWN,
        "ritirato": WITHDRAWN,
        "teruggetrokken": WITHDRAWN,
        # intro call / screening
        "entretien téléphonique": INTRO_CALL,
        "appel": INTRO_CALL,
        "appel rh": INTRO_CALL,
        "premier appel": INTRO_CALL,
        "test technique": INTRO_CALL,
        "entrevista telefónica": INTRO_CALL,
        "entrevista telefonica": INTRO_CALL,
        "llamada": INTRO_CALL,
        "entrevista rh": INTRO_CALL,
        "prueba técnica": INTRO_CALL,
        "entrevista por telefone": INTRO_CALL,
        "triagem": INTRO_CALL,
        "teste técnico": INTRO_CALL,
        "colloquio telefonico": INTRO_CALL,
        "chiamata": INTRO_CALL,
        "test tecnico": INTRO_CALL,
        "telefonisch gesprek": INTRO_CALL,
        "kennismakingsgesprek": INTRO_CALL,
        # interview
        "entretiens": INTERVIEW,
        "deuxième entretien": INTERVIEW,
        "entretien final": INTERVIEW,
        "entrevistas": INTERVIEW,
        "segunda entrevista": INTERVIEW,
        "entrevista técnica": INTERVIEW,
        "entrevista final": INTERVIEW,
        "colloquio": INTERVIEW,
        "secondo colloquio": INTERVIEW,
        "colloquio tecnico": INTERVIEW,
        "sollicitatiegesprek": INTERVIEW,
        "tweede gesprek": INTERVIEW,
        "gesprek": INTERVIEW,
        # offer / hired
        "proposition": OFFER,
        "promesse d embauche": OFFER,
        "proposta": OFFER,
        "offerta": OFFER,
        "aanbod": OFFER,
        "offre acceptée": HIRED,
        "oferta aceptada": HIRED,
        "proposta aceita": HIRED,
        "offerta accettata": HIRED,
        "aanbod geaccepteerd": HIRED,
        "embauché": HIRED,
        "embauchée": HIRED,
        "contratado": HIRED,
        "contratada": HIRED,
        "assunto": HIRED,
        "assunta": HIRED,
        "aangenomen": HIRED,
        # not an application yet
        "à postuler": NOT_APPLIED,
        "a postuler": NOT_APPLIED,
        "à candidater": NOT_APPLIED,
        "por postular": NOT_APPLIED,
        "por aplicar": NOT_APPLIED,
        "a candidatar": NOT_APPLIED,
        "da candidare": NOT_APPLIED,
    }
)

# Keyword rules, tried in order on the normalised word when no exact phrase matched.
_HAS = re.compile
_NOT_APPLIED_RE = _HAS(
    r"\b(wish ?list|bookmark\w*|saved|to apply|not (?:yet )?(?:submitted|applied|complete))\b"
)
_HIRED_RE = _HAS(
    r"\b(hired|offer accepted|accepted (?:the )?offer|signed|embauch\w*|contratad[oa]|"
    r"aangenomen|(?:offre|oferta|proposta|offerta|aanbod) (?:acceptée|aceptada|aceita|"
    r"accettata|geaccepteerd))\b"
)
_OFFER_DECLINED_RE = _HAS(
    r"\b(declined (?:the )?offer|offer declined|turned down|rejected (?:the )?offer)\b"
)
_NO_OFFER_RE = _HAS(r"\bno offer\b")
_OFFER_RE = _HAS(r"\b(offer|negotiat\w*|offre|oferta|offerta|aanbod)\b")
_WITHDRAWN_RE = _HAS(
    r"\b(withdr[ae]w\w*|abandon\w*|zurückgezogen|retiré\w*|retirad[oa]|desist\w*|"
    r"ritirat\w*|teruggetrokken)\b|放弃"
)
_GHOST_RE = _HAS(
    r"\b(ghost\w*|no (?:response|reply|answer)|never heard|(?:pas de|sans|aucune) réponse|"
    r"sin respuesta|sem resposta|nessuna risposta|geen (?:reactie|antwoord))\b"
)
_REJECT_RE = _HAS(
    r"\b(reject\w*|rejection|denied|negative|declined|not selected|unsuccessful|"
    r"refus\w*|abgesagt|absage|abgelehnt|rechaz\w*|not moving forward|rejet\w*|"
    r"négative|descartad[oa]|rejeitad[oa]|recusad[oa]|reprovad[oa]|rifiutat[oa]|"
    r"scartat[oa]|afgewezen|afwijzing)\b|拒|挂"
)
_FOLLOW_TODO_RE = _HAS(r"\b(requires?|needs?|need to|to|due|todo|should)\b.*\bfollow")
_FOLLOW_RE = _HAS(r"\bfollow(?:ed|ing)? ?ups?\b|\bfollowed\b|nachgefasst|relanc")
_INTRO_RE = _HAS(
    r"\b(phone|screen\w*|recruiter|hr|oa|assessment\w*|coding|challenge|"
    r"exam|test|quiz|take home|intro\w*|kennenlern\w*|erstgespräch|telefon\w*|"
    r"téléphon\w*|appel|llamada|chiamata|triagem|kennismaking\w*)\b|笔试|测评"
)
_INTERVIEW_RE = _HAS(
    r"\b(interview\w*|onsite|on site|round|panel|hiring manager|final|"
    r"superday|\w*gespräch|entretiens?|entrevistas?|colloqui\w*|\w*gesprek)\b|面"
)
_APPLIED_RE = _HAS(
    r"\b(applied|submitted|pending|progress|ongoing|waiting|review\w*|"
    r"bearbeitung|beworben|sent|envoy\w*|attente|postulad[oa]|enviad[oa]|espera|"
    r"candidatad[oa]|aguardando|inviat[oa]|attesa|gesolliciteerd|verstuurd|"
    r"behandeling)\b|投递|申请"
)


def _stage_words(s: str) -> str:
    """The stage named inside a longer phrase (``applied`` when none)."""
    if _INTERVIEW_RE.search(s) and not re.search(
        r"\b(phone|hr|rh|recruiter|téléphonique|telef\w*)\b", s
    ):
        return "interview"
    if _INTRO_RE.search(s) or _INTERVIEW_RE.search(s):
        return "intro_call"
    return "applied"


def _status_rules(s: str) -> StatusMeaning | None:
    """Keyword rules for phrases not in :data:`STATUS_PHRASES`."""
    if _NOT_APPLIED_RE.search(s):
        return NOT_APPLIED
    if _HIRED_RE.search(s):
        return HIRED
    if _OFFER_DECLINED_RE.search(s):
        return _m("offer", "withdrawn")
    if _NO_OFFER_RE.search(s):
        return _m("interview", "rejected")
    if _WITHDRAWN_RE.search(s):
        return _m(_stage_words(s), "withdrawn")
    if _REJECT_RE.search(s):
        return _m(_stage_words(s), "rejected")
    if _GHOST_RE.search(s):
        # "no response yet" is still open; "no response" / "ghosted" is a final word
        return _m(_stage_words(s), "pending" if re.search(r"\b(yet|so far)\b", s) else "ghosted")
    if _OFFER_RE.search(s):
        return OFFER
    if _FOLLOW_RE.search(s):
        return APPLIED if _FOLLOW_TODO_RE.search(s) else FOLLOWED_UP
    if _INTERVIEW_RE.search(s) or _INTRO_RE.search(s):
        return _m(_stage_words(s), "pending")
    if _APPLIED_RE.search(s):
        return APPLIED
    return None


_STATUS_KEYS: tuple[str, ...] = tuple(STATUS_PHRASES)
_KEYWORDS: tuple[str, ...] = tuple(
    sorted({w for k in STATUS_PHRASES for w in k.split() if len(w) >= 5})
)
#: Longer cells are sentences, not status words: no typo matching for them.
FUZZY_MAX_CHARS = 40


@lru_cache(maxsize=65536)
def _status_meaning_norm(s: str, fuzzy: bool = True) -> StatusMeaning | None:
    if s in STATUS_PHRASES:
        return STATUS_PHRASES[s]
    squeezed = s.replace(" ", "")
    if squeezed in STATUS_PHRASES:
        return STATUS_PHRASES[squeezed]
    found = _status_rules(s)
    if found is not None or not fuzzy or len(s) > FUZZY_MAX_CHARS or s.count(" ") > 3:
        return found
    # typo tolerance: whole phrase, then word by word
    near = fuzzy_lookup(s, _STATUS_KEYS)
    if near is not None:
        return STATUS_PHRASES[near]
    words = s.split()
    if len(words) > 1:
        fixed = " ".join(fuzzy_lookup(w, _KEYWORDS) or w for w in words)
        if fixed != s:
            return _status_meaning_norm(fixed, False)
    elif len(words) == 1:
        keyword = fuzzy_lookup(s, _KEYWORDS)
        if keyword is not None:
            return _status_rules(keyword)
    return None


def status_meaning(word: object, *, fuzzy: bool = True) -> StatusMeaning | None:
    """Return what a status cell says, or ``None`` when the word is not understood.

    Blank placeholders (see :data:`BLANK_WORDS`) also return ``None``; callers check
    :func:`is_blank_word` first to tell blank from unknown. ``fuzzy=False`` skips the
    (slow) typo matching.

    Examples
    --------
    >>> status_meaning("Offer Accepted").stage, status_meaning("Declined Offer").outcome
    ('hired', 'withdrawn')
    >>> status_meaning("The email does not") is None
    True
    >>> status_meaning("Intervew").stage, status_meaning("Intervew", fuzzy=False)
    ('interview', None)
    """
    s = normalise_word(word)
    if s in BLANK_WORDS:
        return None
    return _status_meaning_norm(s, fuzzy)


# --------------------------------------------------------------------------- yes / no
YES_WORDS: frozenset[str] = frozenset(
    {
        "yes",
        "y",
        "x",
        "true",
        "1",
        "1 0",
        "ja",
        "j",
        "oui",
        "si",
        "sí",
        "是",
        "对",
        "有",
        "done",
        "sent",
        "ok",
        "okay",
        "yep",
        "yeah",
        "checked",
        "wahr",
        "vrai",
        "verdadero",
        "sim",
        "sì",
        "fatto",
        "feito",
        "hecho",
        "enviado",
        "enviada",
        "inviato",
        "vero",
        "verdadeiro",
        "wel",
        "gedaan",
        "verstuurd",
        "waar",
        "erledigt",
        "gesendet",
        "fait",
        "envoyé",
        "已发",
        "已发送",
        "✓",
        "✔",
        "☑",
        "✅",
        "+",
    }
)
NO_WORDS: frozenset[str] = frozenset(
    {
        "no",
        "n",
        "false",
        "0",
        "0 0",
        "nein",
        "non",
        "不",
        "否",
        "没有",
        "无",
        "nope",
        "not sent",
        "unchecked",
        "falsch",
        "faux",
        "falso",
        "não",
        "nao",
        "nee",
        "niet",
        "onwaar",
        "nicht",
        "✗",
        "✘",
        "❌",
        "☐",
        "not done",
        "none sent",
    }
)
#: First words that answer the question even when a remark follows.
_YES_LEAD = frozenset({"yes", "ja", "oui", "sí", "sim", "sì", "yep", "yeah", "done", "sent"})
_NO_LEAD = frozenset({"no", "nein", "non", "não", "nao", "nee", "nope"})
# Symbols that normalise away (they are not letters or digits): looked up raw.
YES_MARKS: frozenset[str] = frozenset(
    {"✓", "✔", "☑", "✅", "+", "✔️", "☑️", "👍", "🗸", "•", "●", "◉", "■", "☒", "✓️", "✔︎"}
)
NO_MARKS: frozenset[str] = frozenset({"✗", "✘", "❌", "☐", "✖", "✖️", "👎", "○", "◯", "□"})


def yes_no_value(word: object) -> bool | None:
    """Return ``True``/``False`` for a yes/no spelling, ``None`` when not recognised.

    Examples
    --------
    >>> [yes_no_value(w) for w in ("Yes", "n", "X", "FALSE", "oui", "否", "later")]
    [True, False, True, False, True, False, None]
    >>> yes_no_value("Yes - emailed the recruiter"), yes_no_value("no (not yet)")
    (True, False)
    """
    if isinstance(word, bool):
        return word
    raw = "".join(str(word).split())
    if raw in YES_MARKS:
        return True
    if raw in NO_MARKS:
        return False
    s = normalise_word(raw)
    if s in YES_WORDS:
        return True
    if s in NO_WORDS:
        return False
    # a short remark after a clear answer: "Yes - emailed the recruiter", "no (not yet)"
    words = s.split()
    if 1 < len(words) <= 8:
        if words[0] in _YES_LEAD:
            return True
        if words[0] in _NO_LEAD:
            return False
    return None


# --------------------------------------------------------------------------- value mapping
#: What a person may say an unknown word or mark means (the Import check's value mapping,
#: the CLI's ``--values "✓=yes"``): meaning -> the word the parsers read for it.
VALUE_MEANINGS: dict[str, str] = {
    "yes": "yes",
    "no": "no",
    "applied": "applied",
    "followed_up": "followed up",
    "intro_call": "phone screen",
    "interview": "interview",
    "offer": "offer",
    "hired": "hired",
    "rejected": "rejected",
    "ghosted": "ghosted",
    "withdrawn": "withdrawn",
    "not_applied": "wishlist",
    "blank": "",
}


def value_key(text: object) -> str:
    """How a cell is matched against a value mapping: trimmed, inner spaces collapsed,
    case-folded (``" ★ "`` and ``"★"`` match; ``"Purple"`` and ``"purple"`` match).

    Examples
    --------
    >>> value_key("  In  Review "), value_key("✓")
    ('in review', '✓')
    """
    return " ".join(str(text).split()).casefold()


def check_value_mapping(values: dict[str, str]) -> dict[str, str]:
    """``{cell as written: meaning}`` checked and keyed by :func:`value_key`.

    Raises ``ValueError`` naming the entry when a meaning is unknown or a word is empty.

    Examples
    --------
    >>> check_value_mapping({" ✓ ": "yes", "Purple": "rejected"})
    {'✓': 'yes', 'purple': 'rejected'}
    """
    out: dict[str, str] = {}
    for word, meaning in values.items():
        key = value_key(word)
        m = str(meaning).strip().casefold().replace(" ", "_").replace("-", "_")
        if not key:
            raise ValueError(f"value mapping {word!r}={meaning!r}: the value is empty")
        if m not in VALUE_MEANINGS:
            raise ValueError(
                f"value mapping {word!r}={meaning!r}: unknown meaning "
                f"(one of: {', '.join(VALUE_MEANINGS)})"
            )
        out[key] = m
    return out


# --------------------------------------------------------------------------- sources
_SOURCE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"linked ?in"), "LinkedIn"),
    (
        re.compile(
            r"\b(referr?als?|referred|refer|empfehlung|recommend\w*|friends?|"
            r"employee referral|networking)\b|内部推荐|内推|推荐"
        ),
        "referral",
    ),
    (
        re.compile(
            r"\b(recruiter|recruiters|agency|agencies|headhunter\w*|recruitment|"
            r"recruiting firm|staffing|personalvermittlung|hays|randstad)\b|猎头"
        ),
        "recruiter",
    ),
    # applicant-tracking systems are the employer's own application form: company site
    (
        re.compile(
            r"\b(greenhouse|lever|workday|myworkdayjobs|ashby|ashbyhq|icims|smartrecruiters|"
            r"smart recruiters|taleo|successfactors|bamboo ?hr|jobvite|workable|personio|"
            r"breezy|breezy ?hr|zoho ?recruit|recruitee|jazz ?hr|teamtailor|pinpoint|"
            r"applytojob|rippling|oracle cloud|brassring|kenexa|avature|eightfold|"
            r"phenom|ultipro|paylocity)\b"
        ),
        "company site",
    ),
    (
        re.compile(
            r"\b(indeed|glassdoor|dice|monster|cryptojobs|crypto jobs|upwork|jobs? ?boards?|"
            r"welcome ?to ?the ?jungle|wttj|"
            r"ziprecruiter|stepstone|xing|handshake|wellfound|angel ?list|otta|"
            r"welcome to the jungle|simplyhired|careerbuilder|seek|reed|totaljobs|"
            r"jobboerse|arbeitsagentur|boss|lagou|zhilian|cv library|cvlibrary|"
            r"we work remotely|weworkremotely|remote ?ok|remotive|built ?in|jobstreet|naukri|"
            r"job ?site|job ?portal|jobs? bank|usajobs|idealist|hackernews|hacker news|"
            r"angellist|jobserve|adzuna|jooble|talent\.com|snagajob)\b|招聘软件|智联|前程无忧|猎聘"
        ),
        "job board",
    ),
    (
        re.compile(
            r"\b(company|careers? (?:site|page|portal|website)|website|web site|site|"
            r"greenhouse|lever|workday|ashby|"
            r"icims|smartrecruiters|smart recruiters|taleo|successfactors|bamboo ?hr|"
            r"jobvite|workable|personio|breezy|zoho ?recruit|recruitee|jazz ?hr|teamtailor|"
            r"pinpoint|applytojob|myworkdayjobs|direct\w*|email|e mail|official|portal|ats)\b|"
            r"官网|官方"
        ),
        "company site",
    ),
)


def source_value(word: object) -> str | None:
    """Return the canonical source for a cell, ``None`` for blank; unknown words -> ``"other"``.

    Examples
    --------
    >>> [source_value(w) for w in ("Linkedin", "Indeed", "Company careers site", "Referred",
    ...                            "Headhunter", "Career fair", "")]
    ['LinkedIn', 'job board', 'company site', 'referral', 'recruiter', 'other', None]
    """
    s = normalise_word(word)
    if s in BLANK_WORDS:
        return None
    for pattern, value in _SOURCE_RULES:
        if pattern.search(s):
            return value
    return "other"


# --------------------------------------------------------------------------- event kinds
EVENT_PHRASES: dict[str, str] = {
    "applied": "applied",
    "apply": "applied",
    "application": "applied",
    "application sent": "applied",
    "submitted": "applied",
    "sent": "applied",
    "follow up": "follow_up",
    "followed up": "follow_up",
    "followup": "follow_up",
    "nudge": "follow_up",
    "check in": "follow_up",
    "email follow up": "follow_up",
    "follow up email": "follow_up",
    "follow up sent": "follow_up",
    "reminder": "follow_up",
    "thank you": "thank_you",
    "thank you note": "thank_you",
    "thank you email": "thank_you",
    "thanks": "thank_you",
    "ty note": "thank_you",
    "ty": "thank_you",
    "thank you sent": "thank_you",
    "intro call": "intro_call",
    "phone screen": "intro_call",
    "recruiter call": "intro_call",
    "screening": "intro_call",
    "screen": "intro_call",
    "phone interview": "intro_call",
    "interview": "interview",
    "offer": "offer",
    "rejected": "rejected",
    "rejection": "rejected",
    "withdrawn": "withdrawn",
    "withdrew": "withdrawn",
    "hired": "hired",
}


def event_kind(word: object) -> str | None:
    """Return one of ``data.schema.EVENT_KINDS`` for an event word, ``None`` if not understood.

    Examples
    --------
    >>> words = ("Followed up", "TY note", "Phone screen", "Offer accepted", "lunch")
    >>> [event_kind(w) for w in words]
    ['follow_up', 'thank_you', 'intro_call', 'hired', None]
    """
    s = normalise_word(word)
    if s in BLANK_WORDS:
        return None
    if s in EVENT_PHRASES:
        return EVENT_PHRASES[s]
    if re.search(r"\bthank|\bty note\b|danke|merci|感谢", s):
        return "thank_you"
    if re.search(r"\bnudge\b|\bcheck ?in\b|\breminder\b", s):
        return "follow_up"
    meaning = _status_meaning_norm(s)
    if meaning is None or meaning.not_applied:
        return None
    if meaning.followed_up:
        return "follow_up"
    if meaning.outcome in ("rejected", "withdrawn", "hired"):
        return meaning.outcome
    if meaning.outcome == "ghosted":
        return None
    if meaning.stage in ("applied", "intro_call", "interview", "offer"):
        return meaning.stage
    return None
