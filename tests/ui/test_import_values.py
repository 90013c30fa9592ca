"""Import check: values the importer could not read are shown, and a value mapping re-runs it.

Expected numbers come from the importer directly; the uploads are seeded in session state
(``ft_uploads``) as in test_app.py.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from data.importer import import_files

APP = str(Path(__file__).resolve().parents[2] / "app.py")
LOG = (
    "Company,Date applied,Followed up?,Status\n"
    "Acme,2026-03-02,★,purple\n"
    "Bolt,2026-03-03,,Rejected\n"
    "Cog,2026-03-04,★,purple\n"
    "Dyn,2025-08,yes,Applied\n"
).encode()


def run(page: str, uploads: tuple[tuple[str, bytes], ...] = (("marks.csv", LOG),), **state):
    """``page`` after ``uploads`` (and any session ``state``), checked for exceptions."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["ft_uploads"] = list(uploads)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def frames_text(at: AppTest) -> str:
    """The page's tables and its lines of text (the unread values are listed as lines)."""
    tables = " ".join(df.value.to_string() for df in at.dataframe)
    return tables + " " + " ".join(m.value.replace("\\", "") for m in at.markdown)


def test_unread_values_are_listed_with_examples_and_what_was_assumed():
    rep = import_files([("marks.csv", LOG)]).report
    assert {u.column for u in rep.unread} == {"Followed up?", "Status"}
    at = run("pages/import_check.py")
    assert "Values we could not read" in [h.value for h in at.subheader]
    text = frames_text(at)
    assert "'★' ×2" in text and "'purple' ×2" in text
    assert "counted as a follow-up made" in text
    # one choice per value, "Keep as assumed" preselected
    picks = [sb for sb in at.selectbox if sb.key and sb.key.startswith("ft_value_pick_")]
    assert sorted(sb.label.split(" — ")[0] for sb in picks) == ["purple", "★"]
    assert {sb.value for sb in picks} == {"Keep as assumed"}


def test_choosing_a_meaning_re_runs_the_import_and_keeps_it_in_the_session():
    at = run("pages/import_check.py")
    for sb in at.selectbox:
        if sb.key and sb.key.startswith("ft_value_pick_") and sb.label.startswith("★"):
            sb.select("Yes (done / sent)")
    submit = [b for b in at.button if b.label == "Re-run import with these meanings"]
    submit[0].click().run()
    assert not at.exception
    assert at.session_state["ft_values"] == {"★": "yes"}
    text = frames_text(at)
    assert "'★' ×2" not in text and "'purple' ×2" in text
    # the month-only date is counted
    assert any("only to the month" in w.value for w in at.warning)


def test_a_value_mapping_in_the_session_re_runs_the_import():
    at = run("pages/import_check.py", ft_values={"★": "yes", "purple": "interview"})
    assert "'★' ×2" not in frames_text(at)
    assert any("Meanings in use" in c.value for c in at.caption)
    forget = [b for b in at.button if b.label == "Forget my meanings"]
    assert forget
    forget[0].click().run()
    assert at.session_state["ft_values"] == {}
    assert "'★' ×2" in frames_text(at)


def test_the_page_using_the_column_carries_a_one_line_note():
    at = run("pages/my_followup.py")
    notes = [c.value for c in at.caption if "could not be read" in c.value]
    assert any("Followed up?" in n for n in notes), notes
    mapped = run("pages/my_followup.py", ft_values={"★": "yes", "purple": "interview"})
    assert not [c.value for c in mapped.caption if "could not be read" in c.value]


def test_weekly_rhythm_says_month_only_rows_are_not_on_a_week():
    at = run("pages/weekly_rhythm.py")
    assert any("dated only to the month" in c.value for c in at.caption)


def test_weekly_rhythm_notes_an_unreadable_date_column():
    log = b"Company,Date applied\nAcme,2026-03-02\nBolt,soon\nCog,soon\n"
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["ft_uploads"] = [("dates.csv", log)]
    at.run()
    at.switch_page("pages/weekly_rhythm.py").run()
    assert not at.exception
    notes = [c.value.replace("\\", "") for c in at.caption if "could not be read" in c.value]
    assert notes == [
        "2 cells of your column 'Date applied' could not be read; see Import check "
        "to say what they mean."
    ]


POLISH = (
    b"Firma,Data aplikacji,Etap rekrutacji,Przypomnienie\n"
    b"A,2026-03-01,Odrzucono,tak\nB,2026-03-02,Rozmowa,nie\nC,2026-03-03,Odrzucono,tak\n"
    b"D,2026-03-04,Brak odpowiedzi,nie\nE,2026-03-05,Oferta,tak\n"
    b"F,2026-03-06,Brak odpowiedzi,nie\nG,2026-03-07,Odrzucono,nie\n"
)


def _polish(page: str, **state) -> AppTest:
    return run(page, (("pl.csv", POLISH),), **state)


def _infos(at: AppTest) -> str:
    return " ".join(i.value.replace("\\", "") for i in at.info)


