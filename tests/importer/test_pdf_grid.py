"""pdf.py on hand-built PDFs: a table printed without rules is read from word positions."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

from budgetlint.importer.pdf import read_pdf  # noqa: E402


def _pdf(runs: list[tuple[float, float, str]]) -> bytes:
    """One page (612 × 792) with Helvetica 10 text runs at (x, y from the top, text)."""
    stream = b"".join(
        b"BT /F1 10 Tf %.1f %.1f Td (%s) Tj ET\n" % (x, 792 - y, text.encode("latin-1")) for x, y, text in runs
    )
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_an_unruled_table_is_read_from_word_positions(tmp_path: Path) -> None:
    # amounts right-aligned at x = 400 and 500; a header printed across both amount columns spans them (a
    # header word sits over the columns it physically covers: no rule says more without ruling lines)
    def right(x: float, y: float, text: str) -> tuple[float, float, str]:
        return (x - 5.56 * len(text), y, text)  # Helvetica digits are 5.56 points wide at 10 pt

    source = tmp_path / "t.pdf"
    source.write_bytes(_pdf([
        (60, 60, "Budget table"),
        (60, 90, "Item"), (356, 90, "Expenditure of this year, yuan"),
        (60, 105, "Code"), (120, 105, "Name"), (370, 105, "Total"), (470, 105, "Basic"),
        (60, 120, "201"), (120, 120, "Public services"), right(400, 120, "1,000.50"), right(500, 120, "600.00"),
        (60, 135, "206"), (120, 135, "Science"), right(400, 135, "500.00"), right(500, 135, "0"),
        (60, 170, "Note: an ordinary line of text after the table."),
    ]))
    (grid,) = read_pdf(source)
    assert grid.columns == (4,)
    table = [[(c.col, c.col_span, c.text) for c in row.cells] for row in grid.rows if row.table == 0]
    assert table == [
        [(0, 1, "Item"), (2, 2, "Expenditure of this year, yuan")],
        [(0, 1, "Code"), (1, 1, "Name"), (2, 1, "Total"), (3, 1, "Basic")],
        [(0, 1, "201"), (1, 1, "Public services"), (2, 1, "1,000.50"), (3, 1, "600.00")],
        [(0, 1, "206"), (1, 1, "Science"), (2, 1, "500.00"), (3, 1, "0")],
    ]
    text = [row.text for row in grid.rows if row.is_text]
    assert text == ["Budget table", "Note: an ordinary line of text after the table."]


def test_lines_of_text_without_figures_stay_text(tmp_path: Path) -> None:
    source = tmp_path / "n.pdf"
    source.write_bytes(_pdf([(60, 60, "Overview"), (60, 80, "Prepared by"), (400, 80, "Unit: yuan"),
                             (60, 100, "The department spent 12.50 in total.")]))
    (grid,) = read_pdf(source)
    assert grid.columns == () and all(row.is_text for row in grid.rows)
