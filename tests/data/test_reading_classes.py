"""Classes of logs the importer must read right, or say it could not (issue #7).

Each class is a kind of log people keep (check marks, step-named follow-up headers, a status
column saying "follow up", a later stage with a "not applied" word, month-only dates, ATS
and job-board sources, unreadable columns), tested with several spellings each, plus a
property: a column of random marks is either read or reported, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.consistency import weekly_activity
from analysis.outcomes import resolve
from analysis.touchpoints import followup_rates
from data import vocab
from data.columns import guess_field
from data.importer import import_files

YES_MARKS = ["✓", "✔", "☑", "x", "X", "•"]
NO_MARKS = ["✗"]


def csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    lines = [",".join(header)] + [",".join("" if v is None else str(v) for v in r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def unread_for(report, column: str):
    return [u for u in report.unread if u.column == column]


# --------------------------------------------------------------------------- check marks
class TestCheckMarks:
    @pytest.mark.parametrize("mark", YES_MARKS + NO_MARKS)
    def test_a_mark_is_never_blank_and_reads_the_same_everywhere(self, mark):
        assert not vocab.is_blank_word(mark)
        assert vocab.yes_no_value(mark) is (mark not in NO_MARKS)

    @pytest.mark.parametrize("placeholder", ["-", "—", "/", "?", ".", "  "])
    def test_punctuation_placeholders_stay_blank(self, placeholder):
        assert vocab.is_blank_word(placeholder)

    @pytest.mark.parametrize("mark", YES_MARKS)
    def test_yes_marks_with_blanks_make_a_tracked_column(self, mark):
        rows = [
            ["A", "2026-01-05", mark],
            ["B", "2026-01-06", None],
            ["C", "2026-01-07", mark],
        ]
        res = import_files([("m.csv", csv_bytes(["Company", "Applied", "Followed up?"], rows))])
        flags = res.applications["followup_after_apply"]
        assert flags.tolist() == [True, False, True]  # blank = "no" in a marked column
        assert res.report.unread == []

    def test_a_no_mark_means_no(self):
        rows = [["A", "✓"], ["B", "✗"], ["C", None]]
        res = import_files([("m.csv", csv_bytes(["Company", "Followed up?"], rows))])
        assert res.applications["followup_after_apply"].tolist() == [True, False, False]

    def test_the_three_touchpoints_of_a_marked_workbook_are_all_tracked(self):
        header = ["Company", "Applied", "Followed up?", "Follow up after phone", "Thank you?"]
        status = ["Interview", "Phone screen", "Rejected", "Applied", "Interview", "Rejected"]
        rows = [
            [f"C{i}", f"2026-01-{i + 1:02d}", "✓" if i % 2 else None, "✓" if i == 1 else None]
            + ["✓" if i == 4 else None]
            for i in range(6)
        ]
        header.append("Status")
        rows = [r + [s] for r, s in zip(rows, status, strict=True)]
        res = import_files([("marks.xlsx", xlsx_bytes(header, rows))])
        a = res.applications
        fields = {m.column: m.field for m in res.report.mappings}
        assert fields["Follow up after phone"] == "followup_after_intro"
        assert fields["Thank you?"] == "thank_you_after_interview"
        for col in ("followup_after_apply", "followup_after_intro", "thank_you_after_interview"):
            assert a[col].notna().all(), col
        rates = followup_rates(resolve(a, dt.date(2026, 3, 1)))
        assert rates["tracked"].tolist() == [True, True, True]


# --------------------------------------------------------------------------- step-named headers
class TestStepNamedFollowUpHeaders:
    @pytest.mark.parametrize(
        "header",
        [
            "Follow up after phone",
            "Follow-up after phone screen",
            "Followed up after screen?",
            "Follow up after recruiter call",
            "Follow up after HR",
            "Thank you after phone call",
            "Nachgefasst nach Telefonat",
            "电话后跟进",
        ],
    )
    def test_after_the_intro_call(self, header):
        assert guess_field(header).field == "followup_after_intro"

    @pytest.mark.parametrize(
        "header",
        [
            "Follow up after interview",
            "Follow-up after onsite",
            "Followed up after final round?",
            "Nachfassen nach Vorstellungsgespräch",
            "面试后跟进",
            "Thank you?",
            "Thank-you note sent",
        ],
    )
    def test_after_the_interview(self, header):
        assert guess_field(header).field == "thank_you_after_interview"

    @pytest.mark.parametrize(
        "header", ["Followed up?", "Follow up", "Follow up after applying", "跟进", "Nachgefasst"]
    )
    def test_plain_follow_up_is_after_applying(self, header):
        assert guess_field(header).field == "followup_after_apply"

    def test_a_step_named_column_is_not_merged_into_after_applying(self):
        header = ["Company", "Status", "Followed up?", "Follow up after phone"]
        rows = [["A", "Phone screen", None, "✓"], ["B", "Applied", "yes", None]]
        a = import_files([("s.csv", csv_bytes(header, rows))]).applications
        assert a["followup_after_apply"].tolist() == [False, True]
        assert a["followup_after_intro"].tolist() == [True, False]


# --------------------------------------------------------------------------- status "follow up"
class TestStatusColumnSayingFollowUp:
    @pytest.mark.parametrize(
        "word", ["follow_up", "Followed up", "Follow-up sent", "nachgefasst", "relancé"]
    )
    def test_that_row_was_followed_up_and_the_others_are_unknown(self, word):
        rows = [["A", word], ["B", "applied"], ["C", "rejected"]]
        a = import_files([("s.csv", csv_bytes(["Company", "Status"], rows))]).applications
        flags = a["followup_after_apply"]
        assert bool(flags.iloc[0])
        assert flags.iloc[1:].isna().all()

    @pytest.mark.parametrize("word", ["Needs follow up", "to follow up", "follow up due"])
    def test_a_follow_up_still_to_do_is_not_one_made(self, word):
        rows = [["A", word], ["B", "applied"]]
        a = import_files([("s.csv", csv_bytes(["Company", "Status"], rows))]).applications
        assert a["followup_after_apply"].isna().all()

    def test_a_real_flag_column_still_decides_the_other_rows(self):
        rows = [["A", "follow_up", None], ["B", "applied", "no"], ["C", "applied", "yes"]]
        a = import_files(
            [("s.csv", csv_bytes(["Company", "Status", "Followed up?"], rows))]
        ).applications
        assert a["followup_after_apply"].tolist() == [True, False, True]


# --------------------------------------------------------------------------- later stage
class TestLaterStageImpliesApplied:
    @pytest.mark.parametrize("word", ["not complete", "wishlist", "saved", "not submitted"])
    def test_progress_column_at_interview(self, word):
        rows = [["A", "interview", word], ["B", "application", word]]
        res = import_files(
            [("p.csv", csv_bytes(["company", "application_progress", "status"], rows))]
        )
        a = res.applications
        assert a["company"].tolist() == ["A"]
        assert str(a.loc[0, "stage_reached"]) == "interview"
        assert [e.row for e in res.report.excluded] == [3]

    def test_an_interview_date(self):
        rows = [["A", "Wishlist", "2026-02-01"], ["B", "Wishlist", None]]
        res = import_files([("d.csv", csv_bytes(["Company", "Status", "Interview date"], rows))])
        assert res.applications["company"].tolist() == ["A"]
        assert res.report.rows_excluded == 1

    def test_an_offer_flag(self):
        rows = [["A", "Not started", "yes"], ["B", "Not started", None]]
        res = import_files([("o.csv", csv_bytes(["Company", "Status", "Offer"], rows))])
        assert res.applications["company"].tolist() == ["A"]
        assert str(res.applications.loc[0, "stage_reached"]) == "offer"


# --------------------------------------------------------------------------- month-only dates
class TestMonthOnlyDates:
    @pytest.mark.parametrize("month", ["2025-08", "08/2025", "Aug 2025", "August 2025"])
    def test_precision_is_kept_and_counted(self, month):
        rows = [["A", month], ["B", "2025-08-13"], ["C", None]]
        res = import_files([("m.csv", csv_bytes(["Company", "Date applied"], rows))])
        a = res.applications
        assert a["date_precision"].tolist()[:2] == ["month", "day"]
        assert pd.isna(a["date_precision"].iloc[2])
        assert res.report.month_only_dates == 1
        assert any("only to the month" in w for w in res.report.warnings)
        # the month is kept for month-level views
        assert a.loc[0, "applied_on"].strftime("%Y-%m") == "2025-08"

    def test_month_only_rows_are_never_placed_on_a_week(self):
        rows = [["A", "2025-08", "yes"]] * 5 + [["B", "2025-08-13", "no"]]
        a = import_files(
            [("m.csv", csv_bytes(["Company", "Date applied", "Followed up"], rows))]
        ).applications
        weekly = weekly_activity(resolve(a, dt.date(2025, 9, 1)))
        assert weekly["applications"].sum() == 1  # only the day-dated row
        assert weekly["followups"].sum() == 0
        assert weekly["week_start"].tolist() == [pd.Timestamp("2025-08-11")]


# --------------------------------------------------------------------------- sources
class TestSources:
    @pytest.mark.parametrize(
        "word",
        [
            "Greenhouse",
            "Lever",
            "Workday",
            "SmartRecruiters",
            "Ashby",
            "iCIMS",
            "Taleo",
            "boards.greenhouse.io",
            "jobs.lever.co",
            "myworkdayjobs.com",
            "Greenhouse job board",
        ],
    )
    def test_applicant_tracking_systems_are_the_company_site(self, word):
        assert vocab.source_value(word) == "company site"

    @pytest.mark.parametrize(
        "word",
        [
            "Dice",
            "Indeed",
            "Glassdoor",
            "Monster",
            "ZipRecruiter",
            "StepStone",
            "Xing",
            "Welcome to the Jungle",
            "Otta",
            "Jobs board",
        ],
    )
    def test_job_boards(self, word):
        assert vocab.source_value(word) == "job board"

    def test_a_source_column_mixing_both(self):
        rows = [["A", "Dice"], ["B", "Greenhouse"], ["C", "Indeed"], ["D", "Lever"]]
        a = import_files([("s.csv", csv_bytes(["Company", "Source"], rows))]).applications
        assert a["source"].astype(str).tolist() == [
            "job board",
            "company site",
            "job board",
            "company site",
        ]


# --------------------------------------------------------------------------- unreadable values
class TestUnreadableValuesAreReported:
    def test_follow_up_column_with_unknown_marks(self):
        rows = [["A", "★"], ["B", "★"], ["C", "maybe"], ["D", "yes"], ["E", None]]
        res = import_files([("u.csv", csv_bytes(["Company", "Followed up?"], rows))])
        (u,) = unread_for(res.report, "Followed up?")
        assert u.cells == 3 and u.examples == (("★", 2), ("maybe", 1))
        assert u.field == "followup_after_apply"
        assert "Followed up?" in u.sentence() and "'★' ×2" in u.sentence()
        # the column is tracked, never "not tracked"
        assert res.applications["followup_after_apply"].notna().all()

    def test_examples_are_at_most_five_most_frequent_first(self):
        words = ["w1"] * 6 + ["w2"] * 5 + ["w3"] * 4 + ["w4"] * 3 + ["w5"] * 2 + ["w6"]
        rows = [[f"C{i}", w] for i, w in enumerate(words)]
        res = import_files([("u.csv", csv_bytes(["Company", "Thank you?"], rows))])
        (u,) = unread_for(res.report, "Thank you?")
        assert u.cells == len(words)
        assert u.examples == (("w1", 6), ("w2", 5), ("w3", 4), ("w4", 3), ("w5", 2))

    def test_unreadable_dates(self):
        rows = [["A", "soon"], ["B", "soon"], ["C", "2026-01-05"], ["D", "last week"]]
        res = import_files([("d.csv", csv_bytes(["Company", "Date applied"], rows))])
        (u,) = unread_for(res.report, "Date applied")
        assert u.cells == 3 and u.examples[0] == ("soon", 2)
        assert "left empty" in u.assumed

    def test_excel_serials_blanked_in_a_text_column_are_reported(self):
        # most cells are not dates, so the one serial number is not read as a date: said
        rows = [["A", "asap"], ["B", "asap"], ["C", "later"], ["D", 46000]]
        res = import_files([("s.xlsx", xlsx_bytes(["Company", "Date applied"], rows))])
        (u,) = unread_for(res.report, "Date applied")
        assert ("46000", 1) in u.examples
        assert u.cells == 4

    def test_unknown_status_words(self):
        rows = [["A", "purple"], ["B", "purple"], ["C", "Rejected"]]
        res = import_files([("s.csv", csv_bytes(["Company", "Status"], rows))])
        (u,) = unread_for(res.report, "Status")
        assert u.examples == (("purple", 2),) and "pending" in u.assumed


class TestUnknownWordsInAnUnknownColumn:
    """A column of a few repeated words under a header the importer does not know (a
    language it does not speak): when nothing else in the table says how applications
    went, it is reported as the likely status; two words, as a likely yes/no follow-up."""

    POLISH = csv_bytes(
        ["Firma", "Data aplikacji", "Etap rekrutacji", "Przypomnienie"],
        [
            ["A", "2026-03-01", "Odrzucono", "tak"],
            ["B", "2026-03-02", "Rozmowa", "nie"],
            ["C", "2026-03-03", "Odrzucono", "tak"],
            ["D", "2026-03-04", "Brak odpowiedzi", "nie"],
            ["E", "2026-03-05", "Oferta", "tak"],
            ["F", "2026-03-06", "Brak odpowiedzi", "nie"],
            ["G", "2026-03-07", "Odrzucono", "nie"],
        ],
    )

    def test_reported_with_examples_as_the_likely_status(self):
        rep = import_files([("pl.csv", self.POLISH)]).report
        (u,) = unread_for(rep, "Etap rekrutacji")
        assert u.field == "status" and u.cells == 7
        assert u.examples == (
            ("Odrzucono", 3),
            ("Brak odpowiedzi", 2),
            ("Rozmowa", 1),
            ("Oferta", 1),
        )
        assert u.assumed.startswith("not read") and "status" in u.assumed
        (yn,) = unread_for(rep, "Przypomnienie")
        assert yn.field == "followup_after_apply" and yn.examples == (("nie", 4), ("tak", 3))
        assert u.column_left_out and yn.column_left_out

    def test_a_read_column_with_some_unknown_words_is_not_a_left_out_one(self):
        log = csv_bytes(
            ["Company", "Applied", "Status"],
            [["A", "2026-03-01", "Rejected"], ["B", "2026-03-02", "Zorblax"]],
        )
        rep = import_files([("en.csv", log)]).report
        (u,) = unread_for(rep, "Status")
        assert u.field == "status" and not u.column_left_out

    def test_meanings_given_to_its_words_make_it_the_status(self):
        values = {"Odrzucono": "rejected", "Rozmowa": "interview", "Oferta": "offer"}
        values["Brak odpowiedzi"] = "ghosted"
        res = import_files([("pl.csv", self.POLISH)], values=values)
        fields = {m.column: m.field for m in res.report.mappings}
        assert fields["Etap rekrutacji"] == "status"
        a = res.applications
        assert a["outcome"].astype(str).tolist()[:5] == [
            "rejected",
            "pending",
            "rejected",
            "ghosted",
            "offer",
        ]
        assert unread_for(res.report, "Etap rekrutacji") == []

    def test_fewer_meanings_than_the_threshold_leave_it_unread(self):
        res = import_files([("pl.csv", self.POLISH)], values={"Oferta": "offer"})
        assert {m.column: m.field for m in res.report.mappings}["Etap rekrutacji"] == "ignore"

    def test_the_yes_no_column_is_read_once_mapped_and_its_words_given(self):
        res = import_files(
            [("pl.csv", self.POLISH)],
            mapping={"Przypomnienie": "followup_after_apply"},
            values={"tak": "yes", "nie": "no"},
        )
        flags = res.applications["followup_after_apply"].tolist()
        assert flags == [True, False, True, False, True, False, False]

    def test_not_reported_when_the_table_already_records_answers_and_follow_ups(self):
        log = csv_bytes(
            ["Company", "Status", "Followed up?", "Arbeitsmodell"],
            [["A", "Rejected", "yes", w] for w in ["Remote", "Hybrid", "Remote", "Onsite-ish"]]
            + [["B", "Applied", "no", w] for w in ["Hybrid", "Remote", "Hybrid"]],
        )
        assert import_files([("ok.csv", log)]).report.unread == []

    def test_a_column_known_by_its_header_is_never_taken_for_a_status(self):
        log = csv_bytes(
            ["Company", "Date applied", "Location"],
            [[f"C{i}", "2026-03-01", "London" if i % 3 else "Paris"] for i in range(9)],
        )
        assert import_files([("loc.csv", log)]).report.unread == []


class TestWordsAndMarksInDateColumns:
    """Columns named as dates that people fill with something else."""

    @pytest.mark.parametrize("header", ["Follow-up date", "Followed up on", "Follow up sent on"])
    def test_yes_no_in_a_follow_up_date_column_says_whether_you_followed_up(self, header):
        rows = [["A", "2026-03-01", "Yes"], ["B", "2026-03-02", "No"]]
        rows += [["C", "2026-03-03", "2026-03-09"], ["D", "2026-03-04", None]]
        res = import_files([("f.csv", csv_bytes(["Company", "Applied", header], rows))])
        a = res.applications
        assert a["followup_after_apply"].tolist() == [True, False, True, False]
        assert a["followup_after_apply_on"].isna().tolist() == [True, True, False, True]
        assert unread_for(res.report, header) == []

    @pytest.mark.parametrize(
        "header", ["Heard back?", "Response date", "Got response (Y/N)", "Replied?"]
    )
    def test_yes_no_in_a_response_column_says_whether_they_answered(self, header):
        rows = [["A", "2026-03-01", "Yes"], ["B", "2026-03-02", "No"], ["C", "2026-03-03", "y"]]
        rows += [["D", "2026-03-04", "2026-03-20"], ["E", "2026-03-05", None]]
        rows += [["F", "2026-03-06", "✓"]]
        res = import_files([("r.csv", csv_bytes(["Company", "Applied", header], rows))])
        a = res.applications
        assert a["responded"].tolist() == [True, False, True, pd.NA, pd.NA, True]
        assert a["responded_on"].notna().tolist() == [False, False, False, True, False, False]
        assert unread_for(res.report, header) == []

    @pytest.mark.parametrize("header", ["Date closed", "Outcome date"])
    def test_yes_no_in_an_outcome_date_column_is_reported_not_dropped(self, header):
        rows = [["A", "2026-03-01", "Yes"], ["B", "2026-03-02", "No"], ["C", "2026-03-03", "y"]]
        res = import_files([("r.csv", csv_bytes(["Company", "Applied", header], rows))])
        (u,) = unread_for(res.report, header)
        assert u.cells == 3 and u.examples == (("Yes", 1), ("No", 1), ("y", 1))
        assert "not a date" in u.assumed
        assert res.applications["responded"].isna().all()

    @pytest.mark.parametrize("header", ["Response", "Reply", "Decision date"])
    def test_status_words_under_an_answer_date_header_are_read_as_words(self, header):
        words = ["Rejection email", "Interview invite", "None", "Phone screen scheduled"]
        rows = [[f"C{i}", "2026-03-01", w] for i, w in enumerate(words)]
        res = import_files([("w.csv", csv_bytes(["Company", "Applied", header], rows))])
        a = res.applications
        assert a["outcome"].astype(str).tolist()[:2] == ["rejected", "pending"]
        assert a["stage_reached"].astype(str).tolist() == [
            "applied",
            "interview",
            "applied",
            "intro_call",
        ]
        assert unread_for(res.report, header) == []

    def test_beside_a_status_column_they_are_read_as_the_outcome(self):
        rows = [["A", "Interview", "Rejection email"], ["B", "Applied", "Rejected"]]
        rows += [["C", "Applied", "Offer!"]]
        res = import_files([("o.csv", csv_bytes(["Company", "Status", "Response"], rows))])
        fields = {m.column: m.field for m in res.report.mappings}
        assert fields == {"Company": "company", "Status": "status", "Response": "outcome"}
        a = res.applications
        assert a["outcome"].astype(str).tolist() == ["rejected", "rejected", "offer"]
        assert a["stage_reached"].astype(str).tolist() == ["interview", "applied", "offer"]

    def test_real_dates_under_those_headers_stay_dates(self):
        rows = [["A", "2026-03-01", "2026-03-05"], ["B", "2026-03-02", "Rejected 2026-03-09"]]
        rows += [["C", "2026-03-02", "2026-03-08"]]
        res = import_files([("d.csv", csv_bytes(["Company", "Applied", "Response"], rows))])
        assert {m.column: m.field for m in res.report.mappings}["Response"] == "responded_on"


class TestCopies:
    """An application counted twice makes every rate's sample look bigger than it is."""

    LOG = csv_bytes(
        ["Company", "Role", "Applied", "Status"],
        [["A", "Dev", "2026-03-01", "Rejected"], ["B", "Dev", "2026-03-02", "Applied"]],
    )

    def test_the_same_file_uploaded_twice_is_read_once_and_said(self):
        res = import_files([("log.csv", self.LOG), ("log (1).csv", self.LOG)])
        assert len(res.applications) == 2
        assert res.report.rows_read == 2 and res.report.excluded == []
        assert "log (1).csv is the same file as log.csv (identical content): read once" in (
            res.report.warnings
        )
        assert res.report.files == ["log.csv", "log (1).csv"]

    def test_in_presenter_mode_the_copy_is_not_named(self):
        from analysis.anonymise import anonymise_result

        res = import_files([("zelda.csv", self.LOG), ("zelda (1).csv", self.LOG)])
        said = " ".join(anonymise_result(res, salt="t").report.warnings)
        assert "zelda" not in said and "same file" in said

    @pytest.mark.parametrize("dated", [True, False])
    def test_rows_the_same_in_every_cell_are_each_counted_and_said(self, dated):
        # a copy pasted twice, or two postings with one title: the person decides
        day = "2026-03-01" if dated else ""
        rows = [["A", "Dev", day, "Rejected"], ["B", "Dev", day, "Applied"]]
        rows += [["A", "Dev", day, "Rejected"], ["A", "Dev", day, "Rejected"]]
        res = import_files([("p.csv", csv_bytes(["Company", "Role", "Applied", "Status"], rows))])
        assert len(res.applications) == 4 and res.report.excluded == []
        (said,) = [w for w in res.report.warnings if "same as an earlier row" in w]
        assert "2 row(s)" in said and "row 4 = row 2, row 5 = row 2" in said
        assert "if one is a copy (pasted twice), delete it" in said

    def test_rows_that_differ_in_any_cell_are_not_called_repeats(self):
        rows = [["A", "Dev", "2026-03-01", "https://a.example/1"]]
        rows += [["A", "Dev", "2026-03-01", "https://a.example/2"]]
        res = import_files([("d.csv", csv_bytes(["Company", "Role", "Applied", "Link"], rows))])
        assert len(res.applications) == 2 and res.report.excluded == []
        assert not [w for w in res.report.warnings if "same as an earlier row" in w]

    def test_a_workshop_where_two_people_log_the_same_row_keeps_both(self):
        row = [["Acme", "Dev", "2026-03-01", "Applied"]]
        files = [
            ("ana.csv", csv_bytes(["Company", "Role", "Applied", "Status"], row + [["B"] * 4])),
            ("ben.csv", csv_bytes(["Company", "Role", "Applied", "Status"], row)),
        ]
        res = import_files(files, participants_from="file")
        assert sorted(res.applications["participant"].astype(str)) == ["ana", "ana", "ben"]

    @settings(max_examples=80, deadline=None)
    @given(
        st.lists(
            st.tuples(st.sampled_from(["A", "B", None, " A"]), st.sampled_from(["x", "y", None])),
            min_size=0,
            max_size=14,
        ),
        st.booleans(),
    )
    def test_repeats_are_exactly_the_rows_pandas_calls_duplicated(self, cells, reuse):
        from data.normalise import _copies, _factorize
        from data.read import RawTable

        rows = pd.DataFrame(cells, columns=["Company", "Role"], dtype=object)
        nums = list(range(2, len(rows) + 2))
        table = RawTable("t.csv", None, ["Company", "Role"], rows, nums, 1, None, None)
        known = {0: _factorize(rows["Company"])[0]} if reuse else None
        got = _copies(table, known)
        expected = rows.fillna("<blank>").duplicated().to_numpy()
        assert ((got >= 0) == expected).all()
        for i in map(int, (got >= 0).nonzero()[0]):  # points at the row's first occurrence
            j = int(got[i])
            assert j < i and rows.iloc[j].equals(rows.iloc[i])
            assert not any(rows.iloc[k].equals(rows.iloc[i]) for k in range(j))


