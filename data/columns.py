"""Header wording → canonical field: how each input column is understood.

``map_columns`` looks at every header of a table and says which field of
``data.schema.MAPPABLE_FIELDS`` it holds, how sure it is and how it decided
(``"header"`` wording, ``"content"`` of the cells, a user ``"override"``).
Headers are compared after :func:`normalise_header` (case, punctuation, snake and
camel case folded), first against an exact synonym table, then against keyword
rules. Columns whose header says nothing are judged by their content (a column of
written dates, of status words); bare numbers such as ``45292`` are not taken for Excel
serial dates there (5-digit job ids would be), only under a date header or next to
written dates in the same column. ``Status Date`` (Simplify) is the outcome date. Stage and
outcome columns (``Phone Screen``, ``Rejected``, ``Offer Declined``…) also carry the stage
or outcome their header names in :attr:`FieldGuess.value`, used when the column holds flags
instead of dates.

Examples
--------
>>> [g.field for g in map_columns(["Company Name", "Date Applied", "Follow up?"])]
['company', 'applied_on', 'followup_after_apply']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from data.schema import MAPPABLE_FIELDS, InputError

__all__ = ["FieldGuess", "normalise_header", "guess_field", "map_columns", "SINGLE_FIELDS"]

#: Fields of which a table can only have one column (extra candidates are demoted).
SINGLE_FIELDS: frozenset[str] = frozenset(
    {
        "participant",
        "application_id",
        "company",
        "role",
        "source",
        "applied_on",
        "followup_after_apply_on",
        "followups",
        "responded_on",
        "outcome_on",
        "last_activity_on",
    }
)


@dataclass(frozen=True)
class FieldGuess:
    """How one column is understood.

    ``value`` is the stage (``"intro_call"``, ``"interview"``, ``"offer"``, ``"hired"``)
    or outcome (``"rejected"``, ``"ghosted"``, ``"withdrawn"``, ``"pending"``…) that the
    header itself names, for columns that may hold yes/no flags instead of dates or words.
    """

    column: str
    field: str
    confidence: float
    how: Literal["header", "content", "override", "format"]
    value: str | None = None


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_PUNCT = re.compile(r"[\s_\-–—/\\.,;:?!()\[\]{}#*'\"’‘“”|+&~^=<>%$@]+")


def normalise_header(header: object) -> str:
    """Fold a header to lowercase words separated by single spaces.

    camelCase and snake_case are split, punctuation becomes a space, non-English
    letters are kept, surrounding whitespace and newlines dropped.

    Examples
    --------
    >>> normalise_header("  Follow-up date? ")
    'follow up date'
    >>> normalise_header("companyName"), normalise_header("application_site")
    ('company name', 'application site')
    """
    text = "" if header is None else str(header)
    return _normalised(text) if len(text) <= 200 else _fold(text)


def _fold(text: str) -> str:
    return _PUNCT.sub(" ", _CAMEL.sub(" ", text.strip()).casefold()).strip()


# Every table's headers are normalised by each format's detector and by the column mapping
# (about ten times each): remembered, a 16,384-column header costs that once. Short headers
# only, so the memory it keeps stays small (at most ~65k entries of ≤ 200 characters).
_normalised = functools.lru_cache(maxsize=1 << 16)(_fold)


def _keys(*words: str) -> list[str]:
    return [normalise_header(w) for w in words]


# --------------------------------------------------------------------------- exact synonyms
# (field, value) per normalised header. Confidence 0.95.
_EXACT: dict[str, tuple[str, str | None]] = {}


def _add(field: str, words: Sequence[str], value: str | None = None) -> None:
    for k in _keys(*words):
        _EXACT[k] = (field, value)


_add(
    "participant",
    [
        "participant",
        "participant name",
        "participant id",
        "seeker",
        "job seeker",
        "candidate",
        "candidate name",
        "applicant",
        "applicant name",
        "person",
        "student",
        "student name",
        "member",
        "owner",
        "who",
        "teilnehmer",
        "teilnehmerin",
        "参与者",
        "学员",
        "姓名",
    ],
)
_add(
    "application_id",
    [
        "id",
        "application id",
        "app id",
        "job id",
        "entry id",
        "record id",
        "application",
        "application no",
        "application number",
        "app no",
        "application #",
        "no",
        "nr",
        "编号",
        "序号",
    ],
)
_add(
    "company",
    [
        "company",
        "company name",
        "companyname",
        "employer",
        "employer name",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "org",
        "firm",
        "business",
        "agency",
        "company applied to",
        "hiring company",
        "firma",
        "unternehmen",
        "arbeitgeber",
        "firmenname",
        "entreprise",
        "société",
        "empresa",
        "bedrijf",
        "公司",
        "公司名称",
        "企业",
        "企业名称",
        "单位",
        "单位名称",
    ],
)
_add(
    "role",
    [
        "role",
        "role name",
        "role title",
        "position",
        "position title",
        "job title",
        "jobtitle",
        "title",
        "job",
        "job name",
        "job role",
        "job position",
        "vacancy",
        "opening",
        "posting",
        "job posting",
        "position applied",
        "position applied for",
        "role applied for",
        "jobtitel",
        "stelle",
        "stellenbezeichnung",
        "poste",
        "puesto",
        "岗位",
        "职位",
        "岗位名称",
        "职位名称",
        "职位名",
    ],
)
_add(
    "source",
    [
        "source",
        "discovery",
        "application site",
        "applied via",
        "applied through",
        "channel",
        "platform",
        "job board",
        "job site",
        "site",
        "where applied",
        "where found",
        "found on",
        "found via",
        "found through",
        "how applied",
        "how found",
        "application method",
        "method",
        "via",
        "referral source",
        "lead source",
        "quelle",
        "kanal",
        "portal",
        "投递渠道",
        "渠道",
        "来源",
        "申请渠道",
    ],
)
_add(
    "applied_on",
    [
        "date applied",
        "applied on",
        "application date",
        "applied date",
        "date",
        "applied",
        "date of application",
        "submitted",
        "submitted on",
        "submission date",
        "date submitted",
        "applied at",
        "sent",
        "sent on",
        "date sent",
        "resume sent",
        "cv sent",
        "applied day",
        "apply date",
        "einreichdatum",
        "bewerbungsdatum",
        "beworben am",
        "datum",
        "eingereicht",
        "投递时间",
        "申请日期",
        "申请时间",
        "投递日期",
        "日期",
    ],
)
_add(
    "followup_after_apply",
    [
        "follow up",
        "followup",
        "followed up",
        "follow up sent",
        "follow up done",
        "follow up?",
        "did follow up",
        "follow up made",
        "follow up email",
        "followup sent",
        "chased",
        "chaser",
        "nachgefasst",
        "nachfassen",
        "跟进",
        "是否跟进",
    ],
)
_add(
    "followup_after_apply_on",
    [
        "follow up date",
        "followup date",
        "follow up on",
        "followed up on",
        "date followed up",
        "follow up at",
        "follow up sent on",
        "follow up sent date",
        "nachgefasst am",
        "跟进时间",
        "跟进日期",
    ],
)
_add(
    "followups",
    [
        "follow ups",
        "followups",
        "number of follow ups",
        "follow up count",
        "follow ups sent",
        "no of follow ups",
        "how many follow ups",
        "follow up number",
    ],
)
_add(
    "followup_after_intro",
    [
        "follow up after intro",
        "follow up after intro call",
        "follow up after call",
        "follow up after screen",
        "follow up after phone screen",
        "thank you after call",
        "thank you after intro",
        "intro follow up",
        "call follow up",
    ],
)
_add(
    "thank_you_after_interview",
    [
        "thank you",
        "thank you sent",
        "thank you note",
        "thank you email",
        "thank you letter",
        "thanks sent",
        "thank you note sent",
        "sent thank you",
        "thank you after interview",
        "thanked",
        "interview thank you",
        "dankesmail",
        "danke",
        "感谢信",
    ],
)
_add(
    "responded_on",
    [
        "response date",
        "responded on",
        "response",
        "reply date",
        "date of response",
        "first response",
        "response received",
        "heard back",
        "heard back on",
        "reply",
        "replied on",
        "response on",
        "antwort",
        "rückmeldung",
        "antwortdatum",
        "回复时间",
        "回复日期",
    ],
)
_add(
    "intro_call_on",
    [
        "phone screen",
        "phone",
        "phone call",
        "screen",
        "screening",
        "screening call",
        "intro call",
        "introduction call",
        "intro",
        "recruiter",
        "recruiter call",
        "recruiter screen",
        "hr call",
        "hr screen",
        "hr recruiter call",
        "first call",
        "1st interview",
        "first interview",
        "first round",
        "first round interview",
        "coding challenge",
        "assessment",
        "online assessment",
        "oa",
        "tech exam",
        "technical test",
        "take home",
        "test",
        "phone interview",
        "phone screen date",
        "intro call date",
        "kennenlerngespräch",
        "erstgespräch",
        "telefoninterview",
        "笔试",
        "电话面试",
        "初筛",
    ],
    "intro_call",
)
_add(
    "interview_on",
    [
        "interview",
        "interview date",
        "interviewed",
        "interviewed on",
        "onsite",
        "on site",
        "on campus",
        "technical interview",
        "panel interview",
        "hiring manager",
        "hiring manager interview",
        "2nd interview",
        "second interview",
        "second round",
        "final round",
        "final interview",
        "3rd interview",
        "third interview",
        "technical interview assessment",
        "zweitgespräch",
        "drittgespräch",
        "vorstellungsgespräch",
        "面试",
        "一面",
        "二面",
        "三面",
        "技术面",
        "面试时间",
    ],
    "interview",
)
_add(
    "offer_on",
    [
        "offer",
        "offer date",
        "job offer",
        "offer received",
        "offered",
        "offer made",
        "angebot",
        "zusage",
        "录用",
        "offer日期",
    ],
    "offer",
)
_add(
    "outcome",
    [
        "result",
        "outcome",
        "final result",
        "final outcome",
        "decision",
        "ergebnis",
        "结果",
        "最终结果",
    ],
)
_add(
    "outcome",
    [
        "rejected",
        "auto rejected",
        "rejection",
        "no offer",
        "declined by company",
        "absage",
        "abgesagt",
        "拒绝",
    ],
    "rejected",
)
_add("outcome", ["ghosted", "no response", "no reply", "never heard back"], "ghosted")
_add(
    "outcome",
    [
        "withdrawn",
        "withdrew",
        "offer declined",
        "declined offer",
        "declined",
        "i withdrew",
        "zurückgezogen",
    ],
    "withdrawn",
)
_add("outcome", ["hired", "accepted", "offer accepted", "accepted offer", "eingestellt"], "hired")
_add("outcome", ["in progress", "pending", "ongoing", "open", "active"], "pending")
_add(
    "status",
    [
        "status",
        "stage",
        "current status",
        "application status",
        "current stage",
        "state",
        "list",
        "list name",
        "pipeline stage",
        "status name",
        "stand",
        "当前状态",
        "状态",
        "进度",
    ],
)
_add(
    "stage_reached",
    [
        "stage reached",
        "furthest stage",
        "progress",
        "application progress",
        "highest stage",
        "round reached",
    ],
)
_add(
    "outcome_on",
    [
        "status date",
        "date of status",
        "status changed",
        "status changed on",
        "status change date",
        "stage date",
        "outcome date",
        "result date",
        "rejection date",
        "decision date",
        "closed on",
        "date closed",
        "closed date",
        "rejected on",
        "date rejected",
        "gesprächsabschluss",
        "abschluss",
        "abschlussdatum",
        "absagedatum",
    ],
)
_add(
    "last_activity_on",
    [
        "last updated",
        "last update",
        "updated",
        "updated at",
        "updated on",
        "last activity",
        "last activity date",
        "last contact",
        "last contacted",
        "last modified",
        "modified",
        "date updated",
        "zuletzt aktualisiert",
        "最后更新时间",
        "更新时间",
        "最近更新",
    ],
)
_add(
    "notes",
    [
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "remark",
        "details",
        "memo",
        "next step",
        "next steps",
        "description",
        "job description",
        "notizen",
        "bemerkung",
        "bemerkungen",
        "kommentar",
        "备注",
        "时间线",
        "岗位描述",
        "说明",
        "subject",
    ],
)

# --------------------------------------------------------------------------- other languages
# French, Spanish, Portuguese, Italian and Dutch headers as people write them (German and
# Chinese sit with the English above). Accents are kept by normalise_header, so both the
# accented and the plain spelling are listed where people type either.
_add("participant", ["participante", "partecipante", "deelnemer", "candidat", "candidato"])
_add(
    "company",
    [
        "nom de l entreprise",
        "societe",
        "employeur",
        "nombre de la empresa",
        "compañía",
        "compania",
        "empleador",
        "companhia",
        "nome da empresa",
        "azienda",
        "società",
        "nome azienda",
        "werkgever",
        "organisatie",
        "bedrijfsnaam",
    ],
)
_add(
    "role",
    [
        "intitulé du poste",
        "intitule du poste",
        "titre du poste",
        "emploi",
        "cargo",
        "título del puesto",
        "vacante",
        "posición",
        "vaga",
        "função",
        "posição",
        "ruolo",
        "posizione",
        "mansione",
        "functie",
        "vacature",
        "rol",
    ],
)
_add(
    "source",
    [
        "plateforme",
        "canal",
        "fuente",
        "origen",
        "plataforma",
        "fonte",
        "origem",
        "canale",
        "piattaforma",
        "bron",
        "kanaal",
    ],
)
_add(
    "applied_on",
    [
        "date de candidature",
        "date candidature",
        "date d envoi",
        "envoyée le",
        "envoyé le",
        "candidature envoyée le",
        "postulé le",
        "fecha",
        "fecha de solicitud",
        "fecha de postulación",
        "fecha de postulacion",
        "fecha de aplicación",
        "fecha de aplicacion",
        "fecha de envío",
        "fecha de envio",
        "data",
        "data da candidatura",
        "data de candidatura",
        "data candidatura",
        "data de envio",
        "data di candidatura",
        "data invio",
        "data invio candidatura",
        "sollicitatiedatum",
        "datum sollicitatie",
        "gesolliciteerd op",
        "verstuurd op",
    ],
)
_add(
    "followup_after_apply",
    [
        "relance",
        "relancé",
        "relance envoyée",
        "seguimiento",
        "seguimiento enviado",
        "hice seguimiento",
        "acompanhamento",
        "sollecito",
        "sollecitato",
        "opvolging",
        "opgevolgd",
        "nagebeld",
    ],
)
_add("followup_after_apply_on", ["date de relance", "fecha de seguimiento", "data sollecito"])
_add(
    "thank_you_after_interview",
    [
        "remerciement",
        "mail de remerciement",
        "remerciements envoyés",
        "agradecimiento",
        "correo de agradecimiento",
        "agradecimento",
        "ringraziamento",
        "bedankmail",
        "bedankje",
    ],
)
_add(
    "responded_on",
    [
        "réponse",
        "reponse",
        "date de réponse",
        "respuesta",
        "fecha de respuesta",
        "resposta",
        "data da resposta",
        "risposta",
        "data risposta",
        "reactie",
        "antwoord",
    ],
)
_add(
    "intro_call_on",
    [
        "entretien téléphonique",
        "appel",
        "premier appel",
        "appel rh",
        "entrevista telefónica",
        "llamada",
        "entrevista por telefone",
        "triagem",
        "colloquio telefonico",
        "telefonisch gesprek",
        "kennismakingsgesprek",
    ],
    "intro_call",
)
_add(
    "interview_on",
    [
        "entretien",
        "date d entretien",
        "entrevista",
        "fecha de entrevista",
        "data da entrevista",
        "colloquio",
        "data colloquio",
        "sollicitatiegesprek",
        "gesprek",
    ],
    "interview",
)
_add("offer_on", ["offre", "proposition", "oferta", "proposta", "offerta", "aanbod"], "offer")
_add(
    "outcome",
    ["résultat", "resultat", "resultado", "risultato", "resultaat", "uitslag", "décision"],
)
_add("outcome", ["refus", "refusé", "rechazado", "rejeitado", "rifiutato", "afgewezen"], "rejected")
_add(
    "status",
    [
        "statut",
        "état",
        "etat",
        "étape",
        "estado",
        "etapa",
        "fase",
        "situação",
        "stato",
        "stadio",
        "stand van zaken",
    ],
)
_add(
    "last_activity_on",
    [
        "dernière mise à jour",
        "mis à jour",
        "última actualización",
        "ultima actualizacion",
        "atualizado",
        "última atualização",
        "ultimo aggiornamento",
        "laatst bijgewerkt",
    ],
)
_add(
    "notes",
    [
        "remarques",
        "commentaires",
        "commentaire",
        "notas",
        "observaciones",
        "comentarios",
        "observações",
        "commenti",
        "nota",
        "opmerkingen",
        "notities",
    ],
)

# --------------------------------------------------------------------------- keyword rules
# Tried in order on the normalised header when no exact synonym matched. Confidence 0.7.
_Rule = tuple[Callable[[str], bool], str, str | None]


def _has(*words: str) -> Callable[[str], bool]:
    """Some word of the header starts with one of ``words`` (CJK words: anywhere).

    One regular expression per rule (alternatives), not one per word: a 16,384-column
    header is judged in a fraction of the time.

    Examples
    --------
    >>> p = _has("date", "日期")
    >>> p("applied date"), p("update"), p("申请日期"), p("dates")
    (True, False, True, True)
    """
    cjk = [re.escape(w) for w in words if _CJK.search(w)]
    latin = [re.escape(w) for w in words if not _CJK.search(w)]
    parts = ([rf"(?:^|\s)(?:{'|'.join(latin)})"] if latin else []) + cjk
    pat = re.compile("|".join(parts)) if parts else None
    return lambda h: pat is not None and pat.search(h) is not None


def _word(*words: str) -> Callable[[str], bool]:
    """One of ``words`` is a whole word of the header.

    Examples
    --------
    >>> p = _word("on", "at")
    >>> p("applied on"), p("at home"), p("onsite"), p("date")
    (True, True, False, False)
    """
    pat = re.compile(rf"(?:^|\s)(?:{'|'.join(re.escape(w) for w in words)})(?:$|\s)")
    return lambda h: pat.search(h) is not None


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _all(*preds: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda h: all(p(h) for p in preds)


def _not(pred: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda h: not pred(h)


_DATE_WORD = _has("date", "datum", "fecha", "时间", "日期")
_WHEN_WORD = _word("on", "at", "when", "day", "am")


def _DATEISH(h: str) -> bool:  # noqa: N802 (a predicate like the others)
    return _DATE_WORD(h) or _WHEN_WORD(h)


_FOLLOW = _has(
    "follow",
    "chase",
    "nachfass",
    "nachgefasst",
    "nachhak",
    "relanc",
    "seguimiento",
    "sollecit",
    "opvolg",
    "跟进",
)
_THANK = _has("thank", "dank", "remerci", "agradec", "ringrazi", "bedank", "感谢")
# A follow-up or thank-you header that names the step it follows maps to that step's flag.
_INTRO_STEP = _has(
    "intro",
    "call",
    "phone",
    "screen",
    "recruiter",
    "hr",
    "telefon",
    "téléphon",
    "appel",
    "llamada",
    "kennenlern",
    "erstgespr",
    "kennismak",
    "电话",
    "初筛",
    "笔试",
    "hr面",
)
_INTERVIEW_STEP = _has(
    "interview",
    "onsite",
    "on site",
    "panel",
    "final round",
    "hiring manager",
    "gespräch",
    "vorstellungs",
    "entretien",
    "entrevista",
    "colloqui",
    "gesprek",
    "sollicitatiegesprek",
    "面试",
    "面",
)
_STATUS_WORD = _has("status", "stage", "statut", "état", "etat", "estado", "stato", "etapa", "状态")
_APPLY_STEP = _has(
    "appl", "submi", "bewerb", "beworb", "candidat", "postul", "solicit", "sollicit", "投递", "申请"
)
_RULES: list[_Rule] = [
    (
        _all(
            _has(
                "url",
                "link",
                "website",
                "email",
                "e mail",
                "phone number",
                "address",
                "salary",
                "location",
                "city",
                "resume",
                "cv",
                "cover",
                "deadline",
                "contact",
                "thread",
                "calendar",
                "链接",
                "地点",
                "网址",
            )
        ),
        "ignore",
        None,
    ),
    (_all(_FOLLOW, _has("count", "number", "how many", "times")), "followups", None),
    (_all(_FOLLOW, _not(_APPLY_STEP), _INTRO_STEP, _not(_DATEISH)), "followup_after_intro", None),
    (_all(_THANK, _not(_APPLY_STEP), _INTRO_STEP, _not(_DATEISH)), "followup_after_intro", None),
    (
        _all(_FOLLOW, _not(_APPLY_STEP), _INTERVIEW_STEP, _not(_DATEISH)),
        "thank_you_after_interview",
        None,
    ),
    (_all(_THANK), "thank_you_after_interview", None),
    (_all(_FOLLOW, _has("count", "number", "how many", "times")), "followups", None),
    (_all(_FOLLOW, _DATEISH), "followup_after_apply_on", None),
    (_FOLLOW, "followup_after_apply", None),
    (
        _has(
            "respon",
            "repl",
            "heard",
            "antwort",
            "rückmeld",
            "répon",
            "repon",
            "respuest",
            "respost",
            "rispost",
            "reactie",
            "antwoord",
            "回复",
        ),
        "responded_on",
        None,
    ),
    (
        _has(
            "last",
            "updat",
            "modif",
            "zuletzt",
            "mise à jour",
            "actualiz",
            "atualiz",
            "aggiorn",
            "bijgewerkt",
            "更新",
        ),
        "last_activity_on",
        None,
    ),
    (
        _all(
            _has("reject", "absag", "declin", "closed", "decision", "outcome", "result"), _DATEISH
        ),
        "outcome_on",
        None,
    ),
    (_has("offer", "angebot", "offre", "oferta", "offert", "aanbod"), "offer_on", "offer"),
    (
        _has(
            "phone",
            "screen",
            "recruiter",
            "intro",
            "assessment",
            "challenge",
            "exam",
            "test",
            "kennenlern",
            "erstgespr",
            "téléphon",
            "telefon",
            "llamada",
            "appel",
            "chiamat",
            "triagem",
            "kennismak",
            "笔试",
        ),
        "intro_call_on",
        "intro_call",
    ),
    (
        _has(
            "interview",
            "onsite",
            "on site",
            "panel",
            "hiring manager",
            "gespräch",
            "entretien",
            "entrevista",
            "colloqui",
            "gesprek",
            "sollicitatiegesprek",
            "面",
        ),
        "interview_on",
        "interview",
    ),
    (
        _has("reject", "absag", "refus", "rechaz", "rejeit", "rifiut", "afgewez", "afwijz"),
        "outcome",
        "rejected",
    ),
    (_has("ghost"), "outcome", "ghosted"),
    (_has("withdr"), "outcome", "withdrawn"),
    (
        _has(
            "result",
            "outcome",
            "ergebnis",
            "résultat",
            "resultat",
            "risultat",
            "uitslag",
            "结果",
        ),
        "outcome",
        None,
    ),
    # "Status Date" (Simplify) is when the status was set: the outcome's date when final,
    # else the last activity (normalise splits the two); not a second status column
    (
        _all(_STATUS_WORD, _has("date", "datum", "fecha", "when", "日期", "时间")),
        "outcome_on",
        None,
    ),
    (_STATUS_WORD, "status", None),
    (_has("progress"), "stage_reached", None),
    (
        _all(
            _has(
                "appl",
                "submi",
                "sent",
                "beworb",
                "einreich",
                "candidat",
                "postul",
                "solicit",
                "sollicit",
                "envoi",
                "envoy",
                "enviad",
                "inviat",
                "投递",
                "申请",
            ),
            _DATEISH,
        ),
        "applied_on",
        None,
    ),
    (
        _has(
            "company",
            "employer",
            "organi",
            "firm",
            "unternehm",
            "arbeitgeber",
            "entrepris",
            "sociét",
            "societ",
            "employeur",
            "empresa",
            "compañ",
            "empleador",
            "azienda",
            "bedrijf",
            "werkgever",
            "公司",
            "企业",
        ),
        "company",
        None,
    ),
    (
        _has(
            "role",
            "position",
            "title",
            "job",
            "stelle",
            "puesto",
            "ruolo",
            "posizion",
            "functie",
            "vacature",
            "intitul",
            "岗位",
            "职位",
        ),
        "role",
        None,
    ),
    (
        _has(
            "source",
            "channel",
            "platform",
            "board",
            "via",
            "site",
            "plateforme",
            "plataforma",
            "piattaforma",
            "fuente",
            "origen",
            "fonte",
            "bron",
            "canal",
            "渠道",
            "来源",
        ),
        "source",
        None,
    ),
    (
        _has(
            "note",
            "comment",
            "remark",
            "remarque",
            "nota",
            "observa",
            "coment",
            "opmerking",
            "notitie",
            "备注",
        ),
        "notes",
        None,
    ),
    (
        _has(
            "participant", "partecipant", "deelnemer", "candidate", "applicant", "seeker", "student"
        ),
        "participant",
        None,
    ),
    (_all(_has("id"), _not(_has("thread", "calendar", "event", "email"))), "ignore", None),
    (_has("date", "datum", "fecha", "日期", "时间"), "applied_on", None),
]


def guess_field(header: object) -> FieldGuess:
    """Understand one header by its wording alone.

    Returns ``field="ignore"`` with confidence 0 when the wording says nothing.

    Examples
    --------
    >>> g = guess_field("Technical Interview/ Assessment")
    >>> g.field, g.value, g.how
    ('interview_on', 'interview', 'header')
    >>> guess_field("Rejected").value
    'rejected'
    >>> guess_field("Favourite colour").field
    'ignore'
    """
    column = "" if header is None else str(header)
    h = normalise_header(column)
    if h in _EXACT:
        f, v = _EXACT[h]
        return FieldGuess(column, f, 0.95, "header", v)
    for pred, f, v in _RULES:
        if pred(h):
            if f == "ignore":  # a link, a place, a salary…: known, and not analysed
                return FieldGuess(column, f, 0.0, "header", IGNORED_BY_HEADER)
            return FieldGuess(column, f, 0.7, "header", v)
    return FieldGuess(column, "ignore", 0.0, "header", None)


_BARE_NUMBER = re.compile(r"\s*[+-]?\d+(?:[.,]\d+)?\s*")


def _is_bare_number(value: object) -> bool:
    """A number, or text that is only digits (with an optional decimal part).

    Examples
    --------
    >>> [_is_bare_number(v) for v in (45292, 45292.5, "45292", " 45292.0 ", "2024-01-05", True)]
    [True, True, True, True, False, False]
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, np.integer, np.floating)):
        return True
    return isinstance(value, str) and _BARE_NUMBER.fullmatch(value) is not None


