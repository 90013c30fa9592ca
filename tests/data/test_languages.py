"""Logs kept in French, Spanish, Portuguese, Italian and Dutch read like English ones.

Each language: a small log as a person writes it (headers, status words, a yes/no follow-up
column, day-first dates), with the stage, outcome and follow-up of every row written out by
hand; and a table of status words with what each says.
"""

from __future__ import annotations

import pytest

from data.columns import guess_field
from data.importer import import_files
from data.vocab import status_meaning, yes_no_value

# (headers, rows of (status, follow-up), expected (stage, outcome, followed up) per row)
LOGS = {
    "fr": (
        ["Entreprise", "Poste", "Date de candidature", "Statut", "Relance"],
        [
            ("Candidature envoyée", "Oui"),
            ("Refusé", "Non"),
            ("Entretien", "Oui"),
            ("Pas de réponse", "Non"),
            ("Offre", "Oui"),
            ("Refusé après entretien", "Non"),
        ],
    ),
    "es": (
        ["Empresa", "Puesto", "Fecha de solicitud", "Estado", "Seguimiento"],
        [
            ("Enviada", "Sí"),
            ("Rechazado", "No"),
            ("Entrevista", "Sí"),
            ("Sin respuesta", "No"),
            ("Oferta", "Sí"),
            ("Rechazado tras entrevista", "No"),
        ],
    ),
    "pt": (
        ["Empresa", "Vaga", "Data da candidatura", "Situação", "Acompanhamento"],
        [
            ("Em análise", "Sim"),
            ("Reprovado", "Não"),
            ("Entrevista", "Sim"),
            ("Sem resposta", "Não"),
            ("Proposta", "Sim"),
            ("Reprovado após entrevista", "Não"),
        ],
    ),
    "it": (
        ["Azienda", "Ruolo", "Data di candidatura", "Stato", "Sollecito"],
        [
            ("Inviata", "Sì"),
            ("Rifiutato", "No"),
            ("Colloquio", "Sì"),
            ("Nessuna risposta", "No"),
            ("Offerta", "Sì"),
            ("Rifiutato dopo colloquio", "No"),
        ],
    ),
    "nl": (
        ["Bedrijf", "Functie", "Sollicitatiedatum", "Status", "Opgevolgd"],
        [
            ("Gesolliciteerd", "Ja"),
            ("Afgewezen", "Nee"),
            ("Sollicitatiegesprek", "Ja"),
            ("Geen reactie", "Nee"),
            ("Aanbod", "Ja"),
            ("Afgewezen na gesprek", "Nee"),
        ],
    ),
}
# the same in every language: applied (waiting), rejected, interview, ghosted, offer,
# rejected after an interview
EXPECTED = [
    ("applied", "pending", True),
    ("applied", "rejected", False),
    ("interview", "pending", True),
    ("applied", "ghosted", False),
    ("offer", "offer", True),
    ("interview", "rejected", False),
]