# --------------------------------------------------------------------------- the property
_CELLS = st.one_of(
    st.sampled_from(
        ["✓", "✔", "☑", "✗", "x", "X", "•", "★", "♥", "-", "", "yes", "no", "?", "☐", "➕"]
    ),
    st.text(alphabet=st.characters(categories=["So", "Sm", "Po", "Pd"]), min_size=1, max_size=2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CELLS, min_size=1, max_size=12))
def test_a_column_of_random_marks_is_read_or_reported(cells):
    cells = [c.replace(",", "").replace('"', "").replace("\n", "") for c in cells]
    rows = [[f"C{i}", c] for i, c in enumerate(cells)]
    res = import_files([("r.csv", csv_bytes(["Company", "Followed up?"], rows))])
    flags = res.applications["followup_after_apply"]
    assert res.report.rows_read == res.report.rows_analysed + res.report.rows_excluded
    assert len(flags) == len(cells)
    filled = [c for c in cells if not vocab.is_blank_word(c)]
    not_read = [c for c in filled if vocab.yes_no_value(c) is None]
    reported = sum(u.cells for u in unread_for(res.report, "Followed up?"))
    assert reported == len(not_read)
    if filled:  # something is in the column: it is tracked, never "not tracked"
        assert flags.notna().all()
    for c, f in zip(cells, flags, strict=True):
        meaning = vocab.yes_no_value(c) if not vocab.is_blank_word(c) else None
        if meaning is not None:
            assert bool(f) is meaning