def _content_guess(column: str, values: pd.Series) -> FieldGuess | None:
    """Guess a field from cell contents (dates, status words); ``None`` when unclear."""
    from data import values as V  # local: helper module, vectorised over unique values

    vals = _filled_cells(values)
    if len(vals) < 2:
        return None
    sample = _distinct(vals)
    try:
        dates = V.parse_dates(sample)
        is_date = ~np.asarray(dates.failed, dtype=bool) & np.asarray(
            pd.notna(dates.values), dtype=bool
        )
        # Bare numbers (45292, "45292.5") read as Excel serial dates only with other evidence:
        # an unrecognised header gives none, and a column of 5-digit job/requisition ids
        # would otherwise become the application date. Other evidence = written dates in
        # the same column (at least a fifth of its cells); real dates in workbooks arrive
        # as date cells, not numbers, so they are unaffected.
        numeric = np.array([_is_bare_number(v) for v in sample], dtype=bool)
        written = is_date & ~numeric
        date_share = float(is_date.mean()) if written.mean() >= 0.2 else 0.0
    except Exception:  # noqa: BLE001 - content sniffing must never break an import
        date_share = 0.0
    if date_share >= 0.8:
        return FieldGuess(column, "applied_on", round(0.4 + 0.2 * date_share, 2), "content")
    try:
        st = V.parse_status(sample)
        known = (pd.notna(st.outcome) | pd.notna(st.stage) | st.not_applied).to_numpy(dtype=bool)
        status_share = float(known.mean())
    except Exception:  # noqa: BLE001
        status_share = 0.0
    if status_share >= 0.6:
        return FieldGuess(column, "status", round(0.3 + 0.3 * status_share, 2), "content")
    try:
        flags, _ = V.parse_yes_no(sample)
        yn_share = float(pd.Series(flags, dtype="boolean").notna().mean())
    except Exception:  # noqa: BLE001
        yn_share = 0.0
    if yn_share >= 0.8:  # yes/no marks, but what they record is unknown: left out, and said so
        return FieldGuess(column, "ignore", 0.3, "content", "yes/no")
    distinct = _repeated_words(vals)  # a category the importer cannot read: left out, said so
    if distinct:
        return FieldGuess(
            column, "ignore", 0.2, "content", TWO_WORDS if distinct == 2 else REPEATED_WORDS
        )
    return None