def test_a_log_whose_status_words_are_unknown_is_not_told_to_add_a_status_column():
    """The log has its answers in a column of unknown words: the pages name that column
    and send the person to the Import check, never "Add a Status column"."""
    for page in ("pages/my_followup.py", "pages/pipeline.py", "pages/weekly_rhythm.py"):
        text = _infos(_polish(page))
        assert "Add a Status column" not in text, page
        assert "Your column 'Etap rekrutacji' may say this" in text, page
        assert "Import check" in text
    captions = " ".join(c.value for c in _polish("pages/my_followup.py").caption)
    assert "no status or answer column" not in captions
    assert "the words of your status column are not known" in captions


def test_a_log_whose_follow_up_marks_are_unknown_is_told_which_column():
    log = POLISH.replace(b"Etap rekrutacji", b"Status").replace(b"Odrzucono", b"Rejected")
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["ft_uploads"] = [("pl.csv", log)]
    at.run()
    at.switch_page("pages/my_followup.py").run()
    assert not at.exception
    text = _infos(at)
    assert "Your column 'Przypomnienie' may say this" in text
    assert "no yes/no follow-up columns" not in text


def test_presenting_the_unknown_column_is_not_named():
    text = _infos(_polish("pages/my_followup.py", ft_presenter=True))
    assert "Etap rekrutacji" not in text and "Przypomnienie" not in text
    assert "One of your columns may say this" in text


def test_the_import_check_offers_its_words_and_the_meanings_make_it_the_status():
    at = _polish("pages/import_check.py")
    picks = {
        sb.label.split(" — ")[0]: sb
        for sb in at.selectbox
        if sb.key and sb.key.startswith("ft_value_pick_")
    }
    assert {"Odrzucono", "Brak odpowiedzi", "Rozmowa", "Oferta", "tak", "nie"} <= set(picks)
    picks["Odrzucono"].select("Rejected")
    picks["Brak odpowiedzi"].select("No answer (ghosted)")
    picks["Rozmowa"].select("Interview")
    picks["Oferta"].select("Offer")
    [b for b in at.button if b.label == "Re-run import with these meanings"][0].click().run()
    assert not at.exception
    at.switch_page("pages/my_followup.py").run()
    assert "may say this" not in _infos(at).split("follow-up")[0]
    assert "Add a Status column" not in _infos(at)


def test_columns_left_out_are_listed_with_their_first_values():
    """Every column with something in it is read, or named on the Import check with its
    first values (a column the importer does not know is not dropped without a word)."""
    log = (
        b"Firma,Stanowisko,Data aplikacji,Puste\n"
        b"A,Analityk,2026-03-01,\nB,Programista,2026-03-02,\n"
    )
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["ft_uploads"] = [("pl.csv", log)]
    at.run()
    at.switch_page("pages/import_check.py").run()
    assert not at.exception
    text = " ".join(m.value.replace("\\", "").replace("\u2060", "") for m in at.markdown)
    assert "Columns left out" in text
    assert "Stanowisko: Analityk · Programista" in text
    assert "Puste" not in text  # an empty column holds nothing to report
    at.session_state["ft_presenter"] = True
    at.run()
    assert "Analityk" not in " ".join(m.value for m in at.markdown)


def test_a_column_left_out_but_used_for_reminders_says_so():
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()  # the demo log: its "Contact email" column is not analysed, but written to
    at.switch_page("pages/import_check.py").run()
    assert not at.exception
    text = " ".join(m.value.replace("\\", "").replace("\u2060", "") for m in at.markdown)
    assert "Contact email: " in text
    assert "(used on Follow up today: the address to write to)" in text


def test_the_same_file_uploaded_twice_is_read_once_and_the_sidebar_says_so():
    log = b"Company,Role,Applied,Status\nA,Dev,2026-03-01,Rejected\nB,Dev,2026-03-02,Applied\n"
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["ft_uploads"] = [("log.csv", log), ("log (1).csv", log)]
    at.run()
    assert not at.exception
    said = [i.value.replace("\\", "") for i in at.sidebar.info]
    assert "Read once: log (1).csv is the same file as log.csv." in said
    at.session_state["ft_presenter"] = True
    at.run()
    shown = " ".join(i.value for i in at.sidebar.info)
    assert "Read once: File 2 is the same file as File 1." in shown.replace("\\", "")
    assert "log.csv" not in shown.replace("\\", "") and "log (1)" not in shown


def _links(at: AppTest) -> list[tuple[str, str]]:
    return [(link.proto.label, link.proto.page) for link in at.get("page_link")]


def test_the_pages_link_to_the_import_check_where_the_words_are_given():
    import_check = ("Say what its words mean on the Import check", "import_check")
    for page in ("pages/my_followup.py", "pages/pipeline.py", "pages/weekly_rhythm.py"):
        assert _links(_polish(page)).count(import_check) == 1, page
    # the follow-up card too, instead of "start logging them" (the log may hold them)
    log = POLISH.replace(b"Etap rekrutacji", b"Status").replace(b"Odrzucono", b"Rejected")
    at = run("pages/my_followup.py", (("pl.csv", log),))
    assert import_check in _links(at)
    assert ("Start logging them now", "my_log") not in _links(at)
    # presenting, no link is drawn (and no column named)
    assert import_check not in _links(_polish("pages/my_followup.py", ft_presenter=True))
