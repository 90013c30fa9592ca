"""Presenter mode: every page, from a cohort with known names, shows none of them.

The whole rendered page is searched: every element's protobuf (text, tables, metrics, widget
labels and options, Plotly figure JSON with its hover data), the sidebar, and the bytes of
every download the page offers (captured where Streamlit marshals them, deferred ones
generated as a click would).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.named_cohort import WORKBOOK, cohort_files, leaks, readable

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def pages() -> list[str]:
    """Every page the app navigates to (ui.navigation's list, so new pages are covered;
    :func:`test_every_page_file_is_searched` checks the list is whole)."""
    from ui.navigation import PAGES, WORKSHOP_PAGES

    return [path for path, _, _ in (*PAGES, *WORKSHOP_PAGES)]


def test_every_page_file_is_searched():
    assert sorted(pages()) == sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))
    assert pages()[0] == "pages/my_followup.py"  # the default page, opened first


def _texts_of_download(data: object) -> str:
    if callable(data):
        data = data()
    if isinstance(data, str):
        return data
    if hasattr(data, "read"):
        data = data.read()
    return readable(bytes(data))  # type: ignore[arg-type]


@pytest.fixture()
def downloads(monkeypatch):
    """Capture the data of every download button the app creates."""
    from streamlit.elements.widgets import button

    seen: list[tuple[str | None, str]] = []
    original = button.marshall_file

    def capture(coordinates, data, proto, mimetype, file_name=None, **kw):
        seen.append((file_name, _texts_of_download(data)))
        return original(coordinates, data, proto, mimetype, file_name, **kw)

    monkeypatch.setattr(button, "marshall_file", capture)
    return seen


def _all_text(at: AppTest) -> str:
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        if getattr(node, "type", None) == "arrow_data_frame":
            out.append(node.value.to_csv())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


@pytest.fixture(scope="module")
def files() -> list[tuple[str, bytes]]:
    return cohort_files()


def test_the_cohort_really_has_the_names(files):
    """Without presenter mode the names are on the pages (so the search below can fail)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["ft_uploads"] = files
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    at.switch_page("pages/import_check.py").run()
    assert not at.exception
    found = leaks(_all_text(at))
    assert "Xylophonics" in found and WORKBOOK in found


@pytest.mark.parametrize("page", pages())
def test_presenter_mode_page_shows_no_name(files, downloads, page):
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["ft_uploads"] = files
    at.session_state["ft_presenter"] = True
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    if page != pages()[0]:
        at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
    text = _all_text(at)
    assert "P01" in text and "P03" in text, "participants are shown by code"
    assert leaks(text) == [], page
    for name, data in downloads:
        assert leaks(f"{name}\n{data}") == [], f"download {name} on {page}"