def _repeated_words(vals: pd.Series) -> int:
    """How many distinct words, when the column is a few short words used again and again
    (the shape of a status or yes/no column in a language or wording the vocabulary does
    not know); 0 otherwise.

    Examples
    --------
    >>> _repeated_words(pd.Series(["Odrzucono", "Rozmowa", "Odrzucono", "Oferta"] * 3))
    3
    >>> _repeated_words(pd.Series(["tak", "nie", "tak"] * 2))
    2
    >>> _repeated_words(pd.Series([f"Company {i}" for i in range(12)]))
    0
    >>> _repeated_words(pd.Series([1, 2, 1, 2, 1, 2, 1, 2]))
    0
    """
    if len(vals) < 6:
        return 0
    text = vals.astype(str).str.strip()
    if text.map(_is_bare_number).mean() > 0.5 or text.str.len().median() > 40:
        return 0
    distinct = int(text.nunique())
    return distinct if 2 <= distinct <= min(15, 0.6 * len(text)) else 0


def map_columns(
    header: Sequence[object],
    overrides: Mapping[str, str] | None = None,
    rows: pd.DataFrame | None = None,
) -> list[FieldGuess]:
    """Map every column of a table to a field.

    Parameters
    ----------
    header
        Headers as written, in order.
    overrides
        ``{"Header as written": field}``; wins over everything (confidence 1.0,
        ``how="override"``). Keys also match after :func:`normalise_header`.
        ``"ignore"`` drops the column.
    rows
        The table's cells (columns named as ``header``); used to judge columns whose
        header says nothing, and to decide whether a ``Name`` column is the participant.

    Returns
    -------
    list[FieldGuess]
        One per column, in order. A field that can only be held once
        (:data:`SINGLE_FIELDS`) is given to its most confident column; the others
        become ``notes`` (text) or ``ignore``.

    Raises
    ------
    InputError
        When an override names a field that is not in ``MAPPABLE_FIELDS``.

    Examples
    --------
    >>> [g.field for g in map_columns(["Name", "Company", "Date"])]
    ['participant', 'company', 'applied_on']
    >>> [g.field for g in map_columns(["Name", "Date"])]
    ['company', 'applied_on']
    >>> map_columns(["Firma", "X"], {"X": "notes"})[1].how
    'override'
    """
    cols = ["" if h is None else str(h) for h in header]
    over = _checked_overrides(overrides)
    guesses = [_header_guess(c, over) for c in cols]
    _name_column(guesses, rows)
    if rows is not None:
        _content_guesses(guesses, rows)
        _answers_in_words(guesses, rows)
    _one_column_per_field(guesses)
    return guesses


