"""Workshop and Presentation pages through AppTest; "one person's log" vs "a workshop"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.cohort import cohort_verdicts
from analysis.outcomes import resolve
from data import import_files
from tests.named_cohort import cohort_files

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _run(**state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["ft_uploads"] = cohort_files()
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_several_files_of_one_person_become_one_participant():
    at = _run(ft_participants_from="one")
    view = at.session_state["ft_view"]
    assert view.participants and len(view.participants) == 1
    assert len(view.applications) == len(import_files(cohort_files()).applications)
    radio = [r for r in at.sidebar.radio if r.label == "These files are"][0]
    assert radio.value == "one"


def test_a_workshop_has_one_participant_per_sheet_or_file():
    at = _run()
    view = at.session_state["ft_view"]
    assert len(view.participants) == 3
    radio = [r for r in at.sidebar.radio if r.label == "These files are"][0]
    assert radio.value == "workshop"


@pytest.fixture(scope="module")
def workshop_at() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["ft_uploads"] = cohort_files()
    at.run()
    at.switch_page("pages/workshop.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_workshop_page_headlines_are_the_cohort_verdicts(workshop_at):
    view = workshop_at.session_state["ft_view"]
    expected = cohort_verdicts(
        resolve(view.applications, view.settings.as_of, view.settings.ghost_after_days),
        windows={"after_applying": view.settings.cadence_days},
    )
    subheaders = [s.value for s in workshop_at.subheader]
    for cv in expected.values():
        assert cv.label in subheaders
    text = " ".join(m.value for m in workshop_at.markdown)
    for cv in expected.values():
        assert cv.sentence in text or cv.verdict in text


def test_workshop_page_speaks_of_participants_not_you(workshop_at):
    main = workshop_at.main
    words = " ".join(
        [m.value for m in main.markdown]
        + [h.value for h in main.header]
        + [h.value for h in main.subheader]
        + [c.value for c in main.caption]
    )
    assert "participants" in words
    assert " you " not in f" {words.lower()} ".replace(".", " ").replace(",", " ")
    # the cohort's dates end in March 2026: an old log, said of the logs, not of "you"
    assert "the logs' latest entry is from" in words
    assert "your latest entry" not in words


def test_workshop_date_adds_before_after(workshop_at):
    workshop_at.session_state["ft_workshop_date"] = dt.date(2026, 2, 14)
    workshop_at.run()
    assert not workshop_at.exception
    assert any(
        "Applications sent on the workshop day count as after" in c.value
        for c in workshop_at.caption
    )


def test_presentation_steps_through_every_screen():
    at = _run(ft_presenter=True)
    at.switch_page("pages/presentation.py").run()
    assert not at.exception
    box = at.selectbox(key="ft_slide")
    seen = []
    for _ in box.options:
        seen.append(at.title[0].value)
        at.button[[b.label for b in at.button].index("Next")].click().run()
        assert not at.exception
    assert len(set(seen)) == len(box.options) >= 4
    assert not at.dataframe, "no raw tables on the slides"