def _csv(lang: str) -> bytes:
    header, rows = LOGS[lang]
    lines = [",".join(header)] + [
        f"Co {i},Dev,{10 + i:02d}/03/2026,{status},{fu}" for i, (status, fu) in enumerate(rows)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("lang", sorted(LOGS))
def test_a_log_in_each_language_is_read_whole(lang):
    res = import_files([(f"{lang}.csv", _csv(lang))])
    fields = {m.column: m.field for m in res.report.mappings}
    header = LOGS[lang][0]
    assert [fields[h] for h in header] == [
        "company",
        "role",
        "applied_on",
        "status",
        "followup_after_apply",
    ]
    a = res.applications
    got = list(
        zip(
            a["stage_reached"].astype(str),
            a["outcome"].astype(str),
            a["followup_after_apply"].astype(bool),
            strict=True,
        )
    )
    assert got == EXPECTED
    assert res.report.unread == [] and res.report.unknown_status_words == {}
    # 10/03/2026 is day-first: 10 March
    assert str(a["applied_on"].min().date()) == "2026-03-10"


@pytest.mark.parametrize(
    ("word", "stage", "outcome"),
    [
        ("Entretien téléphonique", "intro_call", "pending"),
        ("Appel RH", "intro_call", "pending"),
        ("Refusé après appel", "intro_call", "rejected"),
        ("Offre acceptée", "hired", "hired"),
        ("Candidature retirée", "applied", "withdrawn"),
        ("Entrevista telefónica", "intro_call", "pending"),
        ("Contratado", "hired", "hired"),
        ("Oferta aceptada", "hired", "hired"),
        ("Desistí", "applied", "withdrawn"),
        ("Triagem", "intro_call", "pending"),
        ("Proposta aceita", "hired", "hired"),
        ("Colloquio telefonico", "intro_call", "pending"),
        ("Assunto", "hired", "hired"),
        ("Ritirato", "applied", "withdrawn"),
        ("Telefonisch gesprek", "intro_call", "pending"),
        ("Tweede gesprek", "interview", "pending"),
        ("Aangenomen", "hired", "hired"),
        ("Teruggetrokken", "applied", "withdrawn"),
    ],
)
def test_status_words(word, stage, outcome):
    m = status_meaning(word)
    assert m is not None and (m.stage, m.outcome) == (stage, outcome)


@pytest.mark.parametrize("word", ["À postuler", "Por postular", "Da candidare", "A candidatar"])
def test_not_applied_yet_words(word):
    assert status_meaning(word).not_applied


@pytest.mark.parametrize(
    ("word", "value"),
    [("Oui", True), ("Non", False), ("Sim", True), ("Não", False), ("Sì", True)]
    + [("Nee", False), ("Ja", True), ("fatto", True), ("Sim, por e-mail", True)],
)
def test_yes_no_words(word, value):
    assert yes_no_value(word) is value


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Relance après entretien", "thank_you_after_interview"),
        ("Relance après appel", "followup_after_intro"),
        ("Seguimiento tras entrevista", "thank_you_after_interview"),
        ("Date de relance", "followup_after_apply_on"),
        ("Fecha de respuesta", "responded_on"),
        ("Remerciement envoyé", "thank_you_after_interview"),
        ("Nom de l'entreprise", "company"),
        ("État de la candidature", "status"),
        ("Data colloquio", "interview_on"),
        ("Laatst bijgewerkt", "last_activity_on"),
        ("Opmerkingen", "notes"),
    ],
)
def test_headers(header, field):
    assert guess_field(header).field == field


def test_english_headers_that_share_a_stem_keep_their_meaning():
    # "Date Posted" is not the role ("poste"), "Observations" are notes, "Data Source" a source
    assert guess_field("Date Posted").field != "role"
    assert guess_field("Observations").field == "notes"
    assert guess_field("Data Source").field == "source"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("5 de marzo de 2025", "2025-03-05"),
        ("3 de março de 2025", "2025-03-03"),
        ("segunda-feira, 3 de março de 2025", "2025-03-03"),
        ("3 januari 2025", "2025-01-03"),
        ("maandag 3 maart 2025", "2025-03-03"),
        ("3 mei 2025", "2025-05-03"),
        ("lun. 5 mai 2025", "2025-05-05"),
        ("Montag, 5. Mai 2025", "2025-05-05"),
        ("mar. 4 mars 2025", "2025-03-04"),
        ("Mar 5, 2025", "2025-03-05"),  # still March 5 in English, not a weekday
        ("mayo de 2025", "2025-05-01"),
    ],
)
def test_dates_written_with_month_names(written, iso):
    import pandas as pd

    from data.values import parse_dates

    d = parse_dates(pd.Series([written]))
    assert not d.failed[0]
    assert str(pd.Timestamp(d.values[0]).date()) == iso


def test_a_spanish_log_with_written_dates_is_placed_on_its_days():
    log = (
        b"Empresa,Puesto,Fecha de solicitud,Estado\n"
        b"A,Dev,5 de marzo de 2025,Enviada\nB,Dev,12 de marzo de 2025,Rechazado\n"
    )
    a = import_files([("es.csv", log)]).applications
    assert [str(x.date()) for x in a["applied_on"]] == ["2025-03-05", "2025-03-12"]