#: Columns whose header says nothing are judged by their content, at most this many per
#: table; the rest are reported as not examined (a very wide table stays quick to map).
CONTENT_COLUMNS = 40
#: ``FieldGuess.value`` of a column whose header says it is not analysed (a link, a place…).
IGNORED_BY_HEADER = "ignored by its header"
#: ``FieldGuess.value`` of a column left unexamined by content.
NOT_EXAMINED = "not examined"
#: ``FieldGuess.value`` of an unread column of a few repeated words (reported with examples
#: when nothing else in its table says how applications went).
REPEATED_WORDS = "repeated words"
#: ... of two repeated words (reported when nothing else in its table records follow-ups).
TWO_WORDS = "two words"


def _checked_overrides(overrides: Mapping[str, str] | None) -> dict[str, str]:
    over: dict[str, str] = {}
    for k, v in (overrides or {}).items():
        if v not in MAPPABLE_FIELDS:
            raise InputError(
                f"mapping: column {k!r} cannot be mapped to {v!r}; "
                f"choose one of {', '.join(MAPPABLE_FIELDS)}"
            )
        over[str(k)] = v
        over.setdefault("\0" + normalise_header(k), v)
    return over


def _header_guess(column: str, over: dict[str, str]) -> FieldGuess:
    f = (over.get(column) or over.get("\0" + normalise_header(column))) if over else None
    g = guess_field(column)
    if f is None:
        return g
    return FieldGuess(column, f, 1.0, "override", g.value if g.field == f else None)


