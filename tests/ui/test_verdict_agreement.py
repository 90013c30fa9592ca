"""One verdict everywhere: the My follow-up cards, the Workshop page and the CLI say the same
thing about every step, for the demo workshop and two published real logs.

Each of them reads ``analysis.verdict.step_verdicts`` / ``analysis.cohort.cohort_verdicts``;
this test checks that nothing on the way (page wording, CLI JSON) decides differently.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.cohort import cohort_verdicts
from analysis.outcomes import resolve
from analysis.verdict import step_verdicts
from ui.answer import SHORT_LABEL, VERDICT_HEADING, split_sentence

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT.parent / "shared" / "realworld"
SAMPLES = ROOT / "data" / "samples"
#: demo kind -> (workbook, how participants are read), as data.demo.load_demo imports it
DEMOS = {"seeker": ("demo_seeker.xlsx", "auto"), "workshop": ("demo_workshop.xlsx", "sheet")}
REAL = (
    "github_aankouni12_Job_Tracker__applications.xlsx",
    "github_NakuraMino_Recruitment_Sankey_Diagram__applications2020.csv",
)


def _cli(paths: list[Path], as_of: dt.date, participants_from: str) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "summary",
            *map(str, paths),
            "--as-of",
            as_of.isoformat(),
            "--participants-from",
            participants_from,
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(out.stdout)


def _page(
    files: list[tuple[str, bytes]] | None, demo: str | None = None
) -> tuple[AppTest, dt.date]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    if files is not None:
        at.session_state["ft_uploads"] = files
    if demo is not None:
        at.session_state["ft_demo_kind"] = demo
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    as_of = next(d.value for d in at.sidebar.date_input if d.label == "As of")
    return at, as_of


def _check(at: AppTest, as_of: dt.date, result, cli: dict) -> None:
    resolved = resolve(result.applications, as_of, ghost_after_days=30)
    verdicts = step_verdicts(resolved, windows={"after_applying": 7})
    texts = [m.value for m in at.markdown]
    for tp, v in verdicts.items():
        c = cli["touchpoints"][tp]
        assert c["verdict"] == v.verdict, tp
        assert c["finding"] == v.sentence, tp
        assert (c["with_followup"]["n"], c["without_followup"]["n"]) == (v.with_.n, v.without.n)
        assert c["design"] == v.design and c["p_holm"] == v.p_holm, tp
        if v.tracked:  # the step shows its verdict, its numbers, and what they mean
            numbers, meaning = split_sentence(v.sentence)
            assert f"**{SHORT_LABEL[tp]}: {VERDICT_HEADING[v.verdict]}.**" in texts, tp
            assert numbers in texts, tp
            assert any(meaning in c.value for c in at.caption), tp
    if cli["participants"] > 1:  # the room: the Workshop page's headline per step
        room = cohort_verdicts(resolved, windows={"after_applying": 7})
        at.switch_page("pages/workshop.py").run()
        assert not at.exception, [e.message for e in at.exception]
        texts = [m.value for m in at.markdown]
        for tp, cv in room.items():
            assert cli["cohort"]["stratified"][tp]["verdict"] == cv.verdict, tp
            assert any(f"[{cv.verdict}]" in t for t in texts), tp  # the verdict badge
            if cv.verdict != "not tracked":
                assert cv.sentence in texts, tp


@pytest.mark.parametrize("kind", sorted(DEMOS))
def test_demo_cards_room_and_cli_agree(kind):
    from data.demo import load_demo

    name, participants_from = DEMOS[kind]
    at, as_of = _page(None, demo=kind)
    result = load_demo(kind)
    cli = _cli([SAMPLES / name], as_of, participants_from)
    assert (cli["participants"] > 1) == (kind == "workshop")
    # the demos track follow-ups: the comparison is landmark-based, not unadjusted
    assert cli["touchpoints"]["after_applying"]["design"] in ("landmark", "assumed timing")
    _check(at, as_of, result, cli)


@pytest.mark.realworld
@pytest.mark.parametrize("name", REAL)
def test_real_log_cards_and_cli_agree(name):
    from data import import_files

    path = REALWORLD / name
    if not path.exists():
        pytest.skip(f"{name} not in {REALWORLD}")
    files = [(path.name, path.read_bytes())]
    at, as_of = _page(files)
    cli = _cli([path], as_of, "auto")
    _check(at, as_of, import_files(files), cli)
