"""data.guard: hostile workbooks and text refused before reading, in one line that says
which limit and how to get under it; ordinary files pass untouched."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data import guard
from data.read import read_tables
from data.schema import InputError
from tests import hostile


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(InputError) as info:
        guard.check_file(name, data)
    msg = str(info.value)
    assert "\n" not in msg and msg.startswith(repr(name))
    return msg


def test_far_corner_cell_is_refused_naming_the_corner_and_the_fix() -> None:
    msg = refusal("far.xlsx", hostile.far_corner_xlsx())
    assert "sheet 'Log'" in msg and "XFD1048576" in msg
    assert "17,179,869,184 cells" in msg and "delete the empty rows and columns" in msg


def test_sparse_sheet_fifty_columns_wide_is_refused() -> None:
    msg = refusal("wide.xlsx", hostile.sparse_wide_xlsx(50))
    assert "AX1048576" in msg and f"{50 * 1_048_576:,} cells" in msg


def test_used_range_just_under_the_limit_passes() -> None:
    # 19 columns x 1,048,576 rows = 19.9 M cells < 20 M
    guard.check_file("ok.xlsx", hostile.sparse_wide_xlsx(19))


def test_zip_bomb_is_refused_by_its_ratio() -> None:
    msg = refusal("bomb.xlsx", hostile.zip_bomb_xlsx(200))
    assert "zip bomb" in msg and "xl/worksheets/sheet1.xml" in msg


def test_unpacked_total_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "MAX_UNPACKED_BYTES", 1000)
    msg = refusal("big.xlsx", hostile.small_log_xlsx())
    assert "unpacks to" in msg and "split the log" in msg


def test_shared_string_over_excels_cell_limit_is_refused() -> None:
    msg = refusal("long.xlsx", hostile.long_shared_string_xlsx(40_000))
    assert "32,767 characters" in msg and "shared text" in msg


def test_shared_string_at_excels_cell_limit_passes() -> None:
    guard.check_file("ok.xlsx", hostile.long_shared_string_xlsx(32_767))


def test_csv_cell_over_the_limit_and_too_many_columns_are_refused() -> None:
    assert "32,767 characters" in refusal("a.csv", b"Company,Notes\nAcme," + b"x" * 32_768)
    msg = refusal("w.csv", hostile.wide_csv(16_385))
    assert "16,385 cells" in msg and "16,384 columns" in msg


def test_ordinary_files_pass_quickly() -> None:
    t0 = time.perf_counter()
    guard.check_file("a.csv", hostile.wide_csv(16_384))
    guard.check_file("a.xlsx", hostile.small_log_xlsx())
    guard.check_file("a.xls", hostile.small_log_xls())
    guard.check_file("a.xlsx", hostile.encrypted_xlsx())
    assert time.perf_counter() - t0 < 5


def test_sheet_names_come_from_the_workbook_not_the_part_name() -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Bewerbungen 2026"
    wb.active["A1"] = "Company"
    wb.active["B1048576"] = "x"
    wb.active["XFD1"] = "y"
    buf = io.BytesIO()
    wb.save(buf)
    assert "sheet 'Bewerbungen 2026'" in refusal("real.xlsx", buf.getvalue())


def test_damaged_zip_is_left_to_the_reader() -> None:
    data = hostile.small_log_xlsx()[:300]
    guard.check_file("cut.xlsx", data)  # no guess here ...
    with pytest.raises(InputError, match="cut.xlsx"):  # ... the reader says it in one line
        read_tables("cut.xlsx", data)


def test_read_tables_runs_the_guard_first() -> None:
    with pytest.raises(InputError, match="XFD1048576"):
        read_tables("far.xlsx", hostile.far_corner_xlsx())


def test_lying_header_sizes_do_not_make_the_scan_unbounded() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b'<row r="1"><c r="A1"/></row>' * 10)
    guard.check_file("tiny.xlsx", buf.getvalue())


def test_xls_claiming_more_rows_than_an_xls_holds_is_refused() -> None:
    msg = refusal("log.csv", hostile.damaged_xls())  # named .csv: the content decides
    assert "damaged .xls" in msg and "1,048,575 rows × 16,383 columns" in msg
    guard.check_file("ok.xls", hostile.xls_far_cell())  # IV65536 is the last legal cell


def _first_long_run(text: bytes) -> int | None:
    """Reference: split at every separator and walk the pieces (plain, linear)."""
    at = 0
    for piece in re.split(rb"[,;\t|\r\n]", text):
        if len(piece) > guard.MAX_CELL_CHARS:
            return at
        at += len(piece) + 1
    return None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([0, 1, 16_383, 16_384, 16_385, 32_766, 32_767, 32_768, 40_000]),
            st.sampled_from([b",", b";", b"\t", b"|", b"\r", b"\n"]),
        ),
        max_size=5,
    )
)
def test_long_cell_found_where_splitting_at_separators_finds_it(
    cells: list[tuple[int, bytes]],
) -> None:
    """The block-wise scan finds the same first over-long run as splitting the text at
    separators, wherever runs fall relative to its blocks."""
    text = b"".join(b"a" * n + sep for n, sep in cells)
    assert guard._long_cell_at(text) == _first_long_run(text)


def test_many_cells_just_under_the_limit_pass_and_one_over_is_found() -> None:
    # 2,000 cells of 20,000 characters: every one fills a block without a separator
    text = b",".join([b"a" * 20_000] * 2_000)
    assert guard._long_cell_at(text) is None
    assert guard._long_cell_at(text + b"," + b"b" * 32_768) == len(text) + 1


def _ods_with_content(change) -> bytes:
    """The small ODS log with its content.xml changed by ``change`` (bytes -> bytes)."""
    src = zipfile.ZipFile(io.BytesIO(hostile.small_log_ods()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            z.writestr(info, change(data) if info.filename == "content.xml" else data)
    return buf.getvalue()


@pytest.mark.parametrize(
    "change",
    [
        # the fuzzer's case: a closing tag damaged; calamine then ran into the 2-minute limit
        lambda x: x.replace(b"</table:table>", b"</table:tp>rejecteable>"),
        lambda x: x[: len(x) // 2],  # cut off
        lambda x: x.replace(b"<office:body>", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><office:body>"),
    ],
    ids=["damaged closing tag", "truncated", "entity declarations"],
)
def test_an_ods_whose_sheet_xml_is_not_whole_is_refused_at_once(change) -> None:
    msg = refusal("log.ods", _ods_with_content(change))
    assert "is damaged" in msg and "save it again" in msg


def test_the_damaged_ods_ends_in_one_line_through_the_worker_in_seconds() -> None:
    from data import sandbox

    data = _ods_with_content(lambda x: x.replace(b"</table:table>", b"</table:tp>x>"))
    t0 = time.perf_counter()
    with pytest.raises(InputError, match="is damaged"):
        sandbox.import_files([("log.ods", data)])
    assert time.perf_counter() - t0 < 10
    good = sandbox.import_files([("log.ods", _ods_with_content(lambda x: x))])
    assert len(good.applications) == 3