def _name_column(guesses: list[FieldGuess], rows: pd.DataFrame | None) -> None:
    """ "Name": a participant when another column holds the company (and, when the cells are
    known, the names repeat as a person's would); else the company. A "Name" column of
    mostly distinct values next to a company column is a job name (Notion-style boards)."""
    has_company = any(g.field == "company" for g in guesses)
    has_role = any(g.field == "role" for g in guesses)
    for i, g in enumerate(guesses):
        if g.how == "override" or normalise_header(g.column) not in (
            "name",
            "full name",
            "your name",
        ):
            continue
        field = "participant" if has_company else "company"
        if has_company and rows is not None and g.column in rows.columns:
            vals = _first_column(rows, g.column).head(2000).dropna().astype(str).str.strip()
            vals = vals[vals != ""]
            if len(vals) >= 5 and vals.nunique() > max(3, 0.3 * len(vals)):
                field = "notes" if has_role else "role"
        how: Literal["content", "header"] = "content" if field in ("role", "notes") else "header"
        guesses[i] = FieldGuess(g.column, field, 0.6, how)


#: Cells of a column looked at to judge what it holds, and how many distinct ones are parsed.
SAMPLE_CELLS, SAMPLE_DISTINCT = 2000, 200


def _filled_cells(values: pd.Series) -> pd.Series:
    """The column's first :data:`SAMPLE_CELLS` cells that are neither empty nor a
    placeholder (``n/a``, ``-``, ``TBD``: :func:`data.vocab.is_blank_word`).

    Examples
    --------
    >>> _filled_cells(pd.Series(["Rejected", None, " ", "n/a", "✓", 3])).tolist()
    ['Rejected', '✓', 3]
    """
    from data import vocab

    cells = values.head(SAMPLE_CELLS).dropna()
    return cells[~cells.map(vocab.is_blank_word).astype(bool)]


