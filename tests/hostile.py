"""Hostile and seed files for the reliability tests, built in memory (never committed).

Each builder returns ``bytes``. Big payloads are produced compressed: the 1 GB shared
string is deflated while it is written, so no gigabyte is ever held in memory.
"""

from __future__ import annotations

import io
import zipfile

_OX = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PKG = "application/vnd.openxmlformats-package.relationships+xml"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    f'<Default Extension="rels" ContentType="{_PKG}"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OX}sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OX}worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_OX}sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"
_SST_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" '
    'uniqueCount="{n}">'
)


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _book(sheet_xml: str | None, *, sst: bytes | None = None, big_parts=()) -> bytes:
    """A minimal workbook; ``big_parts``: (path, head, filler, repeat, tail) written in
    pieces so the unpacked part never sits in memory whole."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        if sheet_xml is not None:
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if sst is not None:
            z.writestr("xl/sharedStrings.xml", sst)
        for path, head, filler, repeat, tail in big_parts:
            with z.open(path, "w", force_zip64=True) as fh:
                fh.write(head)
                for _ in range(repeat):
                    fh.write(filler)
                fh.write(tail)
    return buf.getvalue()


def small_log_xlsx() -> bytes:
    """A valid three-row log (the control case)."""
    rows = [
        ("Company", "Applied", "Status"),
        ("Acme", "2026-01-05", "rejected"),
        ("Globex", "2026-01-09", "interview"),
        ("Initech", "2026-01-12", "offer"),
    ]
    xml = _SHEET_HEAD
    for i, row in enumerate(rows, start=1):
        xml += (
            f'<row r="{i}">'
            + "".join(_cell(f"{'ABC'[j]}{i}", v) for j, v in enumerate(row))
            + "</row>"
        )
    return _book(xml + _SHEET_TAIL)


def far_corner_xlsx() -> bytes:
    """Two cells, A1 and XFD1048576: a used range of 17 billion cells in ~1 KB."""
    xml = (
        _SHEET_HEAD
        + '<row r="1">'
        + _cell("A1", "Company")
        + "</row>"
        + '<row r="1048576">'
        + _cell("XFD1048576", "x")
        + "</row>"
        + _SHEET_TAIL
    )
    return _book(xml)


def sparse_wide_xlsx(columns: int = 50) -> bytes:
    """A1 and the cell ``columns`` wide on the last row: 2.2 GB in the reader at 50 wide."""
    from data.guard import _col_letters

    far = f"{_col_letters(columns)}1048576"
    xml = (
        _SHEET_HEAD
        + '<row r="1">'
        + _cell("A1", "Company")
        + _cell("B1", "Status")
        + "</row>"
        + '<row r="2">'
        + _cell("A2", "Acme")
        + _cell("B2", "open")
        + "</row>"
        + '<row r="1048576">'
        + _cell(far, "x")
        + "</row>"
        + _SHEET_TAIL
    )
    return _book(xml)


def zip_bomb_xlsx(unpacked_mb: int = 200) -> bytes:
    """A sheet that unpacks to ``unpacked_mb`` MB of blank rows from a few hundred KB."""
    filler = b"<row/>" * (1 << 17)  # 768 KiB
    repeat = unpacked_mb * (1 << 20) // len(filler)
    head = (
        _SHEET_HEAD + '<row r="1">' + _cell("A1", "Company") + _cell("B1", "Status") + "</row>"
    ).encode()
    return _book(
        None, big_parts=[("xl/worksheets/sheet1.xml", head, filler, repeat, _SHEET_TAIL.encode())]
    )


def shared_string_bomb_xlsx(unpacked_mb: int = 1100) -> bytes:
    """One shared string of ``unpacked_mb`` MB (1.1 GB by default), about 1 MB packed."""
    sheet = (
        _SHEET_HEAD
        + '<row r="1"><c r="A1" t="s"><v>0</v></c>'
        + _cell("B1", "Status")
        + "</row>"
        + _SHEET_TAIL
    )
    filler = b"a" * (1 << 20)
    head = (_SST_HEAD.format(n=1) + "<si><t>").encode()
    return _book(
        sheet, big_parts=[("xl/sharedStrings.xml", head, filler, unpacked_mb, b"</t></si></sst>")]
    )


def long_shared_string_xlsx(chars: int = 40_000) -> bytes:
    """A shared string just over Excel's cell limit, packed at a normal ratio."""
    import random

    rng = random.Random(1)
    text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(chars))
    sheet = (
        _SHEET_HEAD
        + '<row r="1"><c r="A1" t="s"><v>0</v></c>'
        + _cell("B1", "Status")
        + "</row>"
        + _SHEET_TAIL
    )
    sst = (_SST_HEAD.format(n=1) + f"<si><t>{text}</t></si></sst>").encode()
    return _book(sheet, sst=sst)


def wide_csv(columns: int = 16_384) -> bytes:
    """A CSV with ``columns`` columns and two data rows (~165 KB at 16,384)."""
    header = ",".join(f"c{j}" for j in range(columns))
    row = ",".join(str(j % 7) for j in range(columns))
    return (header + "\n" + row + "\n" + row + "\n").encode()


