"""The app on the published real logs (read in place from ../shared/realworld, never copied):
My follow-up renders without an exception, shows the importer's application count, no nan."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT.parent / "shared" / "realworld"
FILES = sorted(p for p in REALWORLD.glob("*") if p.suffix.lower() in {".csv", ".xlsx", ".tsv", ".txt"}) \
    if REALWORLD.is_dir() else []

pytestmark = [pytest.mark.realworld,
              pytest.mark.skipif(not FILES, reason=f"no real logs in {REALWORLD}")]


@pytest.fixture(autouse=True, scope="module")
def _navigation_like_the_server():
    """Same AppTest 1.67 work-around as tests/ui/test_app.py (pages/ folder quirk)."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(PagesManager, "__init__", init)
        yield


@pytest.mark.parametrize("path", FILES, ids=[p.name[:50] for p in FILES])
def test_real_log_my_followup(path):
    pytest.importorskip("data.importer")
    from data import import_files

    files = [(path.name, path.read_bytes())]
    expected = len(import_files(files).applications)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["ft_uploads"] = files
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    values = {m.label: m.value for m in at.metric}
    if expected == 0:
        assert at.info  # "No applications in this view" instead of empty charts
        return
    assert values["Applications"] == f"{expected:,}"
    assert not any("nan" in v.lower() or "none" == v.lower() for v in values.values()), values