# --------------------------------------------------------------------------- value mapping
class TestValueMapping:
    LOG = csv_bytes(
        ["Company", "Followed up?", "Status"],
        [["A", "★", "purple"], ["B", None, "Rejected"], ["C", " ★ ", "Purple"]],
    )

    def test_mapped_values_are_read_and_no_longer_reported(self):
        res = import_files([("v.csv", self.LOG)], values={"★": "yes", "purple": "interview"})
        a = res.applications
        assert res.report.unread == []
        assert a["followup_after_apply"].tolist() == [True, False, True]
        assert a["stage_reached"].astype(str).tolist() == ["interview", "applied", "interview"]

    @pytest.mark.parametrize(
        ("meaning", "outcome"),
        [("rejected", "rejected"), ("ghosted", "ghosted"), ("offer", "offer")],
    )
    def test_status_meanings(self, meaning, outcome):
        a = import_files([("v.csv", self.LOG)], values={"purple": meaning}).applications
        assert a.loc[0, "outcome"] == outcome

    def test_a_company_named_like_a_mapped_word_is_untouched(self):
        log = csv_bytes(["Company", "Status"], [["purple", "purple"]])
        a = import_files([("v.csv", log)], values={"purple": "rejected"}).applications
        assert a.loc[0, "company"] == "purple" and a.loc[0, "outcome"] == "rejected"

    def test_an_unknown_meaning_is_one_clear_error(self):
        from data.schema import InputError

        with pytest.raises(InputError, match="unknown meaning"):
            import_files([("v.csv", self.LOG)], values={"★": "perhaps"})