def small_log_xls() -> bytes:
    """A valid three-row log as a BIFF8 .xls (xlwt)."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Log")
    rows = [
        ("Company", "Applied", "Status"),
        ("Acme", "2026-01-05", "rejected"),
        ("Globex", "2026-01-09", "interview"),
        ("Initech", "2026-01-12", "offer"),
    ]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            ws.write(i, j, v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def encrypted_xlsx(password: str = "secret") -> bytes:
    """A real password-protected (ECMA-376 agile encryption, OLE container) workbook."""
    import openpyxl
    from msoffcrypto.format.ooxml import OOXMLFile

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Company", "Applied", "Status"])
    ws.append(["Acme", "2026-01-05", "rejected"])
    plain = io.BytesIO()
    wb.save(plain)
    plain.seek(0)
    out = io.BytesIO()
    OOXMLFile(plain).encrypt(password, out)
    return out.getvalue()


def damaged_xls() -> bytes:
    """A real .xls whose DIMENSIONS record claims 1M rows × 16k columns: the native reader
    asks for hundreds of GB and aborts the process (what 54 of 193 mutations did)."""
    import struct

    data = bytearray(small_log_xls())
    at = data.find(b"\x00\x02\x0e\x00")  # DIMENSIONS record, 14 bytes of payload
    assert at > 0
    struct.pack_into("<IIHH", data, at + 4, 0, 0xFFFFF, 0, 0x3FFF)
    return bytes(data)


#: The hostile files of issue 12's "done when", by upload name: the builder, and the words the
#: one-line refusal must contain (the same in the CLI and in the app).
REFUSED_FILES = {
    "far_corner.xlsx": (far_corner_xlsx, "XFD1048576"),
    "bomb.xlsx": (zip_bomb_xlsx, "zip bomb"),
    "shared_string.xlsx": (shared_string_bomb_xlsx, "unpacks to"),
    "damaged_xls.csv": (damaged_xls, "is a damaged .xls"),
    "wide.csv": (lambda: wide_csv(16_385), "16,384 columns"),
    "locked.xlsx": (encrypted_xlsx, "password-protected"),
}


def log_csv(rows: int, seed: int = 0) -> bytes:
    """An ordinary application log of ``rows`` rows (CSV)."""
    import datetime as dt
    import random

    rng = random.Random(seed)
    out = ["Company,Role,Applied,Status,Followed up?,Follow-up date"]
    statuses = ["applied", "rejected", "interview", "ghosted", "offer", "intro call"]
    start = dt.date(2025, 1, 1)
    for i in range(rows):
        day = start + dt.timedelta(days=rng.randrange(400))
        followed = rng.random() < 0.4
        fu = (day + dt.timedelta(days=7)).isoformat() if followed else ""
        out.append(
            f"Company {seed}-{i},Role {i % 37},{day.isoformat()},{rng.choice(statuses)},"
            f"{'yes' if followed else 'no'},{fu}"
        )
    return ("\n".join(out) + "\n").encode()


def descendants(root: int) -> list[int]:
    """``root`` and every process under it (Linux /proc)."""
    import os

    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of process ``pid`` and all its descendants (Linux /proc)."""
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/status", encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except (OSError, ValueError):
            continue
    return total


def run_measured(cmd: list[str], timeout: float = 60, **kw):
    """Run ``cmd``; return (CompletedProcess-like tuple (rc, out, err), seconds, peak tree RSS)."""
    import subprocess
    import time

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        if time.perf_counter() - t0 > timeout:
            proc.kill()
            break
        time.sleep(0.05)
    out, err = proc.communicate()
    return (proc.returncode, out.decode(), err.decode()), time.perf_counter() - t0, peak


def small_log_ods() -> bytes:
    """A valid three-row log as an OpenDocument spreadsheet (hand-written, minimal)."""
    rows = [
        ("Company", "Applied", "Status"),
        ("Acme", "2026-01-05", "rejected"),
        ("Globex", "2026-01-09", "interview"),
        ("Initech", "2026-01-12", "offer"),
    ]
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body>'
        f'<office:spreadsheet><table:table table:name="Log">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def xls_far_cell() -> bytes:
    """A valid-looking .xls with one cell moved to IV65536 (the last cell an .xls holds):
    the reader builds a 65,536 × 256 grid (~0.5 GB), legal but big."""
    import struct

    data = bytearray(small_log_xls())
    at = data.find(b"\xfd\x00\x0a\x00")  # the first LABELSST cell record
    assert at > 0
    struct.pack_into("<HH", data, at + 4, 0xFFFF, 0x00FF)
    return bytes(data)


def wide_log_csv(columns: int = 16_384) -> bytes:
    """A log with its usual columns first and ``columns`` columns in all (~200 KB at 16k)."""
    header = ["Company", "Applied", "Status"] + [f"x{j}" for j in range(3, columns)]
    rows = [
        ["Acme", "2026-01-05", "rejected"] + [str(j % 7) for j in range(3, columns)],
        ["Globex", "2026-01-09", "interview"] + [""] * (columns - 3),
    ]
    return ("\n".join(",".join(r) for r in [header, *rows]) + "\n").encode()