def _distinct(cells: pd.Series) -> pd.Series:
    """The first :data:`SAMPLE_DISTINCT` distinct cells, as a fresh object Series: what
    the value parsers judge a column by."""
    return pd.Series(cells.drop_duplicates().head(SAMPLE_DISTINCT).to_numpy(dtype=object))


def _first_column(rows: pd.DataFrame, column: str) -> pd.Series:
    col = rows[column]
    return col.iloc[:, 0] if isinstance(col, pd.DataFrame) else col  # duplicate header names


def _content_guesses(guesses: list[FieldGuess], rows: pd.DataFrame) -> None:
    """Columns the header says nothing about, judged by their content (the first
    :data:`CONTENT_COLUMNS` of them; the rest marked :data:`NOT_EXAMINED`)."""
    present = {g.field for g in guesses}
    examined = 0
    for i, g in enumerate(guesses):
        silent = g.field == "ignore" and g.how == "header" and g.confidence == 0.0
        if not silent or g.column not in rows.columns:
            continue
        if examined >= CONTENT_COLUMNS:
            guesses[i] = FieldGuess(g.column, "ignore", 0.0, "header", NOT_EXAMINED)
            continue
        examined += 1
        cg = _content_guess(g.column, _first_column(rows, g.column))
        if g.value == IGNORED_BY_HEADER and cg is not None and cg.field == "ignore":
            continue  # "Location" of a few repeated towns is not an unread status column
        if cg is not None and (cg.field not in present or cg.field == "ignore"):
            guesses[i] = cg
            present.add(cg.field)


