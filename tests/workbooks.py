"""Workbooks with things openpyxl drops when it saves (text boxes, sparklines, Excel 2010
extensions, extra parts), built in memory for the write-back tests (never committed)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

_TEXT_BOX = (
    # Excel's own prefix (xdr:), declared here; openpyxl's drawing uses the default namespace
    b'<xdr:twoCellAnchor xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
    b'spreadsheetDrawing"><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff>'
    b"<xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col>"
    b"<xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
    b'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="9" name="TextBox 1"/>'
    b'<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/>'
    b'<a:ext cx="1000000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
    b"</a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>"
    b"<a:t>How to use this tracker</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/>"
    b"</xdr:twoCellAnchor>"
)
_SPARKLINES = (
    b'<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    b"<x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>Jobs!B2:B4</xm:f>"
    b"<xm:sqref>E2</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup>"
    b"</x14:sparklineGroups></ext></extLst>"
)


def book_with_extras(
    text_box: bool, sparklines: bool, sheet_ext: bytes = b"", part: str = ""
) -> bytes:
    """A log sheet with a chart and a picture beside it (both kept), and optionally a text
    box in the drawing and sparklines on the sheet, written into the XML as Excel does."""
    import zipfile

    from openpyxl.chart import BarChart, Reference
    from openpyxl.drawing.image import Image as XLImage
    from PIL import Image

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Jobs"
    ws.append(["Company", "Date Applied", "Status"])
    for i in range(3):
        ws.append([f"Company {i}", dt.date(2026, 1, i + 1), "Applied"])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=4))
    ws.add_chart(chart, "G2")
    png = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(png, "PNG")
    png.seek(0)
    ws.add_image(XLImage(png), "G20")
    buf = io.BytesIO()
    wb.save(buf)
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            xml = src.read(name)
            if text_box and name == "xl/drawings/drawing1.xml":
                xml = xml.replace(b"</wsDr>", _TEXT_BOX + b"</wsDr>")
            if sparklines and name == "xl/worksheets/sheet1.xml":
                xml = xml.replace(b"</worksheet>", _SPARKLINES + b"</worksheet>")
            if sheet_ext and name == "xl/worksheets/sheet1.xml":
                xml = xml.replace(b"</worksheet>", sheet_ext + b"</worksheet>")
            z.writestr(name, xml)
        if part:
            z.writestr(part, b'<?xml version="1.0" encoding="UTF-8"?><x/>')
    return out.getvalue()