# --------------------------------------------------------------------------- very wide tables
class TestVeryWideTables:
    @staticmethod
    def wide(ncol: int, name: str = "a_column_whose_header_says_nothing_{:05d}") -> bytes:
        header = ["Company", "Date applied"] + [name.format(i) for i in range(ncol - 2)]
        rows = [
            ",".join(
                ["Acme", "2026-01-05"] + ["x" if (i + j) % 3 else "1" for i in range(ncol - 2)]
            )
            for j in range(3)
        ]
        return ("\n".join([",".join(header)] + rows) + "\n").encode()

    def test_a_header_longer_than_the_sample_keeps_every_column(self):
        data = self.wide(3000)
        assert len(data.split(b"\n")[0]) > 65536  # longer than the sniffed sample
        res = import_files([("wide.csv", data)])
        assert len(res.report.mappings) == 3000
        assert res.report.rows_read == 3 and len(res.applications) == 3

    def test_columns_beyond_the_content_limit_are_reported_not_dropped(self):
        from data.columns import CONTENT_COLUMNS

        res = import_files([("wide.csv", self.wide(3000))])
        silent = 3000 - 2
        assert len(res.report.columns_not_examined) == silent - CONTENT_COLUMNS
        (warning,) = [w for w in res.report.warnings if "not examined" in w]
        assert f"{silent - CONTENT_COLUMNS:,} columns" in warning

    def test_more_cells_than_a_spreadsheet_holds_is_one_clear_message(self):
        from data.schema import InputError

        # the pre-read guard (data/guard.py) refuses it before parsing, naming file and limit
        with pytest.raises(InputError, match=r"wide\.csv.*16,500 cells.*16,384 columns"):
            import_files([("wide.csv", self.wide(16_500, "c{}"))])


def test_each_column_mapping_carries_its_first_values_and_anonymising_drops_them():
    from analysis.anonymise import anonymise_result

    long = "x" * 60
    rows = [["Acme", "Dev", long], ["Acme", "Dev", "b"], ["Beta", None, "c"], ["Cog", "QA", "d"]]
    res = import_files([("s.csv", csv_bytes(["Company", "Role", "Misc"], rows))])
    ex = {m.column: m.examples for m in res.report.mappings}
    assert ex["Company"] == ("Acme", "Beta", "Cog")
    assert ex["Role"] == ("Dev", "QA")
    assert ex["Misc"][0] == "x" * 39 + "…" and len(ex["Misc"]) == 3
    anon = anonymise_result(res, salt="t").report
    assert all(m.examples == () for m in anon.mappings)
