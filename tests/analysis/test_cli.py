"""python -m analysis summary: JSON on stdout, exit 2 + one stderr line on bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import data
import data.sandbox
from analysis.cli import main, parse_mapping
from data.schema import ImportReport, ImportResult, InputError, coerce_applications

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


# ---------------------------------------------------------------- in-process, importer stubbed
def fake_result() -> ImportResult:
    apps = coerce_applications(
        pd.DataFrame(
            {
                "participant": ["p"] * 3,
                "applied_on": ["2026-06-01"] * 3,
                "stage_reached": ["interview", "applied", "applied"],
                "outcome": ["rejected", "rejected", "pending"],
                "followup_after_apply": [True, False, True],
            }
        )
    )
    return ImportResult(apps, ImportReport(files=["x.csv"], rows_read=3, rows_analysed=3))


def test_main_builds_json_with_stubbed_importer(monkeypatch, tmp_path, capsys):
    f = tmp_path / "x.csv"
    f.write_bytes(b"anything")
    seen = {}

    def fake_import(
        files,
        *,
        participants_from="auto",
        mapping=None,
        values=None,
        progress=None,
        start="forkserver",
        meanwhile=None,
    ):
        seen.update(files=files, participants_from=participants_from, mapping=mapping)
        seen.update(start=start, meanwhile=meanwhile)
        return fake_result()

    monkeypatch.setattr(data.sandbox, "import_files", fake_import)
    rc = main(
        [
            "summary",
            str(f),
            "--as-of",
            "2026-06-30",
            "--participants-from",
            "file",
            "--map",
            "Firma=company",
            "--ghost-after-days",
            "45",
        ]
    )
    out = capsys.readouterr()
    assert rc == 0 and out.err == ""
    s = json.loads(out.out)
    assert seen["files"] == [("x.csv", b"anything")]
    assert seen["participants_from"] == "file" and seen["mapping"] == {"Firma": "company"}
    # the one-shot CLI forks its worker and loads the analysis while the worker reads
    assert seen["start"] == "fork" and callable(seen["meanwhile"])
    assert s["as_of"] == "2026-06-30" and s["ghost_after_days"] == 45
    assert s["reached"] == {"applied": 3, "intro_call": 1, "interview": 1, "offer": 0}
    assert s["outcomes"]["pending"] == 1 and s["outcomes"]["rejected"] == 2
    tp = s["touchpoints"]["after_applying"]
    assert tp["with_followup"]["n"] == 1 and tp["without_followup"]["n"] == 1


def test_main_input_error_is_one_line(monkeypatch, tmp_path, capsys):
    f = tmp_path / "x.csv"
    f.write_bytes(b"")

    def boom(files, **kw):
        raise InputError("x.csv: the file is empty")

    monkeypatch.setattr(data.sandbox, "import_files", boom)
    assert main(["summary", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "x.csv" in err and "Traceback" not in err


def test_main_unexpected_importer_error_is_one_line(monkeypatch, tmp_path, capsys):
    f = tmp_path / "y.csv"
    f.write_bytes(b"a")
    monkeypatch.setattr(data.sandbox, "import_files", lambda files, **kw: 1 / 0)
    assert main(["summary", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "y.csv" in err


def test_default_as_of_is_today(monkeypatch, tmp_path, capsys):
    f = tmp_path / "x.csv"
    f.write_bytes(b"a")
    monkeypatch.setattr(data.sandbox, "import_files", lambda files, **kw: fake_result())
    assert main(["summary", str(f)]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == dt.date.today().isoformat()


def test_parse_mapping():
    assert parse_mapping(["Date Applied=applied_on", " Firma = company "]) == {
        "Date Applied": "applied_on",
        "Firma": "company",
    }
    for bad in ("nofield", "X=not_a_field", "=company"):
        with pytest.raises(ValueError):
            parse_mapping([bad])


# ---------------------------------------------------------------- subprocess, end to end
CSV = (
    b"Company,Role,Date Applied,Follow up?,Status\n"
    b"Acme,Dev,2026-05-01,yes,Interview\n"
    b"Beta,Dev,2026-05-02,no,Rejected\n"
    b"Gamma,QA,2026-06-25,,Applied\n"
)


def test_end_to_end_csv(tmp_path):
    f = tmp_path / "anna.csv"
    f.write_bytes(CSV)
    p = run("summary", str(f), "--as-of", "2026-06-30")
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    assert (
        s["rows"]["read"] == 3
        and s["rows"]["read"] == s["rows"]["analysed"] + s["rows"]["excluded"]
    )
    assert s["applications"] == 3 and s["participants"] == 1
    assert s["reached"]["applied"] == 3 and s["reached"]["interview"] == 1
    assert s["outcomes"]["rejected"] == 1
    assert s["as_of"] == "2026-06-30" and "cohort" not in s


def test_end_to_end_two_files_give_a_cohort(tmp_path):
    (tmp_path / "anna.csv").write_bytes(CSV)
    (tmp_path / "ben.csv").write_bytes(CSV + b"\n")  # the same rows, not the same file
    p = run(
        "summary", str(tmp_path / "anna.csv"), str(tmp_path / "ben.csv"), "--as-of", "2026-06-30"
    )
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    assert s["participants"] == 2 and s["applications"] == 6 and "cohort" in s


@pytest.mark.parametrize(
    "args,needle",
    [
        (["summary", "missing_file.csv"], "missing_file.csv"),
        (["summary", "{f}", "--as-of", "30/06/2026"], "--as-of"),
        (["summary", "{f}", "--map", "Company=nonsense"], "nonsense"),
        (["summary", "{f}", "--ghost-after-days", "-3"], "ghost"),
        (["summary", "{bad}"], "broken.xlsx"),
        (["summary", "{empty}"], "empty.csv"),
        (["summary"], "FILE"),
        (["summary", "{f}", "--ghost-after-days", "many"], "ghost-after-days"),
    ],
)
def test_bad_input_exit_2_one_line(tmp_path, args, needle):
    good = tmp_path / "anna.csv"
    good.write_bytes(CSV)
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    args = [a.format(f=good, bad=bad, empty=empty) for a in args]
    p = run(*args, cwd=tmp_path)
    assert p.returncode == 2
    # the failure is one line; on a loaded machine a read can pass one second, and its
    # progress line then comes first (README: progress after a second unless --quiet)
    progress = ("Reading ", data.sandbox.WAITING_FOR_READER)
    lines = [ln for ln in p.stderr.strip().splitlines() if not ln.startswith(progress)]
    assert len(lines) == 1, p.stderr
    assert needle in lines[0] and "Traceback" not in p.stderr
    assert p.stdout == ""


def test_big_output_is_compact(monkeypatch, tmp_path, capsys):
    import analysis.cli as cli

    f = tmp_path / "x.csv"
    f.write_bytes(b"a")
    monkeypatch.setattr(data.sandbox, "import_files", lambda files, **kw: fake_result())
    monkeypatch.setattr(cli, "PRETTY_MAX_CHARS", 10)
    assert main(["summary", str(f), "--as-of", "2026-06-30"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and json.loads(out)["applications"] == 3


def test_end_to_end_unreadable_file_beside_a_good_one_is_named(tmp_path):
    good = tmp_path / "anna.csv"
    good.write_bytes(CSV)
    bad = tmp_path / "scan.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a workbook")
    p = run("summary", str(good), str(bad), "--as-of", "2026-06-30")
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    assert s["applications"] == 3
    assert [f["file"] for f in s["files_failed"]] == ["scan.xlsx"]
    assert "scan.xlsx" in s["files_failed"][0]["reason"]
    warned = [ln for ln in p.stderr.splitlines() if ln.startswith("warning: not included")]
    assert len(warned) == 1 and "scan.xlsx" in warned[0]


# ---------------------------------------------------------------- --values (value mapping)
class TestValues:
    LOG = "Company,Followed up?,Status\nA,★,purple\nB,,Rejected\nC,★,purple\n"

    def test_unread_values_are_noted_on_stderr(self, tmp_path, capsys):
        f = tmp_path / "v.csv"
        f.write_text(self.LOG, encoding="utf-8")
        assert main(["summary", str(f), "--as-of", "2026-06-30", "--quiet"]) == 0
        err = capsys.readouterr().err
        assert "column 'Followed up?': 2 cells not understood ('★' ×2)" in err
        assert "column 'Status': 2 cells not understood ('purple' ×2)" in err

    def test_a_value_mapping_reads_them(self, tmp_path, capsys):
        f = tmp_path / "v.csv"
        f.write_text(self.LOG, encoding="utf-8")
        args = ["summary", str(f), "--as-of", "2026-06-30", "--quiet"]
        rc = main([*args, "--values", "★=yes", "--values", "purple=interview"])
        out = capsys.readouterr()
        assert rc == 0 and out.err == ""
        summary = json.loads(out.out)
        assert summary["reached"]["interview"] == 2

    def test_a_column_of_unknown_words_is_noted_and_read_once_its_words_are_given(
        self, tmp_path, capsys
    ):
        f = tmp_path / "pl.csv"
        f.write_text(
            "Firma,Data aplikacji,Etap rekrutacji\n"
            + "".join(
                f"C{i},2026-03-0{i + 1},{w}\n"
                for i, w in enumerate(["Odrzucono", "Rozmowa", "Odrzucono", "Oferta"] * 2)
            ),
            encoding="utf-8",
        )
        args = ["summary", str(f), "--as-of", "2026-06-30", "--quiet"]
        assert main(args) == 0
        out = capsys.readouterr()
        assert "column 'Etap rekrutacji': 8 cells not understood ('Odrzucono' ×4" in out.err
        assert "say what its words mean and it is read as the status" in out.err
        assert json.loads(out.out)["outcomes"]["rejected"] == 0
        given = ["--values", "Odrzucono=rejected", "--values", "Rozmowa=interview"]
        assert main([*args, *given, "--values", "Oferta=offer"]) == 0
        out = capsys.readouterr()
        assert out.err == ""
        summary = json.loads(out.out)
        assert summary["outcomes"]["rejected"] == 4 and summary["reached"]["interview"] == 4

    @pytest.mark.parametrize(
        ("item", "says"), [("★=perhaps", "unknown meaning"), ("★", 'expected "VALUE=MEANING"')]
    )
    def test_a_bad_value_mapping_is_one_line(self, tmp_path, capsys, item, says):
        f = tmp_path / "v.csv"
        f.write_text(self.LOG, encoding="utf-8")
        rc = main(["summary", str(f), "--values", item])
        err = capsys.readouterr().err
        assert rc == 2 and says in err and len(err.strip().splitlines()) == 1


def fixed_log() -> bytes:
    """18 applications sent in January: 8 followed up (5 reached an interview), 10 not
    (2 reached an interview); every one ended in a rejection, so every answer is known."""
    lines = ["Company,Role,Date Applied,Followed up?,Status"]
    rows = [("yes", True)] * 5 + [("yes", False)] * 3 + [("no", True)] * 2 + [("no", False)] * 8
    for i, (followed, interviewed) in enumerate(rows):
        status = "Rejected after interview" if interviewed else "Rejected"
        lines.append(f"Firm {i},Analyst,2026-01-{i + 5:02d},{followed},{status}")
    return ("\n".join(lines) + "\n").encode()


def test_summary_of_a_fixed_file_matches_hand_counts_and_the_libraries(tmp_path):
    """The whole path (worker process, hand-back, analysis) on a small file: counts as
    built above, intervals and p-value from statsmodels/scipy on those counts."""
    from scipy.stats import fisher_exact
    from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

    f = tmp_path / "fixed.csv"
    f.write_bytes(fixed_log())
    p = run("summary", str(f), "--as-of", "2026-06-30")
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    assert s["rows"] == {"read": 18, "analysed": 18, "excluded": 0}
    assert s["applications"] == 18 and s["participants"] == 1
    assert (s["reached"]["applied"], s["reached"]["intro_call"], s["reached"]["interview"]) == (
        18,
        7,
        7,
    )
    assert s["outcomes"]["rejected"] == 18 and s["outcomes"]["pending"] == 0
    tp = s["touchpoints"]["after_applying"]
    assert tp["tracked"] is True and tp["eligible"] == 18 and tp["followed_up"] == 8
    w, wo = tp["with_followup"], tp["without_followup"]
    assert (w["n"], w["advanced"], wo["n"], wo["advanced"]) == (8, 5, 10, 2)
    assert w["ci95"] == pytest.approx(list(proportion_confint(5, 8, method="wilson")))
    assert wo["ci95"] == pytest.approx(list(proportion_confint(2, 10, method="wilson")))
    dlo, dhi = confint_proportions_2indep(5, 8, 2, 10, method="newcomb")
    assert tp["difference"]["value"] == pytest.approx(5 / 8 - 2 / 10)
    assert tp["difference"]["ci95"] == [pytest.approx(dlo), pytest.approx(dhi)]
    p_fisher = fisher_exact([[5, 3], [2, 8]]).pvalue
    assert tp["p_value"] == pytest.approx(p_fisher) and p_fisher > 0.05
    assert tp["verdict"] == "no clear difference"
    assert s["touchpoints"]["after_interview"]["tracked"] is False


def test_summary_and_report_read_the_logs_with_the_same_options():
    from analysis.cli import build_parser

    shared = [
        "x.csv",
        "--as-of", "2026-01-31",
        "--ghost-after-days", "21",
        "--participants-from", "sheet",
        "--map", "Firma=company",
        "--values", "✓=yes",
        "--quiet",
    ]  # fmt: skip
    p = build_parser()
    summary = vars(p.parse_args(["summary", *shared]))
    report = vars(p.parse_args(["report", *shared, "-o", "r.html"]))
    for key in ("files", "as_of", "ghost_after_days", "participants_from", "map", "values"):
        assert summary[key] == report[key], key
    assert summary["participants_from"] == "sheet" and summary["values"] == ["✓=yes"]
    assert summary["quiet"] and report["quiet"] and report["output"] == "r.html"


@pytest.mark.parametrize("command", ["summary", "report"])
def test_an_old_log_read_as_of_today_is_said_with_the_as_of_to_use(tmp_path, command):
    """CSV's latest entry is 2026-06-25: as of today (months later) its pending applications
    are ghosted, so the CLI says so once on stderr with the --as-of that shows it as of then;
    with --as-of given, nothing is said."""
    f = tmp_path / "anna.csv"
    f.write_bytes(CSV)
    out = ["-o", str(tmp_path / "r.html")] if command == "report" else []
    today = dt.date.today()
    p = run(command, str(f), *out)
    assert p.returncode == 0, p.stderr
    notes = [ln for ln in p.stderr.splitlines() if ln.startswith("note: the log's latest")]
    assert notes == [
        f"note: the log's latest entry is from 2026-06-25, long before today "
        f"({today.isoformat()}): applications with no answer count as ghosted; add "
        "--as-of 2026-06-25 to see it as of then"
    ]
    p = run(command, str(f), "--as-of", "2026-12-01", *out)
    assert p.returncode == 0, p.stderr
    assert "latest entry" not in p.stderr


def test_the_same_file_given_twice_is_read_once_and_noted(tmp_path, capsys):
    log = "Company,Role,Applied,Status\nA,Dev,2026-03-01,Rejected\nB,Dev,2026-03-02,Applied\n"
    a, b = tmp_path / "log.csv", tmp_path / "log (1).csv"
    a.write_text(log, encoding="utf-8")
    b.write_text(log, encoding="utf-8")
    for cmd in (["summary"], ["report", "-o", str(tmp_path / "r.html")]):
        assert main([*cmd, str(a), str(b), "--as-of", "2026-06-30", "--quiet"]) == 0
        out = capsys.readouterr()
        assert out.err.splitlines() == ["note: log (1).csv is the same file as log.csv: read once"]
        if cmd == ["summary"]:
            assert json.loads(out.out)["applications"] == 2