#: Date fields whose column people often fill with words instead ("Response: Rejection
#: email", "Reply: interview invite").
_ANSWER_DATE_FIELDS = frozenset({"responded_on", "outcome_on"})


def _answers_in_words(guesses: list[FieldGuess], rows: pd.DataFrame) -> None:
    """A response or outcome column named as a date but filled with status words
    ("Response: Rejection email") is read as those words: the status, or the outcome when
    the table has a status column already."""
    from data import values as V  # local: helper module, vectorised over unique values

    for i, g in enumerate(guesses):
        if g.field not in _ANSWER_DATE_FIELDS or g.how != "header" or g.column not in rows:
            continue
        sample = _distinct(_filled_cells(_first_column(rows, g.column)))
        if len(sample) < 2:
            continue
        st = V.parse_status(sample)
        words = (pd.notna(st.outcome) | pd.notna(st.stage)).to_numpy(dtype=bool)
        dates = ~np.asarray(V.parse_dates(sample).failed, dtype=bool)
        if words.mean() >= 0.6 and dates.mean() < 0.2:
            present = {x.field for x in guesses}
            field = "outcome" if "status" in present else "status"
            guesses[i] = FieldGuess(g.column, field, 0.5, "content")


def _one_column_per_field(guesses: list[FieldGuess]) -> None:
    """One column per single-valued field: keep the most confident (first on ties)."""
    best: dict[str, int] = {}
    for i, g in enumerate(guesses):
        if g.field in SINGLE_FIELDS:
            j = best.get(g.field)
            if j is None or g.confidence > guesses[j].confidence:
                best[g.field] = i
    for i, g in enumerate(guesses):
        if g.field in SINGLE_FIELDS and best[g.field] != i:
            demoted = (
                "notes" if g.field in ("company", "role", "source", "participant") else "ignore"
            )
            guesses[i] = FieldGuess(g.column, demoted, round(g.confidence / 2, 2), g.how)
